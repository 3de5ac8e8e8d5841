package dev.drydock.vulndb.feed.redhat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.vulndb.feed.FeedException;
import dev.drydock.vulndb.feed.ImportReport;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.store.VulnStore;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red Hat's tar.zst archive of CSAF VEX documents, built in the test from the real documents of
 * src/test/resources/match/redhat-vex/ (laid out as Red Hat's archive is: {@code <year>/cve-....json}).
 */
class RedHatCsafArchiveImporterTest {
  @TempDir Path tmp;

  /** A tar.zst with {@code entries} (name -> bytes). */
  static byte[] archive(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new ZstdOutputStream(bytes))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  static byte[] real(String name) throws IOException {
    return Files.readAllBytes(RedHatCsafImporterTest.real(name));
  }

  @Test
  void everyDocumentOfTheArchiveIsImportedAndABrokenOneIsSkippedWithOneLine() throws IOException {
    byte[] broken = Arrays.copyOf(real("cve-2024-22047.json"), 3000);
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    entries.put("2021/cve-2021-0084.json", real("cve-2021-0084.json"));
    entries.put("2023/cve-2023-38545.json", real("cve-2023-38545.json"));
    entries.put("2024/cve-2024-22047.json", broken);
    entries.put("changes.csv", "\"2024/cve-2024-22047.json\",\"2024-01-01T00:00:00+00:00\"\n".getBytes());
    Path file = tmp.resolve("csaf_vex_2025-11-22.tar.zst");
    Files.write(file, archive(entries));

    ImportReport report = Imports.importPaths(List.of(file), tmp.resolve("cache"));
    assertThat(report.imported()).singleElement().satisfies(r -> assertThat(r.format())
        .isEqualTo("redhat-csaf-vex-archive"));
    assertThat(report.records()).isEqualTo(2);
    String archive = file.toAbsolutePath().normalize().toString();
    assertThat(report.skipped()).extracting(Object::toString).containsExactly(
        // a real quirk of Red Hat's curl document: "Text-Only JBCS" is listed as fixed but has no relationship
        archive + "!2023/cve-2023-38545.json vulnerabilities[0] CVE-2023-38545 Text-Only JBCS: unknown product id"
            + " (not in product_tree)",
        archive + "!2024/cve-2024-22047.json: malformed CSAF JSON at line 95: Unexpected end-of-input in field name");
    try (VulnStore store = VulnStore.open(tmp.resolve("cache"))) {
      assertThat(store.advisories("Red Hat:enterprise_linux:9", "curl")).singleElement()
          .satisfies(r -> assertThat(r.id()).isEqualTo("CVE-2023-38545"));
      assertThat(store.sources()).singleElement().satisfies(s ->
          assertThat(s.data().dataDate()).isEqualTo("2025-11-21T14:31:32+00:00")); // the newest document's date
    }
  }

  @Test
  void aTruncatedArchiveFailsTheImportWithOneLineAndLeavesTheStoreAsItWas() throws IOException {
    byte[] whole = archive(Map.of("2023/cve-2023-38545.json", real("cve-2023-38545.json")));
    Path file = tmp.resolve("csaf_vex_2025-11-22.tar.zst");
    Files.write(file, Arrays.copyOf(whole, whole.length / 3));
    assertThatThrownBy(() -> Imports.importPaths(List.of(file), tmp.resolve("cache")))
        .isInstanceOf(FeedException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("csaf_vex_2025-11-22.tar.zst"));
    assertThat(VulnStore.storeFile(tmp.resolve("cache"))).doesNotExist();
  }
}
