package dev.drydock.vulndb.suppress;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A YAML document read into a small tree that keeps the line of every node and key, so that
 * validation errors can point at the line the user has to fix.
 */
final class YamlTree {
  private YamlTree() {}

  /** A node and the line (1-based) where it starts. */
  sealed interface Node permits Scalar, Seq, Mapping {
    int line();
  }

  /** A scalar; {@code token} tells strings from numbers, booleans and null. */
  record Scalar(String text, JsonToken token, int line) implements Node {
    boolean isString() {
      return token == JsonToken.VALUE_STRING;
    }

    boolean isNull() {
      return token == JsonToken.VALUE_NULL;
    }
  }

  record Seq(List<Node> items, int line) implements Node {}

  /** A key of a mapping with the line it is on. */
  record Key(String name, int line) {}

  record Mapping(Map<Key, Node> entries, int line) implements Node {}

  /** Nesting of mappings and sequences (an ignore file has four levels; SnakeYAML's own default is 50). */
  static final int MAX_DEPTH = 50;
  /** Characters in one value (a reason is a sentence, a purl or path a line). */
  static final int MAX_VALUE_LENGTH = 64 * 1024;
  /** Code points in the document: SnakeYAML's default (3 Mi), set explicitly; it is checked between tokens. */
  static final int MAX_CODE_POINTS = 3 << 20;

  private static final YAMLFactory FACTORY = YAMLFactory.builder()
      .loaderOptions(loaderOptions())
      .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL) // on in new YAMLFactory(), off in a builder's
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 1)
          .maxStringLength(MAX_VALUE_LENGTH + 1).build())
      .build();

  private static LoaderOptions loaderOptions() {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(MAX_CODE_POINTS);
    o.setNestingDepthLimit(MAX_DEPTH + 1);
    o.setAllowRecursiveKeys(false);
    return o;
  }

  /**
   * Reads one YAML document; null for an empty document.
   *
   * @param file used in error messages
   */
  static Node read(String file, Reader reader) {
    try (JsonParser parser = FACTORY.createParser(reader)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      Node root = node(file, parser, 0);
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      String line = where != null && where.getLineNr() > 0 ? ":" + where.getLineNr() : "";
      throw new DrydockException(file + line + ": invalid YAML: " + firstLine(e.getOriginalMessage())
          + " (expected a YAML mapping with vulnerabilities, misconfigurations and secrets lists)");
    } catch (IOException e) {
      throw new DrydockException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * The node at the parser's current token, {@code depth} collections deep. Deeper nesting and longer values than the
   * bounds are refused with the line, before recursing (a file nested 2,000 deep is not an ignore file).
   */
  private static Node node(String file, JsonParser parser, int depth) throws IOException {
    int line = parser.currentTokenLocation().getLineNr();
    JsonToken token = parser.currentToken();
    if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
      throw new DrydockException(file + ":" + line + ": invalid YAML: nested deeper than " + MAX_DEPTH + " levels");
    }
    switch (token) {
      case START_OBJECT -> {
        Map<Key, Node> entries = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          int keyLine = parser.currentTokenLocation().getLineNr();
          if (seen.contains(name)) {
            throw new DrydockException(file + ":" + keyLine + ": duplicate key '" + name
                + "' (expected each key once per mapping)");
          }
          seen.add(name);
          parser.nextToken();
          entries.put(new Key(name, keyLine), node(file, parser, depth + 1));
        }
        return new Mapping(entries, line);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(node(file, parser, depth + 1));
        }
        return new Seq(items, line);
      }
      default -> {
        String text = token == JsonToken.VALUE_NULL ? null : parser.getText();
        if (text != null && text.length() > MAX_VALUE_LENGTH) {
          throw new DrydockException(file + ":" + line + ": invalid YAML: a value longer than " + MAX_VALUE_LENGTH
              + " characters");
        }
        return new Scalar(text, token, line);
      }
    }
  }

  /**
   * SnakeYAML messages span several lines: context, a "in 'reader', line N" mark, a snippet with a caret,
   * then the problem. Keeps the context and problem lines, joined.
   */
  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    StringBuilder sb = new StringBuilder();
    for (String line : message.split("\\R")) {
      if (line.isBlank() || Character.isWhitespace(line.charAt(0)) || line.startsWith("^")) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(": ");
      }
      sb.append(line.strip());
    }
    return sb.length() == 0 ? "syntax error" : sb.toString();
  }
}
