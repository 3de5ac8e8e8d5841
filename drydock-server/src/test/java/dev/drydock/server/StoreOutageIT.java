package dev.drydock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL outage under a running server (Clair's users' "opaque failures"): while the database is stopped the
 * server stays alive, says it is not ready, and answers API calls with 503, Retry-After and the store's name in one
 * line, never 400 or 500 or a hang; once the database is back the server is ready again without a restart, and a
 * scan queued after the outage runs to the end.
 */
class StoreOutageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void aDatabaseOutageIs503UntilItIsBackAndNothingIsLost() throws Exception {
    try (Postgres pg = Postgres.start()) {
      Path images = Files.createDirectories(tmp.resolve("images"));
      Path image = Files.copy(Path.of("../examples/demo-app.tar"), images.resolve("demo-app.tar"));
      ServerConfig config = ServerConfig.parse(List.of("--listen", "127.0.0.1:0", "--store", pg.url(), "--cache-dir",
          tmp.resolve("cache").toString(), "--scan-root", images.toString(), "--advisories",
          Path.of("../examples/advisories").toAbsolutePath().toString()), Map.of());
      try (DrydockServer server = DrydockServer.start(config, Log.none())) {
        Http http = new Http("127.0.0.1:" + server.address().getPort());
        String token = ServerMain.token(server, "scan");
        assertThat(http.send("GET", "/readyz", null, null).statusCode()).isEqualTo(200);

        pg.stop();
        assertThat(http.send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
        assertThat(http.send("GET", "/readyz", null, null).statusCode()).isEqualTo(503);
        long started = System.nanoTime();
        HttpResponse<String> refused = http.send("POST", "/v1/scans", token, "{\"target\":\"" + image + "\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(JSON.readTree(refused.body()).path("error").asText())
            .startsWith("the server store postgresql://127.0.0.1:" + pg.port + "/postgres is unreachable")
            .doesNotContain("\n");
        assertThat((System.nanoTime() - started) / 1_000_000_000L).as("seconds to answer").isLessThan(25);

        pg.restart();
        long deadline = System.nanoTime() + 60_000_000_000L;
        int ready = 0;
        while (System.nanoTime() < deadline && (ready = http.send("GET", "/readyz", null, null).statusCode()) != 200) {
          Thread.sleep(250);
        }
        assertThat(ready).isEqualTo(200);
        HttpResponse<String> accepted = http.send("POST", "/v1/scans", token, "{\"target\":\"" + image + "\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode done = http.await(JSON.readTree(accepted.body()).get("id").asText(), token, 120);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
        JsonNode report = JSON.readTree(http.send("GET", "/v1/scans/" + done.get("id").asText() + "/report", token,
            null).body());
        assertThat(report.path("packages").size()).isGreaterThan(10);
      }
    }
  }
}
