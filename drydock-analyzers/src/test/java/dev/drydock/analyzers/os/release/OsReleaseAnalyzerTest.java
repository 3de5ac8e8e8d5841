package dev.drydock.analyzers.os.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Fact;
import dev.drydock.model.OsInfo;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OsReleaseAnalyzerTest {
  private final OsReleaseAnalyzer analyzer = new OsReleaseAnalyzer();

  static Path fixture(String name) {
    try {
      return Path.of(OsReleaseAnalyzerTest.class.getResource("/fixtures/os-release/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows of corpus-expected.tsv, produced by sourcing each file with /bin/sh (see FIXTURES.md). */
  static Stream<String[]> corpus() throws IOException {
    return Files.readAllLines(fixture("corpus-expected.tsv"), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank())
        .map(l -> l.split("\t", -1));
  }

  private List<Fact> analyze(String path, String content) throws IOException {
    return analyzer.analyze(FileInput.ofBytes(path, content.getBytes(StandardCharsets.UTF_8), 0644));
  }

  private Fact.OsDetected single(String path, String content) throws IOException {
    List<Fact> facts = analyze(path, content);
    assertThat(facts).hasSize(1);
    return (Fact.OsDetected) facts.get(0);
  }

  private static String nullIfEmpty(String s) {
    return s.isEmpty() ? null : s;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void osReleaseCorpusMatchesTheShell(String file, String id, String versionId, String versionCodename,
      String ubuntuCodename, String prettyName) throws IOException {
    List<Fact> facts = analyzer.analyze(FileInput.ofFile("etc/os-release", fixture("corpus/" + file), 0644));

    String codename = !versionCodename.isEmpty() ? versionCodename : nullIfEmpty(ubuntuCodename);
    assertThat(facts).containsExactly(new Fact.OsDetected("etc/os-release",
        new OsInfo(id, nullIfEmpty(versionId), codename, nullIfEmpty(prettyName), "etc/os-release"), 100));
  }

  @Test
  void corpusCoversTheFamiliesTheTaskNames() throws IOException {
    assertThat(corpus().map(r -> r[1]).distinct().toList()).contains("debian", "ubuntu", "alpine", "rhel",
        "rocky", "amzn", "sles", "wolfi", "chainguard", "centos", "almalinux", "fedora", "ol", "opensuse-leap",
        "mariner", "azurelinux", "photon");
  }

  @Test
  void usrLibOsReleaseHasTheSamePriority() throws IOException {
    Fact.OsDetected f = single("usr/lib/os-release", Files.readString(fixture("corpus/debian-12")));
    assertThat(f.priority()).isEqualTo(100);
    assertThat(f.path()).isEqualTo("usr/lib/os-release");
    assertThat(f.os()).isEqualTo(new OsInfo("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)",
        "usr/lib/os-release"));
  }

  @Test
  void debianJessieOsReleaseWithoutCodenameTakesItFromVersion() throws IOException {
    String jessie = """
        PRETTY_NAME="Debian GNU/Linux 8 (jessie)"
        NAME="Debian GNU/Linux"
        VERSION_ID="8"
        VERSION="8 (jessie)"
        ID=debian
        HOME_URL="http://www.debian.org/"
        """;
    assertThat(single("etc/os-release", jessie).os().codename()).isEqualTo("jessie");
  }

  @Test
  void debianCodenamesAgreeWithDistroInfoData() throws IOException {
    List<String> rows = Files.readAllLines(fixture("debian.csv"), StandardCharsets.UTF_8);
    int checked = 0;
    for (String row : rows.subList(1, rows.size())) {
      String[] cols = row.split(",");
      String major = DebianReleases.major(cols[0]);
      if (major != null && Integer.parseInt(major) >= 6) { // "sid" and "experimental" have no number
        assertThat(DebianReleases.codename(major)).as(row).isEqualTo(cols[2]);
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(8);
  }

  @Test
  void debianVersionGivesMajorAndCodename() throws IOException {
    Fact.OsDetected f = single("etc/debian_version", "12.4\n");
    assertThat(f.priority()).isEqualTo(10);
    assertThat(f.os()).isEqualTo(new OsInfo("debian", "12", "bookworm", null, "etc/debian_version"));
    assertThat(single("etc/debian_version", "11.8\n").os().codename()).isEqualTo("bullseye");
    assertThat(single("etc/debian_version", "9.13\n").os().codename()).isEqualTo("stretch");
  }

  @Test
  void debianVersionOfTestingHasCodenameOnly() throws IOException {
    assertThat(single("etc/debian_version", "bookworm/sid\n").os())
        .isEqualTo(new OsInfo("debian", null, "bookworm", null, "etc/debian_version"));
    assertThat(single("etc/debian_version", "trixie/sid\n").os().codename()).isEqualTo("trixie");
  }

  @Test
  void alpineReleaseKeepsTheFullVersion() throws IOException {
    Fact.OsDetected f = single("etc/alpine-release", "3.18.4\n");
    assertThat(f.priority()).isEqualTo(50);
    assertThat(f.os()).isEqualTo(new OsInfo("alpine", "3.18.4", null, null, "etc/alpine-release"));
  }

  @Test
  void redhatStyleReleaseFiles() throws IOException {
    assertThat(single("etc/redhat-release", "Red Hat Enterprise Linux release 8.9 (Ootpa)\n").os())
        .isEqualTo(new OsInfo("rhel", "8.9", "Ootpa", "Red Hat Enterprise Linux release 8.9 (Ootpa)",
            "etc/redhat-release"));
    assertThat(single("etc/centos-release", "CentOS Linux release 7.9.2009 (Core)\n").os())
        .extracting(OsInfo::family, OsInfo::versionId).containsExactly("centos", "7.9.2009");
    assertThat(single("etc/rocky-release", "Rocky Linux release 9.5 (Blue Onyx)\n").os())
        .extracting(OsInfo::family, OsInfo::versionId, OsInfo::codename)
        .containsExactly("rocky", "9.5", "Blue Onyx");
    assertThat(single("etc/almalinux-release", "AlmaLinux release 9.3 (Shamrock Pampas Cat)\n").os().family())
        .isEqualTo("almalinux");
    assertThat(single("etc/fedora-release", "Fedora release 39 (Thirty Nine)\n").os())
        .extracting(OsInfo::family, OsInfo::versionId).containsExactly("fedora", "39");
    assertThat(single("etc/oracle-release", "Oracle Linux Server release 8.9\n").os())
        .extracting(OsInfo::family, OsInfo::versionId, OsInfo::codename).containsExactly("ol", "8.9", null);
    Fact.OsDetected amzn = single("etc/system-release",
        "Amazon Linux release 2023.4.20240416 (Amazon Linux)\n");
    assertThat(amzn.priority()).isEqualTo(50);
    assertThat(amzn.os()).extracting(OsInfo::family, OsInfo::versionId, OsInfo::codename)
        .containsExactly("amzn", "2023.4.20240416", null);
    assertThat(single("etc/system-release", "Amazon Linux release 2 (Karoo)\n").os())
        .extracting(OsInfo::family, OsInfo::versionId, OsInfo::codename).containsExactly("amzn", "2", "Karoo");
  }

  @Test
  void unknownRedhatStyleDistributionGivesNoFact() throws IOException {
    assertThat(analyze("etc/redhat-release", "Some Other Linux release 1.0 (Foo)\n")).isEmpty();
    assertThat(analyze("etc/redhat-release", "garbage without the keyword\n")).isEmpty();
  }

  @Test
  void photonRelease() throws IOException {
    Fact.OsDetected f = single("etc/photon-release", "VMware Photon OS 4.0\nPHOTON_BUILD_NUMBER=1526e30ba\n");
    assertThat(f.os()).extracting(OsInfo::family, OsInfo::versionId).containsExactly("photon", "4.0");
  }

  @Test
  void lsbReleaseOfUbuntu() throws IOException {
    Fact.OsDetected f = single("etc/lsb-release", """
        DISTRIB_ID=Ubuntu
        DISTRIB_RELEASE=22.04
        DISTRIB_CODENAME=jammy
        DISTRIB_DESCRIPTION="Ubuntu 22.04.3 LTS"
        """);
    assertThat(f.priority()).isEqualTo(40);
    assertThat(f.os()).isEqualTo(new OsInfo("ubuntu", "22.04", "jammy", "Ubuntu 22.04.3 LTS", "etc/lsb-release"));
  }

  @Test
  void badContentGivesNoFacts() throws IOException {
    assertThat(analyzer.analyze(FileInput.ofBytes("etc/os-release", new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1}, 0)))
        .isEmpty();
    assertThat(analyze("etc/os-release", "")).isEmpty();
    assertThat(analyze("etc/os-release", "NAME=\"no id here\"\nVERSION_ID=1\n")).isEmpty();
    assertThat(analyze("etc/os-release", "ID=\"unterminated\nVERSION_ID=1\n")).isEmpty();
    assertThat(analyze("etc/debian_version", "\n\n")).isEmpty();
    assertThat(analyze("etc/alpine-release", "")).isEmpty();
  }

  @Test
  void unterminatedQuoteLosesOnlyThatLine() throws IOException {
    Fact.OsDetected f = single("etc/os-release", "ID=alpine\nPRETTY_NAME=\"broken\nVERSION_ID=3.19.0\n");
    assertThat(f.os()).isEqualTo(new OsInfo("alpine", "3.19.0", null, null, "etc/os-release"));
  }

  @Test
  void wantsOnlyReleaseFilesOnImages() {
    assertThat(analyzer.name()).isEqualTo("os-release");
    assertThat(analyzer.targets()).containsExactly(TargetKind.IMAGE);
    for (String p : List.of("etc/os-release", "usr/lib/os-release", "etc/alpine-release", "etc/debian_version",
        "etc/lsb-release", "etc/redhat-release", "etc/centos-release", "etc/fedora-release", "etc/rocky-release",
        "etc/almalinux-release", "etc/oracle-release", "etc/system-release", "etc/photon-release")) {
      assertThat(analyzer.wants(p, 300, 0644)).as(p).isTrue();
    }
    for (String p : List.of("etc/os-release.bak", "usr/etc/os-release", "os-release", "etc/issue",
        "var/lib/dpkg/status")) {
      assertThat(analyzer.wants(p, 300, 0644)).as(p).isFalse();
    }
    assertThat(analyzer.wants("etc/os-release", 10 * 1024 * 1024, 0644)).isFalse();
  }
}
