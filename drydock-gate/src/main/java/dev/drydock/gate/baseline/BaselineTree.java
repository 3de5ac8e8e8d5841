package dev.drydock.gate.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.DrydockException;
import dev.drydock.yaml.YamlJson;
import dev.drydock.yaml.YamlTree;
import java.util.Map;

/**
 * A baseline as a JSON tree (what the schema validates) plus the line of every value and key, by JSON pointer
 * ({@code /rules/0/level}); keys are stored under the pointer of their value with a {@code #key} suffix.
 *
 * <p>Read by drydock-yaml's {@link YamlTree}. A baseline is small and shallow (four levels); bounds far above that
 * refuse hostile files with one {@code file:line:} error before they can cost a stack overflow or a hang
 * (docs/security.md): nesting at most {@link #MAX_DEPTH} levels, values at most {@link #MAX_VALUE_LENGTH}
 * characters, at most {@link #MAX_COLLECTION_ALIASES} aliases to collections and {@link #MAX_NODES} nodes once
 * they are expanded, no alias inside the node it names ({@code &a {<<: *a}}), one document (the second is refused as soon as it starts). {@link BaselineLoader}
 * bounds the file size.
 */
final class BaselineTree {
  /** Nesting of mappings and sequences, once aliases are expanded (SnakeYAML's own default). */
  static final int MAX_DEPTH = 50;
  /** Characters in one value (a waiver's reason is a sentence). */
  static final int MAX_VALUE_LENGTH = 64 * 1024;
  /** Aliases to mappings or sequences per file. */
  static final int MAX_COLLECTION_ALIASES = 50;
  /** Nodes of the document once aliases are expanded. */
  static final int MAX_NODES = 100_000;

  private static final YamlTree.Bounds BOUNDS = new YamlTree.Bounds(Integer.MAX_VALUE, MAX_DEPTH, MAX_VALUE_LENGTH,
      MAX_COLLECTION_ALIASES, MAX_NODES, Integer.MAX_VALUE);

  final JsonNode root;
  private final Map<String, YamlJson.Position> positions;

  private BaselineTree(String file, String text) {
    YamlTree.Node node;
    try {
      node = YamlTree.readOne(file, text, BOUNDS);
    } catch (YamlTree.SyntaxError e) {
      String problem = e.problem();
      if (problem.startsWith("but ") && e.context() != null) {
        problem = e.context() + " " + problem; // "expected a single document in the stream but found another ..."
      }
      throw new DrydockException(file + ":" + e.line() + ": invalid YAML: " + problem + " (expected a YAML document)");
    }
    if (node == null) {
      throw new DrydockException(file + ":1: empty file (expected a mapping with version and rules)");
    }
    YamlJson json = YamlJson.of(file, node, YamlJson.Keys.UNIQUE, null);
    root = json.root();
    positions = json.positions();
  }

  static BaselineTree parse(String file, String text) {
    return new BaselineTree(file, text);
  }

  /** The line of the value at {@code pointer}, else of its nearest ancestor, else 1. */
  int line(String pointer) {
    String p = pointer;
    while (true) {
      YamlJson.Position at = positions.get(p);
      if (at != null) {
        return at.line();
      }
      if (p.isEmpty()) {
        return 1;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** The line of the key naming the value at {@code pointer}, else the value's line. */
  int keyLine(String pointer) {
    YamlJson.Position at = positions.get(pointer + "#key");
    return at != null ? at.line() : line(pointer);
  }
}
