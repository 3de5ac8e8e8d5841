package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.testing.ImageBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock db import} of a SHA-1 index, then a scan of an image holding a jar without
 * pom.properties whose SHA-1 the index knows.
 */
class DbImportCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** A jar with a manifest and one class, but no META-INF/maven/**, like many shaded or hand-built jars. */
  private static byte[] jarWithoutPomProperties() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      ZipEntry manifest = new ZipEntry("META-INF/MANIFEST.MF");
      manifest.setTime(1_700_000_000_000L);
      zip.putNextEntry(manifest);
      zip.write("Manifest-Version: 1.0\r\nCreated-By: hand\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      ZipEntry cls = new ZipEntry("com/acme/widget/Widget.class");
      cls.setTime(1_700_000_000_000L);
      zip.putNextEntry(cls);
      zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61});
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static String sha1(byte[] data) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
  }

  private Path image(byte[] jar) throws IOException {
    return ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")).history("ADD rootfs /")
        .layer(l -> l.file("opt/app/lib/widget-2.3.jar", jar, 0644)).history("COPY lib/ /opt/app/lib/")
        .write(tmp.resolve("widget.tar"));
  }

  private JsonNode scanWidget(Path image, Path cache, String name) throws IOException {
    Path out = tmp.resolve(name);
    Cli.Run r = Cli.run("scan", image.toString(), "--cache-dir", cache.toString(), "--format", "json",
        "--output", out.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode result = JSON.readTree(out.toFile());
    int maven = 0;
    for (JsonNode p : result.get("packages")) {
      maven += p.get("ecosystem").asText().equals("MAVEN") ? 1 : 0;
    }
    assertThat(maven).as("maven packages").isEqualTo(1);
    return result;
  }

  private static JsonNode maven(JsonNode result) {
    for (JsonNode p : result.get("packages")) {
      if (p.get("ecosystem").asText().equals("MAVEN")) {
        return p;
      }
    }
    throw new AssertionError("no maven package");
  }

  @Test
  void indexedShaGivesTheJarItsCoordinatesWithoutRescanningTheLayers() throws Exception {
    byte[] jar = jarWithoutPomProperties();
    String sha1 = sha1(jar);
    Path image = image(jar);
    Path cache = tmp.resolve("cache");

    JsonNode before = maven(scanWidget(image, cache, "before.json"));
    assertThat(before.get("name").asText()).isEqualTo("widget");
    assertThat(before.get("version").asText()).isEqualTo("2.3");
    assertThat(before.get("attributes").get("sha1").asText()).isEqualTo(sha1);
    assertThat(before.get("attributes").get("derivation").asText()).isNotEqualTo("sha1-index");

    Path csv = Files.writeString(tmp.resolve("index.csv"), "sha1,groupId,artifactId,version\n"
        + "# two unrelated artifacts and ours\n"
        + "e709af88b40e1b3df193df3460faef44da41fd51,org.springframework,spring-core,5.3.17\n"
        + sha1.toUpperCase() + ",com.acme.widgets,widget-core,2.3.1\n"
        + "\n"
        + "0123456789abcdef0123456789abcdef01234567,org.example,other,1.0\n");
    Cli.Run imp = Cli.run("db", "import", csv.toString(), "--cache-dir", cache.toString());
    assertThat(imp.exit()).as(imp.toString()).isZero();
    assertThat(imp.err()).contains("index.csv", "3 artifacts");

    JsonNode result = scanWidget(image, cache, "after.json");
    assertThat(result.get("stats").get("layersFromCache").asInt()).isEqualTo(2);
    JsonNode p = maven(result);
    assertThat(p.get("namespace").asText()).isEqualTo("com.acme.widgets");
    assertThat(p.get("name").asText()).isEqualTo("widget-core");
    assertThat(p.get("version").asText()).isEqualTo("2.3.1");
    assertThat(p.get("attributes").get("derivation").asText()).isEqualTo("sha1-index");
    assertThat(p.get("attributes").get("sha1").asText()).isEqualTo(sha1);
    assertThat(p.get("purl").asText()).isEqualTo("pkg:maven/com.acme.widgets/widget-core@2.3.1");
    assertThat(p.get("location").asText()).isEqualTo("opt/app/lib/widget-2.3.jar");
    assertThat(p.get("layerIndex").asInt()).isEqualTo(1);
  }

  @Test
  void badLineStopsTheImportNamingFileAndLineAndKeepsTheOldIndex() throws Exception {
    byte[] jar = jarWithoutPomProperties();
    String sha1 = sha1(jar);
    Path image = image(jar);
    Path cache = tmp.resolve("cache");
    Path good = Files.writeString(tmp.resolve("good.csv"), sha1 + ",com.acme.widgets,widget-core,2.3.1\n");
    assertThat(Cli.run("db", "import", good.toString(), "--cache-dir", cache.toString()).exit()).isZero();
    List<String> cacheBefore = List.copyOf(Cli.tree(cache, null));

    Path bad = Files.writeString(tmp.resolve("bad.csv"), "sha1,groupId,artifactId,version\n"
        + sha1 + ",org.example,replaced,9.9\n"
        + "e709af88b40e1b3df193df3460faef44da41fd51,org.springframework,spring-core\n");
    Cli.Run r = Cli.run("db", "import", bad.toString(), "--cache-dir", cache.toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("drydock: ").contains("bad.csv:3").doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(Cli.tree(cache, null)).as("no temporary file left in the cache").containsExactlyElementsOf(cacheBefore);

    JsonNode p = maven(scanWidget(image, cache, "after.json"));
    assertThat(p.get("name").asText()).isEqualTo("widget-core");
    assertThat(p.get("version").asText()).isEqualTo("2.3.1");
  }

  @Test
  void badShaIsNamedWithItsLine() throws IOException {
    Path bad = Files.writeString(tmp.resolve("bad-sha.csv"), "# comment\nnot-a-sha,org.example,x,1\n");
    Cli.Run r = Cli.run("db", "import", bad.toString(), "--cache-dir", tmp.resolve("cache").toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("drydock: ").contains("bad-sha.csv:2", "not-a-sha");
  }

  @Test
  void missingImportFile() {
    Cli.Run r = Cli.run("db", "import", tmp.resolve("absent.csv").toString(), "--cache-dir", tmp.resolve("cache").toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("drydock: ").contains("absent.csv").doesNotContain("Exception");
  }
}
