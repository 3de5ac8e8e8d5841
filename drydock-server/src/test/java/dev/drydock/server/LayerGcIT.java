package dev.drydock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage collection of the shared store on a real PostgreSQL: two images share the demo image's base layers; the
 * second one's inventory ages past retention, and collection removes it and the facts of its own layer only; the
 * base layers (still listed by the first image) and a layer indexed within the grace period stay; a later scan of the
 * second image indexes just its own layer again and gives the same result.
 */
class LayerGcIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private static Set<String> column(Connection c, String sql) throws Exception {
    Set<String> out = new HashSet<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static JsonNode scan(Http http, String token, Path image) throws Exception {
    HttpResponse<String> r = http.send("POST", "/v1/scans", token, "{\"target\":\"" + image + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String id = JSON.readTree(r.body()).get("id").asText();
    JsonNode st = http.await(id, token, 120);
    assertThat(st.get("status").asText()).as(st.toString()).isEqualTo("done");
    return JSON.readTree(http.send("GET", "/v1/scans/" + id + "/report", token, null).body());
  }

  @Test
  void unreferencedLayersAndOldInventoriesAreCollectedAndNothingElse() throws Exception {
    try (Postgres pg = Postgres.start()) {
      Path images = Files.createDirectories(tmp.resolve("images"));
      List<Path> built = TestImages.build(images, 2);
      ServerConfig config = ServerConfig.parse(List.of("--listen", "127.0.0.1:0", "--store", pg.url(), "--cache-dir",
          tmp.resolve("cache").toString(), "--scan-root", images.toString(), "--advisories",
          Path.of("../examples/advisories").toAbsolutePath().toString(), "--retention-days", "30"), Map.of());
      try (DrydockServer server = DrydockServer.start(config, Log.none());
          Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port + "/postgres",
              "postgres", "")) {
        Http http = new Http("127.0.0.1:" + server.address().getPort());
        String token = ServerMain.token(server, "scan");
        scan(http, token, built.get(0));
        JsonNode second = scan(http, token, built.get(1));
        List<String> base = TestImages.baseDiffIds();
        Set<String> all = column(c, "SELECT DISTINCT diff_id FROM layer_facts");
        assertThat(all).hasSize(base.size() + 2).containsAll(base);
        Set<String> own = new HashSet<>(all);
        base.forEach(own::remove);
        assertThat(own).hasSize(2);
        String firstOwn = column(c, "SELECT diff_id FROM layer_facts").stream().filter(own::contains)
            .filter(d -> secondLayers(second).contains(d) == false).findFirst().orElseThrow();
        String secondOwn = own.stream().filter(d -> !d.equals(firstOwn)).findFirst().orElseThrow();

        // nothing is old yet: collection removes nothing
        server.collect();
        assertThat(column(c, "SELECT DISTINCT diff_id FROM layer_facts")).isEqualTo(all);

        // the second image was last scanned 31 days ago, and every layer fact was written 2 hours ago
        long day = 86_400_000L;
        try (Statement s = c.createStatement()) {
          s.executeUpdate("UPDATE layer_facts SET created_at = created_at - " + 2 * 3_600_000L);
          for (String key : inventoriesListing(c, secondOwn)) {
            s.executeUpdate("UPDATE scans SET created_at = created_at - " + 31 * day + " WHERE image_key = '"
                + key + "'");
          }
          // a layer indexed a minute ago by a scan that has not stored its image yet
          s.executeUpdate("INSERT INTO layer_facts(diff_id, analyzer, version, options, format, facts, created_at)"
              + " SELECT 'sha256:" + "f".repeat(64) + "', analyzer, version, options, format, facts, "
              + (System.currentTimeMillis() - 60_000) + " FROM layer_facts LIMIT 1");
        }
        int inventories = column(c, "SELECT image_key FROM scans").size();
        int aged = inventoriesListing(c, secondOwn).size();
        assertThat(aged).isPositive();
        server.collect();
        assertThat(column(c, "SELECT image_key FROM scans")).hasSize(inventories - aged);
        assertThat(inventoriesListing(c, secondOwn)).isEmpty();
        Set<String> left = column(c, "SELECT DISTINCT diff_id FROM layer_facts");
        assertThat(left).containsAll(base).contains(firstOwn).contains("sha256:" + "f".repeat(64))
            .doesNotContain(secondOwn);
        assertThat(column(c, "SELECT diff_id FROM verified_layers")).doesNotContain(secondOwn);

        // scanning the second image again indexes only its own layer and finds the same
        int indexedBefore = column(c, "SELECT diff_id || ':' || at FROM layer_index_log").size();
        JsonNode again = scan(http, token, built.get(1));
        List<String> indexedNow = new ArrayList<>(column(c, "SELECT diff_id || ':' || at FROM layer_index_log"));
        assertThat(indexedNow).hasSize(indexedBefore + 1);
        assertThat(column(c, "SELECT DISTINCT diff_id FROM layer_facts")).contains(secondOwn);
        assertThat(again.get("packages")).isEqualTo(second.get("packages"));
        assertThat(again.get("vulnerabilities").size()).isEqualTo(second.get("vulnerabilities").size());
      }
    }
  }

  /** The keys of the stored inventories (gzip'd JSON) whose layers include {@code diffId}. */
  private static List<String> inventoriesListing(Connection c, String diffId) throws Exception {
    List<String> keys = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT image_key, result FROM scans")) {
      while (rs.next()) {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(rs.getBytes(2)))) {
          if (secondLayers(JSON.readTree(in)).contains(diffId)) {
            keys.add(rs.getString(1));
          }
        }
      }
    }
    return keys;
  }

  private static Set<String> secondLayers(JsonNode result) {
    Set<String> out = new HashSet<>();
    result.path("layers").forEach(l -> out.add(l.path("diffId").asText()));
    return out;
  }
}
