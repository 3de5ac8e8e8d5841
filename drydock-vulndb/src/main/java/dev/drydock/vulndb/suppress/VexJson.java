package dev.drydock.vulndb.suppress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.DrydockException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Small helpers shared by the VEX readers. */
final class VexJson {
  private VexJson() {}

  /** The text of {@code field}, null when absent, null or blank; an error when it is not a string. */
  static String text(String file, String where, JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new DrydockException(file + ": " + where + ": '" + field + "' is not a string (expected a string)");
    }
    String s = node.asText().strip();
    return s.isEmpty() ? null : s;
  }

  /** The array {@code field}; an empty array when absent; an error when it is not an array. */
  static JsonNode array(String file, String where, JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }
    if (!node.isArray()) {
      throw new DrydockException(file + ": " + where + ": '" + field + "' is not a list (expected a JSON array)");
    }
    return node;
  }

  /** An RFC 3339 timestamp, null when absent or unparseable (timestamps only order statements). */
  static Instant instant(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(node.asText().strip()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
