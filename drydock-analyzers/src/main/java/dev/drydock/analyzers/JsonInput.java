package dev.drydock.analyzers;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The JSON documents analyzers read (lock files, manifests): a file that is not JSON yields no facts, as the
 * {@link Analyzer} contract asks for a merely unparseable file, so callers get {@code null} instead of an error.
 */
public final class JsonInput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonInput() {}

  /** The file's JSON tree, or null when it is empty or not JSON. */
  public static JsonNode tree(FileInput file) throws IOException {
    try {
      return JSON.readTree(file.bytes());
    } catch (JacksonException e) {
      return null;
    }
  }

  /** The file's JSON object, or null when it is empty, not JSON or not an object. */
  public static JsonNode object(FileInput file) throws IOException {
    JsonNode root = tree(file);
    return root != null && root.isObject() ? root : null;
  }
}
