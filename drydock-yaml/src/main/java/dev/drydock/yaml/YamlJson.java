package dev.drydock.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.DrydockException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A {@link YamlTree} document as a Jackson tree (what rules and JSON Schemas read) plus where every value and key
 * starts, by JSON pointer ({@code /spec/containers/0}); a key's position is stored under its value's pointer with a
 * {@code #key} suffix. Aliases are expanded: the tree was measured when it was read, so at most its bound of nodes.
 *
 * @param root the content
 * @param positions pointer to position
 */
public record YamlJson(JsonNode root, Map<String, Position> positions) {
  /** A 1-based line and column. */
  public record Position(int line, int column) {}

  /** What a key written twice in one mapping, or a key that is not a scalar, is. */
  public enum Keys {
    /** The last one wins (as Kubernetes and compose read them); a key that is not a scalar is named {@code ?}. */
    LAST_WINS,
    /** Bad input, {@code file:line: duplicate key 'k' (expected each key once)} (a file drydock defines). */
    UNIQUE
  }

  public YamlJson {
    positions = Map.copyOf(positions);
  }

  /**
   * Converts {@code node}. A node with a local tag ({@code !Ref x}) is given to {@code tags} with the tag's name
   * and its plain value; null keeps the value and drops the tag.
   */
  public static YamlJson of(String file, YamlTree.Node node, Keys keys,
      BiFunction<String, JsonNode, JsonNode> tags) {
    Converter c = new Converter(file, keys, tags);
    JsonNode root = c.convert(node, "");
    return new YamlJson(root, c.positions);
  }

  /** {@code base + "/" + name} with the name escaped as JSON pointer requires. */
  public static String child(String base, String name) {
    return base + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  private static final class Converter {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    final String file;
    final Keys keys;
    final BiFunction<String, JsonNode, JsonNode> tags;
    final Map<String, Position> positions = new HashMap<>();

    Converter(String file, Keys keys, BiFunction<String, JsonNode, JsonNode> tags) {
      this.file = file;
      this.keys = keys;
      this.tags = tags;
    }

    static Position at(YamlTree.Node n) {
      return new Position(n.line(), n.column());
    }

    JsonNode convert(YamlTree.Node node, String pointer) {
      positions.putIfAbsent(pointer, at(node));
      JsonNode plain = plain(node, pointer);
      return tags != null && node.tag() != null ? tags.apply(node.tag().substring(1), plain) : plain;
    }

    JsonNode plain(YamlTree.Node node, String pointer) {
      if (node instanceof YamlTree.Mapping map) {
        ObjectNode obj = F.objectNode();
        for (YamlTree.Entry e : map.entries()) {
          String name = e.name();
          if (name == null && keys == Keys.UNIQUE) {
            throw new DrydockException(file + ":" + e.key().line() + ": complex mapping key (expected a plain key)");
          }
          name = name == null ? "?" : name;
          if (keys == Keys.UNIQUE && obj.has(name)) {
            throw new DrydockException(file + ":" + e.key().line() + ": duplicate key '" + name
                + "' (expected each key once)");
          }
          String child = child(pointer, name);
          positions.put(child + "#key", at(e.key()));
          positions.remove(child);
          obj.set(name, convert(e.value(), child));
        }
        return obj;
      }
      if (node instanceof YamlTree.Sequence seq) {
        ArrayNode arr = F.arrayNode();
        int i = 0;
        for (YamlTree.Node item : seq.items()) {
          arr.add(convert(item, pointer + "/" + i++));
        }
        return arr;
      }
      return ((YamlTree.Scalar) node).json();
    }
  }
}
