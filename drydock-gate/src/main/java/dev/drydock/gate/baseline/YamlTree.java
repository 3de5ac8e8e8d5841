package dev.drydock.gate.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.DrydockException;
import dev.drydock.yaml.BoundedEvents;
import java.util.HashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * A YAML document as a JSON tree plus the line of every value and key, by JSON pointer
 * ({@code /rules/0/level}); keys are stored under the pointer of their value with a {@code #key} suffix.
 *
 * <p>A baseline is small and shallow (four levels); bounds far above that refuse hostile files with one
 * {@code file:line:} error before they can cost a stack overflow or a hang (docs/security.md): nesting at most
 * {@link #MAX_DEPTH} levels, values at most {@link #MAX_VALUE_LENGTH} characters, at most
 * {@link #MAX_COLLECTION_ALIASES} aliases to collections and {@link #MAX_NODES} nodes once they are expanded, no
 * alias inside the node it names ({@code &a {<<: *a}}), one document. {@link BaselineLoader} bounds the file size.
 */
final class YamlTree {
  /** Nesting of mappings and sequences, once aliases are expanded (SnakeYAML's own default). */
  static final int MAX_DEPTH = 50;
  /** Characters in one value (a waiver's reason is a sentence). */
  static final int MAX_VALUE_LENGTH = 64 * 1024;
  /** Aliases to mappings or sequences per file. */
  static final int MAX_COLLECTION_ALIASES = 50;
  /** Nodes of the document once aliases are expanded. */
  static final int MAX_NODES = 100_000;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  final JsonNode root;
  private final Map<String, Integer> lines = new HashMap<>();
  private final String file;
  private int nodes;

  private YamlTree(String file, String text) {
    this.file = file;
    LoadSettings settings = LoadSettings.builder().setUseMarks(true).setLabel(file)
        .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES).setAllowRecursiveKeys(false)
        .setCodePointLimit(Integer.MAX_VALUE).build();
    Node node;
    try {
      // one document (the composer refuses a second); depth, value length and recursive aliases bounded
      Parser events = new BoundedEvents(new ParserImpl(settings, new StreamReader(settings, text)), file,
          new BoundedEvents.Bounds(Integer.MAX_VALUE, MAX_DEPTH, MAX_VALUE_LENGTH));
      node = new Composer(settings, events).getSingleNode().orElse(null);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
      String problem = e.getProblem();
      if (problem.startsWith("but ") && e.getContext() != null) {
        problem = e.getContext() + " " + problem; // "expected a single document in the stream but found another ..."
      }
      throw new DrydockException(file + ":" + line + ": invalid YAML: " + oneLine(problem)
          + " (expected a YAML document)");
    } catch (YamlEngineException e) {
      throw new DrydockException(file + ":1: invalid YAML: " + oneLine(e.getMessage())
          + " (expected a YAML document)");
    }
    if (node == null) {
      throw new DrydockException(file + ":1: empty file (expected a mapping with version and rules)");
    }
    root = convert(node, "");
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }

  static YamlTree parse(String file, String text) {
    return new YamlTree(file, text);
  }

  /** The line of the value at {@code pointer}, else of its nearest ancestor, else 1. */
  int line(String pointer) {
    String p = pointer;
    while (true) {
      Integer l = lines.get(p);
      if (l != null) {
        return l;
      }
      if (p.isEmpty()) {
        return 1;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** The line of the key naming the value at {@code pointer}, else the value's line. */
  int keyLine(String pointer) {
    Integer l = lines.get(pointer + "#key");
    return l != null ? l : line(pointer);
  }

  private static int lineOf(Node n) {
    return n.getStartMark().map(Mark::getLine).orElse(0) + 1;
  }

  private JsonNode convert(Node node, String pointer) {
    if (++nodes > MAX_NODES) {
      throw new DrydockException(file + ":" + lineOf(node) + ": invalid YAML: more than " + MAX_NODES
          + " nodes once aliases are expanded (an alias bomb?)");
    }
    if (pointer.chars().filter(c -> c == '/').count() > MAX_DEPTH) {
      throw new DrydockException(file + ":" + lineOf(node) + ": invalid YAML: nested deeper than " + MAX_DEPTH
          + " levels once aliases are expanded");
    }
    lines.put(pointer, lineOf(node));
    if (node instanceof MappingNode map) {
      ObjectNode obj = F.objectNode();
      for (NodeTuple t : map.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode key)) {
          throw new DrydockException(file + ":" + lineOf(t.getKeyNode()) + ": complex mapping key (expected a plain key)");
        }
        String name = key.getValue();
        String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        if (obj.has(name)) {
          throw new DrydockException(file + ":" + lineOf(key) + ": duplicate key '" + name + "' (expected each key once)");
        }
        lines.put(child + "#key", lineOf(key));
        obj.set(name, convert(t.getValueNode(), child));
      }
      return obj;
    }
    if (node instanceof SequenceNode seq) {
      ArrayNode arr = F.arrayNode();
      int i = 0;
      for (Node item : seq.getValue()) {
        arr.add(convert(item, pointer + "/" + i++));
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
        return F.booleanNode(Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT)));
      }
      if (Tag.INT.equals(tag)) {
        return F.numberNode(new java.math.BigInteger(v.replace("_", "").replaceFirst("^\\+", "")));
      }
      if (Tag.FLOAT.equals(tag)) {
        return F.numberNode(Double.parseDouble(v));
      }
    } catch (NumberFormatException e) {
      return F.textNode(v);
    }
    return F.textNode(v);
  }
}
