package dev.drydock.secrets.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.model.ExposedSecret;
import dev.drydock.secrets.SecretScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeScanTest {
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private final Random random = new Random(7);
  @TempDir Path root;

  /** A fake GitHub classic token of the documented shape. */
  private String token() {
    StringBuilder sb = new StringBuilder("ghp_");
    for (int i = 0; i < 36; i++) {
      sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
    }
    return sb.toString();
  }

  private void write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private List<String> paths(TreeScan.Options options) {
    return new TreeScan(new SecretScanner(), options).scan(root).secrets().stream().map(ExposedSecret::path).toList();
  }

  @Test
  void findsSecretsInTextFilesAndSkipsGitBinariesAndLargeFiles() throws IOException {
    write("src/app.py", "x = 1\nTOKEN = '" + token() + "'\n");
    write("deep/er/config.yml", "github: " + token() + "\n");
    write(".git/config", "token = " + token() + "\n");
    write("img/logo.png", "not really a png " + token());
    Files.write(root.resolve("blob.dat2"), ("\0\0\0" + token()).getBytes(StandardCharsets.UTF_8));
    write("big.txt", "a".repeat(2000) + token());
    TreeScan.Result r = new TreeScan(new SecretScanner(), new TreeScan.Options(false, 1000, 2)).scan(root);
    assertThat(r.secrets()).extracting(ExposedSecret::path).containsExactly("deep/er/config.yml", "src/app.py");
    assertThat(r.secrets().get(1).line()).isEqualTo(2);
    assertThat(r.skippedLarge()).isEqualTo(1);
    assertThat(r.skippedBinary()).isEqualTo(1);
    assertThat(r.filesScanned()).isEqualTo(3); // app.py, config.yml, blob.dat2 (NUL: skipped by the scanner)
  }

  @Test
  void gitignoreIsRespectedOnlyWhenAsked() throws IOException {
    write(".gitignore", "*.env\n!keep.env\nbuild/\n/rootonly.txt\n");
    write("prod.env", "t=" + token() + "\n");
    write("keep.env", "t=" + token() + "\n");
    write("build/out.txt", "t=" + token() + "\n");
    write("rootonly.txt", "t=" + token() + "\n");
    write("sub/rootonly.txt", "t=" + token() + "\n");
    write("sub/.gitignore", "!prod.env\nlocal.txt\n");
    write("sub/prod.env", "t=" + token() + "\n");
    write("sub/local.txt", "t=" + token() + "\n");
    write("local.txt", "t=" + token() + "\n");
    assertThat(paths(new TreeScan.Options(true, 1 << 20, 2)))
        .containsExactly("keep.env", "local.txt", "sub/prod.env", "sub/rootonly.txt");
    assertThat(paths(new TreeScan.Options(false, 1 << 20, 2))).containsExactly("build/out.txt", "keep.env",
        "local.txt", "prod.env", "rootonly.txt", "sub/local.txt", "sub/prod.env", "sub/rootonly.txt");
  }

  @Test
  void manyFilesInParallelKeepADeterministicOrder() throws IOException {
    for (int i = 0; i < 200; i++) {
      write("d" + (i % 7) + "/f" + i + ".txt", "line\n".repeat(i % 13) + "k: " + token() + "\n");
    }
    List<ExposedSecret> a = new TreeScan(new SecretScanner(), new TreeScan.Options(false, 1 << 20, 4)).scan(root)
        .secrets();
    List<ExposedSecret> b = new TreeScan(new SecretScanner(), new TreeScan.Options(false, 1 << 20, 1)).scan(root)
        .secrets();
    assertThat(a).hasSize(200).isEqualTo(b);
  }

  @Test
  void missingDirectoryIsBadInput() {
    assertThatThrownBy(() -> new TreeScan(new SecretScanner(), TreeScan.Options.defaults()).scan(root.resolve("nope")))
        .isInstanceOf(DrydockException.class).hasMessageContaining("nope");
  }

  @Test
  void binaryNames() {
    assertThat(BinaryNames.isBinary("a/b/libz.so.1.2.13")).isTrue();
    assertThat(BinaryNames.isBinary("x.PNG")).isTrue();
    assertThat(BinaryNames.isBinary("x.java")).isFalse();
    assertThat(BinaryNames.isBinary("Makefile")).isFalse();
  }
}
