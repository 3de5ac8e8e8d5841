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
import dev.drydock.yaml.YamlJson;
import dev.drydock.yaml.YamlTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses YAML (every document of a stream) and JSON into {@link Doc}s that keep line and column of every
 * key and value. Bad input is a {@link DrydockException} whose message starts with {@code file:line:}. YAML is read
 * by drydock-yaml's {@link YamlTree} (the reader every YAML input shares) and turned into JSON by {@link YamlJson}.
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
  /** The bounds of the YAML reader (the whole file's size is bounded by the caller). */
  private static final YamlTree.Bounds BOUNDS = new YamlTree.Bounds(MAX_DOCUMENTS, MAX_DEPTH, MAX_VALUE_LENGTH,
      MAX_COLLECTION_ALIASES, MAX_NODES, Integer.MAX_VALUE);

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
    List<Doc> out = new ArrayList<>();
    List<YamlTree.Node> documents = YamlTree.readAll(file, text, BOUNDS);
    for (int index = 0; index < documents.size(); index++) {
      YamlTree.Node node = documents.get(index);
      YamlJson json = YamlJson.of(file, node, YamlJson.Keys.LAST_WINS,
          tags == Tags.CLOUDFORMATION ? Docs::cloudFormation : null);
      Map<String, Loc> locations = new HashMap<>();
      json.positions().forEach((pointer, at) -> locations.put(pointer, new Loc(at.line(), at.column())));
      out.add(new Doc(file, index, json.root(), locations));
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

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }

  /**
   * A CloudFormation short form as its long form: {@code !Ref x} is {@code {"Ref": "x"}}, {@code !GetAtt a.b} is
   * {@code {"Fn::GetAtt": ["a", "b"]}}, any other {@code !Name v} is {@code {"Fn::Name": v}}; an unknown name is
   * kept for the CloudFormation checker, which reports it at this location.
   */
  private static JsonNode cloudFormation(String fn, JsonNode inner) {
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
      wrapped.put("drydock:unknownTag", fn);
    }
    return wrapped;
  }
}
