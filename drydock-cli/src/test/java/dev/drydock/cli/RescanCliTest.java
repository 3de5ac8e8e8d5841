package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock rescan}: the inventory stored by {@code scan} is matched again without the image, which
 * the test deletes in between.
 */
class RescanCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADVISORIES = "../examples/advisories";

  @TempDir Path tmp;

  private static List<String> keys(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.get("vulnerabilities").forEach(v -> out.add(v.get("id").asText() + " " + v.get("purl").asText()));
    return out;
  }

  @Test
  void rescanOfADeletedImageGivesTheSameFindingsFromTheStoredInventory() throws IOException {
    Path image = Files.copy(DemoImageCliTest.DEMO, tmp.resolve("demo-copy.tar"));
    String cache = tmp.resolve("cache").toString();

    Cli.Run scan = Cli.run("scan", image.toString(), "--advisories", ADVISORIES, "--cache-dir", cache, "-f", "json");
    assertThat(scan.exit()).as(scan.toString()).isZero();
    JsonNode first = JSON.readTree(scan.stdout());
    assertThat(keys(first)).hasSizeGreaterThan(10)
        .contains("CVE-2021-44228 pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");

    Files.delete(image);
    assertThat(image).doesNotExist();

    Cli.Run rescan = Cli.run("rescan", image.toString(), "--advisories", ADVISORIES, "--cache-dir", cache, "-f", "json");
    assertThat(rescan.exit()).as(rescan.toString()).isZero();
    JsonNode again = JSON.readTree(rescan.stdout());
    assertThat(keys(again)).containsExactlyElementsOf(keys(first));
    assertThat(again.get("packages")).hasSameSizeAs(first.get("packages"));
    assertThat(again.get("misconfigurations")).as("image checks run on the stored inventory too")
        .isEqualTo(first.get("misconfigurations")).isNotEmpty();
    assertThat(again.get("secrets")).isEqualTo(first.get("secrets"));
    assertThat(rescan.err()).contains("stored inventory, image not read");

    // the same image given by another spelling of its path is the same stored inventory
    Path other = tmp.resolve("sub").resolve("..").resolve("demo-copy.tar");
    Cli.Run viaOther = Cli.run("rescan", other.toString(), "--advisories", ADVISORIES, "--cache-dir", cache,
        "-f", "json", "--severity", "CRITICAL", "--exit-code", "3");
    assertThat(viaOther.exit()).as(viaOther.toString()).isEqualTo(3);
    JsonNode critical = JSON.readTree(viaOther.stdout());
    assertThat(critical.get("vulnerabilities")).isNotEmpty()
        .allSatisfy(v -> assertThat(v.get("severity").asText()).isEqualTo("CRITICAL"));
  }

  /**
   * Issue 11: inventories are kept by image identity (config and manifest digest), not by the path typed. A
   * scanned image moved to another directory under another name is rescanned from its stored inventory; an
   * unrelated image now at the old path does not get that inventory.
   */
  @Test
  void aMovedImageKeepsItsStoredInventoryAndAnotherImageAtTheOldPathDoesNotGetIt() throws IOException {
    Path image = Files.copy(DemoImageCliTest.DEMO, tmp.resolve("demo-copy.tar"));
    String cache = tmp.resolve("cache").toString();
    Cli.Run scan = Cli.run("scan", image.toString(), "--advisories", ADVISORIES, "--cache-dir", cache, "-f", "json");
    assertThat(scan.exit()).as(scan.toString()).isZero();
    JsonNode first = JSON.readTree(scan.stdout());

    Path moved = Files.createDirectories(tmp.resolve("elsewhere")).resolve("renamed.tar");
    Files.move(image, moved);
    Cli.Run rescan = Cli.run("rescan", moved.toString(), "--advisories", ADVISORIES, "--cache-dir", cache,
        "-f", "json");
    assertThat(rescan.exit()).as(rescan.toString()).isZero();
    JsonNode again = JSON.readTree(rescan.stdout());
    assertThat(keys(again)).hasSizeGreaterThan(10).containsExactlyElementsOf(keys(first));
    assertThat(again.get("packages")).isEqualTo(first.get("packages"));
    assertThat(again.get("target").get("name").asText()).as("named where it is now").isEqualTo(moved.toString());
    assertThat(again.get("target").get("configDigest")).isEqualTo(first.get("target").get("configDigest"));
    assertThat(rescan.err()).contains("stored inventory, image not read");

    // another image at the old path: never scanned, so no stored inventory (not the demo image's)
    dev.drydock.image.testing.ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")).history("ADD rootfs.tar /")
        .write(image);
    Cli.Run other = Cli.run("rescan", image.toString(), "--advisories", ADVISORIES, "--cache-dir", cache);
    assertThat(other.exit()).as(other.toString()).isEqualTo(2);
    assertThat(other.err()).startsWith("drydock: ").contains("no stored inventory for " + image)
        .contains("scan it first");
    assertThat(other.stdout()).isEmpty();
  }

  @Test
  void rescanOfANeverScannedPathIsOneLine() {
    Path never = tmp.resolve("never-scanned.tar");
    Cli.Run r = Cli.run("rescan", never.toString(), "--advisories", ADVISORIES,
        "--cache-dir", tmp.resolve("cache").toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("drydock: ").contains("never-scanned.tar").contains("scan it first")
        .doesNotContain("Exception", "\tat ");
    assertThat(r.stdout()).isEmpty();
  }
}
