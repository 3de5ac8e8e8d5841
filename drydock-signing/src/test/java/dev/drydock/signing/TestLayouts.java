package dev.drydock.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Writes small OCI image layouts by hand (image-spec image-layout.md), independently of OciLayoutStore. */
final class TestLayouts {
  private TestLayouts() {}

  /** A layout holding one image tagged {@code tag} (its config mentions {@code seed}); returns its manifest digest. */
  static String image(Path dir, String tag, String seed) throws IOException {
    Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"seed\":\"" + seed
        + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
    String configDigest = blob(dir, config);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
        + "\",\"size\":" + config.length() + "},\"layers\":[]}";
    String manifestDigest = blob(dir, manifest);
    String entry = "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest
        + "\",\"size\":" + manifest.length() + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag
        + "\"}}";
    Path index = dir.resolve("index.json");
    String existing = Files.exists(index) ? Files.readString(index) : null;
    if (existing == null) {
      Files.writeString(index, "{\"schemaVersion\":2,\"manifests\":[" + entry + "]}");
    } else {
      Files.writeString(index, existing.replaceFirst("\"manifests\"\\s*:\\s*\\[", "\"manifests\":[" + entry + ","));
    }
    return manifestDigest;
  }

  /** Writes {@code content} as a blob and returns its digest. */
  static String blob(Path dir, String content) throws IOException {
    return blob(dir, content.getBytes(StandardCharsets.UTF_8));
  }

  static String blob(Path dir, byte[] content) throws IOException {
    String hex = sha256(content);
    Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.write(dir.resolve("blobs/sha256").resolve(hex), content);
    return "sha256:" + hex;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
