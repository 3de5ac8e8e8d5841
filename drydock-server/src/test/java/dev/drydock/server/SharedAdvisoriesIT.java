package dev.drydock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The advisory store shared through a real PostgreSQL: two servers on one database, neither with advisory data; an
 * import through server A's API is published to the database and server B installs the same store (same SHA-256)
 * within its sync interval, so B's scan of the demo image finds what A's does. A published store whose bytes do not
 * match its digest is refused by B, which keeps the store it has.
 */
class SharedAdvisoriesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private static ServerConfig config(Postgres pg, Path cache, Path root) {
    return ServerConfig.parse(List.of("--listen", "127.0.0.1:0", "--store", pg.url(), "--cache-dir",
        cache.toString(), "--scan-root", root.toString(), "--advisory-sync-seconds", "1", "--node",
        cache.getFileName().toString()), Map.of());
  }

  private static JsonNode vulnerabilities(Http http, String token, Path image) throws Exception {
    String id = http.json("POST", "/v1/scans", token, "{\"target\":\"" + image + "\"}", 202).get("id").asText();
    JsonNode st = http.await(id, token, 120);
    assertThat(st.get("status").asText()).as(st.toString()).isEqualTo("done");
    return JSON.readTree(http.send("GET", "/v1/scans/" + id + "/report", token, null).body()).path("vulnerabilities");
  }

  private static String sha(Http http, String token) throws Exception {
    return http.json("GET", "/v1/store", token, null, 200).path("advisories").path("sha256").asText("");
  }

  private static String awaitSha(Http http, String token, String want) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    String got = sha(http, token);
    while (!got.equals(want) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      got = sha(http, token);
    }
    return got;
  }

  @Test
  void anImportOnOneServerIsTheStoreOfTheOther() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path image = Files.copy(Path.of("../examples/demo-app.tar"), root.resolve("demo-app.tar"));
    Path advisories = root.resolve("advisories");
    Path from = Path.of("../examples/advisories");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = advisories.resolve(from.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    try (Postgres pg = Postgres.start();
        DrydockServer a = DrydockServer.start(config(pg, tmp.resolve("node-a"), root), Log.none());
        DrydockServer b = DrydockServer.start(config(pg, tmp.resolve("node-b"), root), Log.none())) {
      Http httpA = new Http("127.0.0.1:" + a.address().getPort());
      Http httpB = new Http("127.0.0.1:" + b.address().getPort());
      String tokenA = ServerMain.token(a, "admin");
      String tokenB = ServerMain.token(b, "admin");
      assertThat(httpB.json("GET", "/v1/store", tokenB, null, 200).path("advisories").path("source").asText())
          .isEqualTo("none");

      JsonNode imported = httpA.json("POST", "/v1/advisories/import", tokenA,
          "{\"paths\":[\"" + advisories + "\"]}", 200);
      assertThat(imported.get("records").asLong()).isPositive();
      String published = sha(httpA, tokenA);
      assertThat(published).hasSize(64);
      assertThat(awaitSha(httpB, tokenB, published)).isEqualTo(published);
      assertThat(Files.readAllBytes(tmp.resolve("node-b/vulndb.sqlite")))
          .isEqualTo(Files.readAllBytes(tmp.resolve("node-a/vulndb.sqlite")));

      JsonNode onA = vulnerabilities(httpA, tokenA, image);
      JsonNode onB = vulnerabilities(httpB, tokenB, image);
      assertThat(onA.size()).isPositive();
      assertThat(onB.findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(onA.findValuesAsText("id"));

      // a published store whose bytes do not match its digest: B refuses it and keeps its store
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port + "/postgres",
          "postgres", ""); Statement s = c.createStatement()) {
        long id;
        try (ResultSet rs = s.executeQuery("SELECT max(id) FROM advisory_stores")) {
          rs.next();
          id = rs.getLong(1);
        }
        s.execute("INSERT INTO advisory_stores (sha256, size, node, created_at) SELECT '" + "0".repeat(64)
            + "', size, 'tamperer', 0 FROM advisory_stores WHERE id = " + id);
        s.execute("INSERT INTO advisory_store_chunks (store, seq, data) SELECT (SELECT max(id) FROM advisory_stores),"
            + " seq, data FROM advisory_store_chunks WHERE store = " + id);
      }
      Thread.sleep(2_500); // more than one sync interval
      assertThat(sha(httpB, tokenB)).isEqualTo(published);
      assertThat(vulnerabilities(httpB, tokenB, image).size()).isEqualTo(onA.size());
    }
  }
}
