package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.LayerInfo;
import dev.drydock.model.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --secret-rules FILE}: custom rules reach the secret analyzer in layers and the image config, and
 * the per-layer cache key holds the rules' digest, so other rules re-read layers for the secret analyzer only.
 */
class ScanOptionsReachAnalyzersTest {
  @TempDir Path tmp;

  /** An in-house token format no built-in rule knows. */
  private static final String ACME_TOKEN = "acme_live_Zq8Xv2Lm9Pw4Rt6Yb1Nc";
  private static final String ACME_RULES = "[[rules]]\nid = \"acme-token\"\ndescription = \"ACME API token\"\n"
      + "regex = '''acme_live_[A-Za-z0-9]{20}'''\nkeywords = [\"acme_live_\"]\nseverity = \"critical\"\n";
  private static final String OTHER_RULES = "[[rules]]\nid = \"other-token\"\ndescription = \"Other token\"\n"
      + "regex = '''other_[A-Za-z0-9]{20}'''\nkeywords = [\"other_\"]\n";

  private static ImageBuilder image() {
    return ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
            .file("var/lib/dpkg/status", "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\n"
                + "Version: 2.36-9+deb12u4\n"))
        .history("ADD rootfs /")
        .layer(l -> l.file("app/settings.ini", "[api]\nkey = " + ACME_TOKEN + "\n"))
        .history("COPY settings.ini /app/")
        .env("ACME=" + ACME_TOKEN.replace("Zq8", "Qq8"));
  }

  private ScanResult scan(Path image, Path rules) {
    return new Scanner().scan(image, ScanOptions.defaults(tmp.resolve("cache")).withSecretRules(rules));
  }

  private static List<String> found(ScanResult r) {
    return r.secrets().stream().map(s -> s.ruleId() + " " + s.path() + ":" + s.line()).toList();
  }

  @Test
  void aCustomRuleFindsACustomTokenInALayerAndInTheImageConfig() throws IOException {
    Path image = image().write(tmp.resolve("img.tar"));
    assertThat(found(scan(image, null))).as("built-in rules do not know the token").isEmpty();

    ScanResult r = scan(image, Files.writeString(tmp.resolve("acme.toml"), ACME_RULES));
    assertThat(found(r)).containsExactly("acme-token app/settings.ini:2", "acme-token image-config:env:1");
    ExposedSecret s = r.secrets().get(0);
    assertThat(s.layerDiffId()).isEqualTo(r.layers().get(1).diffId());
    assertThat(s.severity().name()).isEqualTo("CRITICAL");
    assertThat(r.toString()).doesNotContain(ACME_TOKEN);
  }

  @Test
  void otherRulesRerunOnlyTheSecretAnalyzerAndTheSameRulesElsewhereHitTheCache() throws IOException {
    Path image = image().write(tmp.resolve("img.tar"));
    ScanResult first = scan(image, Files.writeString(tmp.resolve("other.toml"), OTHER_RULES));
    assertThat(found(first)).isEmpty();
    assertThat(first.stats().layersAnalysed()).isEqualTo(2);

    ScanResult second = scan(image, Files.writeString(tmp.resolve("acme.toml"), ACME_RULES));
    assertThat(found(second)).containsExactly("acme-token app/settings.ini:2", "acme-token image-config:env:1");
    for (LayerInfo layer : second.layers()) {
      Map<String, String> status = layer.analyzers();
      assertThat(status).containsKey("dpkg@" + version(status, "dpkg"));
      status.forEach((analyzer, how) ->
          assertThat(how).as(layer.index() + " " + analyzer).isEqualTo(analyzer.startsWith("secrets@") ? "analysed"
              : "cache"));
    }
    assertThat(second.packages()).isEqualTo(first.packages());

    // the same rules at another path (and another file name): every layer from the cache
    Path moved = Files.createDirectories(tmp.resolve("elsewhere")).resolve("rules-copy.toml");
    Files.writeString(moved, ACME_RULES);
    ScanResult third = scan(image, moved);
    assertThat(third.stats().layersFromCache()).isEqualTo(2);
    assertThat(third.layers()).allSatisfy(l -> assertThat(l.analyzers().values()).containsOnly("cache"));
    assertThat(third.secrets()).isEqualTo(second.secrets());

    // and back to the built-in rules: the facts of the first default scan are not there, only secrets re-run
    ScanResult builtin = scan(image, null);
    assertThat(builtin.layers()).allSatisfy(l -> l.analyzers().forEach((analyzer, how) ->
        assertThat(how).as(analyzer).isEqualTo(analyzer.startsWith("secrets@") ? "analysed" : "cache")));
    assertThat(found(builtin)).isEmpty();
  }

  private static String version(Map<String, String> status, String analyzer) {
    return status.keySet().stream().filter(k -> k.startsWith(analyzer + "@")).findFirst().orElseThrow()
        .substring(analyzer.length() + 1);
  }

  @Test
  void aBadRuleFileIsOneLineBeforeAnyLayerIsRead() throws IOException {
    Path image = image().write(tmp.resolve("img.tar"));
    Path bad = Files.writeString(tmp.resolve("bad.toml"), "[[rules]]\nid = \"broken\"\nregex = '''(abc'''\n");
    List<String> progress = new java.util.ArrayList<>();
    Listener listener = new Listener() {
      @Override
      public void progress(String task, long done, long total) {
        progress.add(task + " " + done + "/" + total);
      }
    };
    assertThatThrownBy(() -> new Scanner().scan(image,
        ScanOptions.defaults(tmp.resolve("cache")).withSecretRules(bad).withListener(listener)))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(bad.toString())
        .hasMessageContaining("broken")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(progress).isEmpty();
    assertThat(tmp.resolve("cache/cache.sqlite")).doesNotExist();
    Path missing = tmp.resolve("missing.toml");
    assertThatThrownBy(() -> scan(image, missing))
        .isInstanceOf(DrydockException.class).hasMessageStartingWith(missing.toString());
  }
}
