package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two scans of one image at the same time against one cache directory: threads, then processes. */
class ConcurrentScanCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static List<String> packages(Path json) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode p : JSON.readTree(json.toFile()).get("packages")) {
      out.add(p.get("purl").asText() + " #" + p.get("layerIndex").asInt());
    }
    return out;
  }

  @Test
  void twoThreadsShareOneCache() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 3; round++) {
        Path cache = tmp.resolve("cache-" + round);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Cli.Run>> runs = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          Path out = tmp.resolve("round" + round + "-thread" + i + ".json");
          outs.add(out);
          runs.add(pool.submit(() -> {
            start.await(30, TimeUnit.SECONDS);
            return Cli.runToFile("scan", DemoImageCliTest.DEMO.toString(), "--cache-dir", cache.toString(),
                "--format", "json", "--output", out.toString());
          }));
        }
        for (Future<Cli.Run> f : runs) {
          Cli.Run r = f.get(120, TimeUnit.SECONDS);
          assertThat(r.exit()).as("round %d: %s", round, r).isZero();
        }
        List<String> a = packages(outs.get(0));
        assertThat(a).hasSize(71);
        assertThat(packages(outs.get(1))).isEqualTo(a);
      }
    } finally {
      pool.shutdownNow();
    }
    // The shared cache now serves a third scan entirely.
    Path out = tmp.resolve("third.json");
    Cli.Run r = Cli.runToFile("scan", DemoImageCliTest.DEMO.toString(), "--cache-dir", tmp.resolve("cache-0").toString(),
        "--format", "json", "--output", out.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(JSON.readTree(out.toFile()).get("stats").get("layersFromCache").asInt()).isEqualTo(6);
  }

  @Test
  void twoProcessesShareOneCache() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    Path cache = tmp.resolve("cache");
    List<Process> processes = new ArrayList<>();
    List<Path> outs = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path out = tmp.resolve("process" + i + ".json");
      Path log = tmp.resolve("process" + i + ".log");
      outs.add(out);
      logs.add(log);
      processes.add(new ProcessBuilder(java, "-cp", classpath, "dev.drydock.cli.Main", "scan",
          DemoImageCliTest.DEMO.toString(), "--cache-dir", cache.toString(), "--format", "json", "--output", out.toString())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start());
    }
    for (int i = 0; i < 2; i++) {
      Process p = processes.get(i);
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("process " + i + " did not finish: " + Files.readString(logs.get(i)));
      }
      assertThat(p.exitValue()).as("process %d: %s", i, Files.readString(logs.get(i))).isZero();
      assertThat(Files.readString(logs.get(i))).startsWith("drydock: ").contains("71 packages");
    }
    List<String> a = packages(outs.get(0));
    assertThat(a).hasSize(71);
    assertThat(packages(outs.get(1))).isEqualTo(a);
  }
}
