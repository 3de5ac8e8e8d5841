package dev.drydock.report.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.Package;
import dev.drydock.model.ScanResult;
import dev.drydock.report.Samples;
import dev.drydock.report.VulnSamples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TableReportTest {
  private static final Pattern LAYER =
      Pattern.compile("^  #(\\d+)\\s+(sha256:[0-9a-f]{12})\\s+(\\d+) pkgs?\\s+(cache|analysed)\\s+(.*)$");

  private static List<String> render(ScanResult result) throws IOException {
    return render(result, false);
  }

  private static List<String> render(ScanResult result, boolean listPackages) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TableReport(listPackages).write(result, out);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text.chars().allMatch(c -> c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f))).isTrue();
    return text.lines().toList();
  }

  @Test
  void summarisesTargetOsAndLayers() throws IOException {
    ScanResult result = Samples.debianImage();
    List<String> lines = render(result);
    assertThat(lines.get(0))
        .isEqualTo("Target: build/app.tar (docker-archive)  registry.example.org:5000/team/app:1.4.2  linux/amd64");
    assertThat(lines).contains("OS: Debian GNU/Linux 12 (bookworm) [debian 12]");

    List<Matcher> layers = lines.stream().map(LAYER::matcher).filter(Matcher::matches).toList();
    assertThat(layers).hasSize(3);
    assertThat(layers).extracting(m -> m.group(1)).containsExactly("0", "1", "2");
    assertThat(layers).extracting(m -> m.group(2)).containsExactly(
        result.layers().get(0).diffId().substring(0, 19), result.layers().get(1).diffId().substring(0, 19),
        result.layers().get(2).diffId().substring(0, 19));
    assertThat(layers).extracting(m -> m.group(3)).containsExactly("3", "1", "4");
    assertThat(layers).extracting(m -> m.group(4)).containsExactly("cache", "analysed", "analysed");
    assertThat(layers.get(0).group(5)).isEqualTo("ADD file:b0b2c5d0b4d4e1b5b6ed2d8f0d1f7b3c in /");
    assertThat(layers.get(1).group(5)).startsWith("RUN apt-get update && apt-get install").endsWith("...")
        .hasSize(TableReport.MAX_COMMAND);
    assertThat(layers.get(2).group(5)).isEqualTo("COPY app/ /opt/app/");
    // the columns of the layer lines line up
    assertThat(layers).extracting(m -> m.start(4)).containsOnly(layers.get(0).start(4));
    assertThat(lines).contains("Warnings:", "  opt/app/broken.jar: not a zip archive");
  }

  @Test
  void packageTableHasAlignedColumnsAndTruncatesLongValues() throws IOException {
    ScanResult sample = Samples.debianImage();
    String longName = "a-very-long-python-distribution-name-that-goes-on-and-on";
    String longVersion = "1.0.0.dev20240101+local.build.identifier.1234";
    Package longPkg = new Package(Ecosystem.PYPI, null, longName, longVersion,
        null, null, null, null, "opt/app/lib/python3.11/site-packages/x.dist-info/METADATA", null);
    List<InstalledPackage> packages = new ArrayList<>(sample.packages());
    packages.add(new InstalledPackage("pkg:pypi/" + longName + "@1.0.0", longPkg, 2,
        sample.layers().get(2).diffId(), null, List.of(longPkg.location())));
    ScanResult result = sample.toBuilder()
        .packages(packages)
        .notableFiles(List.of())
        .suppressed(List.of())
        .misconfigurations(List.of())
        .secrets(List.of())
        .checksRun(List.of())
        .advisoryData(List.of())
        .coverage(List.of())
        .build();

    assertThat(render(result)).contains("Packages: 9 (--list-packages lists them)")
        .noneMatch(l -> l.startsWith("NAME "));
    List<String> lines = render(result, true);
    assertThat(lines).contains("Packages: 9");
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("NAME ")).findFirst().orElseThrow());
    String head = lines.get(header);
    int version = head.indexOf("VERSION");
    int type = head.indexOf("TYPE");
    int layer = head.indexOf("LAYER");
    assertThat(head.substring(0, version).strip()).isEqualTo("NAME");
    assertThat(version).isLessThan(type).isLessThan(layer);

    List<List<String>> rows = new ArrayList<>();
    for (String line : lines.subList(header + 1, header + 1 + 9)) {
      // every cell starts exactly at its header's column, preceded by at least two spaces
      assertThat(line.substring(version - 2, version)).isEqualTo("  ");
      assertThat(line.substring(type - 2, type)).isEqualTo("  ");
      assertThat(line.substring(layer - 2, layer)).isEqualTo("  ");
      rows.add(List.of(line.substring(0, version).strip(), line.substring(version, type).strip(),
          line.substring(type, layer).strip(), line.substring(layer).strip()));
    }
    assertThat(rows).containsExactlyInAnyOrder(
        List.of("base-files", "12.4+deb12u5", "deb", "#0"),
        List.of("libc6", "2.36-9+deb12u4", "deb", "#0"),
        List.of("libgcc-s1", "12.2.0-14", "deb", "#0"),
        List.of("libssl3", "3.0.11-1~deb12u2", "deb", "#1"),
        List.of("org.apache.commons:commons-lang3", "3.20.0", "maven", "#2"),
        List.of("org.apache.commons:commons-lang3", "3.20.0", "maven", "#2"),
        List.of("@babel/core", "7.23.2", "npm", "#2"),
        List.of("serde", "1.0.193", "cargo", "#2"),
        List.of(longName.substring(0, TableReport.MAX_NAME - 3) + "...",
            longVersion.substring(0, TableReport.MAX_VERSION - 3) + "...", "pypi", "#2"));
    // grouped by type, then by name
    assertThat(rows).extracting(r -> r.get(2)).containsExactly(
        "cargo", "deb", "deb", "deb", "deb", "maven", "maven", "npm", "pypi");
    assertThat(rows.get(1).get(0)).isEqualTo("base-files");
  }

  @Test
  void emptyResultSaysSo() throws IOException {
    List<String> lines = render(Samples.emptySource());
    assertThat(lines).containsExactly("Target: ./empty-project (source)", "OS: unknown", "",
        "Vulnerabilities: 0 (CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0), fixable: 0, known exploited: 0",
        "", "No packages found.");
  }

  @Test
  void vulnerabilityTableComesBeforeLayersAndPackagesInTheGivenOrder() throws IOException {
    ScanResult result = VulnSamples.debianWithFindings();
    List<String> lines = render(result, true);
    int summary = lines.indexOf(
        "Vulnerabilities: 4 (CRITICAL: 2, HIGH: 0, MEDIUM: 2, LOW: 0, UNKNOWN: 0), fixable: 2, known exploited: 2");
    assertThat(summary).isEqualTo(3).isLessThan(lines.indexOf("Layers:")).isLessThan(lines.indexOf("Packages: 10"));
    List<List<String>> rows = columns(lines, summary + 1, 4,
        "ID", "PACKAGE", "INSTALLED", "FIXED", "STATUS", "SEVERITY", "EPSS", "KEV", "LAYER");
    assertThat(rows).containsExactly(
        List.of("CVE-2021-44228", "org.apache.logging.log4j:log4j-core", "2.14.1", "2.15.0", "fixed", "CRITICAL",
            "94.4%", "yes", "#2"),
        List.of("CVE-2023-5678", "libssl3", "3.0.11-1~deb12u2", "3.0.13-1~deb12u1", "fixed", "MEDIUM", "0.3%", "",
            "#1"),
        List.of("CVE-2023-4039", "libgcc-s1", "12.2.0-14", "-", "affected", "MEDIUM", "0.2%", "", "#0"),
        List.of("CVE-2021-44228", "org.apache.logging.log4j:log4j-core", "2.14.1", "2.15.0", "mitigated", "CRITICAL",
            "94.4%", "yes", "#2"));
    assertThat(lines.get(summary + 6)).isEmpty();
    assertThat(lines.get(summary + 7)).isEqualTo("Layers:");
    assertThat(lines.indexOf("Warnings:")).isGreaterThan(lines.indexOf("Packages: 10"));
  }

  @Test
  void endOfLifeAndUnknownSeverityRows() throws IOException {
    List<String> lines = render(VulnSamples.endOfLifeBuster());
    int summary = lines.indexOf(
        "Vulnerabilities: 2 (CRITICAL: 1, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 1), fixable: 0, known exploited: 0");
    assertThat(summary).isPositive();
    List<List<String>> rows = columns(lines, summary + 1, 2,
        "ID", "PACKAGE", "INSTALLED", "FIXED", "STATUS", "SEVERITY", "EPSS", "KEV", "LAYER");
    assertThat(rows).containsExactly(
        List.of("CVE-2024-5535", "libssl1.1", "1.1.1n-0+deb10u6", "-", "end-of-life", "CRITICAL", "0.0%", "", "-"),
        List.of("CVE-2023-45853", "zlib1g", "1:1.2.11.dfsg-1+deb10u2", "-", "will-not-fix", "UNKNOWN", "-", "", "-"));
    assertThat(lines.get(summary + 4)).as("the table ends after its two rows").isEmpty();
  }

  /** The cells of {@code count} rows under the header line at {@code header}, cut at the header's columns. */
  private static List<List<String>> columns(List<String> lines, int header, int count, String... names) {
    String head = lines.get(header);
    int[] start = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      start[i] = head.indexOf(names[i] + (i == names.length - 1 ? "" : " "));
      assertThat(start[i]).as(names[i]).isGreaterThanOrEqualTo(i == 0 ? 0 : start[i - 1] + 1);
    }
    assertThat(head.strip()).isEqualTo(head.stripTrailing()).startsWith("ID ");
    List<List<String>> rows = new ArrayList<>();
    for (String line : lines.subList(header + 1, header + 1 + count)) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < names.length; i++) {
        if (i > 0 && start[i] <= line.length()) {
          assertThat(line.substring(start[i] - 2, start[i])).isEqualTo("  ");
        }
        int end = i == names.length - 1 ? line.length() : Math.min(start[i + 1], line.length());
        cells.add(start[i] >= line.length() ? "" : line.substring(start[i], end).strip());
      }
      rows.add(cells);
    }
    return rows;
  }
}
