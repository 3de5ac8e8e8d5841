package dev.drydock.vulndb.suppress;

import static dev.drydock.vulndb.suppress.Findings.finding;
import static dev.drydock.vulndb.suppress.Findings.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.drydock.model.Vulnerability;
import dev.drydock.vulndb.suppress.Suppressed.Expired;
import dev.drydock.vulndb.suppress.Suppressed.Suppression;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuppressorTest {
  private static final Path IGNORE = fixture("drydockignore.yaml");
  private static final String LOG4J = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1";
  private static final List<String> LOG4SHELL_ALIASES = List.of("GHSA-jfh8-c2jp-5v3q");

  private static Suppressed run(LocalDate today, Vulnerability... findings) {
    return Suppressor.apply(List.of(findings), List.of(IgnoreFile.load(IGNORE)), List.of(), today);
  }

  @Test
  void entryWithIdPurlAndPathSuppressesTheDayBeforeItExpires() {
    Vulnerability log4shell = finding("CVE-2021-44228", LOG4SHELL_ALIASES, LOG4J, "app/app.jar");
    Suppressed result = run(LocalDate.of(2027, 1, 30), log4shell);

    assertThat(result.kept()).isEmpty();
    assertThat(result.suppressed()).containsExactly(new Suppression(log4shell, "ignorefile:" + IGNORE + ":4",
        "not reachable: JNDI disabled by -Dlog4j2.formatMsgNoLookups"));
    // the GHSA entry (expires 2026-12-01) has expired by then and is reported
    assertThat(result.expired()).extracting(Expired::line, Expired::expires, Expired::file)
        .containsExactly(tuple(9, LocalDate.of(2026, 12, 1), IGNORE));
  }

  @Test
  void onTheExpiryDayTheEntryIsReportedAndTheFindingStays() {
    Vulnerability log4shell = finding("CVE-2021-44228", LOG4SHELL_ALIASES, LOG4J, "app/app.jar");
    Suppressed result = run(LocalDate.of(2027, 1, 31), log4shell);

    assertThat(result.kept()).containsExactly(log4shell);
    assertThat(result.suppressed()).isEmpty();
    assertThat(result.expired()).extracting(e -> e.entry().id(), Expired::line, Expired::expires).containsExactly(
        tuple("CVE-2021-44228", 4, LocalDate.of(2027, 1, 31)),
        tuple("GHSA-jfh8-c2jp-5v3q", 9, LocalDate.of(2026, 12, 1)));
  }

  @Test
  void aliasEntryMatchesWhenThePathRestrictedEntryDoesNot() {
    Vulnerability elsewhere = finding("CVE-2021-44228", LOG4SHELL_ALIASES, LOG4J, "opt/tool/lib/log4j-core.jar");
    Suppressed result = run(LocalDate.of(2026, 11, 30), elsewhere);

    assertThat(result.suppressed()).singleElement().extracting(Suppression::by, Suppression::reason)
        .containsExactly("ignorefile:" + IGNORE + ":9", "accepted until the log4j 2.17 upgrade lands");
    // a day later the alias entry has expired: nothing suppresses it any more
    assertThat(run(LocalDate.of(2026, 12, 1), elsewhere).kept()).containsExactly(elsewhere);
  }

  @Test
  void purlOfAnotherVersionDoesNotMatchButQualifiersAreIgnored() {
    LocalDate today = LocalDate.of(2026, 12, 5); // only the first log4shell entry is live
    Vulnerability other = finding("CVE-2021-44228", LOG4SHELL_ALIASES,
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.15.0", "app/app.jar");
    Vulnerability qualified = finding("CVE-2021-44228", LOG4SHELL_ALIASES, LOG4J + "?type=jar", "app/app.jar");
    Suppressed result = run(today, other, qualified);

    assertThat(result.kept()).containsExactly(other);
    assertThat(result.suppressed()).extracting(Suppression::finding).containsExactly(qualified);
  }

  @Test
  void versionlessPurlMatchesEveryVersionOfThatPackageOnly() {
    LocalDate today = LocalDate.of(2026, 1, 1);
    Vulnerability libc6 = finding("CVE-2023-4911", List.of(),
        "pkg:deb/debian/libc6@2.36-9%2Bdeb12u1?arch=amd64&distro=debian-12", "var/lib/dpkg/status");
    Vulnerability libc6Newer = finding("CVE-2023-4911", List.of(),
        "pkg:deb/debian/libc6@2.36-9+deb12u3?arch=arm64&distro=debian-12", "var/lib/dpkg/status");
    Vulnerability libcBin = finding("CVE-2023-4911", List.of(),
        "pkg:deb/debian/libc-bin@2.36-9%2Bdeb12u1?arch=amd64&distro=debian-12", "var/lib/dpkg/status");
    Vulnerability ubuntu = finding("CVE-2023-4911", List.of(),
        "pkg:deb/ubuntu/libc6@2.35-0ubuntu3.1?arch=amd64&distro=ubuntu-22.04", "var/lib/dpkg/status");
    Suppressed result = run(today, libc6, libc6Newer, libcBin, ubuntu);

    assertThat(result.suppressed()).extracting(Suppression::finding).containsExactly(libc6, libc6Newer);
    assertThat(result.kept()).containsExactly(libcBin, ubuntu);
  }

  @Test
  void pathGlobCrossesDirectoriesOnlyWithDoubleStar() {
    LocalDate today = LocalDate.of(2026, 1, 1);
    String semver = "pkg:npm/semver@7.5.1";
    Vulnerability top = finding("CVE-2022-25883", List.of(), semver, "usr/src/app/node_modules/semver/package.json");
    Vulnerability nested = finding("CVE-2022-25883", List.of(), semver,
        "/usr/src/app/packages/web/node_modules/semver/package.json");
    Vulnerability global = finding("CVE-2022-25883", List.of(), semver, "usr/lib/node_modules/semver/package.json");
    Vulnerability none = finding("CVE-2022-25883", List.of(), semver);
    Suppressed result = run(today, top, nested, global, none);

    assertThat(result.suppressed()).extracting(Suppression::finding).containsExactly(top, nested);
    assertThat(result.kept()).containsExactly(global, none);
  }

  @Test
  void idIsMatchedIgnoringCaseAndOtherIdsStay() {
    LocalDate today = LocalDate.of(2026, 1, 1);
    Vulnerability lower = finding("cve-2023-4911", List.of(), "pkg:deb/debian/libc6@2.36-9?arch=amd64");
    Vulnerability otherCve = finding("CVE-2023-6246", List.of(), "pkg:deb/debian/libc6@2.36-9?arch=amd64");
    Suppressed result = run(today, lower, otherCve);
    assertThat(result.suppressed()).extracting(Suppression::finding).containsExactly(lower);
    assertThat(result.kept()).containsExactly(otherCve);
  }

  @Test
  void vexSuppressesWhatTheIgnoreFileLeavesAndIgnoreFileIsConsultedFirst() {
    LocalDate today = LocalDate.of(2027, 6, 1); // both log4shell ignore entries expired
    Path openvex = fixture("openvex-payments.json");
    Path cdx = fixture("cyclonedx-vex.json");
    Vulnerability log4shell = finding("CVE-2021-44228", LOG4SHELL_ALIASES, LOG4J, "app/app.jar");
    Vulnerability libc6 = finding("CVE-2023-4911", List.of(), "pkg:deb/debian/libc6@2.36-9?arch=amd64");
    Vulnerability minimist = finding("CVE-2021-44906", List.of(), "pkg:npm/minimist@1.2.5");
    Vulnerability xnet = finding("CVE-2023-44487", List.of(), "pkg:golang/golang.org/x/net@v0.15.0");
    Vulnerability libssl = finding("CVE-2024-0727", List.of(),
        "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12");

    Suppressed result = Suppressor.apply(List.of(log4shell, libc6, minimist, xnet, libssl),
        List.of(IgnoreFile.load(IGNORE)), List.of(Vex.load(openvex), Vex.load(cdx)), today);

    assertThat(result.suppressed()).extracting(s -> s.finding().id(), Suppression::by).containsExactly(
        tuple("CVE-2021-44228", "vex:" + openvex),
        tuple("CVE-2023-4911", "ignorefile:" + IGNORE + ":12"),
        tuple("CVE-2021-44906", "vex:" + cdx));
    assertThat(result.kept()).containsExactly(xnet, libssl);
    assertThat(result.expired()).extracting(Expired::line).containsExactly(4, 9);
  }

  @Test
  void nothingToApplyKeepsEverything() {
    Vulnerability v = finding("CVE-2021-44228", LOG4SHELL_ALIASES, LOG4J, "app/app.jar");
    Suppressed result = Suppressor.apply(List.of(v), List.of(), List.of(), LocalDate.of(2026, 1, 1));
    assertThat(result.kept()).containsExactly(v);
    assertThat(result.suppressed()).isEmpty();
    assertThat(result.expired()).isEmpty();
  }

  @Test
  void misconfigurationAndSecretListsSuppressByRuleReferenceFingerprintAndPath() throws Exception {
    Path ignore = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("drydockignore", ".yaml"),
        String.join("\n",
            "misconfigurations:",
            "  - id: hadolint:DL3002",
            "    reason: the entrypoint drops privileges",
            "  - id: DD-IMG-012",
            "    reason: expired",
            "    expires: 2026-01-01",
            "secrets:",
            "  - id: DD-SEC-016",
            "    paths: [\"usr/lib/node_modules/**/test/**\"]",
            "    reason: test keys of a library",
            "  - id: " + "ab".repeat(32),
            "    reason: this one token is a documented sample",
            "vulnerabilities:",
            "  - id: DD-SEC-001",
            "    reason: a vulnerability entry never matches a secret",
            ""));
    List<IgnoreFile> files = List.of(IgnoreFile.load(ignore));
    LocalDate today = LocalDate.of(2026, 6, 1);
    dev.drydock.model.Misconfiguration root = new dev.drydock.model.Misconfiguration("DD-DF-002",
        dev.drydock.model.Severity.HIGH, "runs as root", "Dockerfile", 3, 1, "add USER", List.of("hadolint:DL3002"),
        List.of(), null, null);
    dev.drydock.model.Misconfiguration health = new dev.drydock.model.Misconfiguration("DD-IMG-012",
        dev.drydock.model.Severity.LOW, "no HEALTHCHECK", "image-config", 0, 0, "add one", List.of(), List.of(),
        null, null);
    Suppressor.Outcome<dev.drydock.model.Misconfiguration> m = Suppressor.misconfigurations(List.of(root, health),
        files, today);
    assertThat(m.kept()).containsExactly(health);
    assertThat(m.suppressed()).extracting(Suppressor.Removed::finding, Suppressor.Removed::by)
        .containsExactly(tuple(root, "ignorefile:" + ignore + ":2"));
    assertThat(m.expired()).extracting(Expired::line).containsExactly(4);

    dev.drydock.model.ExposedSecret testKey = secret("DD-SEC-016", "usr/lib/node_modules/ssh2/test/fixtures/id_rsa",
        "01".repeat(32));
    dev.drydock.model.ExposedSecret realKey = secret("DD-SEC-016", "root/.ssh/id_rsa", "02".repeat(32));
    dev.drydock.model.ExposedSecret sample = secret("DD-SEC-003", "app/README.md", "ab".repeat(32));
    dev.drydock.model.ExposedSecret aws = secret("DD-SEC-001", "app/.env", "03".repeat(32));
    Suppressor.Outcome<dev.drydock.model.ExposedSecret> s = Suppressor.secrets(List.of(testKey, realKey, sample, aws),
        files, today);
    assertThat(s.kept()).containsExactly(realKey, aws);
    assertThat(s.suppressed()).extracting(Suppressor.Removed::finding, Suppressor.Removed::reason).containsExactly(
        tuple(testKey, "test keys of a library"), tuple(sample, "this one token is a documented sample"));
    assertThat(s.expired()).isEmpty();
  }

  private static dev.drydock.model.ExposedSecret secret(String rule, String path, String fingerprint) {
    return new dev.drydock.model.ExposedSecret(rule, "private-key", dev.drydock.model.Severity.CRITICAL, "key", path,
        1, 1, "ABCD****", fingerprint, null, false, null, null, null);
  }
}
