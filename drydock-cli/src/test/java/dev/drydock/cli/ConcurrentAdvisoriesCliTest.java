package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: three {@code scan --advisories} processes started together on a new cache all import the same
 * advisories into the same store below the cache; they wait for each other instead of failing with
 * "vulndb.lock is locked", and all find the same vulnerabilities. Real separate JVMs.
 */
class ConcurrentAdvisoriesCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ADVISORIES = Path.of("../examples/advisories");

  @TempDir Path tmp;

  private static TreeSet<String> findings(Path json) throws Exception {
    TreeSet<String> out = new TreeSet<>();
    for (JsonNode v : JSON.readTree(json.toFile()).get("vulnerabilities")) {
      out.add(v.get("id").asText() + " " + v.get("purl").asText());
    }
    return out;
  }

  @Test
  void threeProcessesImportingAdvisoriesIntoANewCacheAllSucceed() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    Path cache = tmp.resolve("cache");
    List<Process> processes = new ArrayList<>();
    List<Path> outs = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Path out = tmp.resolve("scan" + i + ".json");
        Path log = tmp.resolve("scan" + i + ".log");
        outs.add(out);
        logs.add(log);
        processes.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", classpath, "dev.drydock.cli.Main",
            "scan", "--advisories", ADVISORIES.toString(), "--no-secrets", "--no-config-checks",
            "--cache-dir", cache.toString(), "--format", "json", "--output", out.toString(),
            DemoImageCliTest.DEMO.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start());
      }
      for (int i = 0; i < 3; i++) {
        Process p = processes.get(i);
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("scan %d finished: %s", i, Files.readString(logs.get(i)))
            .isTrue();
        assertThat(p.exitValue()).as("scan %d: %s", i, Files.readString(logs.get(i))).isZero();
        assertThat(Files.readString(logs.get(i))).doesNotContain("locked");
      }
    } finally {
      for (Process p : processes) {
        p.destroyForcibly();
      }
    }
    sameFindings(outs);
  }

  /** The same in one JVM: three threads, each opening the stores on its own. */
  @Test
  void threeThreadsImportingAdvisoriesIntoANewCacheAllSucceed() throws Exception {
    Path cache = tmp.resolve("cache");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(3);
      List<java.util.concurrent.Future<Cli.Run>> runs = new ArrayList<>();
      List<Path> outs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Path out = tmp.resolve("thread" + i + ".json");
        outs.add(out);
        runs.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          return Cli.runToFile("scan", "--advisories", ADVISORIES.toString(), "--no-secrets", "--no-config-checks",
              "--cache-dir", cache.toString(), "--format", "json", "--output", out.toString(),
              DemoImageCliTest.DEMO.toString());
        }));
      }
      for (java.util.concurrent.Future<Cli.Run> f : runs) {
        Cli.Run r = f.get(240, TimeUnit.SECONDS);
        assertThat(r.exit()).as(r.toString()).isZero();
      }
      sameFindings(outs);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void sameFindings(List<Path> outs) throws Exception {
    TreeSet<String> first = findings(outs.get(0));
    assertThat(first).anyMatch(f -> f.startsWith("CVE-2021-44228 pkg:maven/org.apache.logging.log4j/log4j-core@"));
    assertThat(findings(outs.get(1))).isEqualTo(first);
    assertThat(findings(outs.get(2))).isEqualTo(first);
  }
}
