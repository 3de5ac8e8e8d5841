package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock scan} and {@code drydock sbom} of the bundled example image (examples/demo-app.tar, see
 * examples/FIXTURES.md). Expected dpkg packages are read from the dpkg status files the image was built
 * from (examples/demo-src/debian), minus curl, which layer 2 purges.
 */
class DemoImageCliTest {
  static final Path DEMO = Path.of("../examples/demo-app.tar");
  static final Path DEMO_SRC = Path.of("../examples/demo-src/debian");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private String cache() {
    return tmp.resolve("cache").toString();
  }

  /** Names of the "Package:" stanzas of the status files the demo image's dpkg status was built from. */
  private static Set<String> debPackagesInSources() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String f : List.of("status.base", "status.extra")) {
      Files.readAllLines(DEMO_SRC.resolve(f)).stream()
          .filter(l -> l.startsWith("Package: "))
          .forEach(l -> names.add(l.substring("Package: ".length()).trim()));
    }
    return names;
  }

  private JsonNode scanJson(String command, Path out) throws IOException {
    Cli.Run r = Cli.run(command, DEMO.toString(), "--cache-dir", cache(), "--format", "json", "--output", out.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.stdout()).as("report goes to --output, not stdout").isEmpty();
    return JSON.readTree(out.toFile());
  }

  private static Map<String, JsonNode> byName(JsonNode result) {
    Map<String, JsonNode> m = new HashMap<>();
    for (JsonNode p : result.get("packages")) {
      m.put(p.get("ecosystem").asText() + ":" + p.get("name").asText(), p);
    }
    return m;
  }

  private static List<String> purls(JsonNode result) {
    List<String> purls = new ArrayList<>();
    result.get("packages").forEach(p -> purls.add(p.get("purl").asText()));
    return purls;
  }

  @Test
  void scanJsonListsThePackagesOfTheFinalImageWithTheirLayers() throws IOException {
    JsonNode r = scanJson("scan", tmp.resolve("scan.json"));

    assertThat(r.get("target").get("kind").asText()).isEqualTo("docker-archive");
    assertThat(r.get("os").get("family").asText()).isEqualTo("debian");
    assertThat(r.get("os").get("versionId").asText()).isEqualTo("12");
    assertThat(r.get("packages")).hasSize(71);

    Set<String> expectedDebs = debPackagesInSources();
    assertThat(expectedDebs).hasSize(65).contains("curl", "libcurl4");
    expectedDebs.remove("curl");
    Set<String> debs = new TreeSet<>();
    r.get("packages").forEach(p -> {
      if (p.get("ecosystem").asText().equals("DEB")) {
        debs.add(p.get("name").asText());
      }
    });
    assertThat(debs).isEqualTo(expectedDebs);

    Map<String, JsonNode> pkgs = byName(r);
    assertThat(pkgs).doesNotContainKey("DEB:curl").containsKey("DEB:libcurl4");
    String copyJar = "COPY target/demo-app.jar /app/app.jar # buildkit";
    assertPackage(pkgs.get("MAVEN:log4j-core"), "2.14.1", 3, copyJar);
    assertThat(pkgs.get("MAVEN:log4j-core").get("namespace").asText()).isEqualTo("org.apache.logging.log4j");
    assertPackage(pkgs.get("MAVEN:jackson-databind"), "2.9.8", 3, copyJar);
    assertThat(pkgs.get("MAVEN:jackson-databind").get("namespace").asText()).isEqualTo("com.fasterxml.jackson.core");
    assertPackage(pkgs.get("MAVEN:spring-core"), "5.3.17", 3, copyJar);
    assertPackage(pkgs.get("MAVEN:demo-app"), "1.0.0", 3, copyJar);
    String npmCi = "RUN /bin/sh -c cd /app/web && npm ci --omit=dev # buildkit";
    assertPackage(pkgs.get("NPM:lodash"), "4.17.15", 4, npmCi);
    assertPackage(pkgs.get("NPM:minimist"), "1.2.0", 4, npmCi);
    assertPackage(pkgs.get("PYPI:PyYAML") != null ? pkgs.get("PYPI:PyYAML") : pkgs.get("PYPI:pyyaml"), "6.0", 5,
        "RUN /bin/sh -c python3 -m venv /opt/venv && /opt/venv/bin/pip install PyYAML==6.0 # buildkit");
    // libcurl4 arrived with the apt-get install of layer 1 and survived the purge of curl in layer 2.
    assertThat(pkgs.get("DEB:libcurl4").get("layerIndex").asInt()).isEqualTo(1);
    assertThat(pkgs.get("DEB:libc6").get("layerIndex").asInt()).isZero();

    JsonNode stats = r.get("stats");
    assertThat(stats.get("layers").asInt()).isEqualTo(6);
    assertThat(stats.get("layersAnalysed").asInt()).isEqualTo(6);
    assertThat(stats.get("layersFromCache").asInt()).isZero();
    assertThat(stats.get("bytesRead").asLong()).isPositive();
    assertThat(r.get("layers")).hasSize(6);
    r.get("layers").forEach(l -> assertThat(l.get("cached").asBoolean()).as("layer %s", l.get("index")).isFalse());
  }

  private static void assertPackage(JsonNode p, String version, int layer, String createdBy) {
    assertThat(p).isNotNull();
    assertThat(p.get("version").asText()).isEqualTo(version);
    assertThat(p.get("layerIndex").asInt()).as("layer of %s", p.get("name")).isEqualTo(layer);
    assertThat(p.get("createdBy").asText()).isEqualTo(createdBy);
  }

  @Test
  void secondScanTakesEveryLayerFromTheCache() throws IOException {
    JsonNode first = scanJson("scan", tmp.resolve("first.json"));
    JsonNode second = scanJson("scan", tmp.resolve("second.json"));

    JsonNode stats = second.get("stats");
    assertThat(stats.get("layers").asInt()).isEqualTo(6);
    assertThat(stats.get("layersAnalysed").asInt()).isZero();
    assertThat(stats.get("layersFromCache").asInt()).isEqualTo(6);
    assertThat(stats.get("bytesRead").asLong()).isZero();
    second.get("layers").forEach(l -> assertThat(l.get("cached").asBoolean()).as("layer %s", l.get("index")).isTrue());
    assertThat(purls(second)).containsExactlyInAnyOrderElementsOf(purls(first));
    assertThat(second.get("packages")).isEqualTo(first.get("packages"));
  }

  @Test
  void summaryLineOnStandardErrorCountsPackagesAndLayers() {
    Cli.Run r = Cli.run("scan", DEMO.toString(), "--cache-dir", cache(), "--format", "json",
        "--output", tmp.resolve("s.json").toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("drydock: ").contains("71 packages", "6 layers", "6 analysed", "0 from cache");
  }

  @Test
  void cycloneDxSbomHasAComponentForEveryPackage() throws IOException {
    List<String> purls = purls(scanJson("scan", tmp.resolve("scan.json")));
    Path bom = tmp.resolve("bom.cdx.json");
    Cli.Run r = Cli.run("sbom", DEMO.toString(), "--cache-dir", cache(), "--format", "cyclonedx", "--output", bom.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode doc = JSON.readTree(bom.toFile());
    assertThat(doc.get("bomFormat").asText()).isEqualTo("CycloneDX");
    List<String> bomPurls = new ArrayList<>();
    doc.get("components").forEach(c -> {
      if (c.hasNonNull("purl")) {
        bomPurls.add(c.get("purl").asText());
      }
    });
    assertThat(purls).hasSize(71);
    assertThat(bomPurls).containsAll(purls);
  }

  @Test
  void spdxSbomHasAPackageForEveryPackage() throws IOException {
    List<String> purls = purls(scanJson("scan", tmp.resolve("scan.json")));
    Path spdx = tmp.resolve("bom.spdx.json");
    Cli.Run r = Cli.run("sbom", DEMO.toString(), "--cache-dir", cache(), "--format", "spdx", "--output", spdx.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode doc = JSON.readTree(spdx.toFile());
    assertThat(doc.get("spdxVersion").asText()).startsWith("SPDX-");
    List<String> locators = new ArrayList<>();
    doc.get("packages").forEach(p -> {
      if (p.has("externalRefs")) {
        p.get("externalRefs").forEach(ref -> {
          if (ref.get("referenceType").asText().equals("purl")) {
            locators.add(ref.get("referenceLocator").asText());
          }
        });
      }
    });
    assertThat(purls).hasSize(71);
    assertThat(locators).containsAll(purls);
  }

  @Test
  void tableOnStandardOutputShowsTheOsAndThePackageCount() {
    Cli.Run r = Cli.run("scan", DEMO.toString(), "--cache-dir", cache());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.stdout()).contains("OS: Debian GNU/Linux 12 (bookworm) [debian 12]",
        "Packages: 71 (--list-packages lists them)");
    // the package table only when asked (as Trivy's --list-all-pkgs)
    assertThat(r.stdout()).doesNotContainPattern("(?m)^\\s*org\\.apache\\.logging\\.log4j:log4j-core\\s+2\\.14\\.1");
    Cli.Run listed = Cli.run("scan", DEMO.toString(), "--cache-dir", cache(), "--list-packages");
    assertThat(listed.stdout()).contains("Packages: 71\n");
    assertThat(listed.stdout()).containsPattern("(?m)^\\s*org\\.apache\\.logging\\.log4j:log4j-core\\s+2\\.14\\.1\\s+maven\\s+#3\\s*$");
  }

  @Test
  void tableToAFile() throws IOException {
    Path out = tmp.resolve("report.txt");
    Cli.Run r = Cli.run("sbom", DEMO.toString(), "--cache-dir", cache(), "--format", "table", "--output", out.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(Files.readString(out)).contains("OS: Debian GNU/Linux 12 (bookworm)", "Packages: 71");
  }
}
