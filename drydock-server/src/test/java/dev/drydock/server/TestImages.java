package dev.drydock.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Docker archives that share base layers, built from the bundled demo image (examples/demo-app.tar): its six
 * layers, then one layer of their own (a file naming the build), with the config's diff_ids and history extended.
 */
final class TestImages {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The demo image's layer diffIDs (sha256 of each layer tar), in order: the shared base. */
  static List<String> baseDiffIds() throws IOException {
    Map<String, byte[]> demo = read(Path.of("../examples/demo-app.tar"));
    ArrayNode layers = (ArrayNode) JSON.readTree(demo.get("manifest.json")).get(0).get("Layers");
    List<String> out = new ArrayList<>();
    layers.forEach(l -> out.add("sha256:" + sha256(demo.get(l.asText()))));
    return out;
  }

  /** Writes {@code count} images to {@code dir} ({@code build-<i>.tar}); returns their paths. */
  static List<Path> build(Path dir, int count) throws IOException {
    Map<String, byte[]> demo = read(Path.of("../examples/demo-app.tar"));
    ObjectNode manifest = (ObjectNode) JSON.readTree(demo.get("manifest.json")).get(0);
    ObjectNode config = (ObjectNode) JSON.readTree(demo.get(manifest.get("Config").asText()));
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] layer = layer("app/build-" + i + ".txt", ("build " + i + "\n").getBytes(StandardCharsets.UTF_8));
      String diffId = "sha256:" + sha256(layer);
      ObjectNode c = config.deepCopy();
      ((ArrayNode) c.get("rootfs").get("diff_ids")).add(diffId);
      ObjectNode h = ((ArrayNode) c.get("history")).addObject();
      h.put("created", "2023-11-14T22:13:20Z");
      h.put("created_by", "RUN /bin/sh -c echo build " + i + " > /app/build-" + i + ".txt # buildkit");
      byte[] configBytes = JSON.writeValueAsBytes(c);
      String configName = sha256(configBytes) + ".json";
      ObjectNode m = manifest.deepCopy();
      m.put("Config", configName);
      m.putArray("RepoTags").add("drydock/demo-app:build-" + i);
      String layerName = sha256(layer) + "/layer.tar";
      ((ArrayNode) m.get("Layers")).add(layerName);
      Map<String, byte[]> files = new LinkedHashMap<>();
      for (var l : manifest.get("Layers")) {
        files.put(l.asText(), demo.get(l.asText()));
      }
      files.put(layerName, layer);
      files.put(configName, configBytes);
      files.put("manifest.json", JSON.writeValueAsBytes(JSON.createArrayNode().add(m)));
      Path tar = dir.resolve("build-" + i + ".tar");
      try (OutputStream os = Files.newOutputStream(tar)) {
        os.write(tarOf(files));
      }
      out.add(tar);
    }
    return out;
  }

  private static byte[] layer(String path, byte[] content) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(path, content);
    return tarOf(files);
  }

  private static byte[] tarOf(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (var e : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        entry.setMode(0644);
        entry.setModTime(1_700_000_000_000L);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  static Map<String, byte[]> read(Path tar) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = t.getNextEntry()) != null) {
        if (e.isFile()) {
          out.put(e.getName(), t.readAllBytes());
        }
      }
    }
    return out;
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
