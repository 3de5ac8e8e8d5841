package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.testing.ImageBuilder;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --timeout} (issue 18, "time per command"): a scan or SBOM not finished in time stops with one line and
 * exit 2, writes no report, and leaves a cache the next scan uses.
 */
class TimeoutCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  /**
   * Six layers of keyword-dense text: the secret scanner needs about half a second for each (more on a busy machine),
   * so the whole scan takes seconds, far past the 200 ms given.
   */
  private Path slowImage() throws IOException {
    String line = "aws_secret_access_key = \"notakey\" password = x token = y akia secret\n";
    String text = line.repeat(800_000 / line.length());
    ImageBuilder b = ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
            .file("app/.env", "GH=ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8\n")
            .file("data/0.txt", text))
        .history("ADD rootfs /");
    for (int i = 1; i < 6; i++) {
      int layer = i;
      b.layer(l -> l.file("data/" + layer + ".txt", text + layer)).history("RUN make " + i);
    }
    return b.write(tmp.resolve("img.tar"));
  }

  @Test
  void aScanPastItsTimeoutIsOneLineExitTwoAndNothingWritten() throws IOException {
    Path image = slowImage();
    Path cache = tmp.resolve("cache");
    Path out = tmp.resolve("late.json");
    Cli.Run late = Cli.runToFile("scan", "--scanners", "secret", "--timeout", "200ms", "-f", "json", "-o",
        out.toString(), "--cache-dir", cache.toString(), image.toString());
    assertThat(late.exit()).as(late.toString()).isEqualTo(2);
    assertThat(late.err()).isEqualTo("drydock: " + image + ": not finished within 200ms (--timeout)\n");
    assertThat(out).doesNotExist();
    assertThat(Cli.tree(tmp, cache)).as("nothing beside the cache").containsExactly("", "img.tar");

    // the cache is usable: the same scan with the default timeout finishes and finds the secret
    Path done = tmp.resolve("done.json");
    Cli.Run next = Cli.runToFile("scan", "--scanners", "secret", "-f", "json", "-o", done.toString(), "--cache-dir",
        cache.toString(), image.toString());
    assertThat(next.exit()).as(next.toString()).isZero();
    JsonNode r = JSON.readTree(done.toFile());
    assertThat(r.path("secrets")).hasSize(1);
    assertThat(r.path("warnings").toString()).doesNotContain("timeout", "cancel");
  }

  @Test
  void anSbomPastItsTimeoutIsOneLineExitTwo() throws IOException {
    Path image = slowImage();
    Path out = tmp.resolve("sbom.json");
    Cli.Run late = Cli.runToFile("sbom", "--timeout", "0.001s", "-f", "cyclonedx", "-o", out.toString(),
        "--cache-dir", tmp.resolve("cache").toString(), image.toString());
    assertThat(late.exit()).as(late.toString()).isEqualTo(2);
    assertThat(late.err()).isEqualTo("drydock: " + image + ": not finished within 0.001s (--timeout)\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void zeroMeansNoneAndABadDurationIsAUsageError() throws IOException {
    Path image = ImageBuilder.dockerArchive().layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"))
        .write(tmp.resolve("small.tar"));
    Path out = tmp.resolve("small.json");
    Cli.Run none = Cli.runToFile("sbom", "--timeout", "0", "-f", "json", "-o", out.toString(), "--cache-dir",
        tmp.resolve("cache").toString(), image.toString());
    assertThat(none.exit()).as(none.toString()).isZero();
    assertThat(out).exists();

    Cli.Run bad = Cli.runToFile("scan", "--timeout", "5x", "--cache-dir", tmp.resolve("cache").toString(),
        image.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.errLines()).singleElement().asString()
        .startsWith("drydock: Invalid value for option '--timeout': '5x' is not a duration");
  }

  @Test
  void durationsReadAsTrivyWritesThem() {
    TimeoutOption.Converter c = new TimeoutOption.Converter();
    assertThat(c.convert("10m").duration()).hasMinutes(10);
    assertThat(c.convert("1h30m").duration()).hasMinutes(90);
    assertThat(c.convert("5m0s").duration()).hasSeconds(300);
    assertThat(c.convert("1.5s").duration()).hasMillis(1500);
    assertThat(c.convert("300ms").duration()).hasMillis(300);
    assertThat(c.convert("0").duration()).isZero();
    for (String bad : new String[] {"", "10", "m", "-1s", "1d", "1s2", "s1"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.convert(bad)).as(bad)
          .isInstanceOf(picocli.CommandLine.TypeConversionException.class);
    }
  }
}
