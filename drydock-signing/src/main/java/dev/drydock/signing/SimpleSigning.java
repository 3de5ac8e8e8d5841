package dev.drydock.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * cosign's payload, the "simple signing" document of containers/image: {@code critical.identity.docker-reference},
 * {@code critical.image.docker-manifest-digest}, {@code critical.type} = {@value #TYPE}, and the user's
 * annotations in {@code optional}. The signature covers the payload's bytes as stored; this class never
 * re-serializes a payload it verifies.
 */
public final class SimpleSigning {
  public static final String TYPE = "cosign container image signature";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SimpleSigning() {}

  /** What a payload says. */
  public record Payload(String dockerReference, String manifestDigest, String type, Map<String, String> optional) {}

  /** The payload bytes for an image; {@code annotations} go to {@code optional} (null when there are none). */
  public static byte[] payload(String dockerReference, String manifestDigest, Map<String, String> annotations) {
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("docker-reference", dockerReference == null ? "" : dockerReference);
    Map<String, Object> critical = new LinkedHashMap<>();
    critical.put("identity", identity);
    critical.put("image", Map.of("docker-manifest-digest", manifestDigest));
    critical.put("type", TYPE);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("critical", critical);
    root.put("optional", annotations == null || annotations.isEmpty() ? null : new LinkedHashMap<>(annotations));
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings always serialize", e);
    }
  }

  /** Reads a payload, or returns null when the bytes are not a simple-signing document. */
  public static Payload parse(byte[] bytes) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      return null;
    }
    if (root == null || !root.path("critical").isObject()) {
      return null;
    }
    JsonNode critical = root.path("critical");
    Map<String, String> optional = new LinkedHashMap<>();
    root.path("optional").fields().forEachRemaining(e -> optional.put(e.getKey(),
        e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    return new Payload(critical.path("identity").path("docker-reference").asText(null),
        critical.path("image").path("docker-manifest-digest").asText(null), critical.path("type").asText(null),
        optional);
  }
}
