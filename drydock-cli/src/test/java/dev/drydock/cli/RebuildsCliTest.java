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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock scan} of AlmaLinux root filesystems built in the test (issue 14, RHEL rebuilds): matched against
 * AlmaLinux's real OSV errata (drydock-vulndb/src/test/resources/match/almalinux-osv/, FIXTURES.md there) imported
 * with {@code db import} or fetched by {@code db update}'s default {@code osv-AlmaLinux} feed through a mirror; a
 * release the store has no AlmaLinux data for is reported not checked.
 *
 * <p>The rpm SQLite database is written here with the headers of AlmaLinux 8.5 packages (name, epoch, version,
 * release, source rpm, and the module label of a mariadb:10.3 module build; no files): openssl-libs
 * 1:1.1.1k-4.el8 as in the almalinux:8.5 image, python3-requests 2.20.0-2.1.el8_1, mariadb-server
 * 3:10.3.28-1.module_el8.3.0+2177+7adc332a.
 */
class RebuildsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALMA_OSV = "../drydock-vulndb/src/test/resources/match/almalinux-osv";
  private static final String ROCKY_OSV = "../drydock-vulndb/src/test/resources/match/rocky-osv";
  private static final String ORACLE_OVAL = "../drydock-vulndb/src/test/resources/match/oracle-oval/elsa-per-arch.xml";

  @TempDir Path tmp;

  private record Rpm(String name, int epoch, String version, String release, String sourceRpm, String label) {}

  private static final List<Rpm> ALMA8 = List.of(
      new Rpm("openssl-libs", 1, "1.1.1k", "4.el8", "openssl-1.1.1k-4.el8.src.rpm", null),
      new Rpm("python3-requests", 0, "2.20.0", "2.1.el8_1", "python-requests-2.20.0-2.1.el8_1.src.rpm", null),
      new Rpm("mariadb-server", 3, "10.3.28", "1.module_el8.3.0+2177+7adc332a",
          "mariadb-10.3.28-1.module_el8.3.0+2177+7adc332a.src.rpm", "mariadb:10.3:8030020210101000000:deadbeef"));

  private String cache(String name, String... imports) {
    String cache = tmp.resolve(name).toString();
    List<String> args = new ArrayList<>(List.of("db", "import", "-q", "--cache-dir", cache));
    args.addAll(List.of(imports));
    Cli.Run r = Cli.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.toString()).isZero();
    return cache;
  }

  private Path alma(String version, String codename, List<Rpm> rpms) throws IOException, SQLException {
    String major = version.split("\\.")[0];
    return RpmRoots.rootfs(tmp.resolve("alma-" + version), """
        NAME="AlmaLinux"
        VERSION="%1$s (%2$s)"
        ID="almalinux"
        ID_LIKE="rhel centos fedora"
        VERSION_ID="%1$s"
        PLATFORM_ID="platform:el%3$s"
        PRETTY_NAME="AlmaLinux %1$s (%2$s)"
        ANSI_COLOR="0;34"
        CPE_NAME="cpe:/o:almalinux:almalinux:%3$s::baseos"
        HOME_URL="https://almalinux.org/"
        """.formatted(version, codename, major),
        rpms.stream().map(p -> RpmRoots.header(p.name(), p.epoch(), p.version(), p.release(), p.sourceRpm(),
            p.label())).toList());
  }

  private static List<String> findings(JsonNode report) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : report.get("vulnerabilities")) {
      out.add(v.get("id").asText() + " " + v.get("packageName").asText() + " " + v.get("installedVersion").asText()
          + " " + v.get("status").asText() + " " + v.get("fixedVersions").toString() + " " + v.get("aliases")
          + " " + v.get("vendorSeverity").asText());
    }
    return out;
  }

  private static final List<String> EXPECTED = List.of(
      "CVE-2022-0778 openssl-libs 1:1.1.1k-4.el8 FIXED [\"1:1.1.1k-6.el8_5\"] [\"ALSA-2022:1065\"] Important",
      "CVE-2023-32681 python3-requests 2.20.0-2.1.el8_1 FIXED [\"2.20.0-3.el8_8\"] [\"ALSA-2023:4520\"] Moderate",
      "CVE-2022-32084 mariadb-server 3:10.3.28-1.module_el8.3.0+2177+7adc332a FIXED"
          + " [\"3:10.3.39-1.module_el8.8.0+3609+204d4ab0\"] [\"ALSA-2023:5259\"] Moderate",
      "CVE-2022-32091 mariadb-server 3:10.3.28-1.module_el8.3.0+2177+7adc332a FIXED"
          + " [\"3:10.3.39-1.module_el8.8.0+3609+204d4ab0\"] [\"ALSA-2023:5259\"] Moderate");

  @Test
  void anAlmaLinux8ImageIsMatchedAgainstAlmaLinuxErrataAndAnAlmaLinux9ImageIsNotChecked() throws Exception {
    String cache = cache("alma", ALMA_OSV);
    Path result = tmp.resolve("alma8.json");
    String root8 = alma("8.5", "Arctic Sphynx", ALMA8).toString();
    Cli.Run scan = Cli.run("scan", root8, "--cache-dir", cache, "-q", "-f", "json", "-o", result.toString());
    assertThat(scan.exit()).as(scan.toString()).isZero();
    JsonNode r = JSON.readTree(result.toFile());
    assertThat(r.get("os").get("family").asText()).isEqualTo("almalinux");
    assertThat(r.get("coverage")).singleElement().satisfies(c -> {
      assertThat(c.get("family").asText()).isEqualTo("almalinux 8.5");
      assertThat(c.get("checked").asBoolean()).isTrue();
    });
    assertThat(findings(r)).containsExactlyInAnyOrderElementsOf(EXPECTED);
    assertThat(r.get("vulnerabilities")).allSatisfy(v -> assertThat(v.get("sources").toString()).contains("almalinux"));

    Cli.Run table = Cli.run("scan", root8, "--cache-dir", cache);
    assertThat(table.stdout()).contains("CVE-2022-0778").contains("1:1.1.1k-6.el8_5");
    Cli.Run gate = Cli.run("gate", "-f", "json", result.toString());
    assertThat(gate.exit()).as(gate.toString()).isEqualTo(1); // a fixable Important (HIGH) OS finding

    // AlmaLinux 9.3: the store holds AlmaLinux:8 errata only
    String root9 = alma("9.3", "Shamrock Pampas Cat", List.of(
        new Rpm("openssl-libs", 1, "3.0.7", "24.el9", "openssl-3.0.7-24.el9.src.rpm", null))).toString();
    Path result9 = tmp.resolve("alma9.json");
    Cli.Run nine = Cli.run("scan", root9, "--cache-dir", cache, "-q", "-f", "json", "-o", result9.toString(),
        "--exit-code", "4");
    assertThat(nine.exit()).as(nine.toString()).isEqualTo(4);
    JsonNode r9 = JSON.readTree(result9.toFile());
    assertThat(r9.get("vulnerabilities")).isEmpty();
    assertThat(r9.get("coverage")).singleElement().satisfies(c -> {
      assertThat(c.get("checked").asBoolean()).isFalse();
      assertThat(c.get("reason").asText()).isEqualTo("no advisory data for almalinux 9.3: 1 package not checked");
    });
    assertThat(Cli.run("scan", root9, "--cache-dir", cache).stdout())
        .contains("  no advisory data for almalinux 9.3: 1 package not checked\n");
  }

  @Test
  void withoutAlmaLinuxDataTheImageIsNotChecked() throws Exception {
    String cache = cache("no-alma", "../examples/advisories");
    JsonNode r = JSON.readTree(Cli.run("scan", alma("8.5", "Arctic Sphynx", ALMA8).toString(), "--cache-dir", cache,
        "-q", "-f", "json").stdout());
    assertThat(r.get("vulnerabilities")).isEmpty();
    assertThat(r.get("coverage")).singleElement().satisfies(c -> {
      assertThat(c.get("checked").asBoolean()).isFalse();
      assertThat(c.get("reason").asText()).isEqualTo("no advisory data for almalinux 8.5: 3 packages not checked");
    });
  }

  @Test
  void dbUpdateFetchesTheDefaultAlmaLinuxFeedThroughAMirror() throws Exception {
    // the default osv-AlmaLinux feed (FeedConfig.defaults()'s name and URL) through a mirror laid out as FeedConfig
    // rewrites URLs (<mirror>/<host>/<path>); the zip holds AlmaLinux's real errata
    byte[] content;
    try (Stream<Path> records = Files.list(Path.of(ALMA_OSV))) {
      content = FeedServer.osvZip(records.filter(p -> p.toString().endsWith(".json")).sorted().toList());
    }
    String cache = MirroredFeed.update(tmp, "osv-AlmaLinux", "osv-zip",
        "https://osv-vulnerabilities.storage.googleapis.com/AlmaLinux/all.zip", content);
    JsonNode r = JSON.readTree(Cli.run("scan", alma("8.5", "Arctic Sphynx", ALMA8).toString(), "--cache-dir", cache,
        "-q", "-f", "json").stdout());
    assertThat(findings(r)).containsExactlyInAnyOrderElementsOf(EXPECTED);
    assertThat(r.get("advisoryData").toString()).contains("osv-AlmaLinux");
  }

  private Path rocky(String version, String codename, List<Rpm> rpms) throws IOException, SQLException {
    Path root = alma(version, codename, rpms); // the same layout; os-release rewritten as Rocky Linux's
    Path dest = tmp.resolve("rocky-" + version);
    Files.move(root, dest);
    String major = version.split("\\.")[0];
    Files.writeString(dest.resolve("etc/os-release"), """
        NAME="Rocky Linux"
        VERSION="%1$s (%2$s)"
        ID="rocky"
        ID_LIKE="rhel centos fedora"
        VERSION_ID="%1$s"
        PLATFORM_ID="platform:el%3$s"
        PRETTY_NAME="Rocky Linux %1$s (%2$s)"
        ANSI_COLOR="0;32"
        CPE_NAME="cpe:/o:rocky:rocky:%3$s:GA"
        HOME_URL="https://rockylinux.org/"
        """.formatted(version, codename, major));
    return dest;
  }

  private static final List<Rpm> ROCKY8 = List.of(
      new Rpm("openssl-libs", 1, "1.1.1k", "4.el8", "openssl-1.1.1k-4.el8.src.rpm", null),
      new Rpm("java-11-openjdk-headless", 1, "11.0.12.0.7", "0.el8_4", "java-11-openjdk-11.0.12.0.7-0.el8_4.src.rpm",
          null));

  @Test
  void aRockyImageIsMatchedBySourceRpmAgainstRockyErrataThroughTheDefaultFeed() throws Exception {
    // db import by content
    String cache = cache("rocky", ROCKY_OSV);
    String root = rocky("8.4", "Green Obsidian", ROCKY8).toString();
    JsonNode r = JSON.readTree(Cli.run("scan", root, "--cache-dir", cache, "-q", "-f", "json").stdout());
    assertThat(r.get("os").get("family").asText()).isEqualTo("rocky");
    assertThat(r.get("coverage")).singleElement().satisfies(c -> {
      assertThat(c.get("family").asText()).isEqualTo("rocky 8.4");
      assertThat(c.get("checked").asBoolean()).isTrue();
    });
    assertThat(r.get("vulnerabilities")).hasSize(10).allSatisfy(v -> {
      assertThat(v.get("id").asText()).startsWith("CVE-2021-35");
      assertThat(v.get("packageName").asText()).isEqualTo("java-11-openjdk");
      assertThat(v.get("installedVersion").asText()).isEqualTo("1:11.0.12.0.7-0.el8_4");
      assertThat(v.get("fixedVersions").toString()).isEqualTo("[\"1:11.0.13.0.8-1.el8_4\"]");
      assertThat(v.get("aliases").toString()).isEqualTo("[\"RLSA-2021:3891\"]");
      assertThat(v.get("vendorSeverity").asText()).isEqualTo("Important");
      assertThat(v.get("sources").toString()).contains("rocky");
    });

    // db update: the default osv-Rocky-Linux feed (its %20 in the URL) through a file mirror
    byte[] zip;
    try (Stream<Path> records = Files.list(Path.of(ROCKY_OSV))) {
      zip = FeedServer.osvZip(records.filter(p -> p.toString().endsWith(".json")).sorted().toList());
    }
    String updated = MirroredFeed.update(tmp, "osv-Rocky-Linux", "osv-zip",
        "https://osv-vulnerabilities.storage.googleapis.com/Rocky%20Linux/all.zip", zip);
    JsonNode u = JSON.readTree(Cli.run("scan", root, "--cache-dir", updated, "-q", "-f", "json").stdout());
    assertThat(u.get("vulnerabilities")).hasSize(10);
    assertThat(u.get("advisoryData").toString()).contains("osv-Rocky-Linux");

    // Rocky Linux 10: no Rocky Linux:10 records in the store
    String ten = rocky("10.0", "Red Quartz", List.of(new Rpm("openssl-libs", 1, "3.2.2", "16.el10_0.4",
        "openssl-3.2.2-16.el10_0.4.src.rpm", null))).toString();
    JsonNode r10 = JSON.readTree(Cli.run("scan", ten, "--cache-dir", cache, "-q", "-f", "json").stdout());
    assertThat(r10.get("coverage")).singleElement().satisfies(c -> assertThat(c.get("reason").asText())
        .isEqualTo("no advisory data for rocky 10.0: 1 package not checked"));
  }

  private Path oracle(String version, List<Rpm> rpms) throws IOException, SQLException {
    Path root = alma(version, "-", rpms); // the same layout; os-release rewritten as Oracle Linux's
    Path dest = tmp.resolve("ol-" + version);
    Files.move(root, dest);
    String major = version.split("\\.")[0];
    String minor = version.contains(".") ? version.split("\\.")[1] : "";
    Files.writeString(dest.resolve("etc/os-release"), """
        NAME="Oracle Linux Server"
        VERSION="%1$s"
        ID="ol"
        ID_LIKE="fedora"
        VARIANT="Server"
        VARIANT_ID="server"
        VERSION_ID="%1$s"
        PRETTY_NAME="Oracle Linux Server %1$s"
        ANSI_COLOR="0;31"
        CPE_NAME="cpe:/o:oracle:linux:%2$s:%3$s:server"
        HOME_URL="https://linux.oracle.com/"
        """.formatted(version, major, minor));
    return dest;
  }

  @Test
  void anOracleLinuxImageIsMatchedAgainstElsaOvalImportedAndFetchedAsOracleServesIt() throws Exception {
    List<Rpm> rsyslog = List.of(new Rpm("rsyslog", 0, "8.24.0", "57.0.1.el7_9.1",
        "rsyslog-8.24.0-57.0.1.el7_9.1.src.rpm", null));
    String root = oracle("7.9", rsyslog).toString();
    String imported = cache("oracle", ORACLE_OVAL);
    // db update: the default oracle-elsa feed (bzip2, as linux.oracle.com serves it) through a file mirror
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.OutputStream out =
        new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(bytes)) {
      out.write(Files.readAllBytes(Path.of(ORACLE_OVAL)));
    }
    String updated = MirroredFeed.update(tmp, "oracle-elsa", "oracle-oval-xml-bz2",
        "https://linux.oracle.com/security/oval/com.oracle.elsa-all.xml.bz2", bytes.toByteArray());

    for (String cache : List.of(imported, updated)) {
      JsonNode r = JSON.readTree(Cli.run("scan", root, "--cache-dir", cache, "-q", "-f", "json").stdout());
      assertThat(r.get("os").get("family").asText()).isEqualTo("ol");
      assertThat(r.get("coverage")).singleElement().satisfies(c -> {
        assertThat(c.get("family").asText()).isEqualTo("ol 7.9");
        assertThat(c.get("checked").asBoolean()).isTrue();
      });
      assertThat(findings(r)).containsExactly("CVE-2022-24903 rsyslog 8.24.0-57.0.1.el7_9.1 FIXED"
          + " [\"0:8.24.0-57.0.1.el7_9.3\"] [\"ELSA-2022-4803\"] IMPORTANT");
      assertThat(r.get("vulnerabilities").get(0).get("sources").toString()).contains("oracle");
    }
    assertThat(JSON.readTree(Cli.run("scan", root, "--cache-dir", updated, "-q", "-f", "json").stdout())
        .get("advisoryData").toString()).contains("oracle-elsa");

    // Oracle Linux 9: the definitions name Oracle Linux 7, 8 and 10 only
    String nine = oracle("9.3", List.of(new Rpm("rsyslog", 0, "8.2102.0", "105.el9",
        "rsyslog-8.2102.0-105.el9.src.rpm", null))).toString();
    JsonNode r9 = JSON.readTree(Cli.run("scan", nine, "--cache-dir", imported, "-q", "-f", "json").stdout());
    assertThat(r9.get("coverage")).singleElement().satisfies(c -> assertThat(c.get("reason").asText())
        .isEqualTo("no advisory data for ol 9.3: 1 package not checked"));
  }

  @Test
  void aCentOsImageIsNotCheckedEvenWithEveryRebuildsDataInTheStore() throws Exception {
    // CentOS has no maintained errata feed: its rpms are not matched against any rebuild's or Red Hat's data
    Path root = oracle("7.9", List.of(new Rpm("rsyslog", 0, "8.24.0", "57.el7_9.3", "rsyslog-8.24.0-57.el7_9.3.src.rpm",
        null)));
    Files.writeString(root.resolve("etc/os-release"), """
        NAME="CentOS Linux"
        VERSION="7 (Core)"
        ID="centos"
        ID_LIKE="rhel fedora"
        VERSION_ID="7"
        PRETTY_NAME="CentOS Linux 7 (Core)"
        CPE_NAME="cpe:/o:centos:centos:7"
        """);
    String cache = cache("all-rebuilds", ALMA_OSV, ROCKY_OSV, ORACLE_OVAL);
    JsonNode r = JSON.readTree(Cli.run("scan", root.toString(), "--cache-dir", cache, "-q", "-f", "json").stdout());
    assertThat(r.get("vulnerabilities")).isEmpty();
    assertThat(r.get("coverage")).singleElement().satisfies(c -> {
      assertThat(c.get("checked").asBoolean()).isFalse();
      assertThat(c.get("reason").asText()).isEqualTo("no advisory data for centos 7: 1 package not checked (drydock"
          + " matches Debian, Alpine, Ubuntu, RHEL/UBI, SUSE/openSUSE Leap, AlmaLinux, Rocky Linux, Oracle Linux, Photon OS,"
          + " Wolfi and Amazon Linux packages only)");
    });
  }
}
