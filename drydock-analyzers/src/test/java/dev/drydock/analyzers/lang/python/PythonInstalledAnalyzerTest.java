package dev.drydock.analyzers.lang.python;

import dev.drydock.analyzers.testing.FixtureDir;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.Package;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonInstalledAnalyzerTest {
  private final PythonInstalledAnalyzer analyzer = new PythonInstalledAnalyzer();

  /**
   * importlib-metadata.tsv was printed by CPython's importlib.metadata (email parser for the single-file
   * egg-info): path, Name, Version, License-Expression, License, license classifier names.
   */
  @Test
  void namesVersionsAndLicensesMatchImportlibMetadata() throws IOException {
    List<String[]> rows = FixtureDir.of("python").tsv("importlib-metadata.tsv");
    assertThat(rows).hasSize(6);
    for (String[] row : rows) {
      String imagePath = "usr/lib/python3/dist-packages/" + row[0];
      assertThat(analyzer.wants(imagePath, 100, 0644)).as(imagePath).isTrue();
      List<Package> found = FixtureDir.of("python").analyze(analyzer, imagePath, "site-packages/" + row[0]);
      assertThat(found).as(imagePath).hasSize(1);
      Package p = found.get(0);
      assertThat(p.ecosystem()).isEqualTo(Ecosystem.PYPI);
      assertThat(p.name()).isEqualTo(row[1]);
      assertThat(p.version()).isEqualTo(row[2]);
      assertThat(p.location()).isEqualTo(imagePath);
      assertThat(p.licenses()).as(imagePath).isEqualTo(expectedLicenses(row));
    }
  }

  /** Documented precedence: License-Expression, else License, else classifier names. */
  private static List<String> expectedLicenses(String[] row) {
    if (!row[3].isEmpty()) {
      return List.of(row[3]);
    }
    if (!row[4].isEmpty()) {
      return List.of(row[4]);
    }
    return row[5].isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(row[5].split("\\|")));
  }

  @Test
  void descriptionBodyDoesNotOverrideHeaders() throws IOException {
    // distro's long description contains "Name: Antergos Linux" / "Version: 2015.10 (ISO-Rolling)" lines
    Package p = FixtureDir.of("python").analyze(analyzer, "x/distro-1.8.0.dist-info/METADATA",
        "site-packages/distro-1.8.0.dist-info/METADATA").get(0);
    assertThat(p.name()).isEqualTo("distro");
    assertThat(p.version()).isEqualTo("1.8.0");
  }

  @Test
  void wantsMetadataFilesOnly() {
    assertThat(analyzer.wants("usr/lib/python3.11/site-packages/six-1.16.0.dist-info/METADATA", 1, 0644)).isTrue();
    assertThat(analyzer.wants("opt/app/lib/foo.egg-info/PKG-INFO", 1, 0644)).isTrue();
    assertThat(analyzer.wants("usr/lib/python2.7/lib-dynload/Python-2.7.18-py2.7.egg-info", 1, 0644)).isTrue();
    assertThat(analyzer.wants("opt/eggs/foo-1.0-py3.7.egg/EGG-INFO/PKG-INFO", 1, 0644)).isTrue();
    assertThat(analyzer.wants("usr/lib/python3.11/site-packages/six-1.16.0.dist-info/RECORD", 1, 0644)).isFalse();
    assertThat(analyzer.wants("usr/lib/python3.11/site-packages/six.py", 1, 0644)).isFalse();
    assertThat(analyzer.wants("srv/METADATA", 1, 0644)).isFalse();
  }

  @Test
  void interpretersOwnEggInfoIsNotAPackage() throws IOException {
    assertThat(FixtureDir.of("python").analyze(analyzer, "usr/local/lib/python3.8/lib-dynload/Python-3.8.egg-info",
        "eggs/Python-3.8.egg-info")).isEmpty();
  }

  @Test
  void eggInfoWithoutVersionIsReportedWithTheVersionUnknown() throws IOException {
    List<Package> found = FixtureDir.of("python").analyze(analyzer,
        "usr/lib/python3/dist-packages/internal_tools.egg-info/PKG-INFO", "eggs/internal-tools-noversion.PKG-INFO");
    assertThat(found).extracting(Package::name, Package::version, p -> p.attribute("versionUnresolved"))
        .containsExactly(org.assertj.core.api.Assertions.tuple("internal-tools", null, "no Version in PKG-INFO"));
  }

  @Test
  void zippedEggIsRead() throws IOException {
    byte[] pkgInfo = java.nio.file.Files.readAllBytes(FixtureDir.of("python").dir().resolve("eggs/six-1.16.0.PKG-INFO"));
    java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
      out.putNextEntry(new java.util.zip.ZipEntry("six.py"));
      out.write("# six\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.putNextEntry(new java.util.zip.ZipEntry("EGG-INFO/PKG-INFO"));
      out.write(pkgInfo);
      out.putNextEntry(new java.util.zip.ZipEntry("EGG-INFO/top_level.txt"));
      out.write("six\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    String path = "usr/local/lib/python3.8/site-packages/six-1.16.0-py3.8.egg";
    assertThat(analyzer.wants(path, zip.size(), 0644)).isTrue();
    List<Package> found = FixtureDir.packages(analyzer.analyze(
        dev.drydock.analyzers.FileInput.ofBytes(path, zip.toByteArray(), 0644)));
    assertThat(found).extracting(Package::name, Package::version, Package::licenses, Package::location)
        .containsExactly(org.assertj.core.api.Assertions.tuple("six", "1.16.0", List.of("MIT"), path));
    assertThat(analyzer.analyze(dev.drydock.analyzers.FileInput.ofBytes(path, new byte[] {1, 2, 3}, 0644))).isEmpty();
  }

  @Test
  void incompleteMetadataGivesNoFacts() throws IOException {
    assertThat(FixtureDir.of("python").analyzeText(analyzer, "a.dist-info/METADATA", "Metadata-Version: 2.1\nName: x\n"))
        .isEmpty();
    assertThat(FixtureDir.of("python").analyzeText(analyzer, "a.dist-info/METADATA", "\u0000\u0001 garbage")).isEmpty();
    assertThat(FixtureDir.of("python").analyzeText(analyzer, "a.dist-info/METADATA",
        "Metadata-Version: 2.1\n\nName: body\nVersion: 1\n")).isEmpty();
  }
}
