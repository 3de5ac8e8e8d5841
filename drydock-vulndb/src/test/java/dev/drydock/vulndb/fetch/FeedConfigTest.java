package dev.drydock.vulndb.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsCoverEveryFeedKind() {
    FeedConfig c = FeedConfig.defaults();
    assertThat(c.maxAgeDays()).isEqualTo(7);
    assertThat(c.feeds()).hasSize(12 + 1 + 1 + 1 + 8 + 1 + 1 + 1 + 9 + 1 + 2 + 3);
    assertThat(c.feeds()).filteredOn(f -> f.format() == FeedConfig.Format.AMAZON_UPDATEINFO).extracting(f -> f.url().toString())
        .containsExactly("http://amazonlinux.default.amazonaws.com/2/core/latest/x86_64/mirror.list",
            "https://cdn.amazonlinux.com/al2023/core/mirrors/latest/x86_64/mirror.list");
    assertThat(c.feeds()).filteredOn(f -> f.name().equals("eol-ubuntu")).singleElement().satisfies(f -> {
      assertThat(f.format()).isEqualTo(FeedConfig.Format.ENDOFLIFE_DATE_MD);
      assertThat(f.url()).hasToString(
          "https://raw.githubusercontent.com/endoflife-date/endoflife.date/master/products/ubuntu.md");
      assertThat(f.fileName()).isEqualTo("eol-ubuntu.md");
    });
    assertThat(c.feeds()).filteredOn(f -> f.name().equals("suse-csaf-vex")).singleElement().satisfies(f -> {
      assertThat(f.format()).isEqualTo(FeedConfig.Format.SUSE_CSAF_VEX_TAR_BZ2);
      assertThat(f.url()).hasToString("https://ftp.suse.com/pub/projects/security/csaf-vex.tar.bz2");
    });
    assertThat(c.feeds()).filteredOn(f -> f.name().equals("photon-5.0")).singleElement().satisfies(f -> {
      assertThat(f.format()).isEqualTo(FeedConfig.Format.PHOTON_CVE_JSON);
      assertThat(f.url()).hasToString("https://packages.vmware.com/photon/photon_cve_metadata/cve_data_photon5.0.json");
      assertThat(f.fileName()).isEqualTo("photon-5.0.json");
    });
    assertThat(c.feeds()).filteredOn(f -> f.name().equals("wolfi-os")).singleElement().satisfies(f -> {
      assertThat(f.format()).isEqualTo(FeedConfig.Format.ALPINE_SECDB_JSON);
      assertThat(f.url()).hasToString("https://packages.wolfi.dev/os/security.json");
    });
    assertThat(c.feeds()).filteredOn(f -> f.name().equals("osv-Ubuntu")).singleElement()
        .satisfies(f -> assertThat(f.url()).hasToString("https://osv-vulnerabilities.storage.googleapis.com/Ubuntu/all.zip"));
    assertThat(c.feeds()).filteredOn(f -> f.name().equals("osv-AlmaLinux")).singleElement().satisfies(f -> assertThat(
        f.url()).hasToString("https://osv-vulnerabilities.storage.googleapis.com/AlmaLinux/all.zip"));
    assertThat(c.feeds()).filteredOn(f -> f.name().equals("osv-Rocky-Linux")).singleElement().satisfies(f -> {
      assertThat(f.url()).hasToString("https://osv-vulnerabilities.storage.googleapis.com/Rocky%20Linux/all.zip");
      assertThat(f.fileName()).isEqualTo("osv-Rocky-Linux.zip");
    });
    assertThat(c.feeds()).filteredOn(f -> f.name().equals("oracle-elsa")).singleElement().satisfies(f -> {
      assertThat(f.format()).isEqualTo(FeedConfig.Format.ORACLE_OVAL_XML_BZ2);
      assertThat(f.url()).hasToString("https://linux.oracle.com/security/oval/com.oracle.elsa-all.xml.bz2");
      assertThat(f.fileName()).isEqualTo("oracle-elsa.xml.bz2");
    });
    assertThat(c.feeds()).filteredOn(f -> f.name().equals("osv-crates.io")).singleElement()
        .satisfies(f -> {
          assertThat(f.url()).hasToString("https://osv-vulnerabilities.storage.googleapis.com/crates.io/all.zip");
          assertThat(f.fileName()).isEqualTo("osv-crates.io.zip");
        });
    assertThat(c.feeds()).extracting(f -> f.url().toString()).contains(
        "https://security-tracker.debian.org/tracker/data/json",
        "https://secdb.alpinelinux.org/v3.22/community.json",
        "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json",
        "https://epss.cyentia.com/epss_scores-current.csv.gz");
    assertThat(c.feeds()).filteredOn(f -> f.name().equals("epss")).singleElement()
        .extracting(FeedConfig.Feed::fileName).isEqualTo("epss.csv.gz");
  }

  @Test
  void mirrorRewritesEveryDefaultUrl() throws Exception {
    Path yaml = dir.resolve("feeds.yaml");
    Files.writeString(yaml, "# internal mirror of the bank\nmirror: https://artifacts.bank.example/drydock-feeds/\nmax-age-days: 3\n");
    FeedConfig c = FeedConfig.load(yaml);
    assertThat(c.maxAgeDays()).isEqualTo(3);
    assertThat(c.feeds()).hasSameSizeAs(FeedConfig.defaults().feeds());
    assertThat(c.feeds()).allSatisfy(f -> assertThat(f.url().toString()).startsWith("https://artifacts.bank.example/drydock-feeds/"));
    assertThat(c.feeds()).filteredOn(f -> f.name().equals("osv-Maven")).singleElement().extracting(f -> f.url().toString())
        .isEqualTo("https://artifacts.bank.example/drydock-feeds/osv-vulnerabilities.storage.googleapis.com/Maven/all.zip");
  }

  @Test
  void feedsListReplacesTheDefaults() throws Exception {
    Path yaml = dir.resolve("feeds.yaml");
    Files.writeString(yaml, """
        feeds:
          - name: kev
            format: kev-json
            url: http://127.0.0.1:8080/kev.json
            sha256-url: http://127.0.0.1:8080/kev.json.sha256
          - name: epss
            format: epss-csv-gz
            url: https://mirror.example/epss.csv.gz
            sha256: 901B1F227941A3879A3E39FCB857BB6F7252BF9D71B63EF08D50A836D5AB1BD2
        """);
    FeedConfig c = FeedConfig.load(yaml);
    assertThat(c.maxAgeDays()).isEqualTo(7);
    assertThat(c.feeds()).containsExactly(
        new FeedConfig.Feed("kev", FeedConfig.Format.KEV_JSON, URI.create("http://127.0.0.1:8080/kev.json"), null,
            URI.create("http://127.0.0.1:8080/kev.json.sha256")),
        new FeedConfig.Feed("epss", FeedConfig.Format.EPSS_CSV_GZ, URI.create("https://mirror.example/epss.csv.gz"),
            "901b1f227941a3879a3e39fcb857bb6f7252bf9d71b63ef08d50a836d5ab1bd2", null));
  }

  @Test
  void badConfigNamesFileAndLine() throws Exception {
    assertBad("feeds:\n  - name: kev\n    format: kev-jsn\n    url: https://x.example/kev.json\n",
        ":3: unknown feed format 'kev-jsn'");
    assertBad("feeds:\n  - name: kev\n    format: kev-json\n    url: ftp://x.example/kev.json\n",
        ":4: 'ftp://x.example/kev.json' is not an http(s) or file URL");
    assertBad("max-age-days: 7\nmirorr: https://x.example/\n", ":2: Unrecognized field \"mirorr\"");
    assertBad("feeds:\n  - name: kev\n   format: [\n", ":3:");
    assertBad("max-age-days: soon\n", ":1:");
    assertBad("feeds:\n  - name: kev\n    url: https://x.example/kev.json\n", "feed 'kev': format missing");
    assertBad("feeds:\n  - {name: a, format: kev-json, url: 'https://x/a'}\n  - {name: a, format: kev-json, url: 'https://x/b'}\n",
        "feed name 'a' is used twice");
    assertBad("feeds: []\n", "feeds: the list is empty");
    assertBad("mirror: ftp://mirror.example/\n", "mirror 'ftp://mirror.example/' is not an http(s) or file URL");
    assertThatThrownBy(() -> FeedConfig.load(dir.resolve("absent.yaml")))
        .isInstanceOf(DrydockException.class).hasMessageContaining("absent.yaml does not exist");
  }

  private void assertBad(String text, String expected) throws Exception {
    Path yaml = dir.resolve("bad.yaml");
    Files.writeString(yaml, text);
    assertThatThrownBy(() -> FeedConfig.load(yaml))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(yaml.toString() + ":")
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
