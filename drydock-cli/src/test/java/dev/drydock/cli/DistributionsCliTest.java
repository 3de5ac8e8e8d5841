package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock scan} of RHEL/UBI and Ubuntu root filesystems built in the test (issue 14): with no vendor data in
 * the store the OS packages are "not checked" in every format and the gate fails; with the vendor's real data
 * imported ({@code db import} of Red Hat's CSAF VEX documents and Ubuntu's OSV records, the copies under
 * drydock-vulndb/src/test/resources/match/, FIXTURES.md there) the findings carry the vendor's status and severity.
 *
 * <p>The UBI 8 root filesystem holds the real RHEL 8 Berkeley DB rpm database of drydock-analyzers' fixtures
 * (libuuid from util-linux-2.32.1-42.el8_8). The UBI 9 one holds an rpm SQLite database written here with rpm
 * headers of RHEL 9.3's curl / libcurl-minimal 7.76.1-26.el9 (names, versions and source rpm as Red Hat ships
 * them; no files), the Ubuntu one a dpkg status file with jammy's openssh-client 1:8.9p1-3ubuntu0.6.
 */
class DistributionsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADVISORIES = "../examples/advisories";
  private static final String REDHAT_VEX = "../drydock-vulndb/src/test/resources/match/redhat-vex";
  private static final String UBUNTU_OSV = "../drydock-vulndb/src/test/resources/match/ubuntu";
  private static final Path RHEL8_RPMDB = Path.of("../drydock-analyzers/src/test/resources/fixtures/rpm/bdb/Packages");

  @TempDir Path tmp;

  private String cache(String name, String... imports) {
    String cache = tmp.resolve(name).toString();
    List<String> args = new ArrayList<>(List.of("db", "import", "-q", "--cache-dir", cache));
    args.addAll(List.of(imports));
    Cli.Run r = Cli.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.toString()).isZero();
    return cache;
  }

  private Path ubi8() throws IOException {
    Path root = tmp.resolve("ubi8");
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/os-release"), """
        NAME="Red Hat Enterprise Linux"
        VERSION="8.8 (Ootpa)"
        ID="rhel"
        ID_LIKE="fedora"
        VERSION_ID="8.8"
        PLATFORM_ID="platform:el8"
        PRETTY_NAME="Red Hat Enterprise Linux 8.8 (Ootpa)"
        ANSI_COLOR="0;31"
        CPE_NAME="cpe:/o:redhat:enterprise_linux:8::baseos"
        """);
    Files.createDirectories(root.resolve("var/lib/rpm"));
    Files.copy(RHEL8_RPMDB, root.resolve("var/lib/rpm/Packages"));
    return root;
  }

  private Path ubi9() throws IOException, SQLException {
    return ubi9("ubi9", new String[][] {{"curl-minimal", "7.76.1", "26.el9", "curl-7.76.1-26.el9.src.rpm"},
        {"libcurl-minimal", "7.76.1", "26.el9", "curl-7.76.1-26.el9.src.rpm"}});
  }

  /** A UBI 9 root filesystem whose rpm SQLite database holds {@code packages}: name, version, release, source rpm. */
  private Path ubi9(String dir, String[][] packages) throws IOException, SQLException {
    return RpmRoots.rootfs(tmp.resolve(dir), """
        NAME="Red Hat Enterprise Linux"
        VERSION="9.3 (Plow)"
        ID="rhel"
        ID_LIKE="fedora"
        VERSION_ID="9.3"
        PLATFORM_ID="platform:el9"
        PRETTY_NAME="Red Hat Enterprise Linux 9.3 (Plow)"
        CPE_NAME="cpe:/o:redhat:enterprise_linux:9::baseos"
        """, java.util.Arrays.stream(packages)
        .map(p -> header(p[0], p[1], p[2], p[3])).toList());
  }


  private Path ubuntu() throws IOException {
    Path root = tmp.resolve("jammy");
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/os-release"), """
        PRETTY_NAME="Ubuntu 22.04.4 LTS"
        NAME="Ubuntu"
        VERSION_ID="22.04"
        VERSION="22.04.4 LTS (Jammy Jellyfish)"
        VERSION_CODENAME=jammy
        ID=ubuntu
        ID_LIKE=debian
        UBUNTU_CODENAME=jammy
        """);
    Files.createDirectories(root.resolve("var/lib/dpkg"));
    Files.writeString(root.resolve("var/lib/dpkg/status"), """
        Package: openssh-client
        Status: install ok installed
        Priority: standard
        Section: net
        Installed-Size: 4472
        Maintainer: Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>
        Architecture: amd64
        Multi-Arch: foreign
        Source: openssh
        Version: 1:8.9p1-3ubuntu0.6
        Description: secure shell (SSH) client, for secure access to remote machines

        Package: bash
        Status: install ok installed
        Priority: required
        Section: shells
        Maintainer: Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>
        Architecture: amd64
        Version: 5.1-6ubuntu1
        Description: GNU Bourne Again SHell

        """);
    return root;
  }

  static byte[] header(String name, String version, String release, String sourceRpm) {
    return RpmRoots.header(name, version, release, sourceRpm);
  }

  private static JsonNode gateRule(Cli.Run gate, String id) throws IOException {
    for (JsonNode r : JSON.readTree(gate.stdout()).get("result").get("rules")) {
      if (r.get("ruleId").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no rule " + id + " in " + gate);
  }

  @Test
  void aUbiImageWithoutRedHatDataIsNotCheckedInEveryFormatAndFailsTheGate() throws IOException {
    String cache = cache("no-redhat", ADVISORIES);
    String root = ubi8().toString();
    String reason = "no advisory data for rhel 8.8: 1 package not checked";

    Cli.Run table = Cli.run("scan", root, "--cache-dir", cache);
    assertThat(table.exit()).as(table.toString()).isZero();
    assertThat(table.stdout()).contains("Vulnerabilities: 0 ").contains("NOT CHECKED: 1 package had no advisory data")
        .contains("  " + reason + "\n");

    Path result = tmp.resolve("ubi8.json");
    Cli.Run json = Cli.run("scan", root, "--cache-dir", cache, "-q", "-f", "json", "-o", result.toString(),
        "--exit-code", "3");
    assertThat(json.exit()).as(json.toString()).isEqualTo(3);
    JsonNode r = JSON.readTree(result.toFile());
    assertThat(r.get("os").get("family").asText()).isEqualTo("rhel");
    assertThat(r.get("coverage")).singleElement().satisfies(c -> {
      assertThat(c.get("family").asText()).isEqualTo("rhel 8.8");
      assertThat(c.get("checked").asBoolean()).isFalse();
      assertThat(c.get("reason").asText()).isEqualTo(reason);
    });

    Cli.Run sarif = Cli.run("scan", root, "--cache-dir", cache, "-q", "-f", "sarif");
    JsonNode results = JSON.readTree(sarif.stdout()).get("runs").get(0).get("results");
    assertThat(results).anySatisfy(x -> {
      assertThat(x.get("ruleId").asText()).isEqualTo("DD-DATA-001");
      assertThat(x.get("message").get("text").asText()).isEqualTo(reason);
    });

    Cli.Run gate = Cli.run("gate", "-f", "json", result.toString());
    assertThat(gate.exit()).isEqualTo(1);
    assertThat(gateRule(gate, "DD-DATA-001").get("passed").asBoolean()).isFalse();
  }

  @Test
  void aUbiImageWithRedHatDataIsCheckedAndARhelReleaseTheDataDoesNotNameIsNot() throws IOException, SQLException {
    String cache = cache("redhat", REDHAT_VEX);
    Cli.Run eight = Cli.run("scan", ubi8().toString(), "--cache-dir", cache, "-q", "-f", "json");
    JsonNode r8 = JSON.readTree(eight.stdout());
    assertThat(r8.get("coverage")).singleElement().satisfies(c -> {
      assertThat(c.get("family").asText()).isEqualTo("rhel 8.8");
      assertThat(c.get("checked").asBoolean()).isTrue();
    });
    assertThat(r8.get("vulnerabilities")).isEmpty(); // libuuid's util-linux is named by none of the documents

    Path result = tmp.resolve("ubi9.json");
    String ubi9 = ubi9().toString();
    Cli.Run nine = Cli.run("scan", ubi9, "--cache-dir", cache, "-q", "-f", "json", "-o",
        result.toString());
    assertThat(nine.exit()).as(nine.toString()).isZero();
    JsonNode r9 = JSON.readTree(result.toFile());
    assertThat(r9.get("coverage")).singleElement().satisfies(c -> assertThat(c.get("checked").asBoolean()).isTrue());
    JsonNode vulns = r9.get("vulnerabilities");
    assertThat(vulns).hasSize(2).allSatisfy(v -> {
      assertThat(v.get("id").asText()).isEqualTo("CVE-2023-38545");
      assertThat(v.get("packageName").asText()).isEqualTo("curl");
      assertThat(v.get("status").asText()).isEqualTo("FIXED");
      assertThat(v.get("fixedVersions").toString()).isEqualTo("[\"7.76.1-26.el9_3.2\"]");
      assertThat(v.get("vendorSeverity").asText()).isEqualTo("Important");
      assertThat(v.get("sources").toString()).contains("redhat");
    });

    Cli.Run table = Cli.run("scan", ubi9, "--cache-dir", cache);
    assertThat(table.stdout()).contains("CVE-2023-38545").contains("7.76.1-26.el9_3.2");

    Cli.Run ignoreUnfixed = Cli.run("scan", ubi9, "--cache-dir", cache, "-q", "-f", "json",
        "--ignore-unfixed");
    assertThat(JSON.readTree(ignoreUnfixed.stdout()).get("vulnerabilities")).hasSize(2); // Red Hat shipped a fix
  }

  @Test
  void anEusImageWithAContentManifestGetsItsStreamsFixOnly() throws IOException, SQLException {
    String cache = cache("redhat-eus", REDHAT_VEX);
    Path root = ubi9("ubi9-eus", new String[][] {{"curl", "7.76.1", "14.el9_0.5", "curl-7.76.1-14.el9_0.5.src.rpm"}});
    Files.writeString(root.resolve("etc/os-release"), """
        NAME="Red Hat Enterprise Linux"
        VERSION="9.0 (Plow)"
        ID="rhel"
        VERSION_ID="9.0"
        PRETTY_NAME="Red Hat Enterprise Linux 9.0 (Plow)"
        """);
    // without a content manifest: a main-stream 9 image, the main stream's fixes
    JsonNode main = JSON.readTree(Cli.run("scan", root.toString(), "--cache-dir", cache, "-q", "-f", "json").stdout());
    assertThat(main.get("vulnerabilities")).singleElement().satisfies(v -> assertThat(v.get("fixedVersions").toString())
        .isEqualTo("[\"7.76.1-23.el9_2.4\",\"7.76.1-26.el9_3.2\"]"));
    // the documented shape of a Red Hat content manifest (written here: no real one was found)
    Path manifests = Files.createDirectories(root.resolve("root/buildinfo/content_manifests"));
    Files.writeString(manifests.resolve("ubi9-container-9.0.0-1640.json"), """
        {"metadata": {"icm_version": 1, "image_layer_index": 0},
         "content_sets": ["rhel-9-for-x86_64-baseos-eus-rpms__9_DOT_0", "rhel-9-for-x86_64-appstream-eus-rpms__9_DOT_0"],
         "image_contents": []}
        """);
    Cli.Run eus = Cli.run("scan", root.toString(), "--cache-dir", cache, "-q", "-f", "json");
    assertThat(eus.exit()).as(eus.toString()).isZero();
    JsonNode r = JSON.readTree(eus.stdout());
    assertThat(r.get("os").get("contentSets").toString()).contains("rhel-9-for-x86_64-baseos-eus-rpms__9_DOT_0");
    assertThat(r.get("vulnerabilities")).singleElement().satisfies(v -> {
      assertThat(v.get("id").asText()).isEqualTo("CVE-2023-38545");
      assertThat(v.get("status").asText()).isEqualTo("FIXED");
      assertThat(v.get("fixedVersions").toString()).isEqualTo("[\"7.76.1-14.el9_0.9\"]");
    });
  }

  @Test
  void redHatsNotAffectedIsShownAsSuppressedWithTheVendorsReason() throws IOException, SQLException {
    // sqlite-libs 3.34.1 of RHEL 9: Red Hat's CVE-2025-29087 document says known_not_affected,
    // flag vulnerable_code_not_present
    String cache = cache("redhat-na", REDHAT_VEX);
    String ubi9 = ubi9("ubi9-sqlite", new String[][] {{"sqlite-libs", "3.34.1", "7.el9_3", "sqlite-3.34.1-7.el9_3.src.rpm"}})
        .toString();
    JsonNode quiet = JSON.readTree(Cli.run("scan", ubi9, "--cache-dir", cache, "-q", "-f", "json").stdout());
    assertThat(quiet.get("vulnerabilities")).isEmpty();
    assertThat(quiet.path("suppressed")).isEmpty();

    Cli.Run shown = Cli.run("scan", ubi9, "--cache-dir", cache, "-q", "-f", "json", "--show-suppressed");
    assertThat(shown.exit()).as(shown.toString()).isZero();
    JsonNode r = JSON.readTree(shown.stdout());
    assertThat(r.get("vulnerabilities")).isEmpty();
    assertThat(r.get("suppressed")).singleElement().satisfies(s -> {
      assertThat(s.get("by").asText()).isEqualTo("vendor:redhat");
      assertThat(s.get("reason").asText())
          .isEqualTo("vendor: not affected (Red Hat CSAF VEX): vulnerable_code_not_present");
      assertThat(s.get("vulnerability").get("id").asText()).isEqualTo("CVE-2025-29087");
      assertThat(s.get("vulnerability").get("packageName").asText()).isEqualTo("sqlite");
      assertThat(s.get("vulnerability").get("status").asText()).isEqualTo("MITIGATED");
    });
    Cli.Run table = Cli.run("scan", ubi9, "--cache-dir", cache, "--show-suppressed");
    assertThat(table.stdout()).contains("CVE-2025-29087").contains("vendor: not affected (Red Hat CSAF VEX)");
  }

  @Test
  void anUbuntuImageWithUbuntuDataGetsTheCveWithUbuntusPriority() throws IOException {
    String cache = cache("ubuntu", UBUNTU_OSV);
    Path result = tmp.resolve("jammy.json");
    Cli.Run scan = Cli.run("scan", ubuntu().toString(), "--cache-dir", cache, "-q", "-f", "json", "-o",
        result.toString());
    assertThat(scan.exit()).as(scan.toString()).isZero();
    JsonNode r = JSON.readTree(result.toFile());
    assertThat(r.get("coverage")).singleElement().satisfies(c -> {
      assertThat(c.get("family").asText()).isEqualTo("ubuntu 22.04");
      assertThat(c.get("checked").asBoolean()).isTrue();
    });
    assertThat(r.get("vulnerabilities")).singleElement().satisfies(v -> {
      assertThat(v.get("id").asText()).isEqualTo("CVE-2024-6387");
      assertThat(v.get("packageName").asText()).isEqualTo("openssh");
      assertThat(v.get("status").asText()).isEqualTo("FIXED");
      assertThat(v.get("fixedVersions").toString()).isEqualTo("[\"1:8.9p1-3ubuntu0.10\"]");
      assertThat(v.get("vendorSeverity").asText()).isEqualTo("high");
      assertThat(v.get("sources").toString()).contains("ubuntu");
    });
    Cli.Run gate = Cli.run("gate", "-f", "json", result.toString());
    assertThat(gate.exit()).as(gate.toString()).isEqualTo(1); // a fixable high-severity OS finding
  }

  @Test
  void dbUpdateFetchesTheDefaultUbuntuFeedThroughAMirror() throws IOException {
    // a mirror laid out as FeedConfig rewrites URLs: <mirror>/<host>/<path>; the zip holds Ubuntu's real records
    byte[] content;
    try (java.util.stream.Stream<Path> records = Files.list(Path.of(UBUNTU_OSV))) {
      content = FeedServer.osvZip(records.filter(p -> p.toString().endsWith(".json")).sorted().toList());
    }
    String cache = MirroredFeed.update(tmp, "osv-Ubuntu", "osv-zip",
        "https://osv-vulnerabilities.storage.googleapis.com/Ubuntu/all.zip", content);
    Cli.Run scan = Cli.run("scan", ubuntu().toString(), "--cache-dir", cache, "-q", "-f", "json");
    JsonNode r = JSON.readTree(scan.stdout());
    assertThat(r.get("vulnerabilities")).singleElement()
        .satisfies(v -> assertThat(v.get("id").asText()).isEqualTo("CVE-2024-6387"));
    assertThat(r.get("advisoryData").toString()).contains("osv-Ubuntu");
  }

  @Test
  void aWolfiImageIsMatchedAgainstWolfisSecdbAndNotCheckedWithoutIt() throws IOException {
    Path root = tmp.resolve("wolfi");
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/os-release"), """
        ID=wolfi
        NAME="Wolfi"
        PRETTY_NAME="Wolfi"
        VERSION_ID="20230201"
        HOME_URL="https://wolfi.dev"
        """);
    Files.createDirectories(root.resolve("lib/apk/db"));
    Files.writeString(root.resolve("lib/apk/db/installed"), """
        P:zlib
        V:1.2.12-r2
        A:x86_64
        o:zlib
        L:Zlib

        """);
    String without = cache("no-wolfi", ADVISORIES);
    JsonNode r0 = JSON.readTree(Cli.run("scan", root.toString(), "--cache-dir", without, "-q", "-f", "json").stdout());
    assertThat(r0.get("coverage")).singleElement().satisfies(c -> {
      assertThat(c.get("checked").asBoolean()).isFalse();
      assertThat(c.get("reason").asText()).isEqualTo("no advisory data for wolfi 20230201: 1 package not checked");
    });
    String with = cache("wolfi-secdb", "../drydock-vulndb/src/test/resources/match/wolfi-secdb/security.json");
    JsonNode r = JSON.readTree(Cli.run("scan", root.toString(), "--cache-dir", with, "-q", "-f", "json").stdout());
    assertThat(r.get("coverage")).singleElement().satisfies(c -> assertThat(c.get("checked").asBoolean()).isTrue());
    assertThat(r.get("vulnerabilities")).singleElement().satisfies(v -> {
      assertThat(v.get("id").asText()).isEqualTo("CVE-2022-37434");
      assertThat(v.get("status").asText()).isEqualTo("FIXED");
      assertThat(v.get("fixedVersions").toString()).isEqualTo("[\"1.2.12-r3\"]");
      assertThat(v.get("sources").toString()).contains("wolfi");
    });
  }

  /** A root filesystem with the real SLE 15 SP3 BCI NDB database of drydock-analyzers' fixtures (35 packages). */
  private Path sles15sp3() throws IOException {
    Path sles = tmp.resolve("sles");
    if (Files.isDirectory(sles)) {
      return sles;
    }
    Files.createDirectories(sles.resolve("etc"));
    Files.writeString(sles.resolve("etc/os-release"), """
        NAME="SLES"
        VERSION="15-SP3"
        VERSION_ID="15.3"
        PRETTY_NAME="SUSE Linux Enterprise Server 15 SP3"
        ID="sles"
        ID_LIKE="suse"
        CPE_NAME="cpe:/o:suse:sles:15:sp3"
        """);
    Files.createDirectories(sles.resolve("usr/lib/sysimage/rpm"));
    Files.copy(Path.of("../drydock-analyzers/src/test/resources/fixtures/rpm/ndb/Packages.db"),
        sles.resolve("usr/lib/sysimage/rpm/Packages.db"));
    return sles;
  }

  private static final String SUSE_VEX = "../drydock-vulndb/src/test/resources/match/suse-vex";

  /** The two ncurses packages of the image that SUSE lists as affected in SLES 15 SP3 (CVE-2023-45918, no fix). */
  private static void assertSuseFindings(JsonNode r) {
    assertThat(r.get("coverage")).singleElement().satisfies(c -> assertThat(c.get("checked").asBoolean()).isTrue());
    assertThat(r.get("vulnerabilities")).hasSize(2).allSatisfy(v -> {
      assertThat(v.get("id").asText()).isEqualTo("CVE-2023-45918");
      assertThat(v.get("status").asText()).isEqualTo("AFFECTED");
      assertThat(v.get("vendorSeverity").asText()).isEqualTo("low");
      assertThat(v.get("sources").toString()).contains("suse");
    });
    List<String> names = new ArrayList<>();
    r.get("vulnerabilities").forEach(v -> names.add(v.get("packageName").asText()));
    assertThat(names).containsExactlyInAnyOrder("libncurses6", "terminfo-base");
  }

  @Test
  void aSlesImageIsMatchedWithSusesVexDocuments() throws IOException {
    String cache = cache("suse", SUSE_VEX + "/cve-2004-0657.json", SUSE_VEX + "/cve-2004-2771.json",
        SUSE_VEX + "/cve-2023-45918.json");
    JsonNode r = JSON.readTree(Cli.run("scan", sles15sp3().toString(), "--cache-dir", cache, "-q", "-f", "json")
        .stdout());
    assertSuseFindings(r);
    Cli.Run table = Cli.run("scan", sles15sp3().toString(), "--cache-dir", cache);
    assertThat(table.stdout()).contains("CVE-2023-45918").contains("libncurses6").doesNotContain("NOT CHECKED");
  }

  @Test
  void dbUpdateImportsSusesVexArchiveThroughAMirror() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar =
        new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
            new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(bytes))) {
      for (String f : List.of("cve-2004-0657.json", "cve-2004-2771.json", "cve-2023-45918.json")) {
        byte[] doc = Files.readAllBytes(Path.of(SUSE_VEX, f));
        org.apache.commons.compress.archivers.tar.TarArchiveEntry e =
            new org.apache.commons.compress.archivers.tar.TarArchiveEntry("csaf-vex/" + f);
        e.setSize(doc.length);
        tar.putArchiveEntry(e);
        tar.write(doc);
        tar.closeArchiveEntry();
      }
    }
    String cache = MirroredFeed.update(tmp, "suse-csaf-vex", "suse-csaf-vex-tar-bz2",
        "https://ftp.suse.com/pub/projects/security/csaf-vex.tar.bz2", bytes.toByteArray());
    assertSuseFindings(JSON.readTree(Cli.run("scan", sles15sp3().toString(), "--cache-dir", cache, "-q", "-f", "json")
        .stdout()));
  }

  @Test
  void suseAndAmazonImagesAreNotCheckedEvenWithEveryOtherVendorsDataInTheStore() throws IOException, SQLException {
    Path sles = sles15sp3();
    // an Amazon Linux 2023 root filesystem with one rpm (SQLite database written here)
    Path amzn = RpmRoots.rootfs(tmp.resolve("amzn"), """
        NAME="Amazon Linux"
        VERSION="2023"
        ID="amzn"
        ID_LIKE="fedora"
        VERSION_ID="2023"
        PRETTY_NAME="Amazon Linux 2023"
        """, List.of(
        header("rsyslog", "8.2204.0", "3.amzn2023.0.1", "rsyslog-8.2204.0-3.amzn2023.0.1.src.rpm")));
    String cache = cache("all", ADVISORIES, REDHAT_VEX, UBUNTU_OSV,
        "../drydock-vulndb/src/test/resources/match/wolfi-secdb/security.json");
    // SUSE and Amazon Linux are matched, but this store holds neither's data: not checked, never clean
    for (Object[] t : new Object[][] {{sles, "sles 15.3", 35, ""}, {amzn, "amzn 2023", 1, ""}}) {
      Path result = tmp.resolve(t[1].toString().replace(' ', '-') + ".json");
      Cli.Run scan = Cli.run("scan", t[0].toString(), "--cache-dir", cache, "-q", "-f", "json", "-o",
          result.toString(), "--exit-code", "5");
      assertThat(scan.exit()).as(scan.toString()).isEqualTo(5);
      JsonNode r = JSON.readTree(result.toFile());
      assertThat(r.get("vulnerabilities")).isEmpty();
      String reason = "no advisory data for " + t[1] + ": " + t[2] + (((int) t[2]) == 1 ? " package" : " packages")
          + " not checked" + t[3];
      assertThat(r.get("coverage")).singleElement().satisfies(c -> {
        assertThat(c.get("checked").asBoolean()).isFalse();
        assertThat(c.get("reason").asText()).isEqualTo(reason);
      });
      Cli.Run table = Cli.run("scan", t[0].toString(), "--cache-dir", cache);
      assertThat(table.stdout()).contains("  " + reason + "\n");
      Cli.Run gate = Cli.run("gate", "-f", "json", result.toString());
      assertThat(gate.exit()).isEqualTo(1);
      assertThat(gateRule(gate, "DD-DATA-001").get("passed").asBoolean()).isFalse();
    }
  }

  @Test
  void dbUpdateImportsRedHatsVexArchiveThroughAMirror() throws IOException, SQLException {
    // Red Hat's archive layout (<year>/cve-....json in a tar.zst), built from the real documents
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar =
        new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
            new io.airlift.compress.zstd.ZstdOutputStream(bytes))) {
      for (String f : List.of("cve-2021-0084.json", "cve-2023-38545.json", "cve-2024-22047.json")) {
        byte[] doc = Files.readAllBytes(Path.of(REDHAT_VEX, f));
        org.apache.commons.compress.archivers.tar.TarArchiveEntry e =
            new org.apache.commons.compress.archivers.tar.TarArchiveEntry(f.substring(4, 8) + "/" + f);
        e.setSize(doc.length);
        tar.putArchiveEntry(e);
        tar.write(doc);
        tar.closeArchiveEntry();
      }
    }
    String cache = MirroredFeed.update(tmp, "redhat-vex", "redhat-csaf-vex-tar-zst",
        "https://security.access.redhat.com/data/csaf/v2/vex/csaf_vex_2025-11-22.tar.zst",
        bytes.toByteArray());
    JsonNode r = JSON.readTree(Cli.run("scan", ubi9().toString(), "--cache-dir", cache, "-q", "-f", "json").stdout());
    assertThat(r.get("vulnerabilities")).hasSize(2).allSatisfy(v -> {
      assertThat(v.get("id").asText()).isEqualTo("CVE-2023-38545");
      assertThat(v.get("vendorSeverity").asText()).isEqualTo("Important");
    });
  }

  /** A Photon OS root filesystem of release {@code version} with curl and curl-libs 7.88.1-3.ph4 (rpm SQLite). */
  private Path photon(String version) throws IOException, SQLException {
    return RpmRoots.rootfs(tmp.resolve("photon-" + version), """
        NAME="VMware Photon OS"
        VERSION="%s"
        ID=photon
        VERSION_ID=%s
        PRETTY_NAME="VMware Photon OS/Linux"
        ANSI_COLOR="1;34"
        HOME_URL="https://vmware.github.io/photon/"
        BUG_REPORT_URL="https://github.com/vmware/photon/issues"
        """.formatted(version, version),
        List.of("curl", "curl-libs").stream().map(n -> header(n, "7.88.1", "3.ph4", "curl-7.88.1-3.ph4.src.rpm"))
            .toList());
  }


  @Test
  void aPhotonImageIsMatchedWithPhotonsCveMetadataAndAReleaseWithoutDataIsNotChecked()
      throws IOException, SQLException {
    String cache = cache("photon", "../drydock-vulndb/src/test/resources/match/photon");
    Path four = photon("4.0");
    Cli.Run scan = Cli.run("scan", four.toString(), "--cache-dir", cache, "-q", "-f", "json");
    assertThat(scan.exit()).as(scan.toString()).isZero();
    JsonNode r = JSON.readTree(scan.stdout());
    assertThat(r.get("coverage")).singleElement().satisfies(c -> {
      assertThat(c.get("family").asText()).isEqualTo("photon 4.0");
      assertThat(c.get("checked").asBoolean()).isTrue();
    });
    List<String> found = new ArrayList<>();
    for (JsonNode v : r.get("vulnerabilities")) {
      assertThat(v.get("status").asText()).isEqualTo("FIXED");
      assertThat(v.get("fixedVersions").toString()).isEqualTo("[\"7.88.1-4.ph4\"]");
      assertThat(v.get("sources").toString()).contains("photon");
      found.add(v.get("purl").asText().replaceAll("^pkg:rpm/[^/]+/", "").replaceAll("@.*", "") + " " + v.get("id").asText());
    }
    // curl-libs is judged by its source package curl
    assertThat(found).containsExactlyInAnyOrder("curl CVE-2023-38545", "curl CVE-2023-38546",
        "curl-libs CVE-2023-38545", "curl-libs CVE-2023-38546");
    assertThat(Cli.run("scan", four.toString(), "--cache-dir", cache).stdout())
        .contains("CVE-2023-38545").contains("7.88.1-4.ph4");

    // the store holds 3.0 and 4.0 only: a 5.0 image is not checked, never clean, and the gate fails
    Path result = tmp.resolve("photon-5.json");
    Cli.Run five = Cli.run("scan", photon("5.0").toString(), "--cache-dir", cache, "-q", "-f", "json", "-o",
        result.toString(), "--exit-code", "5");
    assertThat(five.exit()).as(five.toString()).isEqualTo(5);
    JsonNode r5 = JSON.readTree(result.toFile());
    assertThat(r5.get("vulnerabilities")).isEmpty();
    assertThat(r5.get("coverage")).singleElement().satisfies(c -> {
      assertThat(c.get("checked").asBoolean()).isFalse();
      assertThat(c.get("reason").asText()).isEqualTo("no advisory data for photon 5.0: 2 packages not checked");
    });
    Cli.Run gate = Cli.run("gate", "-f", "json", result.toString());
    assertThat(gate.exit()).isEqualTo(1);
    assertThat(gateRule(gate, "DD-DATA-001").get("passed").asBoolean()).isFalse();
  }

  @Test
  void dbUpdateFetchesADefaultPhotonFeedThroughAMirror() throws IOException, SQLException {
    // the mirror layout FeedConfig rewrites to (<mirror>/<host>/<path>), holding Photon's real 4.0 excerpt
    String cache = MirroredFeed.update(tmp, "photon-4.0", "photon-cve-json",
        "https://packages.vmware.com/photon/photon_cve_metadata/cve_data_photon4.0.json",
        Files.readAllBytes(Path.of("../drydock-vulndb/src/test/resources/match/photon/cve_data_photon4.0.json")));
    JsonNode r = JSON.readTree(Cli.run("scan", photon("4.0").toString(), "--cache-dir", cache, "-q", "-f", "json")
        .stdout());
    assertThat(r.get("coverage")).singleElement().satisfies(c -> assertThat(c.get("checked").asBoolean()).isTrue());
    assertThat(r.get("vulnerabilities")).hasSize(4);
    assertThat(r.get("advisoryData").toString()).contains("photon-4.0");
  }
}
