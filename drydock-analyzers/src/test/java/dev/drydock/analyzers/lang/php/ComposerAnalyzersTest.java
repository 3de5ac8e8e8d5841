package dev.drydock.analyzers.lang.php;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ComposerAnalyzersTest {
  private final ComposerLockAnalyzer lock = new ComposerLockAnalyzer();
  private final ComposerInstalledAnalyzer installed = new ComposerInstalledAnalyzer();

  private static Path dir() throws URISyntaxException {
    return Path.of(ComposerAnalyzersTest.class.getResource("/fixtures/php").toURI());
  }

  private static List<Package> run(Analyzer analyzer, String imagePath, byte[] content) throws IOException {
    assertThat(analyzer.wants(imagePath, content.length, 0644)).as(imagePath).isTrue();
    return analyzer.analyze(FileInput.ofBytes(imagePath, content, 0644)).stream()
        .map(f -> ((Fact.PackageFound) f).pkg()).toList();
  }

  /** "vendor/name<TAB>version as Composer prints it<TAB>dev|prod", the layout of the expected TSV files. */
  private static Set<String> rows(List<Package> packages) {
    return packages.stream()
        .map(p -> p.namespace() + "/" + p.name() + "\t"
            + p.version() + "\t"
            + ("true".equals(p.attribute("dev")) ? "dev" : "prod"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> expected(String tsv, int columns) throws Exception {
    return Files.readAllLines(dir().resolve(tsv)).stream().filter(l -> !l.isEmpty())
        .map(l -> String.join("\t", List.of(l.split("\t", -1)).subList(0, columns)))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void lockMatchesComposersOwnView() throws Exception {
    List<Package> found = run(lock, "srv/app/composer.lock", Files.readAllBytes(dir().resolve("app/composer.lock")));
    assertThat(rows(found)).isEqualTo(expected("composer-lock.tsv", 3));
    for (String line : Files.readAllLines(dir().resolve("composer-lock.tsv"))) {
      String[] f = line.split("\t", -1);
      Package p = found.stream().filter(x -> (x.namespace() + "/" + x.name()).equals(f[0])).findFirst().orElseThrow();
      assertThat(p.licenses()).isEqualTo(List.of(f[3].split("\\|")));
      assertThat(p.ecosystem()).isEqualTo(Ecosystem.COMPOSER);
      assertThat(p.location()).isEqualTo("srv/app/composer.lock");
    }
  }

  /** The real lock's only package-to-package require: monolog needs psr/log (php, ext-* are platform). */
  @Test
  void lockEdgesAreRequiresOfLockedPackages() throws Exception {
    List<Package> found = run(lock, "srv/app/composer.lock", Files.readAllBytes(dir().resolve("app/composer.lock")));
    assertThat(found).filteredOn(p -> !p.dependsOn().isEmpty())
        .extracting(p -> p.namespace() + "/" + p.name() + " -> " + p.dependsOn())
        .containsExactly("monolog/monolog -> [pkg:composer/psr/log@3.0.0]");
  }

  @Test
  void versionKeptAsWrittenWithItsLeadingV() throws Exception {
    List<Package> found = run(lock, "composer.lock", Files.readAllBytes(dir().resolve("app/composer.lock")));
    Package ctype = found.stream().filter(p -> p.name().equals("polyfill-ctype")).findFirst().orElseThrow();
    assertThat(ctype.namespace()).isEqualTo("symfony");
    assertThat(ctype.version()).isEqualTo("v1.28.0");
    assertThat(Purls.of(ctype, null)).isEqualTo("pkg:composer/symfony/polyfill-ctype@v1.28.0");
    Package monolog = found.stream().filter(p -> p.name().equals("monolog")).findFirst().orElseThrow();
    assertThat(monolog.version()).isEqualTo("3.5.0");
  }

  @Test
  void composer2InstalledJsonMatchesInstalledVersions() throws Exception {
    List<Package> found = run(installed, "var/www/vendor/composer/installed.json",
        Files.readAllBytes(dir().resolve("app/vendor/composer/installed.json")));
    assertThat(rows(found)).isEqualTo(expected("composer-installed-versions.tsv", 3));
  }

  @Test
  void composer1InstalledJsonIsABareArray() throws Exception {
    // Composer 1 wrote the package objects as a top-level array (no dev-package-names)
    ObjectMapper json = new ObjectMapper();
    JsonNode v2 = json.readTree(dir().resolve("app/vendor/composer/installed.json").toFile());
    byte[] v1 = json.writeValueAsBytes(v2.get("packages"));
    List<Package> found = run(installed, "vendor/composer/installed.json", v1);
    Set<String> expectedNames = expected("composer-installed-versions.tsv", 2);
    Set<String> actualNames = found.stream().map(p -> p.namespace() + "/" + p.name() + "\t"
        + p.version())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(actualNames).isEqualTo(expectedNames);
    assertThat(found).allSatisfy(p -> assertThat(p.attribute("dev")).isNull());
  }

  @Test
  void wantsAndMalformedInput() throws IOException {
    assertThat(lock.wants("app/composer.lock", 1, 0644)).isTrue();
    assertThat(lock.wants("app/vendor/acme/lib/composer.lock", 1, 0644)).isFalse();
    assertThat(lock.wants("app/composer.json", 1, 0644)).isFalse();
    assertThat(installed.wants("vendor/composer/installed.json", 1, 0644)).isTrue();
    assertThat(installed.wants("app/vendor/composer/installed.php", 1, 0644)).isFalse();
    assertThat(installed.wants("app/vendor/acme/installed.json", 1, 0644)).isFalse();
    byte[] broken = "{\"packages\": [{\"name\": \"a/b\", ".getBytes(StandardCharsets.UTF_8);
    assertThat(run(lock, "composer.lock", broken)).isEmpty();
    assertThat(run(installed, "vendor/composer/installed.json", broken)).isEmpty();
    byte[] noVersion = "{\"packages\": [{\"name\": \"a/b\"}, {\"version\": \"1.0\"}]}".getBytes(StandardCharsets.UTF_8);
    assertThat(run(lock, "composer.lock", noVersion)).isEmpty();
  }
}
