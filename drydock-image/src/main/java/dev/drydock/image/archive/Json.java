package dev.drydock.image.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.Digests;
import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reads the small JSON documents of an image (manifests, indexes, configs), verifying digests. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_JSON = 32 << 20;

  private Json() {}

  /** A parsed document and the sha256 digest of its bytes. */
  record Doc(JsonNode node, String digest) {}

  /**
   * Reads {@code name}; when {@code expectedDigest} is given the bytes must hash to it.
   *
   * @param what e.g. "manifest", "config", used in messages
   */
  static Doc read(Blobs blobs, String name, String expectedDigest, String what, String target) throws IOException {
    if (!blobs.has(name)) {
      throw new DrydockException(target + ": missing " + what + " " + name);
    }
    if (blobs.size(name) > MAX_JSON) {
      throw new DrydockException(target + ": " + what + " " + name + " is too large (" + blobs.size(name) + " bytes)");
    }
    byte[] bytes;
    try (InputStream in = blobs.open(name)) {
      bytes = in.readAllBytes();
    }
    String digest = Digests.sha256(bytes);
    if (expectedDigest != null && !expectedDigest.equals(digest)) {
      throw new DrydockException(
          target + ": " + what + " " + name + ": digest mismatch: expected " + expectedDigest + ", got " + digest);
    }
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || !node.isObject() && !node.isArray()) {
        throw new DrydockException(target + ": " + what + " " + name + " is not a JSON object");
      }
      return new Doc(node, digest);
    } catch (JsonProcessingException e) {
      throw new DrydockException(
          target + ": " + what + " " + name + " is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.CharConversionException e) {
      // bytes Jackson took for UTF-16/32 (by their zeros) that are no such text: bad input, not an I/O failure
      throw new DrydockException(target + ": " + what + " " + name + " is not valid JSON: " + e.getMessage());
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** A JSON array of strings as a list; null when absent or null. */
  static List<String> strings(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else {
      out.add(node.asText());
    }
    return out;
  }
}
