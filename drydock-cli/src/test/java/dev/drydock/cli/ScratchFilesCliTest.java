package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.image.testing.ImageBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * drydock writes nothing outside its cache directory and --output: runs the real command in a JVM whose
 * temp directory and home are empty directories of this test, and checks they stay empty.
 */
class ScratchFilesCliTest {
  @TempDir Path tmp;

  private record Result(int exit, String log) {}

  private Result drydock(Path javaTmp, Path home, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + javaTmp, "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
        "dev.drydock.cli.Main"));
    cmd.addAll(List.of(args));
    Path log = tmp.resolve("log-" + System.nanoTime() + ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("XDG_CACHE_HOME");
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("drydock did not finish: " + Files.readString(log));
    }
    String text = Files.readString(log);
    Files.delete(log);
    return new Result(p.exitValue(), text);
  }

  @Test
  void gzippedArchivesGoodAndBadLeaveNothingInTheTempDirectory() throws Exception {
    Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path cache = tmp.resolve("cache");
    Path good = ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
            .file("app/node_modules/lodash/package.json", "{\"name\":\"lodash\",\"version\":\"4.17.15\"}"))
        .history("ADD rootfs /")
        .gzipOuter()
        .write(tmp.resolve("in/good.tar.gz"));
    Path bad = ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")).history("ADD rootfs /")
        .layer(l -> l.rawEntry("../../etc/passwd", "root:x:0:0::/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8)))
        .history("RUN evil")
        .gzipOuter()
        .write(tmp.resolve("in/bad.tar.gz"));
    Path out = tmp.resolve("out/report.json");
    Files.createDirectories(out.getParent());

    Result ok = drydock(javaTmp, home, "scan", good.toString(), "--cache-dir", cache.toString(), "--format", "json",
        "--output", out.toString());
    assertThat(ok.exit()).as(ok.log()).isZero();
    assertThat(Files.readString(out)).contains("pkg:npm/lodash@4.17.15");

    Result fail = drydock(javaTmp, home, "scan", bad.toString(), "--cache-dir", cache.toString());
    assertThat(fail.exit()).as(fail.log()).isEqualTo(2);
    assertThat(fail.log().lines().toList()).hasSize(1);
    assertThat(fail.log()).startsWith("drydock: ").contains("bad.tar.gz", "layer 1", "../../etc/passwd");

    assertThat(Cli.tree(javaTmp, null)).as("JVM temp directory").containsOnly("");
    assertThat(Cli.tree(home, null)).as("home directory").containsOnly("");
    assertThat(Cli.tree(out.getParent(), null)).containsOnly("", "report.json");
    assertThat(Cli.tree(cache.resolve("tmp"), null)).as("scratch files left in the cache").containsOnly("");
  }
}
