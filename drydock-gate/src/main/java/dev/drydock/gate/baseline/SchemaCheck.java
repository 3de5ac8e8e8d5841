package dev.drydock.gate.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Validates a baseline tree against baseline.schema.json and turns the first error into one clear line. */
final class SchemaCheck {
  static final String RESOURCE = "/dev/drydock/gate/baseline.schema.json";
  private static final JsonNode SCHEMA_NODE = readSchema();
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(SCHEMA_NODE);

  private SchemaCheck() {}

  private static JsonNode readSchema() {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Throws a DrydockException naming the earliest line with a schema error, if any. */
  static void validate(String file, BaselineTree tree) {
    List<Error> errors = SCHEMA.validate(tree.root);
    if (errors.isEmpty()) {
      return;
    }
    record Located(int line, String text) {}
    List<Located> all = new ArrayList<>();
    for (Error e : errors) {
      String pointer = pointer(e.getInstanceLocation());
      String what = describe(e);
      String prop = e.getProperty();
      int line = prop != null && "additionalProperties".equals(e.getKeyword())
          ? tree.keyLine(pointer + "/" + prop)
          : tree.line(pointer);
      all.add(new Located(line, file + ":" + line + ": " + what));
    }
    all.sort(Comparator.comparingInt(Located::line));
    throw new DrydockException(all.get(0).text());
  }

  private static String describe(Error e) {
    String at = display(e.getInstanceLocation());
    JsonNode schemaObj = schemaObject(e);
    String expected = schemaObj.path("description").asText("a valid value");
    JsonNode value = e.getInstanceNode();
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    return switch (keyword) {
      case "type" -> at + ": wrong type, " + kind(value) + " " + value + " (expected " + expected + ")";
      case "enum" -> at + ": unknown value " + value + " (expected one of " + join(schemaObj.path("enum")) + ")";
      case "const" -> at + ": unsupported value " + value + " (expected " + expected + ")";
      case "required" -> at + ": missing '" + e.getProperty() + "' (expected " + expected + ")";
      case "additionalProperties" -> at + ": unknown key '" + e.getProperty() + "' (expected " + expected + ")";
      case "anyOf" -> at + ": selects nothing (expected at least one of id, purl, path, rule)";
      case "pattern" -> at + ": bad value " + value + " (expected " + expected + ")";
      case "minimum", "maximum" -> at + ": out of range " + value + " (expected " + expected + ")";
      default -> at + ": " + e.getMessage() + " (expected " + expected + ")";
    };
  }

  /** The schema object holding the failed keyword. */
  private static JsonNode schemaObject(Error e) {
    NodePath frag = e.getSchemaLocation() == null ? null : e.getSchemaLocation().getFragment();
    JsonNode n = SCHEMA_NODE;
    if (frag == null) {
      return n;
    }
    for (int i = 0; i < frag.getNameCount() - 1; i++) {
      Object el = frag.getElement(i);
      n = el instanceof Integer idx ? n.path(idx) : n.path(String.valueOf(el));
    }
    return n;
  }

  private static String kind(JsonNode v) {
    if (v == null || v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      return "text";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isBoolean()) {
      return "boolean";
    }
    return v.isArray() ? "list" : "mapping";
  }

  private static String join(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(v -> out.add(v.asText()));
    return String.join(", ", out);
  }

  static String pointer(NodePath path) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      sb.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
    }
    return sb.toString();
  }

  /** {@code rules[0].level}, or {@code (top level)}. */
  static String display(NodePath path) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object el = path.getElement(i);
      if (el instanceof Integer idx) {
        sb.append('[').append(idx).append(']');
      } else {
        sb.append(sb.length() == 0 ? "" : ".").append(el);
      }
    }
    return sb.length() == 0 ? "(top level)" : sb.toString();
  }
}
