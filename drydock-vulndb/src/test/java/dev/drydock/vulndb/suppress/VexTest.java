package dev.drydock.vulndb.suppress;

import static dev.drydock.vulndb.suppress.Findings.finding;
import static dev.drydock.vulndb.suppress.Findings.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.model.Vulnerability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VexTest {
  @TempDir Path dir;

  private static final String LOG4J = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1";

  private static Optional<String> decision(Vex vex, Vulnerability v) {
    return vex.decide(v).filter(Vex.Statement::suppresses).map(Vex.Statement::reason);
  }

  // --- OpenVEX ---

  @Test
  void specMinimalExampleFixedSuppressesEveryArchOfThatVersion() {
    Vex vex = Vex.load(fixture("openvex-spec-minimal.json"));
    assertThat(vex.format()).isEqualTo(Vex.Format.OPENVEX);
    assertThat(decision(vex, finding("CVE-2023-12345", List.of(), "pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64")))
        .contains("fixed");
    assertThat(decision(vex, finding("CVE-2023-12345", List.of(), "pkg:apk/wolfi/git@2.39.0-r1?arch=aarch64")))
        .contains("fixed");
    assertThat(decision(vex, finding("CVE-2023-12345", List.of(), "pkg:apk/wolfi/git@2.39.0-r1")))
        .contains("fixed");
  }

  @Test
  void specMinimalExampleDoesNotTouchOtherVersionsPackagesOrIds() {
    Vex vex = Vex.load(fixture("openvex-spec-minimal.json"));
    assertThat(vex.decide(finding("CVE-2023-12345", List.of(), "pkg:apk/wolfi/git@2.38.1-r0?arch=x86_64")))
        .isEmpty();
    assertThat(vex.decide(finding("CVE-2023-12345", List.of(), "pkg:apk/wolfi/git-daemon@2.39.0-r1"))).isEmpty();
    assertThat(vex.decide(finding("CVE-2023-12345", List.of(), "pkg:apk/alpine/git@2.39.0-r1"))).isEmpty();
    assertThat(vex.decide(finding("CVE-2023-99999", List.of(), "pkg:apk/wolfi/git@2.39.0-r1"))).isEmpty();
  }

  @Test
  void notAffectedThroughSubcomponentWithJustificationAndImpactStatement() {
    Vex vex = Vex.load(fixture("openvex-payments.json"));
    assertThat(decision(vex, finding("CVE-2021-44228", List.of("GHSA-jfh8-c2jp-5v3q"), LOG4J)))
        .contains("not_affected (vulnerable_code_not_in_execute_path): JNDI lookups are disabled with"
            + " -Dlog4j2.formatMsgNoLookups=true");
    assertThat(vex.decide(finding("CVE-2021-44228", List.of(),
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.16.0"))).isEmpty();
  }

  @Test
  void aliasOfTheStatementMatchesTheFindingIdAndTheOtherWayRound() {
    Vex vex = Vex.load(fixture("openvex-payments.json"));
    // finding named by its GHSA id, the statement by its CVE with the GHSA as alias
    assertThat(decision(vex, finding("GHSA-jfh8-c2jp-5v3q", List.of(), LOG4J))).isPresent();
    // the finding's alias is the statement's name
    assertThat(decision(vex, finding("GHSA-jfh8-c2jp-5v3q", List.of("CVE-2021-44228"), LOG4J))).isPresent();
    // the statement's @id IRI ends in the CVE id
    assertThat(vex.statements().get(0).ids()).contains("CVE-2021-44228", "GHSA-jfh8-c2jp-5v3q",
        "https://nvd.nist.gov/vuln/detail/CVE-2021-44228");
  }

  @Test
  void productWithoutVersionMatchesEveryVersion() {
    Vex vex = Vex.load(fixture("openvex-payments.json"));
    assertThat(decision(vex, finding("CVE-2022-42889", List.of(), "pkg:maven/org.apache.commons/commons-text@1.9")))
        .contains("fixed: StringSubstitutor interpolators removed in our patched build");
    assertThat(decision(vex, finding("CVE-2022-42889", List.of(),
        "pkg:maven/org.apache.commons/commons-text@1.10.0?type=jar"))).isPresent();
    assertThat(vex.decide(finding("CVE-2022-42889", List.of(), "pkg:maven/org.apache.commons/commons-lang3@3.12.0")))
        .isEmpty();
  }

  @Test
  void affectedDoesNotSuppress() {
    Vex vex = Vex.load(fixture("openvex-payments.json"));
    Optional<Vex.Statement> s = vex.decide(finding("CVE-2023-44487", List.of(), "pkg:golang/golang.org/x/net@v0.15.0"));
    assertThat(s).get().satisfies(st -> {
      assertThat(st.status()).isEqualTo("affected");
      assertThat(st.suppresses()).isFalse();
      assertThat(st.detail()).isEqualTo("Upgrade golang.org/x/net to v0.17.0");
    });
  }

  @Test
  void latestStatementByTimestampDecidesNotThePositionInTheDocument() {
    Vex vex = Vex.load(fixture("openvex-payments.json"));
    // not_affected (2024-02-15) comes before under_investigation (2024-01-10) in the file: not_affected wins
    assertThat(decision(vex, finding("CVE-2022-1471", List.of(), "pkg:maven/org.yaml/snakeyaml@1.33")))
        .contains("not_affected (vulnerable_code_cannot_be_controlled_by_adversary): Only our own configuration"
            + " is parsed, with SafeConstructor");
    // not_affected (2024-02-01) then affected (document timestamp 2024-03-01): affected wins
    assertThat(vex.decide(finding("CVE-2023-2976", List.of(), "pkg:maven/com.google.guava/guava@31.1-jre")))
        .get().extracting(Vex.Statement::status).isEqualTo("affected");
  }

  @Test
  void underInvestigationAloneDoesNotSuppress() throws IOException {
    Path f = write("vex.json", """
        {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1", "author": "me",
         "timestamp": "2024-01-01T00:00:00Z", "version": 1,
         "statements": [{"vulnerability": {"name": "CVE-2022-1471"},
           "products": [{"@id": "pkg:maven/org.yaml/snakeyaml@1.33"}], "status": "under_investigation"}]}
        """);
    Vex vex = Vex.load(f);
    assertThat(vex.decide(finding("CVE-2022-1471", List.of(), "pkg:maven/org.yaml/snakeyaml@1.33")))
        .get().extracting(Vex.Statement::suppresses).isEqualTo(false);
  }

  @Test
  void legacyStringFormsOfVulnerabilityAndProducts() throws IOException {
    Path f = write("vex.json", """
        {"@context": "https://openvex.dev/ns", "@id": "https://example.com/vex/2", "author": "me",
         "timestamp": "2023-01-01T00:00:00Z", "version": "1",
         "statements": [{"vulnerability": "CVE-2022-25883", "products": ["pkg:npm/semver@7.5.1"],
           "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}
        """);
    assertThat(decision(Vex.load(f), finding("CVE-2022-25883", List.of(), "pkg:npm/semver@7.5.1")))
        .contains("not_affected (vulnerable_code_not_in_execute_path)");
  }

  @Test
  void unknownOpenVexStatusIsAnError() throws IOException {
    Path f = write("vex.json", """
        {"@context": "https://openvex.dev/ns", "statements": [
          {"vulnerability": {"name": "CVE-2022-25883"}, "products": ["pkg:npm/semver@7.5.1"], "status": "wontfix"}]}
        """);
    assertThatThrownBy(() -> Vex.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ": statement 1: status 'wontfix'"
            + " (expected not_affected, affected, fixed or under_investigation)");
  }

  // --- CycloneDX ---

  @Test
  void cycloneDxNotAffectedViaBomRefWithQualifiersOnTheComponent() {
    Vex vex = Vex.load(fixture("cyclonedx-vex.json"));
    assertThat(vex.format()).isEqualTo(Vex.Format.CYCLONEDX);
    assertThat(decision(vex, finding("CVE-2020-36518", List.of(),
        "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.2")))
        .contains("not_affected (code_not_reachable): No untyped polymorphic deserialization of"
            + " caller-supplied JSON");
    assertThat(vex.decide(finding("CVE-2020-36518", List.of(),
        "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.4"))).isEmpty();
  }

  @Test
  void cycloneDxReferencesAreAliases() {
    Vex vex = Vex.load(fixture("cyclonedx-vex.json"));
    assertThat(decision(vex, finding("GHSA-57j2-w4cx-62h2", List.of(),
        "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.2?type=jar"))).isPresent();
  }

  @Test
  void cycloneDxFalsePositiveViaPurlRefAndResolvedViaBomLink() {
    Vex vex = Vex.load(fixture("cyclonedx-vex.json"));
    assertThat(decision(vex, finding("CVE-2021-44906", List.of(), "pkg:npm/minimist@1.2.5")))
        .contains("false_positive: minimist is a build-time dependency and is not in the image");
    assertThat(decision(vex, finding("CVE-2023-5678", List.of(),
        "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12")))
        .contains("resolved: DH parameter checks patched in our rebuild");
  }

  @Test
  void cycloneDxExploitableAndInTriageDoNotSuppress() {
    Vex vex = Vex.load(fixture("cyclonedx-vex.json"));
    String libssl = "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12";
    assertThat(vex.decide(finding("CVE-2024-0727", List.of(), libssl))).get()
        .extracting(Vex.Statement::status, Vex.Statement::suppresses).containsExactly("exploitable", false);
    assertThat(vex.decide(finding("CVE-2023-6129", List.of(), libssl))).get()
        .extracting(Vex.Statement::status, Vex.Statement::suppresses).containsExactly("in_triage", false);
  }

  @Test
  void cycloneDxRefToComponentWithoutPurlMatchesNothing() {
    Vex vex = Vex.load(fixture("cyclonedx-vex.json"));
    assertThat(vex.statements()).filteredOn(s -> s.ids().contains("CVE-2022-42003")).singleElement()
        .extracting(Vex.Statement::purls).asList().isEmpty();
    assertThat(vex.decide(finding("CVE-2022-42003", List.of(),
        "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.2"))).isEmpty();
  }

  @Test
  void cycloneDxBomWithoutAnalysisHasNoStatements() throws IOException {
    Path f = write("bom.json", """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "components": [{"type": "library", "name": "minimist", "version": "1.2.5", "purl": "pkg:npm/minimist@1.2.5"}],
         "vulnerabilities": [{"id": "CVE-2021-44906", "affects": [{"ref": "pkg:npm/minimist@1.2.5"}]}]}
        """);
    assertThat(Vex.load(f).statements()).isEmpty();
  }

  // --- unknown files ---

  @Test
  void spdxDocumentIsNotVex() throws IOException {
    Path f = write("sbom.spdx.json", """
        {"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": "payments"}
        """);
    assertThatThrownBy(() -> Vex.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ": not a VEX document: no OpenVEX @context and no \"bomFormat\": \"CycloneDX\""
            + " (expected OpenVEX JSON or CycloneDX VEX JSON)");
  }

  @Test
  void csafIsNamedAsUnsupported() throws IOException {
    Path f = write("rhsa.json", """
        {"document": {"category": "csaf_vex", "csaf_version": "2.0", "title": "x"}}
        """);
    assertThatThrownBy(() -> Vex.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ": CSAF VEX documents are not supported (expected OpenVEX JSON or CycloneDX VEX JSON)");
  }

  @Test
  void xmlIsNamedAsUnsupported() throws IOException {
    Path f = write("vex.xml", "<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"/>\n");
    assertThatThrownBy(() -> Vex.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ": XML VEX documents are not supported (expected OpenVEX JSON or CycloneDX VEX JSON)");
  }

  @Test
  void brokenJsonNamesFileAndLine() throws IOException {
    Path f = write("vex.json", "{\n  \"@context\": \"https://openvex.dev/ns\",\n  \"statements\": [\n    {,}\n  ]\n}\n");
    assertThatThrownBy(() -> Vex.load(f)).isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(f + ":4: invalid JSON: ")
        .hasMessageEndingWith("(expected OpenVEX JSON or CycloneDX VEX JSON)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void missingFileIsNamed() {
    Path f = dir.resolve("missing.vex.json");
    assertThatThrownBy(() -> Vex.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ": VEX file not found");
  }

  private Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }
}
