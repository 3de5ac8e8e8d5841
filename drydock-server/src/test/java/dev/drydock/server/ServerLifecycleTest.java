package dev.drydock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration precedence (flags over environment over YAML) and graceful shutdown handing a running job back. */
class ServerLifecycleTest {
  @TempDir Path tmp;

  @Test
  void flagsWinOverEnvironmentWhichWinsOverTheYamlFile() throws Exception {
    Path yaml = tmp.resolve("server.yaml");
    Files.writeString(yaml, "listen: 127.0.0.1:9001\nworkers: 5\nrate-limit: 7\nscan-root: [/srv/a, /srv/b]\n");
    ServerConfig c = ServerConfig.parse(List.of("--config", yaml.toString(), "--workers", "3"),
        Map.of("DRYDOCK_SERVER_WORKERS", "4", "DRYDOCK_SERVER_RATE_LIMIT", "8", "DRYDOCK_SERVER_CACHE_DIR",
            tmp.toString()));
    assertThat(c.listen()).isEqualTo("127.0.0.1:9001"); // file
    assertThat(c.ratePerMinute()).isEqualTo(8); // environment over file
    assertThat(c.workers()).isEqualTo(3); // flag over both
    assertThat(c.scanRoots()).containsExactly(Path.of("/srv/a"), Path.of("/srv/b"));
    assertThat(c.store()).isEqualTo("sqlite:" + tmp.resolve("server.sqlite"));
    assertThatThrownBy(() -> ServerConfig.parse(List.of("--wokers", "3"), Map.of()))
        .isInstanceOf(DrydockException.class).hasMessageContaining("unknown server option --wokers");
    assertThatThrownBy(() -> ServerConfig.parse(List.of("--workers", "many"), Map.of()))
        .isInstanceOf(DrydockException.class).hasMessageContaining("--workers");
    assertThatThrownBy(() -> ServerConfig.parse(List.of("--webhook", "http://127.0.0.1:1/x"), Map.of()))
        .isInstanceOf(DrydockException.class).hasMessageContaining("--webhook-secret");
    Files.writeString(yaml, "- not a map\n");
    assertThatThrownBy(() -> ServerConfig.parse(List.of("--config", yaml.toString()), Map.of()))
        .isInstanceOf(DrydockException.class).hasMessageContaining("expected a map");
    assertThatThrownBy(() -> Database.open("mysql://x/y", tmp)).isInstanceOf(DrydockException.class)
        .hasMessageContaining("--store");
  }

  @Test
  void shutdownHandsARunningJobBackToTheQueue() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path image = Files.copy(Path.of("../examples/demo-app.tar"), root.resolve("demo-app.tar"));
    ServerConfig config = ServerConfig.parse(List.of("--listen", "127.0.0.1:0", "--cache-dir",
        tmp.resolve("cache").toString(), "--scan-root", root.toString(), "--grace-seconds", "1",
        "--debug-job-delay-ms", "60000", "--node", "n1"), Map.of());
    DrydockServer server = DrydockServer.start(config, Log.none());
    String id;
    try {
      Http http = new Http("127.0.0.1:" + server.address().getPort());
      String token = ServerMain.token(server, "scan");
      id = http.json("POST", "/v1/scans", token, "{\"target\":\"" + image + "\"}", 202).get("id").asText();
      long until = System.currentTimeMillis() + 10_000;
      while (!server.jobs.get(id).orElseThrow().state().equals("running") && System.currentTimeMillis() < until) {
        Thread.sleep(20);
      }
      assertThat(server.jobs.get(id).orElseThrow().state()).isEqualTo("running");
    } finally {
      long started = System.nanoTime();
      server.close();
      assertThat((System.nanoTime() - started) / 1_000_000).as("stopped within the grace period and a margin")
          .isLessThan(15_000);
    }
    // reopen the store: the job is queued again, for another server (or this one, restarted)
    try (Database db = Database.open(config.store(), config.cacheDir())) {
      Jobs jobs = new Jobs(db);
      assertThat(jobs.get(id).orElseThrow().state()).isEqualTo("queued");
      List<String> events = new ArrayList<>();
      try (Connection c = db.connection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT event, worker FROM job_events WHERE job_id='" + id + "' ORDER BY at")) {
        while (rs.next()) {
          events.add(rs.getString(1) + "@" + rs.getString(2));
        }
      }
      assertThat(events).containsExactly("claimed@n1", "handed-back@n1");
    }
  }
}
