package dev.drydock.checks.doc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Parses YAML (every document of a stream) and JSON into {@link Doc}s that keep line and column of every
 * key and value. Bad input is a {@link DrydockException} whose message starts with {@code file:line:}.
 *
 * <p>Alias bombs ("billion laughs") fail cleanly: at most {@link #MAX_COLLECTION_ALIASES} aliases to
 * collections, and the expanded tree may hold at most {@link #MAX_NODES} nodes.
 */
public final class Docs {
  /** Aliases to mappings or sequences allowed per stream (Kubernetes and compose files use a handful). */
  public static final int MAX_COLLECTION_ALIASES = 100;
  /** Nodes allowed in one document once aliases are expanded. */
  public static final int MAX_NODES = 1_000_000;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(500).build()).build();

  /** CloudFormation's short-form intrinsic functions ({@code !Ref}, {@code !GetAtt}, ...). */
  private static final Set<String> CFN_TAGS = Set.of("Ref", "Condition", "Base64", "Cidr", "FindInMap", "GetAtt",
      "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or",
      "ToJsonString", "Length");

  private Docs() {}

  /** How local tags ({@code !Name value}) are read. */
  public enum Tags {
    /** Keep the value, drop the tag (Kubernetes, compose). */
    IGNORE,
    /**
     * CloudFormation short forms: {@code !Ref x} becomes {@code {"Ref": "x"}}, {@code !GetAtt a.b} becomes
     * {@code {"Fn::GetAtt": ["a", "b"]}}, any other {@code !Name v} becomes {@code {"Fn::Name": v}}.
     */
    CLOUDFORMATION
  }

  /** Every document of a YAML stream (empty documents are skipped). */
  public static List<Doc> yaml(String file, String text, Tags tags) {
    LoadSettings settings = LoadSettings.builder().setUseMarks(true).setLabel(file)
        .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES).setAllowRecursiveKeys(false)
        .setCodePointLimit(Integer.MAX_VALUE).setSchema(new CoreSchema()).build();
    List<Doc> out = new ArrayList<>();
    try {
      int index = 0;
      for (Node node : new Compose(settings).composeAllFromString(text)) {
        if (node != null) {
          IdentityHashMap<Node, Long> sizes = new IdentityHashMap<>();
          if (expandedSize(node, sizes) > MAX_NODES) {
            throw new DrydockException(file + ":" + Builder.line(firstTooLarge(node, sizes)) + ": invalid YAML: more than "
                + MAX_NODES + " nodes once aliases are expanded (an alias bomb?)");
          }
          Builder b = new Builder(file, tags);
          JsonNode root = b.convert(node, "");
          out.add(new Doc(file, index, root, b.locations));
        }
        index++;
      }
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
      throw new DrydockException(file + ":" + line + ": invalid YAML: " + oneLine(e.getProblem()));
    } catch (YamlEngineException e) {
      throw new DrydockException(file + ":1: invalid YAML: " + oneLine(e.getMessage()));
    } catch (StackOverflowError e) {
      throw new DrydockException(file + ":1: invalid YAML: nested too deeply");
    }
    return out;
  }

  /** One JSON document. */
  public static Doc json(String file, String text) {
    Map<String, Loc> locations = new HashMap<>();
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() == null) {
        throw new DrydockException(file + ":1: empty JSON document");
      }
      JsonNode root = readJson(p, "", locations, new int[] {0});
      if (p.nextToken() != null) {
        JsonLocation l = p.currentTokenLocation();
        throw new DrydockException(file + ":" + l.getLineNr() + ": invalid JSON: content after the document");
      }
      return new Doc(file, 0, root, locations);
    } catch (DrydockException e) {
      if (e.getMessage().startsWith("more than")) {
        throw new DrydockException(file + ":" + l(locations) + ": invalid JSON: " + e.getMessage());
      }
      throw e;
    } catch (JsonParseException e) {
      JsonLocation l = e.getLocation();
      throw new DrydockException(file + ":" + (l == null ? 1 : Math.max(1, l.getLineNr())) + ": invalid JSON: "
          + oneLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new DrydockException(file + ":1: invalid JSON: " + oneLine(e.getMessage()));
    }
  }

  /** JSON if the text starts with '{' or '[' (after whitespace), else YAML. */
  public static List<Doc> parse(String file, String text, Tags tags) {
    String t = text.stripLeading();
    if (t.startsWith("{") || t.startsWith("[")) {
      return List.of(json(file, text));
    }
    return yaml(file, text, tags);
  }

  private static JsonNode readJson(JsonParser p, String pointer, Map<String, Loc> locations, int[] count)
      throws IOException {
    JsonLocation l = p.currentTokenLocation();
    locations.put(pointer, new Loc(l.getLineNr(), l.getColumnNr()));
    if (++count[0] > MAX_NODES) {
      throw new DrydockException("more than " + MAX_NODES + " nodes");
    }
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        ObjectNode obj = F.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          String child = Doc.child(pointer, name);
          JsonLocation k = p.currentTokenLocation();
          locations.put(child + "#key", new Loc(k.getLineNr(), k.getColumnNr()));
          p.nextToken();
          obj.set(name, readJson(p, child, locations, count));
        }
        return obj;
      }
      case START_ARRAY -> {
        ArrayNode arr = F.arrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          arr.add(readJson(p, Doc.child(pointer, i++), locations, count));
        }
        return arr;
      }
      case VALUE_STRING -> {
        return F.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return F.numberNode(p.getBigIntegerValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return F.numberNode(p.getDecimalValue());
      }
      case VALUE_TRUE -> {
        return F.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return F.booleanNode(false);
      }
      default -> {
        return F.nullNode();
      }
    }
  }

  private static int l(Map<String, Loc> locations) {
    return locations.values().stream().mapToInt(Loc::line).max().orElse(1);
  }

  /**
   * The number of nodes {@code node} becomes once aliases are expanded, counted on the node graph (aliases
   * share nodes) without expanding it; saturates just above {@link #MAX_NODES}.
   */
  private static long expandedSize(Node node, IdentityHashMap<Node, Long> memo) {
    Long known = memo.get(node);
    if (known != null) {
      return known;
    }
    long size = 1;
    if (node instanceof MappingNode map) {
      for (NodeTuple t : map.getValue()) {
        size += expandedSize(t.getKeyNode(), memo) + expandedSize(t.getValueNode(), memo);
        if (size > MAX_NODES) {
          break;
        }
      }
    } else if (node instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        size += expandedSize(item, memo);
        if (size > MAX_NODES) {
          break;
        }
      }
    }
    size = Math.min(size, MAX_NODES + 1L);
    memo.put(node, size);
    return size;
  }

  /**
   * The first node, in document order, that alone expands past the limit: descends from {@code node} into
   * the first such child written at or after its parent (not back into an anchor defined earlier).
   */
  private static Node firstTooLarge(Node node, IdentityHashMap<Node, Long> sizes) {
    Node current = node;
    while (true) {
      List<Node> children = new ArrayList<>();
      if (current instanceof MappingNode map) {
        map.getValue().forEach(t -> children.add(t.getValueNode()));
      } else if (current instanceof SequenceNode seq) {
        children.addAll(seq.getValue());
      }
      Node next = null;
      for (Node c : children) {
        if (sizes.getOrDefault(c, 0L) > MAX_NODES && Builder.line(c) >= Builder.line(current)) {
          next = c;
          break;
        }
      }
      if (next == null) {
        return current;
      }
      current = next;
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }

  private static final class Builder {
    final String file;
    final Tags tags;
    final Map<String, Loc> locations = new HashMap<>();
    int nodes;

    Builder(String file, Tags tags) {
      this.file = file;
      this.tags = tags;
    }

    static Loc loc(Node n) {
      return n.getStartMark().map(m -> new Loc(m.getLine() + 1, m.getColumn() + 1)).orElse(Loc.START);
    }

    static int line(Node n) {
      return n.getStartMark().map(Mark::getLine).orElse(0) + 1;
    }

    JsonNode convert(Node node, String pointer) {
      if (++nodes > MAX_NODES) {
        throw new DrydockException(file + ":" + line(node) + ": invalid YAML: more than " + MAX_NODES
            + " nodes once aliases are expanded (an alias bomb?)");
      }
      locations.putIfAbsent(pointer, loc(node));
      String tag = node.getTag().getValue();
      if (tags == Tags.CLOUDFORMATION && tag.startsWith("!") && !tag.startsWith("!!")) {
        String fn = tag.substring(1);
        JsonNode inner = plain(node, pointer);
        ObjectNode wrapped = F.objectNode();
        if (fn.equals("Ref") || fn.equals("Condition")) {
          wrapped.set(fn, inner);
        } else if (fn.equals("GetAtt") && inner.isTextual()) {
          String v = inner.asText();
          int dot = v.indexOf('.');
          ArrayNode parts = F.arrayNode();
          parts.add(dot < 0 ? v : v.substring(0, dot));
          parts.add(dot < 0 ? "" : v.substring(dot + 1));
          wrapped.set("Fn::GetAtt", parts);
        } else {
          wrapped.set("Fn::" + fn, inner);
        }
        if (!CFN_TAGS.contains(fn)) {
          // keep it: the CloudFormation checker reports unknown intrinsics with this location
          wrapped.put("drydock:unknownTag", fn);
        }
        return wrapped;
      }
      return plain(node, pointer);
    }

    JsonNode plain(Node node, String pointer) {
      if (node instanceof MappingNode map) {
        ObjectNode obj = F.objectNode();
        for (NodeTuple t : map.getValue()) {
          Node keyNode = t.getKeyNode();
          String name = keyNode instanceof ScalarNode key ? key.getValue() : "?";
          if (name.equals("<<") && keyNode instanceof ScalarNode k && k.isPlain()) {
            mergeInto(obj, t.getValueNode(), pointer);
            continue;
          }
          String child = Doc.child(pointer, name);
          locations.put(child + "#key", loc(keyNode));
          locations.remove(child);
          obj.set(name, convert(t.getValueNode(), child));
        }
        return obj;
      }
      if (node instanceof SequenceNode seq) {
        ArrayNode arr = F.arrayNode();
        int i = 0;
        for (Node item : seq.getValue()) {
          arr.add(convert(item, Doc.child(pointer, i++)));
        }
        return arr;
      }
      ScalarNode s = (ScalarNode) node;
      String v = s.getValue();
      Tag tag = s.getTag();
      try {
        if (Tag.NULL.equals(tag)) {
          return F.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
          return F.booleanNode(Boolean.parseBoolean(v.toLowerCase(Locale.ROOT)));
        }
        if (Tag.INT.equals(tag)) {
          String n = v.replace("_", "").replaceFirst("^\\+", "");
          if (n.startsWith("0x")) {
            return F.numberNode(new BigInteger(n.substring(2), 16));
          }
          if (n.startsWith("0o")) {
            return F.numberNode(new BigInteger(n.substring(2), 8));
          }
          return F.numberNode(new BigInteger(n));
        }
        if (Tag.FLOAT.equals(tag)) {
          return F.numberNode(Double.parseDouble(v));
        }
      } catch (NumberFormatException e) {
        return F.textNode(v);
      }
      return F.textNode(v);
    }

    /** YAML merge keys ({@code <<: *defaults}), as compose files use them: explicit keys win. */
    void mergeInto(ObjectNode obj, Node value, String pointer) {
      List<Node> sources = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
      for (Node src : sources) {
        JsonNode merged = convert(src, pointer + "#merge");
        if (merged instanceof ObjectNode o) {
          o.fields().forEachRemaining(e -> {
            if (!obj.has(e.getKey())) {
              obj.set(e.getKey(), e.getValue());
            }
          });
        }
      }
    }
  }
}
