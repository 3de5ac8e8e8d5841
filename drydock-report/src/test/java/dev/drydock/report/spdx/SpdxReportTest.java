package dev.drydock.report.spdx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.ScanResult;
import dev.drydock.report.Samples;
import dev.drydock.report.VulnSamples;
import dev.drydock.report.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spdx.tools.SpdxToolsHelper;

class SpdxReportTest {
  @TempDir Path dir;

  @BeforeAll
  static void offlineLicenceList() {
    // verify against the licence list bundled in the SPDX library instead of fetching spdx.org
    System.setProperty("org.spdx.useJARLicenseInfoOnly", "true");
    System.setProperty("SPDXParser.OnlyUseLocalLicenses", "true");
    SpdxToolsHelper.initialize();
  }

  @Test
  void verifierItselfRejectsSchemaViolations() throws Exception {
    // a document without packages' required downloadLocation must not pass
    JsonNode doc = Json.mapper().readTree(render(Samples.debianImage()));
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("packages").get(3)).remove("downloadLocation");
    assertThat(verify(Json.mapper().writeValueAsBytes(doc), dir)).isNotEmpty();
  }

  static byte[] render(ScanResult result) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SpdxReport().write(result, out);
    return out.toByteArray();
  }

  /** Runs the SPDX tools-java checks on the rendered document and returns its findings. */
  static List<String> verify(byte[] json, Path dir) throws Exception {
    return SpdxVerifier.verify(Files.write(dir.resolve("sbom.spdx.json"), json));
  }

  @Test
  void spdxToolsFindNoErrors() throws Exception {
    assertThat(verify(render(Samples.debianImage()), dir)).isEmpty();
  }

  @Test
  void vulnerabilitiesLeaveTheSbomUnchanged() throws Exception {
    ScanResult withFindings = VulnSamples.debianWithFindings();
    ScanResult inventoryOnly = withFindings.withVulnerabilities(List.of(), List.of(), List.of());
    byte[] document = render(withFindings);
    assertThat(document).isEqualTo(render(inventoryOnly));
    assertThat(new String(document, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("CVE-");
    assertThat(verify(document, dir)).isEmpty();
  }

  @Test
  void emptyResultIsAValidDocumentToo() throws Exception {
    assertThat(verify(render(Samples.emptySource()), dir)).isEmpty();
  }

  @Test
  void documentHeaderAndTargetPackage() throws Exception {
    ScanResult result = Samples.debianImage();
    JsonNode doc = Json.mapper().readTree(render(result));
    assertThat(doc.get("spdxVersion").asText()).isEqualTo("SPDX-2.3");
    assertThat(doc.get("dataLicense").asText()).isEqualTo("CC0-1.0");
    assertThat(doc.get("SPDXID").asText()).isEqualTo("SPDXRef-DOCUMENT");
    assertThat(doc.get("name").asText()).isEqualTo("registry.example.org:5000/team/app");
    assertThat(doc.get("documentNamespace").asText())
        .matches("https://drydock\\.dev/spdxdocs/registry\\.example\\.org-5000-team-app-[0-9a-f-]{36}");
    assertThat(doc.at("/creationInfo/creators/0").asText()).isEqualTo("Tool: drydock-0.1.0");
    assertThat(doc.at("/creationInfo/created").asText()).isEqualTo("2024-02-01T10:15:30Z");

    JsonNode target = doc.at("/packages/0");
    assertThat(target.get("SPDXID").asText()).isEqualTo(SpdxReport.TARGET_ID);
    assertThat(target.get("versionInfo").asText()).isEqualTo(result.target().manifestDigest());
    assertThat(target.get("primaryPackagePurpose").asText()).isEqualTo("CONTAINER");
    assertThat(target.at("/checksums/0/checksumValue").asText())
        .isEqualTo(result.target().configDigest().substring("sha256:".length()));
    JsonNode os = doc.at("/packages/1");
    assertThat(os.get("name").asText()).isEqualTo("debian");
    assertThat(os.get("versionInfo").asText()).isEqualTo("12");
    assertThat(os.get("primaryPackagePurpose").asText()).isEqualTo("OPERATING_SYSTEM");
  }

  /** Analyzers write the npm scope with its '@' (docs/json-format.md); the name must not get a second one. */
  @Test
  void npmScopeAsAnalyzersWriteIt() throws Exception {
    dev.drydock.model.Package babel = new dev.drydock.model.Package(dev.drydock.model.Ecosystem.NPM, "@babel",
        "core", "7.23.2", null, null, null, List.of("MIT"), "web/package-lock.json", java.util.Map.of());
    ScanResult result = ScanResult.builder()
        .schemaVersion(ScanResult.SCHEMA_VERSION)
        .drydockVersion("0.1.0")
        .createdAt("2024-02-01T10:15:30Z")
        .target(new dev.drydock.model.Target("source", "./web", null, null, null, null))
        .packages(List.of(new InstalledPackage(dev.drydock.model.Purls.of(babel, null), babel, -1, null, null,
            List.of("web/package-lock.json"))))
        .stats(new dev.drydock.model.ScanStats(0, 0, 0, 0, 0, 3))
        .build();
    JsonNode doc = Json.mapper().readTree(render(result));
    assertThat(doc.at("/packages/1/name").asText()).isEqualTo("@babel/core");
    assertThat(doc.at("/packages/1/externalRefs/0/referenceLocator").asText()).isEqualTo("pkg:npm/%40babel/core@7.23.2");
  }

  @Test
  void theProjectIsWhatTheDocumentDescribes() throws Exception {
    byte[] json = render(dev.drydock.report.ProjectSamples.npmWorkspace());
    assertThat(verify(json, dir)).isEmpty();
    JsonNode doc = Json.mapper().readTree(json);
    JsonNode described = doc.at("/packages/0");
    assertThat(doc.at("/relationships/0/relationshipType").asText()).isEqualTo("DESCRIBES");
    assertThat(doc.at("/relationships/0/relatedSpdxElement").asText()).isEqualTo(described.get("SPDXID").asText());
    assertThat(described.get("name").asText()).isEqualTo("drydock-fixture-app");
    assertThat(described.get("versionInfo").asText()).isEqualTo("1.0.0");
    assertThat(described.at("/externalRefs/0/referenceLocator").asText()).isEqualTo("pkg:npm/drydock-fixture-app@1.0.0");
    assertThat(doc.get("packages")).hasSize(4);
    assertThat(verify(render(dev.drydock.report.ProjectSamples.twoProjects()), dir)).isEmpty();
    assertThat(Json.mapper().readTree(render(dev.drydock.report.ProjectSamples.twoProjects())).at("/packages/0/name")
        .asText()).isEqualTo("./shop");
  }

  /** Lock-file edges become DEPENDS_ON between the packages (the project is the described package). */
  @Test
  void dependsOnRelationshipsFromLockFileEdges() throws Exception {
    byte[] json = render(dev.drydock.report.ProjectSamples.npmGraph());
    assertThat(verify(json, dir)).isEmpty();
    JsonNode doc = Json.mapper().readTree(json);
    java.util.Map<String, String> names = new java.util.HashMap<>();
    doc.get("packages").forEach(p -> names.put(p.get("SPDXID").asText(),
        p.get("name").asText() + "@" + p.get("versionInfo").asText()));
    List<String> edges = new java.util.ArrayList<>();
    doc.get("relationships").forEach(r -> {
      if (r.get("relationshipType").asText().equals("DEPENDS_ON")) {
        edges.add(names.get(r.get("spdxElementId").asText()) + " -> " + names.get(r.get("relatedSpdxElement").asText()));
      }
    });
    assertThat(edges).containsExactly("drydock-fixture-app@1.0.0 -> debug@2.6.9",
        "drydock-fixture-app@1.0.0 -> local-lib@0.1.0", "drydock-fixture-app@1.0.0 -> ms@2.1.3",
        "local-lib@0.1.0 -> inherits@2.0.4", "debug@2.6.9 -> ms@2.0.0");
  }

  @Test
  void everyPackageWithPurlLicenceAndRelationships() throws Exception {
    ScanResult result = Samples.debianImage();
    JsonNode doc = Json.mapper().readTree(render(result));
    List<JsonNode> packages = new ArrayList<>();
    doc.get("packages").forEach(packages::add);
    List<JsonNode> found = packages.subList(2, packages.size());
    assertThat(found).extracting(p -> p.at("/externalRefs/0/referenceLocator").asText())
        .containsExactlyElementsOf(result.packages().stream().map(InstalledPackage::purl).toList());
    assertThat(found).allSatisfy(p -> {
      assertThat(p.at("/externalRefs/0/referenceCategory").asText()).isEqualTo("PACKAGE-MANAGER");
      assertThat(p.at("/externalRefs/0/referenceType").asText()).isEqualTo("purl");
      assertThat(p.get("downloadLocation").asText()).isEqualTo("NOASSERTION");
      assertThat(p.get("filesAnalyzed").asBoolean()).isFalse();
      assertThat(p.get("licenseConcluded").asText()).isEqualTo("NOASSERTION");
      assertThat(p.get("SPDXID").asText()).matches("SPDXRef-Package-[A-Za-z0-9.-]+-\\d+");
    });
    Set<String> ids = new HashSet<>();
    packages.forEach(p -> assertThat(ids.add(p.get("SPDXID").asText())).isTrue());

    assertThat(found).extracting(p -> p.get("name").asText()).containsExactly("base-files", "libc6",
        "libgcc-s1", "libssl3", "org.apache.commons:commons-lang3", "org.apache.commons:commons-lang3",
        "@babel/core", "serde");
    assertThat(found).extracting(p -> p.get("licenseDeclared").asText()).containsExactly(
        "NOASSERTION",
        "LicenseRef-GPL-2 AND LGPL-2.1-only",
        "LicenseRef-GPL-2-with-exceptions",
        "Apache-2.0",
        "Apache-2.0",
        "Apache-2.0",
        "MIT",
        "MIT OR Apache-2.0");
    assertThat(found.get(4).at("/checksums/0/algorithm").asText()).isEqualTo("SHA1");
    assertThat(found.get(4).at("/checksums/0/checksumValue").asText()).isEqualTo(Samples.COMMONS_LANG_SHA1);
    assertThat(found.get(1).get("sourceInfo").asText()).contains("source package: glibc")
        .contains("found at: var/lib/dpkg/status").contains(result.packages().get(1).layerDiffId());

    // every LicenseRef used is declared once, with the original text
    Set<String> used = new HashSet<>();
    Matcher refs = Pattern.compile("LicenseRef-[A-Za-z0-9.-]+").matcher(doc.get("packages").toString());
    while (refs.find()) {
      used.add(refs.group());
    }
    List<String> declared = new ArrayList<>();
    doc.get("hasExtractedLicensingInfos").forEach(e -> declared.add(e.get("licenseId").asText()));
    assertThat(declared).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(used);
    assertThat(doc.get("hasExtractedLicensingInfos").findValuesAsText("extractedText"))
        .containsExactlyInAnyOrder("GPL-2", Samples.FREE_TEXT_LICENSE);

    List<String> relationships = new ArrayList<>();
    doc.get("relationships").forEach(r -> relationships.add(r.get("spdxElementId").asText() + " "
        + r.get("relationshipType").asText() + " " + r.get("relatedSpdxElement").asText()));
    assertThat(relationships.get(0)).isEqualTo("SPDXRef-DOCUMENT DESCRIBES SPDXRef-Target");
    assertThat(relationships.subList(1, relationships.size())).containsExactlyElementsOf(
        packages.subList(1, packages.size()).stream()
            .map(p -> "SPDXRef-Target CONTAINS " + p.get("SPDXID").asText()).toList());
  }

  @Test
  void verifierCatchesAnInvalidLicenceExpression() throws Exception {
    // guards the validation test itself: the verifier must reject what drydock must never write
    JsonNode doc = Json.mapper().readTree(render(Samples.debianImage()));
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("packages").get(4))
        .put("licenseDeclared", Samples.FREE_TEXT_LICENSE);
    assertThat(verify(Json.mapper().writeValueAsBytes(doc), dir)).isNotEmpty();
  }
}
