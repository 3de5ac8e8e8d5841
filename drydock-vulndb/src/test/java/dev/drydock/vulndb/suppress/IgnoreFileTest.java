package dev.drydock.vulndb.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreFileTest {
  @TempDir Path dir;

  @Test
  void readsEveryFieldWithTheLineOfItsEntry() {
    IgnoreFile file = IgnoreFile.load(Findings.fixture("drydockignore.yaml"));

    assertThat(file.entries()).extracting(IgnoreFile.Entry::id, IgnoreFile.Entry::line).containsExactly(
        org.assertj.core.groups.Tuple.tuple("CVE-2021-44228", 4),
        org.assertj.core.groups.Tuple.tuple("GHSA-jfh8-c2jp-5v3q", 9),
        org.assertj.core.groups.Tuple.tuple("CVE-2023-4911", 12),
        org.assertj.core.groups.Tuple.tuple("CVE-2022-25883", 15));
    IgnoreFile.Entry log4shell = file.entries().get(0);
    assertThat(log4shell.purls()).containsExactly("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    assertThat(log4shell.paths()).containsExactly("app/app.jar");
    assertThat(log4shell.reason()).isEqualTo("not reachable: JNDI disabled by -Dlog4j2.formatMsgNoLookups");
    assertThat(log4shell.expires()).isEqualTo(LocalDate.of(2027, 1, 31));
    assertThat(file.entries().get(2).expires()).isNull();
    assertThat(file.entries().get(2).paths()).isEmpty();
  }

  @Test
  void expiresOnTheDayNotTheDayBefore() {
    IgnoreFile.Entry entry = IgnoreFile.load(Findings.fixture("drydockignore.yaml")).entries().get(0);
    assertThat(entry.expiredOn(LocalDate.of(2027, 1, 30))).isFalse();
    assertThat(entry.expiredOn(LocalDate.of(2027, 1, 31))).isTrue();
    assertThat(entry.expiredOn(LocalDate.of(2027, 2, 1))).isTrue();
  }

  @Test
  void emptyFileAndEmptyListHaveNoEntries() throws IOException {
    assertThat(IgnoreFile.load(write("# nothing ignored yet\n")).entries()).isEmpty();
    assertThat(IgnoreFile.load(write("vulnerabilities: []\n")).entries()).isEmpty();
    assertThat(IgnoreFile.load(write("vulnerabilities:\n")).entries()).isEmpty();
  }

  @Test
  void flowStyleAndQuotedValuesAreAccepted() throws IOException {
    IgnoreFile file = IgnoreFile.load(write(
        "vulnerabilities: [{id: 'CVE-2022-25883', reason: \"dev only\", expires: '2026-03-01', paths: [a/**]}]\n"));
    assertThat(file.entries()).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo("CVE-2022-25883");
      assertThat(e.expires()).isEqualTo(LocalDate.of(2026, 3, 1));
      assertThat(e.paths()).containsExactly("a/**");
      assertThat(e.line()).isEqualTo(1);
    });
  }

  @Test
  void unknownKeyNamesItsLine() throws IOException {
    Path f = write("vulnerabilities:\n  - id: CVE-2021-44228\n    reasn: typo\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":3: unknown key 'reasn' (expected id, reason and optional purls, paths, expires)");
  }

  @Test
  void unknownTopLevelKeyNamesItsLine() throws IOException {
    Path f = write("# licenses are not checked\nlicenses:\n  - id: GPL-3.0\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":2: unknown key 'licenses' (expected vulnerabilities, misconfigurations, secrets)");
  }

  @Test
  void missingIdNamesTheEntryLine() throws IOException {
    Path f = write("vulnerabilities:\n  - id: CVE-2021-44228\n    reason: ok\n  - reason: which one?\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":4: entry has no id (expected id: <vulnerability id>)");
  }

  @Test
  void missingReasonNamesTheEntryLine() throws IOException {
    Path f = write("vulnerabilities:\n\n  - id: CVE-2021-44228\n    paths: [app/app.jar]\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":3: entry for CVE-2021-44228 has no reason (expected reason: <why it is ignored>)");
  }

  @Test
  void impossibleDateNamesItsLine() throws IOException {
    Path f = write("vulnerabilities:\n  - id: CVE-2021-44228\n    reason: ok\n    expires: 2027-02-30\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":4: 'expires' is not a date: '2027-02-30' (expected YYYY-MM-DD)");
  }

  @Test
  void dateInAnotherFormIsRejected() throws IOException {
    Path f = write("vulnerabilities:\n  - id: CVE-2021-44228\n    reason: ok\n    expires: 31/01/2027\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":4: 'expires' is not a date: '31/01/2027' (expected YYYY-MM-DD)");
  }

  @Test
  void numberAsDateIsAWrongType() throws IOException {
    Path f = write("vulnerabilities:\n  - id: CVE-2021-44228\n    reason: ok\n    expires: 20270131\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":4: 'expires' is the number 20270131 (expected YYYY-MM-DD)");
  }

  @Test
  void singlePurlInsteadOfListIsAWrongType() throws IOException {
    Path f = write("vulnerabilities:\n  - id: CVE-2021-44228\n    reason: ok\n"
        + "    purls: pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":4: 'purls' is the text 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'"
            + " (expected a list of purls such as [\"pkg:npm/lodash@4.17.20\"])");
  }

  @Test
  void mappingAsIdIsAWrongType() throws IOException {
    Path f = write("vulnerabilities:\n  - reason: ok\n    id:\n      cve: CVE-2021-44228\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(f + ":4: 'id' is a mapping (expected a vulnerability id");
  }

  @Test
  void vulnerabilitiesAsMappingIsAWrongType() throws IOException {
    Path f = write("vulnerabilities:\n  id: CVE-2021-44228\n  reason: ok\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":2: 'vulnerabilities' is a mapping (expected a list of entries)");
  }

  @Test
  void notAPurlIsRejected() throws IOException {
    Path f = write("vulnerabilities:\n  - id: CVE-2021-44228\n    reason: ok\n    purls: [log4j-core]\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":2: purl 'log4j-core' of CVE-2021-44228 is not a package URL"
            + " (expected pkg:<type>/<namespace>/<name>@<version>)");
  }

  @Test
  void duplicateKeyNamesItsLine() throws IOException {
    Path f = write("vulnerabilities:\n  - id: CVE-2021-44228\n    reason: a\n    reason: b\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":4: duplicate key 'reason' (expected each key once per mapping)");
  }

  @Test
  void anAliasIsTheEntryItNames() throws IOException {
    // read by drydock-yaml's YamlTree; the Jackson reader before it read *r as the text "r"
    Path f = write("vulnerabilities:\n  - id: CVE-2021-44228\n    reason: not reachable\n"
        + "misconfigurations:\n  - id: DD-IMG-001\n    reason: *r\n".replace("*r", "&r checked by hand")
        + "secrets:\n  - id: DD-SEC-016\n    reason: *r\n");
    IgnoreFile file = IgnoreFile.load(f);
    assertThat(file.entries(IgnoreFile.Kind.SECRETS).get(0).reason()).isEqualTo("checked by hand");
    assertThat(file.entries().get(0).id()).isEqualTo("CVE-2021-44228");
  }

  @Test
  void aSecondDocumentIsAnErrorNotIgnored() throws IOException {
    Path f = write("vulnerabilities:\n  - id: CVE-2021-44228\n    reason: a\n---\nvulnerabilities: []\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":4: invalid YAML: expected a single document in the stream: but found another document"
            + " (expected a YAML mapping with vulnerabilities, misconfigurations and secrets lists)");
  }

  @Test
  void yamlSyntaxErrorNamesFileAndLine() throws IOException {
    Path f = write("vulnerabilities:\n  - id: CVE-2021-44228\n    reason: \"unterminated\n    expires: 2027-01-31\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":3: invalid YAML: while scanning a quoted scalar: found unexpected end of stream"
            + " (expected a YAML mapping with vulnerabilities, misconfigurations and secrets lists)")
        .hasMessageEndingWith("(expected a YAML mapping with vulnerabilities, misconfigurations and secrets lists)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void badIndentationNamesTheLine() throws IOException {
    Path f = write("vulnerabilities:\n  - id: CVE-2021-44228\n    reason: ok\n   expires: 2027-01-31\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":4: invalid YAML: while parsing a block collection: expected <block end>, but found"
            + " '<block mapping start>' (expected a YAML mapping with vulnerabilities, misconfigurations and secrets lists)");
  }

  @Test
  void topLevelListIsAWrongType() throws IOException {
    Path f = write("- id: CVE-2021-44228\n  reason: ok\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":1: top level is a list (expected a mapping with keys vulnerabilities, misconfigurations,"
            + " secrets)");
  }

  @Test
  void misconfigurationAndSecretListsAreReadApartFromVulnerabilities() throws IOException {
    IgnoreFile file = IgnoreFile.load(write(String.join("\n",
        "vulnerabilities:",
        "  - id: CVE-2021-44228",
        "    reason: not reachable",
        "misconfigurations:",
        "  - id: DD-IMG-012",
        "    paths: [image-config]",
        "    reason: the orchestrator checks health",
        "    expires: 2027-01-31",
        "secrets:",
        "  - id: DD-SEC-016",
        "    paths: [\"usr/share/app/test-keys/**\"]",
        "    reason: test keys of the library",
        "")));
    assertThat(file.entries()).extracting(IgnoreFile.Entry::id).containsExactly("CVE-2021-44228");
    assertThat(file.entries(IgnoreFile.Kind.MISCONFIGURATIONS)).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo("DD-IMG-012");
      assertThat(e.paths()).containsExactly("image-config");
      assertThat(e.expires()).isEqualTo(LocalDate.of(2027, 1, 31));
      assertThat(e.line()).isEqualTo(5);
    });
    assertThat(file.entries(IgnoreFile.Kind.SECRETS)).extracting(IgnoreFile.Entry::id, IgnoreFile.Entry::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("DD-SEC-016", 10));
  }

  @Test
  void purlsSelectVulnerabilitiesOnly() throws IOException {
    Path f = write("secrets:\n  - id: DD-SEC-016\n    reason: test key\n    purls: [\"pkg:npm/x@1\"]\n");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ":4: 'purls' in a secrets entry (expected id, reason and optional paths, expires"
            + " (purls select vulnerabilities only))");
    Path g = write("misconfigurations:\n  - reason: which rule?\n");
    assertThatThrownBy(() -> IgnoreFile.load(g)).isInstanceOf(DrydockException.class)
        .hasMessage(g + ":2: entry has no id (expected id: <rule id>)");
  }

  @Test
  void missingFileIsNamed() {
    Path f = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> IgnoreFile.load(f)).isInstanceOf(DrydockException.class)
        .hasMessage(f + ": ignore file not found");
  }

  private Path write(String text) throws IOException {
    Path f = dir.resolve(".drydockignore.yaml");
    Files.writeString(f, text);
    return f;
  }

}
