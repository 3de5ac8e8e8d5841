package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: every command that opens one of drydock's SQLite files, the {@code db} commands included, finds
 * sqlite-jdbc's native library under {@code <cache-dir>/native} and leaves nothing in the JVM's temporary
 * directory (sqlite-jdbc's default unpacks a 1 MB library there per process, left behind when killed). Each
 * command runs in a JVM of its own, since the library is loaded once per JVM, with a {@code java.io.tmpdir}
 * that cannot be created (below a regular file: even root cannot write there), so any use of it fails.
 */
class SqliteNativeCliTest {
  @TempDir Path tmp;

  private String run(Path javaTmp, String... args) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + javaTmp,
        "-cp", System.getProperty("java.class.path"), "dev.drydock.cli.Main"));
    command.addAll(List.of(args));
    Path log = tmp.resolve("log-" + args[0] + "-" + args[1] + ".txt");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(p.waitFor(240, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
      String out = Files.readString(log);
      assertThat(p.exitValue()).as(out).isZero();
      return out;
    } finally {
      p.destroyForcibly();
    }
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(dir::relativize).map(Path::toString).toList();
    }
  }

  @Test
  void dbImportAndDbStatusKeepTheNativeLibraryInTheCacheDirectory() throws Exception {
    Path cache = tmp.resolve("cache");
    Path noTmp = Files.writeString(tmp.resolve("a-file"), "not a directory").resolve("tmp");

    run(noTmp, "db", "import", "../examples/advisories", "--cache-dir", cache.toString());
    assertThat(files(cache.resolve("native"))).singleElement().asString().contains("sqlitejdbc");
    String status = run(noTmp, "db", "status", "--cache-dir", cache.toString());
    assertThat(status).contains("Store:").contains("vulndb.sqlite");
    assertThat(files(cache.resolve("native"))).as("the same copy, reused").hasSize(1);
  }
}
