package dev.drydock.analyzers.os.dpkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.drydock.analyzers.FileInput;
import dev.drydock.model.Fact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Compares DpkgAnalyzer with the real dpkg-query on this machine's own package database. Runs in the
 * {@code integration} profile (failsafe). It fails, and does not skip, when dpkg-query is missing.
 */
class DpkgQueryIT {
  private static final Path ADMINDIR = Path.of("/var/lib/dpkg");

  @Test
  void installedPackagesEqualDpkgQuery() throws Exception {
    // apt may change the database while the test runs: a second attempt reads both sides again.
    List<String> fromDrydock = null;
    List<String> fromDpkg = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      byte[] status = Files.readAllBytes(ADMINDIR.resolve("status"));
      fromDrydock = new DpkgAnalyzer().analyze(FileInput.ofBytes("var/lib/dpkg/status", status, 0644)).stream()
          .filter(f -> f instanceof Fact.PackageFound)
          .map(f -> ((Fact.PackageFound) f).pkg())
          .map(p -> p.name() + " " + p.version())
          .sorted()
          .toList();
      fromDpkg = dpkgQuery();
      if (fromDrydock.equals(fromDpkg)) {
        break;
      }
    }
    assertThat(fromDpkg).as("dpkg-query lists installed packages").isNotEmpty();
    assertThat(fromDrydock).containsExactlyElementsOf(fromDpkg);
  }

  /** "name version" of every package dpkg calls installed, sorted. */
  private static List<String> dpkgQuery() throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("dpkg-query", "--admindir=" + ADMINDIR, "-W",
        "-f", "${db:Status-Status} ${Package} ${Version}\\n");
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      return fail("dpkg-query is required for this integration test but could not be run: " + e.getMessage());
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("dpkg-query finished").isTrue();
    assertThat(process.exitValue()).as("dpkg-query exit code").isZero();
    return out.lines()
        .filter(l -> l.startsWith("installed "))
        .map(l -> l.substring("installed ".length()))
        .sorted()
        .toList();
  }
}
