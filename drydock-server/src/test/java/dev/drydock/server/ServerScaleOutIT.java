package dev.drydock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out on a real PostgreSQL: two server processes (separate JVMs on the built class path) share one database.
 * Fifty concurrent scan requests of images sharing the demo image's six base layers finish with each layer indexed
 * exactly once across both servers and every job done exactly once; then a third server that holds a job is killed
 * with SIGKILL and the job is finished by another after its lease expires.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerScaleOutIT {
  @TempDir static Path tmp;
  static Postgres pg;
  static final List<Process> servers = new ArrayList<>();
  static Http a;
  static Http b;
  static String token;
  static Path images;

  @BeforeAll
  static void start() throws Exception {
    pg = Postgres.start();
    images = Files.createDirectories(tmp.resolve("images"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = ServerMain.run(new String[] {"token", "create", "--scope", "scan", "--store", pg.url(), "--cache-dir",
        tmp.resolve("token-cache").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(code).isZero();
    token = out.toString(StandardCharsets.UTF_8).trim();
    a = new Http(startServer("A", 0));
    b = new Http(startServer("B", 0));
  }

  /** Starts a server JVM named {@code node}; returns its host:port once it listens. */
  static String startServer(String node, long jobDelayMillis) throws Exception {
    Path ready = tmp.resolve("ready-" + node);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), ServerMain.class.getName(),
        "--listen", "127.0.0.1:0", "--store", pg.url(), "--cache-dir", tmp.resolve("cache-" + node).toString(),
        "--scan-root", images.toString(), "--node", node, "--ready-file", ready.toString(), "--workers", "2",
        "--lease-seconds", "3", "--grace-seconds", "2", "--rate-limit", "100000"));
    if (jobDelayMillis > 0) {
      cmd.addAll(List.of("--debug-job-delay-ms", String.valueOf(jobDelayMillis)));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("server-" + node + ".log").toFile()).start();
    servers.add(p);
    long until = System.currentTimeMillis() + 60_000;
    while (!Files.exists(ready)) {
      if (!p.isAlive() || System.currentTimeMillis() > until) {
        throw new AssertionError("server " + node + " did not start: "
            + Files.readString(tmp.resolve("server-" + node + ".log")));
      }
      Thread.sleep(100);
    }
    return Files.readString(ready).trim();
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : servers) {
      p.destroy(); // SIGTERM: graceful stop
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (pg != null) {
      pg.close();
    }
  }

  static Connection db() throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port + "/postgres", "postgres", "");
  }

  @Test
  @Order(1)
  void fiftyConcurrentScansIndexEachSharedLayerOnceAndRunEachJobOnce() throws Exception {
    List<Path> built = TestImages.build(images, 50);
    ExecutorService clients = Executors.newFixedThreadPool(50);
    List<Future<String>> submitted = new ArrayList<>();
    for (int i = 0; i < built.size(); i++) {
      Http to = i % 2 == 0 ? a : b;
      String body = "{\"target\":\"" + built.get(i) + "\"}";
      submitted.add(clients.submit(() -> to.json("POST", "/v1/scans", token, body, 202).get("id").asText()));
    }
    List<String> ids = new ArrayList<>();
    for (Future<String> f : submitted) {
      ids.add(f.get(60, TimeUnit.SECONDS));
    }
    clients.shutdown();
    assertThat(new HashSet<>(ids)).hasSize(50);
    for (String id : ids) {
      JsonNode st = a.await(id, token, 300);
      assertThat(st.get("status").asText()).as(st.toString()).isEqualTo("done");
    }

    try (Connection c = db()) {
      // every job completed exactly once, and its result stored once
      Map<String, Integer> done = counts(c, "SELECT job_id, COUNT(*) FROM job_events WHERE event='done'"
          + " GROUP BY job_id");
      assertThat(done).hasSize(50).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
      assertThat(done.keySet()).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(counts(c, "SELECT 'all', COUNT(*) FROM results")).containsEntry("all", 50);
      // each layer indexed once across both servers: the six shared base layers and the fifty own layers
      Map<String, Integer> indexed = counts(c, "SELECT diff_id, COUNT(*) FROM layer_index_log GROUP BY diff_id");
      assertThat(indexed).hasSize(56).allSatisfy((d, n) -> assertThat(n).as(d).isEqualTo(1));
      assertThat(indexed.keySet()).containsAll(TestImages.baseDiffIds());
      // and both servers took part
      Map<String, Integer> byServer = counts(c, "SELECT worker, COUNT(*) FROM job_events WHERE event='done'"
          + " GROUP BY worker");
      assertThat(byServer.keySet()).containsExactlyInAnyOrder("A", "B");
    }
    // the result is complete: the squashed inventory of the demo image plus the build file's layer
    JsonNode report = b.json("GET", "/v1/scans/" + ids.get(7) + "/report", token, null, 200);
    assertThat(report.get("layers").size()).isEqualTo(7);
    assertThat(report.get("packages").size()).isGreaterThan(50);
  }

  @Test
  @Order(2)
  void aJobOfAServerKilledMidScanIsFinishedByAnother() throws Exception {
    Http c = new Http(startServer("C", 20_000));
    Process killed = servers.get(servers.size() - 1);
    List<Path> more = TestImages.build(Files.createDirectories(images.resolve("more")), 8);
    String held = null;
    for (int i = 0; i < more.size() && held == null; i++) {
      c.json("POST", "/v1/scans", token, "{\"target\":\"" + more.get(i) + "\"}", 202);
      long until = System.currentTimeMillis() + 3000;
      while (held == null && System.currentTimeMillis() < until) {
        held = runningOn("C");
        Thread.sleep(50);
      }
    }
    assertThat(held).as("server C claimed a job").isNotNull();
    killed.destroyForcibly(); // SIGKILL: no shutdown hook, no hand-back
    assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(killed.exitValue()).isEqualTo(137);

    JsonNode st = a.await(held, token, 120);
    assertThat(st.get("status").asText()).as(st.toString()).isEqualTo("done");
    assertThat(st.get("attempts").asInt()).isEqualTo(2);
    assertThat(st.get("worker").asText()).isIn("A", "B");
    try (Connection db = db()) {
      Map<String, Integer> events = counts(db, "SELECT event || '@' || worker, COUNT(*) FROM job_events WHERE job_id='"
          + held + "' GROUP BY event, worker");
      assertThat(events).containsEntry("claimed@C", 1);
      assertThat(events.entrySet().stream().filter(e -> e.getKey().startsWith("done@")).mapToInt(Map.Entry::getValue)
          .sum()).isEqualTo(1);
      assertThat(events).doesNotContainKey("done@C");
    }
  }

  private static String runningOn(String node) throws Exception {
    try (Connection c = db(); PreparedStatement ps = c.prepareStatement(
        "SELECT id FROM jobs WHERE state='running' AND worker=?")) {
      ps.setString(1, node);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static Map<String, Integer> counts(Connection c, String sql) throws Exception {
    Map<String, Integer> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getInt(2));
      }
    }
    return out;
  }

}
