package dev.drydock.report.cyclonedx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.ScanResult;
import dev.drydock.report.Samples;
import dev.drydock.report.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

class CycloneDxReportTest {

  static byte[] render(ScanResult result) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new CycloneDxReport().write(result, out);
    return out.toByteArray();
  }

  static void assertValid(byte[] json) throws IOException {
    List<ParseException> errors = new JsonParser().validate(json, Version.VERSION_16);
    assertThat(errors).extracting(Throwable::getMessage).isEmpty();
  }

  /** Analyzers write the npm scope with its '@' (docs/json-format.md); the group must not get a second one. */
  @Test
  void npmScopeAsAnalyzersWriteIt() throws IOException {
    dev.drydock.model.Package babel = new dev.drydock.model.Package(dev.drydock.model.Ecosystem.NPM, "@babel",
        "core", "7.23.2", null, null, null, List.of("MIT"), "web/package-lock.json", java.util.Map.of());
    ScanResult result = ScanResult.builder()
        .schemaVersion(ScanResult.SCHEMA_VERSION)
        .drydockVersion("0.1.0")
        .createdAt("2024-02-01T10:15:30Z")
        .target(new dev.drydock.model.Target("source", "./web", null, null, null, null))
        .packages(List.of(new dev.drydock.model.InstalledPackage(dev.drydock.model.Purls.of(babel, null), babel, -1,
            null, null,
            List.of("web/package-lock.json"))))
        .stats(new dev.drydock.model.ScanStats(0, 0, 0, 0, 0, 3))
        .build();
    byte[] json = render(result);
    assertValid(json);
    JsonNode c = Json.mapper().readTree(json).at("/components/0");
    assertThat(c.get("group").asText()).isEqualTo("@babel");
    assertThat(c.get("purl").asText()).isEqualTo("pkg:npm/%40babel/core@7.23.2");
  }

  @Test
  void theProjectIsTheRootComponentAndItsMembersItsChildren() throws IOException {
    byte[] json = render(dev.drydock.report.ProjectSamples.npmWorkspace());
    assertValid(json);
    JsonNode bom = Json.mapper().readTree(json);
    JsonNode root = bom.at("/metadata/component");
    assertThat(root.get("type").asText()).isEqualTo("application");
    assertThat(root.get("name").asText()).isEqualTo("drydock-fixture-app");
    assertThat(root.get("version").asText()).isEqualTo("1.0.0");
    assertThat(root.get("purl").asText()).isEqualTo("pkg:npm/drydock-fixture-app@1.0.0");
    List<String> names = new ArrayList<>();
    bom.get("components").forEach(c -> names.add(c.get("name").asText()));
    assertThat(names).containsExactly("local-lib", "string-locale-compare", "ms");
    JsonNode graph = bom.at("/dependencies/0");
    assertThat(graph.get("ref").asText()).isEqualTo(root.get("bom-ref").asText());
    List<String> children = new ArrayList<>();
    graph.get("dependsOn").forEach(d -> children.add(d.asText()));
    assertThat(children).contains("pkg:npm/local-lib@0.1.0");
    JsonNode member = bom.at("/components/0");
    assertThat(member.get("type").asText()).isEqualTo("application");
  }

  /** Lock-file edges become dependsOn; the root depends on the direct dependencies and on edge-less packages. */
  @Test
  void dependencyGraphFromLockFileEdges() throws IOException {
    byte[] json = render(dev.drydock.report.ProjectSamples.npmGraph());
    assertValid(json);
    Map<String, List<String>> graph = new java.util.LinkedHashMap<>();
    Json.mapper().readTree(json).get("dependencies").forEach(d -> {
      List<String> on = new ArrayList<>();
      d.path("dependsOn").forEach(x -> on.add(x.asText()));
      graph.put(d.get("ref").asText(), on);
    });
    assertThat(graph).containsExactly(
        Map.entry("pkg:npm/drydock-fixture-app@1.0.0", List.of("pkg:npm/debug@2.6.9", "pkg:npm/local-lib@0.1.0",
            "pkg:npm/ms@2.1.3", "pkg:maven/org.slf4j/slf4j-api@2.0.9")),
        Map.entry("pkg:npm/local-lib@0.1.0", List.of("pkg:npm/inherits@2.0.4")),
        Map.entry("pkg:npm/debug@2.6.9", List.of("pkg:npm/ms@2.0.0")));
  }

  @Test
  void severalProjectsKeepTheDirectoryAsRoot() throws IOException {
    byte[] json = render(dev.drydock.report.ProjectSamples.twoProjects());
    assertValid(json);
    JsonNode root = Json.mapper().readTree(json).at("/metadata/component");
    assertThat(root.get("name").asText()).isEqualTo("./shop");
  }

  @Test
  void validatesAgainstTheCycloneDx16Schema() throws IOException {
    assertValid(render(Samples.debianImage()));
  }

  @Test
  void describesTheImageTheOsAndEveryPackage() throws Exception {
    ScanResult result = Samples.debianImage();
    byte[] json = render(result);
    JsonNode root = Json.mapper().readTree(json);
    assertThat(root.get("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(root.get("specVersion").asText()).isEqualTo("1.6");
    assertThat(root.get("serialNumber").asText()).matches("urn:uuid:[0-9a-f-]{36}");
    assertThat(root.at("/metadata/timestamp").asText()).isEqualTo("2024-02-01T10:15:30Z");
    assertThat(root.at("/metadata/tools/components/0/name").asText()).isEqualTo("drydock");
    assertThat(root.at("/metadata/tools/components/0/version").asText()).isEqualTo("0.1.0");
    JsonNode image = root.at("/metadata/component");
    assertThat(image.get("type").asText()).isEqualTo("container");
    assertThat(image.get("name").asText()).isEqualTo("registry.example.org:5000/team/app");
    assertThat(image.get("version").asText()).isEqualTo(result.target().manifestDigest());

    Bom bom = new JsonParser().parse(json);
    List<Component> components = bom.getComponents();
    Component os = components.get(0);
    assertThat(os.getType()).isEqualTo(Component.Type.OPERATING_SYSTEM);
    assertThat(os.getName()).isEqualTo("debian");
    assertThat(os.getVersion()).isEqualTo("12");
    assertThat(os.getDescription()).isEqualTo("Debian GNU/Linux 12 (bookworm)");

    List<Component> libraries = components.subList(1, components.size());
    assertThat(libraries).allSatisfy(c -> assertThat(c.getType()).isEqualTo(Component.Type.LIBRARY));
    assertThat(libraries).extracting(Component::getPurl)
        .containsExactlyElementsOf(result.packages().stream().map(InstalledPackage::purl).toList());
    List<String> refs = new ArrayList<>();
    components.forEach(c -> refs.add(c.getBomRef()));
    refs.add(bom.getMetadata().getComponent().getBomRef());
    assertThat(refs).doesNotHaveDuplicates();
    // the two copies of commons-lang3 share a purl but not a bom-ref
    assertThat(libraries.get(4).getBomRef()).isEqualTo(libraries.get(4).getPurl());
    assertThat(libraries.get(5).getBomRef()).isNotEqualTo(libraries.get(4).getBomRef())
        .startsWith(libraries.get(4).getPurl());
    // the image depends on every component
    assertThat(bom.getDependencies()).hasSize(1);
    assertThat(bom.getDependencies().get(0).getRef()).isEqualTo(bom.getMetadata().getComponent().getBomRef());
    assertThat(bom.getDependencies().get(0).getDependencies()).extracting(d -> d.getRef())
        .containsExactlyElementsOf(components.stream().map(Component::getBomRef).toList());
  }

  @Test
  void carriesLicencesHashesAndLayerProperties() throws Exception {
    ScanResult result = Samples.debianImage();
    Map<String, JsonNode> byRef = new HashMap<>();
    for (JsonNode c : Json.mapper().readTree(render(result)).get("components")) {
      byRef.put(c.get("bom-ref").asText(), c);
    }
    InstalledPackage libc6 = result.packages().get(1);
    JsonNode libc = byRef.get(libc6.purl());
    assertThat(libc.get("name").asText()).isEqualTo("libc6");
    assertThat(libc.get("version").asText()).isEqualTo("2.36-9+deb12u4");
    assertThat(props(libc, CycloneDxReport.PROP_DIFF_ID)).containsExactly(libc6.layerDiffId());
    assertThat(props(libc, CycloneDxReport.PROP_CREATED_BY)).containsExactly(libc6.createdBy().strip());
    assertThat(props(libc, CycloneDxReport.PROP_LOCATION)).containsExactly("var/lib/dpkg/status");
    assertThat(props(libc, CycloneDxReport.PROP_SOURCE)).containsExactly("glibc");
    // "GPL-2" is a Debian name, not an SPDX id: kept as name; "LGPL-2.1" is the deprecated SPDX id
    assertThat(libc.at("/licenses/0/license/name").asText()).isEqualTo("GPL-2");
    assertThat(libc.at("/licenses/0/license/id").isMissingNode()).isTrue();
    assertThat(libc.at("/licenses/1/license/id").asText()).isEqualTo("LGPL-2.1-only");

    JsonNode gcc = byRef.get(result.packages().get(2).purl());
    assertThat(props(gcc, CycloneDxReport.PROP_SOURCE)).containsExactly("gcc-12@12.2.0-14");
    assertThat(gcc.at("/licenses/0/license/name").asText()).isEqualTo(Samples.FREE_TEXT_LICENSE);
    assertThat(gcc.at("/licenses/0/license/id").isMissingNode()).isTrue();

    JsonNode lang = byRef.get(result.packages().get(4).purl());
    assertThat(lang.get("group").asText()).isEqualTo("org.apache.commons");
    assertThat(lang.at("/licenses/0/license/id").asText()).isEqualTo("Apache-2.0");
    assertThat(lang.at("/hashes/0/alg").asText()).isEqualTo("SHA-1");
    assertThat(lang.at("/hashes/0/content").asText()).isEqualTo(Samples.COMMONS_LANG_SHA1);

    String babelPurl = result.packages().get(6).purl();
    assertThat(babelPurl).startsWith("pkg:npm/").endsWith("babel/core@7.23.2");
    JsonNode babel = byRef.get(babelPurl);
    assertThat(babel.get("group").asText()).isEqualTo("@babel");
    assertThat(babel.get("name").asText()).isEqualTo("core");
    assertThat(babel.at("/licenses/0/license/id").asText()).isEqualTo("MIT");

    assertThat(result.packages().get(7).purl()).isEqualTo("pkg:cargo/serde@1.0.193");
    JsonNode serde = byRef.get("pkg:cargo/serde@1.0.193");
    assertThat(serde.at("/licenses/0/expression").asText()).isEqualTo("MIT OR Apache-2.0");
    assertThat(serde.get("hashes")).isNull();
  }

  @Test
  void sameResultGivesTheSameDocument() throws IOException {
    assertThat(render(Samples.debianImage())).isEqualTo(render(Samples.debianImage()));
  }

  private static List<String> props(JsonNode component, String name) {
    List<String> values = new ArrayList<>();
    for (JsonNode p : component.path("properties")) {
      if (p.get("name").asText().equals(name)) {
        values.add(p.get("value").asText());
      }
    }
    return values;
  }
}
