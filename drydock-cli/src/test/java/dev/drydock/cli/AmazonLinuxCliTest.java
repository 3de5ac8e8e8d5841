package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock scan} of Amazon Linux 2 and 2023 root filesystems built here (issue 14) against Amazon's ALAS: the
 * real records of drydock-vulndb/src/test/resources/match/amazon-alas/ (FIXTURES.md there) through {@code db import},
 * and {@code db update} of the default feed's form (mirror.list, repomd.xml, updateinfo.xml.gz) through a mirror.
 *
 * <p>The rpm databases are SQLite databases written here with the headers (name, epoch, version, release, source rpm)
 * of real Amazon Linux builds: java-1.8.0-openjdk-headless 1:1.8.0.151-1.b12.amzn2 and tzdata-java 2017c-1.amzn2 from
 * amzn2-core (Amazon Linux 2 uses a Berkeley DB database; its format is not what these tests are about), and AL2023
 * 2023.0.20230222's curl-minimal / libcurl-minimal 7.88.0-1.amzn2023.0.1 and the repository's rsyslog
 * 8.2204.0-3.amzn2023.0.2.
 */
class AmazonLinuxCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALAS = "../drydock-vulndb/src/test/resources/match/amazon-alas";

  @TempDir Path tmp;

  private String cache(String name, String... imports) {
    String cache = tmp.resolve(name).toString();
    List<String> args = new ArrayList<>(List.of("db", "import", "-q", "--cache-dir", cache));
    args.addAll(List.of(imports));
    Cli.Run r = Cli.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.toString()).isZero();
    return cache;
  }

  private Path rootfs(String dir, String osRelease, List<byte[]> headers) throws IOException, SQLException {
    return RpmRoots.rootfs(tmp.resolve(dir), osRelease, headers);
  }

  private static byte[] header(String name, Integer epoch, String version, String release, String sourceRpm) {
    return RpmRoots.header(name, epoch == null ? 0 : epoch, version, release, sourceRpm, null);
  }

  private Path al2() throws IOException, SQLException {
    return rootfs("al2", """
        NAME="Amazon Linux"
        VERSION="2"
        ID="amzn"
        ID_LIKE="centos rhel fedora"
        VERSION_ID="2"
        PRETTY_NAME="Amazon Linux 2"
        CPE_NAME="cpe:2.3:o:amazon:amazon_linux:2"
        """, List.of(
        header("java-1.8.0-openjdk-headless", 1, "1.8.0.151", "1.b12.amzn2",
            "java-1.8.0-openjdk-1.8.0.151-1.b12.amzn2.src.rpm"),
        header("tzdata-java", null, "2017c", "1.amzn2", "tzdata-2017c-1.amzn2.src.rpm")));
  }

  private Path al2023() throws IOException, SQLException {
    return rootfs("al2023", """
        NAME="Amazon Linux"
        VERSION="2023"
        ID="amzn"
        ID_LIKE="fedora"
        VERSION_ID="2023"
        PLATFORM_ID="platform:al2023"
        PRETTY_NAME="Amazon Linux 2023"
        """, List.of(
        header("curl-minimal", null, "7.88.0", "1.amzn2023.0.1", "curl-7.88.0-1.amzn2023.0.1.src.rpm"),
        header("libcurl-minimal", null, "7.88.0", "1.amzn2023.0.1", "curl-7.88.0-1.amzn2023.0.1.src.rpm"),
        header("rsyslog", null, "8.2204.0", "3.amzn2023.0.2", "rsyslog-8.2204.0-3.amzn2023.0.2.src.rpm")));
  }

  private static void assertJavaFinding(JsonNode r) {
    assertThat(r.get("coverage")).singleElement().satisfies(c -> {
      assertThat(c.get("family").asText()).isEqualTo("amzn 2");
      assertThat(c.get("checked").asBoolean()).isTrue();
    });
    assertThat(r.get("vulnerabilities")).singleElement().satisfies(v -> {
      assertThat(v.get("id").asText()).isEqualTo("CVE-2018-2579");
      assertThat(v.get("aliases").toString()).contains("ALAS2-2018-949");
      assertThat(v.get("packageName").asText()).isEqualTo("java-1.8.0-openjdk-headless");
      assertThat(v.get("installedVersion").asText()).isEqualTo("1:1.8.0.151-1.b12.amzn2");
      assertThat(v.get("status").asText()).isEqualTo("FIXED");
      assertThat(v.get("fixedVersions").toString()).isEqualTo("[\"1:1.8.0.161-0.b14.amzn2\"]");
      assertThat(v.get("vendorSeverity").asText()).isEqualTo("Important");
      assertThat(v.get("severity").asText()).isEqualTo("HIGH");
    });
  }

  @Test
  void anAmazonLinux2ImageGetsTheAlasFindingAndA2023ImageWithoutItsReleasesDataIsNotChecked()
      throws IOException, SQLException {
    String cache = cache("al2-only", ALAS + "/ALAS2-2018-949.json");
    Path result = tmp.resolve("al2.json");
    Cli.Run scan = Cli.run("scan", al2().toString(), "--cache-dir", cache, "-q", "-f", "json", "-o", result.toString());
    assertThat(scan.exit()).as(scan.toString()).isZero();
    assertJavaFinding(JSON.readTree(result.toFile()));
    Cli.Run gate = Cli.run("gate", "-f", "json", result.toString());
    boolean highFails = false;
    for (JsonNode rule : JSON.readTree(gate.stdout()).get("result").get("rules")) {
      if (rule.get("ruleId").asText().equals("vuln.fixable-high")) {
        highFails = !rule.get("passed").asBoolean() && rule.get("failing").toString().contains("CVE-2018-2579");
      }
    }
    assertThat(highFails).as(gate.toString()).isTrue(); // a fixable high-severity OS finding

    Path r2023 = tmp.resolve("al2023.json");
    String al2023 = al2023().toString();
    Cli.Run none = Cli.run("scan", al2023, "--cache-dir", cache, "-q", "-f", "json", "-o",
        r2023.toString(), "--exit-code", "5");
    assertThat(none.exit()).as(none.toString()).isEqualTo(5);
    JsonNode r = JSON.readTree(r2023.toFile());
    assertThat(r.get("vulnerabilities")).isEmpty();
    assertThat(r.get("coverage")).singleElement().satisfies(c -> {
      assertThat(c.get("checked").asBoolean()).isFalse();
      assertThat(c.get("reason").asText()).isEqualTo("no advisory data for amzn 2023: 3 packages not checked");
    });
    assertThat(Cli.run("scan", al2023, "--cache-dir", cache).stdout())
        .contains("  no advisory data for amzn 2023: 3 packages not checked\n");
  }

  @Test
  void withEveryAlasRecordThe2023ImageIsCheckedAndItsRsyslogAtTheFixIsNotAFinding() throws IOException, SQLException {
    String cache = cache("alas", ALAS); // the folder: its JSON records are found by content, the rest is skipped
    JsonNode r = JSON.readTree(Cli.run("scan", al2023().toString(), "--cache-dir", cache, "-q", "-f", "json").stdout());
    assertThat(r.get("coverage")).singleElement().satisfies(c -> {
      assertThat(c.get("family").asText()).isEqualTo("amzn 2023");
      assertThat(c.get("checked").asBoolean()).isTrue();
    });
    assertThat(r.get("vulnerabilities")).isEmpty();
    assertJavaFinding(JSON.readTree(Cli.run("scan", al2().toString(), "--cache-dir", cache, "-q", "-f", "json")
        .stdout()));
  }

  @Test
  void dbUpdateFollowsTheMirrorListAndRepomdToTheUpdateinfoThroughAMirror() throws IOException, SQLException {
    // a mirror laid out as FeedConfig rewrites URLs (<mirror>/<host>/<path>), also for the repository the
    // mirror.list names; mirror.list and repomd.xml are real (FIXTURES.md), the updateinfo.xml is written here in
    // Amazon's shape with the values of the real ALAS2-2018-949 record
    Path mirror = tmp.resolve("mirror");
    Path list = mirror.resolve("amazonlinux.default.amazonaws.com/2/core/latest/x86_64/mirror.list");
    Files.createDirectories(list.getParent());
    Files.copy(Path.of(ALAS, "mirror.list.al2"), list);
    Path repo = mirror.resolve("cdn.amazonlinux.com/2/core/2.0/x86_64/"
        + "221a4af09d96ac4e34202cc7bdfa252410419542548cc685dc86ed1c17ca4204/repodata");
    Files.createDirectories(repo);
    String updateinfo = """
        <?xml version="1.0" ?>
        <updates>
        <update author="linux-security@amazon.com" from="linux-security@amazon.com" status="final" type="security" version="1.4">
          <id>ALAS2-2018-949</id>
          <title>Amazon Linux 2 2017.12 - ALAS2-2018-949: important priority package update for java-1.8.0-openjdk</title>
          <issued date="2018-02-07 17:47" /><updated date="2018-02-08 21:45" />
          <severity>important</severity>
          <references>
            <reference href="http://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2018-2677" id="CVE-2018-2677" type="cve" />
            <reference href="http://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2018-2579" id="CVE-2018-2579" type="cve" />
          </references>
          <pkglist><collection short="amazon-linux-2"><name>Amazon Linux 2</name>
            <package name="java-1.8.0-openjdk-headless" version="1.8.0.161" release="0.b14.amzn2" epoch="1" arch="x86_64">
              <filename>Packages/java-1.8.0-openjdk-headless-1.8.0.161-0.b14.amzn2.x86_64.rpm</filename></package>
          </collection></pkglist>
        </update>
        </updates>
        """;
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(repo.resolve("updateinfo.xml.gz")))) {
      out.write(updateinfo.getBytes(StandardCharsets.UTF_8));
    }
    // the real repomd.xml, with the checksum of the updateinfo written here (the download is checked against it)
    String sha256;
    try {
      sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(Files.readAllBytes(repo.resolve("updateinfo.xml.gz"))));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Files.writeString(repo.resolve("repomd.xml"), Files.readString(Path.of(ALAS, "repomd.xml"))
        .replace("e6f569f8ed2246a6b06c0fef7cfd71560df02781327e31c38396ed358d591d48", sha256));
    Path cfg = tmp.resolve("feeds.yaml");
    Files.writeString(cfg, "mirror: " + mirror.toUri() + "\nfeeds:\n  - name: amazon-linux-2\n"
        + "    format: amazon-updateinfo\n"
        + "    url: http://amazonlinux.default.amazonaws.com/2/core/latest/x86_64/mirror.list\n");
    String cache = tmp.resolve("updated").toString();
    Cli.Run update = Cli.run("db", "update", "--config", cfg.toString(), "--cache-dir", cache);
    assertThat(update.exit()).as(update.toString()).isZero();
    JsonNode r = JSON.readTree(Cli.run("scan", al2().toString(), "--cache-dir", cache, "-q", "-f", "json").stdout());
    assertThat(r.get("vulnerabilities")).singleElement().satisfies(v -> {
      assertThat(v.get("id").asText()).isEqualTo("CVE-2018-2579");
      assertThat(v.get("fixedVersions").toString()).isEqualTo("[\"1:1.8.0.161-0.b14.amzn2\"]");
      assertThat(v.get("vendorSeverity").asText()).isEqualTo("Important");
    });
    assertThat(r.get("advisoryData").toString()).contains("amazon-linux-2");

    // the mirror without the repository the mirror.list names: the feed fails with one line naming the URL
    Files.delete(repo.resolve("repomd.xml"));
    Cli.Run broken = Cli.run("db", "update", "--config", cfg.toString(), "--cache-dir", tmp.resolve("b").toString());
    assertThat(broken.exit()).isNotZero();
    assertThat(broken.err()).contains("amazon-linux-2").contains("repomd.xml").doesNotContain("\tat ");
  }
}
