package dev.drydock.checks.doc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.DrydockException;
import dev.drydock.yaml.BoundedEvents;
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
import org.snakeyaml.engine.v2.composer.Composer;
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
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Parses YAML (every document of a stream) and JSON into {@link Doc}s that keep line and column of every
 * key and value. Bad input is a {@link DrydockException} whose message starts with {@code file:line:}.
 *
 * <p>Hostile input fails cleanly, with one {@code file:line:} message (docs/security.md lists the bounds): alias
 * bombs ("billion laughs": at most {@link #MAX_COLLECTION_ALIASES} aliases to collections, at most
 * {@link #MAX_NODES} nodes once aliases are expanded), aliases that contain themselves, nesting deeper than
 * {@link #MAX_DEPTH} (also once aliases are expanded), more than {@link #MAX_DOCUMENTS} documents in one YAML stream,
 * and a single value longer than {@link #MAX_VALUE_LENGTH} characters. The size of a whole file is bounded by the
 * caller ({@code ConfigScan}'s maximum file size).
 */
public final class Docs {
  /** Aliases to mappings or sequences allowed per stream (Kubernetes and compose files use a handful). */
  public static final int MAX_COLLECTION_ALIASES = 100;
  /** Nodes allowed in one document once aliases are expanded. */
  public static final int MAX_NODES = 1_000_000;
  /**
   * Nesting of mappings and sequences (YAML and JSON). Real Kubernetes, compose and CloudFormation files stay under
   * 30; SnakeYAML's own default is 50.
   */
  public static final int MAX_DEPTH = 100;
  /** Documents in one YAML stream (a rendered Helm chart has hundreds). */
  public static final int MAX_DOCUMENTS = 10_000;
  /** Characters in one scalar or JSON string (1 MiB: the size limit of a whole Kubernetes object). */
  public static final int MAX_VALUE_LENGTH = 1 << 20;
  /**
   * The YAML reader's window, in code points. SnakeYAML copies its window each time it refills it, so a long
   * scalar costs time quadratic in its length over the window size; a 64 Ki window keeps a 10 MB value near a second.
   */
  private static final int READ_WINDOW = 1 << 16;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
          .maxStringLength(MAX_VALUE_LENGTH).build()).build();

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
        .setCodePointLimit(Integer.MAX_VALUE).setBufferSize(READ_WINDOW).setSchema(new CoreSchema()).build();
    List<Doc> out = new ArrayList<>();
    try {
      int index = 0;
      Composer composer = new Composer(settings,
          new BoundedEvents(new ParserImpl(settings, new StreamReader(settings, text)), file,
              new BoundedEvents.Bounds(MAX_DOCUMENTS, MAX_DEPTH, MAX_VALUE_LENGTH)));
      while (composer.hasNext()) {
        Node node = composer.next();
        if (node != null) {
          IdentityHashMap<Node, long[]> sizes = new IdentityHashMap<>();
          long[] size = expandedSize(file, node, sizes);
          if (size[0] > MAX_NODES) {
            throw new DrydockException(file + ":" + Builder.line(firstTooLarge(node, sizes)) + ": invalid YAML: more than "
                + MAX_NODES + " nodes once aliases are expanded (an alias bomb?)");
          }
          if (size[1] > MAX_DEPTH) {
            throw new DrydockException(file + ":" + Builder.line(node) + ": invalid YAML: nested deeper than "
                + MAX_DEPTH + " levels once aliases are expanded");
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
      JsonNode root;
      try {
        root = readJson(p, "", locations, new int[] {0});
      } catch (StreamConstraintsException e) {
        // nesting deeper than MAX_DEPTH or a string longer than MAX_VALUE_LENGTH
        throw new DrydockException(file + ":" + Math.max(1, p.currentLocation().getLineNr()) + ": invalid JSON: "
            + oneLine(e.getOriginalMessage()).replaceAll(" \\(.*", ""));
      }
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
   * The number of nodes {@code node} becomes once aliases are expanded, and the depth it then has, counted on the
   * node graph (aliases share nodes) without expanding it; the size saturates just above {@link #MAX_NODES}, the
   * depth just above {@link #MAX_DEPTH}. An alias to a node that contains it (a self-referencing merge key
   * {@code &a {<<: *a}}) would expand forever: bad input. The recursion follows the written nesting only (an alias
   * refers to an anchor already measured, or to an ancestor), so it is as deep as the parser allowed.
   */
  private static long[] expandedSize(String file, Node node, IdentityHashMap<Node, long[]> memo) {
    long[] known = memo.get(node);
    if (known == IN_PROGRESS) {
      throw new DrydockException(file + ":" + Builder.line(node)
          + ": invalid YAML: an alias refers to a node that contains it (it would expand forever)");
    }
    if (known != null) {
      return known;
    }
    memo.put(node, IN_PROGRESS);
    long size = 1;
    long depth = 0;
    List<Node> children = new ArrayList<>();
    if (node instanceof MappingNode map) {
      map.getValue().forEach(t -> {
        children.add(t.getKeyNode());
        children.add(t.getValueNode());
      });
    } else if (node instanceof SequenceNode seq) {
      children.addAll(seq.getValue());
    }
    for (Node child : children) {
      long[] c = expandedSize(file, child, memo);
      size += c[0];
      depth = Math.max(depth, c[1]);
      if (size > MAX_NODES || depth > MAX_DEPTH) {
        break;
      }
    }
    long[] result = {Math.min(size, MAX_NODES + 1L), Math.min(depth + (children.isEmpty() ? 0 : 1), MAX_DEPTH + 1L)};
    memo.put(node, result);
    return result;
  }

  /** Marks a node whose size is being computed. */
  private static final long[] IN_PROGRESS = new long[0];

  /**
   * The first node, in document order, that alone expands past the limit: descends from {@code node} into
   * the first such child written at or after its parent (not back into an anchor defined earlier).
   */
  private static Node firstTooLarge(Node node, IdentityHashMap<Node, long[]> sizes) {
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
        long[] size = sizes.get(c);
        if (size != null && size.length > 0 && size[0] > MAX_NODES && Builder.line(c) >= Builder.line(current)) {
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
