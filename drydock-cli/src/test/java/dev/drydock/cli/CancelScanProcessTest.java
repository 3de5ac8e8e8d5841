package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.SqliteFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code drydock scan} in its own JVM, stopped by a signal ({@link Process#destroy()}: SIGTERM, which runs
 * the same shutdown hook as Ctrl-C's SIGINT) once its first layer is in the cache: the hook cancels the scan and
 * waits for it, the process prints one line and exits 128 + the signal, and the cache it leaves holds only
 * whole layers: a later scan takes them from the cache and equals a scan with a fresh cache.
 */
class CancelScanProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LAYERS = 6;
  @TempDir Path tmp;
  private Process process;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Layers of keyword-dense text: the secret scanner needs about half a second for each (more on a busy machine). */
  private Path image() throws IOException {
    String line = "aws_secret_access_key = \"notakey\" password = x token = y akia secret\n";
    String text = line.repeat(800_000 / line.length());
    ImageBuilder b = ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
            .file("app/.env", "GH=ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8\n")
            .file("app/node_modules/lodash/package.json", "{\"name\":\"lodash\",\"version\":\"4.17.15\"}")
            .file("data/0.txt", text))
        .history("ADD rootfs /");
    for (int i = 1; i < LAYERS; i++) {
      int layer = i;
      b.layer(l -> l.file("data/" + layer + ".txt", text + layer)).history("RUN make " + i);
    }
    return b.write(tmp.resolve("img.tar"));
  }

  private static int layersInCache(Path cache) {
    Path db = cache.resolve("cache.sqlite");
    if (!Files.exists(db)) {
      return 0;
    }
    try (Connection c = SqliteFiles.connect(new org.sqlite.JDBC(), db, SqliteFiles.Use.READ);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT diff_id) FROM layer_facts")) {
      return rs.next() ? rs.getInt(1) : 0;
    } catch (SQLException notYet) {
      return 0; // tables not created yet, or busy
    }
  }

  private static List<String> args(Path cache, Path out, Path image) {
    return List.of("scan", "--scanners", "secret", "-f", "json", "-o", out.toString(), "--cache-dir",
        cache.toString(), image.toString());
  }

  @Test
  void aSignalledScanStopsCleanlyAndKeepsWholeLayersOnly() throws Exception {
    Path image = image();
    Path cache = tmp.resolve("cache");
    Path out = tmp.resolve("cancelled.json");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.drydock.cli.Main"));
    command.addAll(args(cache, out, image));
    process = new ProcessBuilder(command)
        .redirectOutput(tmp.resolve("stdout").toFile())
        .redirectError(tmp.resolve("stderr").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (layersInCache(cache) == 0) {
      assertThat(process.isAlive()).as("the scan ended before a layer was cached: %s",
          Files.readString(tmp.resolve("stderr"))).isTrue();
      assertThat(System.nanoTime()).as("no layer cached within 120 s").isLessThan(deadline);
      Thread.sleep(5);
    }
    process.destroy(); // SIGTERM
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(128 + 15);
    assertThat(Files.readString(tmp.resolve("stderr"))).isEqualTo("drydock: cancelled\n");
    assertThat(Files.readString(tmp.resolve("stdout"))).isEmpty();
    assertThat(out).doesNotExist();
    int kept = layersInCache(cache);
    assertThat(kept).as("layers cached before the cancel").isBetween(1, LAYERS - 1);

    Cli.Run resumed = Cli.runToFile(args(cache, tmp.resolve("resumed.json"), image).toArray(String[]::new));
    assertThat(resumed.exit()).as(resumed.toString()).isZero();
    JsonNode r = JSON.readTree(tmp.resolve("resumed.json").toFile());
    assertThat(r.path("stats").path("layersFromCache").asInt()).isEqualTo(kept);
    // the same installation key, so that the secret's keyed fingerprint is comparable
    Files.createDirectories(tmp.resolve("clean-cache"));
    Files.copy(cache.resolve(dev.drydock.secrets.FingerprintKey.FILE),
        tmp.resolve("clean-cache").resolve(dev.drydock.secrets.FingerprintKey.FILE));
    Cli.Run clean = Cli.runToFile(args(tmp.resolve("clean-cache"), tmp.resolve("clean.json"), image)
        .toArray(String[]::new));
    assertThat(clean.exit()).as(clean.toString()).isZero();
    JsonNode c = JSON.readTree(tmp.resolve("clean.json").toFile());
    for (String field : List.of("packages", "secrets", "os", "warnings", "notableFiles")) {
      assertThat(r.path(field)).as(field).isEqualTo(c.path(field));
    }
    assertThat(r.path("secrets")).hasSize(1);
  }
}
