package dev.drydock.image.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.testing.FuzzContract;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Image documents (issue 18): the fuzzed bytes (after a selector byte) replace one JSON document of a real image,
 * and every reference to it is made for the new bytes (digest and size), so the reader gets past the digest checks:
 * 0 the OCI {@code index.json}, 1 the OCI image manifest, 2 the OCI image config, 3 a nested image index,
 * 4 docker-archive's {@code manifest.json}, 5 docker-archive's image config. The image is then opened and walked.
 */
class ImageDocumentsFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int KINDS = 6;
  /** The base OCI layout: path to bytes. */
  private static final Map<String, byte[]> OCI = new LinkedHashMap<>();
  /** The base docker-archive: entry name to bytes. */
  private static final Map<String, byte[]> DOCKER = new LinkedHashMap<>();

  static {
    try {
      ImageBuilder base = ImageBuilder.ociLayout().layer(l -> l.file("etc/os-release", "ID=alpine\n"))
          .env("PATH=/usr/bin", "A=b").exposedPort("8080/tcp").label("org.opencontainers.image.version", "1.0")
          .history("/bin/sh -c #(nop) ADD file:1234 in /").user("app").entrypoint("/app").cmd("run")
          .healthcheck("CMD", "true").repoTag("demo:1");
      Path dir = Files.createTempDirectory("drydock-fuzz-base-");
      base.write(dir.resolve("oci"));
      read(dir.resolve("oci"), OCI);
      ImageBuilder.dockerArchive().layer(l -> l.file("etc/os-release", "ID=alpine\n")).env("PATH=/usr/bin")
          .exposedPort("80/tcp").repoTag("demo:1").write(dir.resolve("docker.tar"));
      try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
          Files.newInputStream(dir.resolve("docker.tar")))) {
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          DOCKER.put(e.getName(), in.readAllBytes());
        }
      }
      ImageFuzzing.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void read(Path root, Map<String, byte[]> into) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        into.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
  }

  static Stream<Arguments> seeds() throws IOException {
    JsonNode index = JSON.readTree(OCI.get("index.json"));
    byte[] manifest = OCI.get(blobPath(index.get("manifests").get(0).get("digest").asText()));
    byte[] config = OCI.get(blobPath(JSON.readTree(manifest).get("config").get("digest").asText()));
    JsonNode dockerManifest = JSON.readTree(DOCKER.get("manifest.json"));
    return Stream.of(
        seed(0, OCI.get("index.json")),
        seed(1, manifest),
        seed(2, config),
        seed(3, OCI.get("index.json")),
        seed(4, DOCKER.get("manifest.json")),
        seed(5, DOCKER.get(dockerManifest.get(0).get("Config").asText())));
  }

  private static Arguments seed(int kind, byte[] doc) {
    byte[] data = new byte[doc.length + 1];
    data[0] = (byte) kind;
    System.arraycopy(doc, 0, data, 1, doc.length);
    return Arguments.of((Object) data);
  }

  @MethodSource("seeds")
  @FuzzTest
  void imageDocument(byte[] data) {
    if (data.length == 0) {
      return;
    }
    int kind = (data[0] & 0xff) % KINDS;
    byte[] doc = Arrays.copyOfRange(data, 1, data.length);
    Path target = ImageFuzzing.fresh(kind >= 4 ? "docker.tar" : "layout");
    try {
      FuzzContract.holds(() -> {
        if (kind >= 4) {
          writeDocker(target, kind, doc);
        } else {
          writeOci(target, kind, doc);
        }
        ImageFuzzing.openAndWalk(target);
      });
    } finally {
      ImageFuzzing.delete(target);
    }
  }

  private static void writeOci(Path dir, int kind, byte[] doc) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>(OCI);
    ObjectNode index = (ObjectNode) JSON.readTree(OCI.get("index.json"));
    ObjectNode manifestDesc = (ObjectNode) index.get("manifests").get(0);
    switch (kind) {
      case 0 -> files.put("index.json", doc);
      case 1 -> {
        describe(manifestDesc, doc);
        files.put(blobPath(digest(doc)), doc);
        files.put("index.json", JSON.writeValueAsBytes(index));
      }
      case 2 -> {
        ObjectNode manifest = (ObjectNode) JSON.readTree(OCI.get(blobPath(manifestDesc.get("digest").asText())));
        describe((ObjectNode) manifest.get("config"), doc);
        byte[] m = JSON.writeValueAsBytes(manifest);
        describe(manifestDesc, m);
        files.put(blobPath(digest(doc)), doc);
        files.put(blobPath(digest(m)), m);
        files.put("index.json", JSON.writeValueAsBytes(index));
      }
      default -> {
        // a nested index: index.json lists the fuzzed document as an image index
        ObjectNode top = JSON.createObjectNode().put("schemaVersion", 2)
            .put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode list = top.putArray("manifests");
        ObjectNode desc = list.addObject().put("mediaType", "application/vnd.oci.image.index.v1+json");
        describe(desc, doc);
        files.put(blobPath(digest(doc)), doc);
        files.put("index.json", JSON.writeValueAsBytes(top));
      }
    }
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
    }
  }

  private static void writeDocker(Path tar, int kind, byte[] doc) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>(DOCKER);
    if (kind == 4) {
      files.put("manifest.json", doc);
    } else {
      ArrayNode manifest = (ArrayNode) JSON.readTree(DOCKER.get("manifest.json"));
      String name = HexFormat.of().formatHex(sha256(doc)) + ".json";
      ((ObjectNode) manifest.get(0)).put("Config", name);
      files.put(name, doc);
      files.put("manifest.json", JSON.writeValueAsBytes(manifest));
    }
    Files.createDirectories(tar.getParent());
    try (OutputStream o = Files.newOutputStream(tar); TarArchiveOutputStream t = new TarArchiveOutputStream(o)) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(f.getValue().length);
        e.setMode(0100644);
        t.putArchiveEntry(e);
        t.write(f.getValue());
        t.closeArchiveEntry();
      }
    }
  }

  private static void describe(ObjectNode desc, byte[] doc) {
    desc.put("digest", digest(doc)).put("size", doc.length);
  }

  private static String blobPath(String digest) {
    return "blobs/sha256/" + digest.substring("sha256:".length());
  }

  private static String digest(byte[] doc) {
    return "sha256:" + HexFormat.of().formatHex(sha256(doc));
  }

  private static byte[] sha256(byte[] doc) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(doc);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
