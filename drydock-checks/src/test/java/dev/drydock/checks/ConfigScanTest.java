package dev.drydock.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.model.Misconfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Walking, reading and checking files with the real checkers ({@link ConfigCheckers#all()}). */
class ConfigScanTest {
  @TempDir Path tmp;

  private static final String GOOD = "FROM debian:12\nUSER app\nHEALTHCHECK CMD [\"true\"]\nCMD [\"app\"]\n";
  private static final String ROOT = "FROM debian:12\nHEALTHCHECK CMD [\"true\"]\nCMD [\"app\"]\n";

  private ConfigScan.Outcome scan(Path... paths) {
    return ConfigScan.scan(List.of(paths), ConfigCheckers.all(), ConfigScan.Options.defaults());
  }

  private static List<String> found(ConfigScan.Outcome o) {
    return o.misconfigurations().stream().map(m -> m.file() + ":" + m.line() + " " + m.ruleId()).toList();
  }

  @Test
  void walksTheTreeAndSkipsVendoredAndBuildDirectories() throws IOException {
    Path root = tmp.resolve("repo");
    Files.createDirectories(root.resolve("svc/a"));
    Files.writeString(root.resolve("svc/a/Dockerfile"), ROOT);
    Files.writeString(root.resolve("Dockerfile"), GOOD);
    Files.writeString(root.resolve("README.md"), "# not a config\n");
    for (String skipped : ConfigScan.SKIPPED_DIRS) {
      Files.createDirectories(root.resolve(skipped));
      Files.writeString(root.resolve(skipped).resolve("Dockerfile"), ROOT);
    }
    ConfigScan.Outcome o = scan(root);
    assertThat(found(o)).containsExactly(root.resolve("svc/a/Dockerfile") + ":1 DD-DF-001");
    assertThat(o.checked()).isEqualTo(2);
    assertThat(o.failed()).isZero();
    assertThat(o.families()).containsExactly("dockerfile");
    assertThat(o.warnings()).isEmpty();
  }

  @Test
  void anInvalidFileIsOneWarningAndItsNeighbourIsStillChecked() throws IOException {
    Files.writeString(tmp.resolve("Dockerfile"), ROOT);
    Files.writeString(tmp.resolve("broken.Dockerfile"), "FROM debian:12\nRUN <<EOF\necho hi\n");
    ConfigScan.Outcome o = scan(tmp);
    assertThat(found(o)).containsExactly(tmp.resolve("Dockerfile") + ":1 DD-DF-001");
    assertThat(o.warnings()).containsExactly(tmp.resolve("broken.Dockerfile") + ":2: unterminated heredoc <<EOF");
    assertThat(o.checked()).isEqualTo(1);
    assertThat(o.failed()).isEqualTo(1);
  }

  @Test
  void binaryFilesWithAConfigNameAreWarnedOthersIgnored() throws IOException {
    Files.write(tmp.resolve("Dockerfile"), new byte[] {'F', 'R', 0, 1, 2});
    Files.write(tmp.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
    Files.write(tmp.resolve("deploy.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
    ConfigScan.Outcome o = scan(tmp);
    assertThat(o.warnings()).containsExactly(
        tmp.resolve("Dockerfile") + ":1: not checked: binary file (not UTF-8 text)",
        tmp.resolve("deploy.yaml") + ":1: not checked: binary file (not UTF-8 text)");
    assertThat(o.checked()).isZero();
    assertThat(o.misconfigurations()).isEmpty();
  }

  @Test
  void oversizedFilesAreNotRead() throws IOException {
    Files.writeString(tmp.resolve("Dockerfile"), ROOT + "# " + "x".repeat(200) + "\n");
    ConfigScan.Outcome o = ConfigScan.scan(List.of(tmp), ConfigCheckers.all(), new ConfigScan.Options(100, 1));
    assertThat(o.warnings()).singleElement().asString().endsWith("is over the limit of 100");
    assertThat(o.bytesRead()).isZero();
  }

  @Test
  void symlinksInTheTreeAreNotFollowed() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("Dockerfile"), ROOT);
    Path tree = Files.createDirectories(tmp.resolve("tree"));
    Files.createSymbolicLink(tree.resolve("linked"), outside);
    Files.createSymbolicLink(tree.resolve("Dockerfile"), outside.resolve("Dockerfile"));
    ConfigScan.Outcome o = scan(tree);
    assertThat(o.checked()).isZero();
    assertThat(o.misconfigurations()).isEmpty();
    // named on the command line, a link is followed, and reported under the name given
    assertThat(found(scan(tree.resolve("Dockerfile")))).containsExactly(tree.resolve("Dockerfile") + ":1 DD-DF-001");
    assertThat(found(scan(tree.resolve("linked")))).containsExactly(tree.resolve("linked/Dockerfile") + ":1 DD-DF-001");
  }

  @Test
  void aFileReachedTwiceIsCheckedOnce() throws IOException {
    Path df = Files.writeString(tmp.resolve("Dockerfile"), ROOT);
    ConfigScan.Outcome o = scan(tmp, df, tmp.resolve("./Dockerfile"));
    assertThat(found(o)).containsExactly(df + ":1 DD-DF-001");
    assertThat(o.checked()).isEqualTo(1);
  }

  @Test
  void emptyDirectoryChecksNothing() throws IOException {
    ConfigScan.Outcome o = scan(Files.createDirectories(tmp.resolve("empty")));
    assertThat(o.checked()).isZero();
    assertThat(o.failed()).isZero();
    assertThat(o.families()).isEmpty();
  }

  @Test
  void aNamedUnsupportedFileIsWarnedAndAMissingPathIsAnError() throws IOException {
    Path txt = Files.writeString(tmp.resolve("notes.txt"), "hello\n");
    assertThat(scan(txt).warnings()).containsExactly(txt + ":0: not checked: no checker supports this file");
    assertThatThrownBy(() -> scan(tmp.resolve("missing"))).isInstanceOf(DrydockException.class)
        .hasMessage(tmp.resolve("missing") + ": no such file or directory");
  }

  @Test
  void manyFilesInParallelKeepPathOrder() throws IOException {
    for (int i = 0; i < 40; i++) {
      Files.writeString(tmp.resolve(String.format("s%02d.Dockerfile", i)), ROOT);
    }
    ConfigScan.Outcome o = ConfigScan.scan(List.of(tmp), ConfigCheckers.all(), new ConfigScan.Options(1 << 20, 4));
    assertThat(o.misconfigurations()).hasSize(40);
    assertThat(o.misconfigurations().stream().map(Misconfiguration::file).toList()).isSorted();
    assertThat(ConfigScan.text("\uFEFFFROM x".getBytes(StandardCharsets.UTF_8))).isEqualTo("FROM x");
  }
}
