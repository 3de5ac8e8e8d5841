package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.ScanResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets in image layers: the layer that holds them, and whether an upper layer deleted or replaced them. */
class SecretLayersTest {
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String B64 = ALNUM + "+/";
  private final Random random = new Random(5);
  @TempDir Path tmp;

  private String of(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** A fake unencrypted RSA key in PEM form (random base64, not a key). */
  private String privateKey() {
    return "-----BEGIN RSA PRIVATE KEY-----\n" + of(B64, 64) + "\n" + of(B64, 64) + "\n" + of(B64, 20)
        + "==\n-----END RSA PRIVATE KEY-----\n";
  }

  private String token() {
    return "ghp_" + of(ALNUM, 36);
  }

  private static ImageBuilder base() {
    return ImageBuilder.dockerArchive().layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"))
        .history("ADD rootfs /");
  }

  private ScanResult scan(Path image) {
    return new Scanner().scan(image, ScanOptions.defaults(tmp.resolve("cache")));
  }

  private static List<String> where(ScanResult r) {
    return r.secrets().stream().map(s -> s.path() + "@" + s.layerDiffId() + (s.deleted() ? " deleted" : "")).toList();
  }

  @Test
  void keyAddedInLayer2AndDeletedInLayer3IsReportedWithLayer2AndComesBackFromCache() throws IOException {
    String key = privateKey();
    ImageBuilder img = base()
        .layer(l -> l.file("root/.ssh/id_rsa", key)).history("COPY id_rsa /root/.ssh/")
        .layer(l -> l.whiteout("root/.ssh/id_rsa")).history("RUN rm /root/.ssh/id_rsa");
    Path tar = img.write(tmp.resolve("img.tar"));

    ScanResult first = scan(tar);
    assertThat(first.secrets()).hasSize(1);
    ExposedSecret s = first.secrets().get(0);
    assertThat(s.ruleId()).isEqualTo("DD-SEC-016");
    assertThat(s.path()).isEqualTo("root/.ssh/id_rsa");
    assertThat(s.layerDiffId()).isEqualTo(img.diffId(1));
    assertThat(s.deleted()).isTrue();
    assertThat(first.checksRun()).contains("secrets");
    assertThat(first.stats().layersAnalysed()).isEqualTo(3);

    ScanResult second = scan(tar);
    assertThat(second.stats().layersFromCache()).isEqualTo(3);
    assertThat(second.stats().layersAnalysed()).isZero();
    assertThat(second.secrets()).isEqualTo(first.secrets());
    assertThat(second.checksRun()).contains("secrets");
    assertThat(second.toString()).doesNotContain(key.split("\n")[1]);
  }

  @Test
  void layerFactsAreReusedByAnotherImageSharingTheLayers() throws IOException {
    String t = token();
    ImageBuilder one = base().layer(l -> l.file("app/.env", "GH=" + t + "\n")).history("COPY .env /app/");
    ScanResult a = scan(one.write(tmp.resolve("one.tar")));
    // same layers plus one more: the first two come from the layer cache, not the squashed inventory
    ImageBuilder two = base().layer(l -> l.file("app/.env", "GH=" + t + "\n")).history("COPY .env /app/")
        .layer(l -> l.file("app/readme.txt", "hello\n")).history("COPY readme.txt /app/");
    ScanResult b = scan(two.write(tmp.resolve("two.tar")));
    assertThat(b.stats().layersFromCache()).isEqualTo(2);
    assertThat(where(b)).isEqualTo(where(a)).containsExactly("app/.env@" + one.diffId(1));
  }

  @Test
  void replacedOpaqueAndLinkedOverFilesAreDeletedButStillReported() throws IOException {
    ImageBuilder img = base()
        .layer(l -> l.file("app/.env", "GH=" + token() + "\n")
            .file("app/keep.yml", "gh: " + token() + "\n")
            .file("data/old/creds.txt", "gh: " + token() + "\n")
            .file("app/big.txt", "gh: " + token() + "\n")
            .file("app/linked.txt", "gh: " + token() + "\n"))
        .history("COPY . /")
        .layer(l -> l.file("app/.env", "GH=from-vault\n")
            .opaque("data/old")
            .file("app/big.txt", "x".repeat(3 * 1024 * 1024))
            .symlink("app/linked.txt", "/etc/os-release"))
        .history("RUN cleanup");
    ScanResult r = scan(img.write(tmp.resolve("img.tar")));
    String d1 = img.diffId(1);
    assertThat(where(r)).containsExactly(
        "app/.env@" + d1 + " deleted",
        "app/big.txt@" + d1 + " deleted",
        "app/keep.yml@" + d1,
        "app/linked.txt@" + d1 + " deleted",
        "data/old/creds.txt@" + d1 + " deleted");
  }

  @Test
  void aSecretReaddedInAnUpperLayerIsReportedInBoth() throws IOException {
    String t = token();
    ImageBuilder img = base()
        .layer(l -> l.file("app/.env", "GH=" + t + "\n")).history("COPY .env /app/")
        .layer(l -> l.file("app/.env", ("GH=" + t + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), 0600))
        .history("RUN chmod 600 /app/.env");
    ScanResult r = scan(img.write(tmp.resolve("img.tar")));
    assertThat(where(r)).containsExactly("app/.env@" + img.diffId(1) + " deleted", "app/.env@" + img.diffId(2));
  }

  @Test
  void imageConfigEnvAndHistoryAreScanned() throws IOException {
    String t1 = token();
    String t2 = token();
    ImageBuilder img = base().env("PATH=/usr/bin", "GITHUB_TOKEN=" + t1)
        .layer(l -> l.file("app/a.txt", "a\n")).history("RUN git clone https://" + t2 + "@github.com/o/r");
    ScanResult r = scan(img.write(tmp.resolve("img.tar")));
    assertThat(r.secrets()).extracting(s -> s.path() + ":" + s.line())
        .containsExactly("image-config:env:2", "image-config:history:2");
    // the config and every history command the result repeats are redacted
    assertThat(r.toString()).doesNotContain(t1).doesNotContain(t2);
    assertThat(r.config().env()).containsExactly("PATH=/usr/bin", "GITHUB_TOKEN=ghp_****");
    assertThat(r.layers().get(1).createdBy()).isEqualTo("RUN git clone https://ghp_****");
    // warm: the same, from the stored inventory
    ScanResult warm = scan(img.write(tmp.resolve("img.tar")));
    assertThat(warm.stats().layersFromCache()).isEqualTo(2);
    assertThat(warm.secrets()).isEqualTo(r.secrets());
    assertThat(warm.toString()).doesNotContain(t1).doesNotContain(t2);
    assertThat(warm.config()).isEqualTo(r.config());
  }

  @Test
  void aLongHistoryCommandCutForLayersAndPackagesIsStillRedacted() throws IOException {
    String t = token();
    String command = "RUN git clone https://" + t + "@github.com/o/r && echo " + "z".repeat(10_000);
    ImageBuilder img = base().layer(l -> l.file("app/a.txt", "a\n")).history(command);
    ScanResult r = scan(img.write(tmp.resolve("long.tar")));
    assertThat(r.secrets()).extracting(s -> s.path() + ":" + s.line()).containsExactly("image-config:history:2");
    assertThat(r.toString()).doesNotContain(t);
    assertThat(r.layers().get(1).createdBy()).isEqualTo("RUN git clone https://ghp_****");
  }

  @Test
  void noSecretsMeansNoSecretAnalyzerAndNoFamily() throws IOException {
    ImageBuilder img = base().layer(l -> l.file("app/.env", "GH=" + token() + "\n")).history("COPY .env /app/");
    ScanResult r = Scanner.withSecrets(false).scan(img.write(tmp.resolve("img.tar")),
        ScanOptions.defaults(tmp.resolve("cache")));
    assertThat(r.secrets()).isEmpty();
    assertThat(r.checksRun()).doesNotContain("secrets");
    assertThat(r.layers().get(0).analyzers().keySet()).noneMatch(k -> k.startsWith("secrets@"));
  }
}
