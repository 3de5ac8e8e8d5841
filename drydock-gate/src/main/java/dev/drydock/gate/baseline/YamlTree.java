package dev.drydock.gate.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.DrydockException;
import java.util.HashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
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
 * A YAML document as a JSON tree plus the line of every value and key, by JSON pointer
 * ({@code /rules/0/level}); keys are stored under the pointer of their value with a {@code #key} suffix.
 */
final class YamlTree {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  final JsonNode root;
  private final Map<String, Integer> lines = new HashMap<>();
  private final String file;

  private YamlTree(String file, String text) {
    this.file = file;
    LoadSettings settings = LoadSettings.builder().setUseMarks(true).setLabel(file).build();
    Node node;
    try {
      node = new Compose(settings).composeString(text).orElse(null);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
      throw new DrydockException(file + ":" + line + ": invalid YAML: " + e.getProblem()
          + " (expected a YAML document)");
    } catch (YamlEngineException e) {
      throw new DrydockException(file + ":1: invalid YAML: " + e.getMessage() + " (expected a YAML document)");
    }
    if (node == null) {
      throw new DrydockException(file + ":1: empty file (expected a mapping with version and rules)");
    }
    root = convert(node, "");
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
