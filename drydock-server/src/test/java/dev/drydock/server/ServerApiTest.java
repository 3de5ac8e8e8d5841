package dev.drydock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on its embedded SQLite store, in this JVM on loopback: authentication and scopes, limits, and the whole
 * scan flow on the bundled demo image matched against the bundled advisories (status, every report format, images,
 * drift, gate against a stored baseline, store status).
 */
class ServerApiTest {
  @TempDir static Path tmp;
  static DrydockServer server;
  static Http http;
  static String read;
  static String scan;
  static String admin;
  static Path image;

  @BeforeAll
  static void start() throws Exception {
    Path roots = Files.createDirectories(tmp.resolve("images"));
    image = Files.copy(Path.of("../examples/demo-app.tar"), roots.resolve("demo-app.tar"));
    ServerConfig config = ServerConfig.parse(List.of("--listen", "127.0.0.1:0", "--cache-dir",
        tmp.resolve("cache").toString(), "--scan-root", roots.toString(), "--advisories",
        Path.of("../examples/advisories").toAbsolutePath().toString(), "--max-body-bytes", "4096", "--rate-limit",
        "1000", "--grace-seconds", "5"), Map.of());
    server = DrydockServer.start(config, Log.none());
    http = new Http("127.0.0.1:" + server.address().getPort());
    read = ServerMain.token(server, "read");
    scan = ServerMain.token(server, "scan");
    admin = ServerMain.token(server, "admin");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void onlyHealthAnswersWithoutAToken() throws Exception {
    assertThat(http.send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    assertThat(http.send("GET", "/readyz", null, null).statusCode()).isEqualTo(200);
    for (String path : List.of("/openapi.json", "/metrics", "/v1/images", "/v1/store", "/v1/scans/"
        + java.util.UUID.randomUUID())) {
      HttpResponse<String> r = http.send("GET", path, null, null);
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(v ->
          assertThat(v).startsWith("Bearer"));
    }
    assertThat(http.send("POST", "/v1/scans", null, "{\"target\":\"" + image + "\"}").statusCode()).isEqualTo(401);
    assertThat(http.send("GET", "/v1/images", "ddk_not-a-real-token", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aReadTokenCannotScanAndOnlyAdminStoresBaselines() throws Exception {
    HttpResponse<String> r = http.send("POST", "/v1/scans", read, "{\"target\":\"" + image + "\"}");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("needs scan");
    assertThat(http.send("PUT", "/v1/baselines/x", scan, "version: 1\n").statusCode()).isEqualTo(403);
    assertThat(http.send("GET", "/v1/images", read, null).statusCode()).isEqualTo(200);
  }

  @Test
  void tokensAreStoredOnlyAsHashes() throws Exception {
    List<String> stored = new ArrayList<>();
    try (Connection c = server.db.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, hash, scope, name FROM tokens")) {
      while (rs.next()) {
        stored.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
      }
    }
    assertThat(stored).hasSizeGreaterThanOrEqualTo(3);
    String all = String.join("\n", stored);
    for (String token : List.of(read, scan, admin)) {
      assertThat(all).doesNotContain(token).doesNotContain(token.substring(4));
      assertThat(all).contains(Tokens.hash(token));
    }
    // and the database file itself holds no token in plain text
    byte[] file = Files.readAllBytes(tmp.resolve("cache").resolve("server.sqlite"));
    assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(read.substring(4));
  }

  @Test
  void badRequestsGetClearErrors() throws Exception {
    HttpResponse<String> r = http.send("POST", "/v1/scans", scan, "{\"target\": ");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("malformed JSON");
    r = http.send("POST", "/v1/scans", scan, "{\"target\":\"/etc/passwd\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("outside the server's scan roots");
    // image references: this server allows no registry, and never a local daemon or archive scheme
    r = http.send("POST", "/v1/scans", scan, "{\"target\":\"registry:127.0.0.1:5000/app:1\"}");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("registry 127.0.0.1:5000 is not allowed on this server (start it with"
        + " --allow-registry 127.0.0.1:5000)");
    r = http.send("POST", "/v1/scans", scan, "{\"target\":\"nginx:1.25\"}");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("registry docker.io is not allowed");
    r = http.send("POST", "/v1/scans", scan, "{\"target\":\"podman:app:1\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("not podman: targets");
    r = http.send("POST", "/v1/scans", scan, "{\"target\":\"registry:UPPER/Case:!\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    r = http.send("POST", "/v1/scans", scan, "{\"target\":\"" + "x".repeat(5000) + "\"}");
    assertThat(r.statusCode()).isEqualTo(413);
    r = http.send("GET", "/v1/scans/" + java.util.UUID.randomUUID(), read, null);
    assertThat(r.statusCode()).isEqualTo(404);
    r = http.send("DELETE", "/v1/images", admin, null);
    assertThat(r.statusCode()).isEqualTo(405);
  }

  @Test
  void aScanRunsAndItsResultComesInEveryFormat() throws Exception {
    JsonNode queued = http.json("POST", "/v1/scans", scan, "{\"target\":\"" + image + "\"}", 202);
    String id = queued.get("id").asText();
    JsonNode st = http.await(id, read, 120);
    assertThat(st.get("status").asText()).as(st.toString()).isEqualTo("done");

    HttpResponse<String> json = http.send("GET", "/v1/scans/" + id + "/report", read, null);
    assertThat(json.statusCode()).isEqualTo(200);
    JsonNode result = Http.JSON.readTree(json.body());
    assertThat(result.get("packages").size()).isGreaterThan(50);
    assertThat(json.body()).contains("CVE-2021-44228"); // Log4Shell in the demo's Spring Boot jar
    assertThat(json.headers().firstValue("X-Request-Id")).isPresent();

    Map<String, String> expected = Map.of("sarif", "\"$schema\"", "cyclonedx", "\"bomFormat\"", "spdx",
        "\"spdxVersion\"", "table", "CVE-2021-44228");
    for (var e : expected.entrySet()) {
      HttpResponse<String> r = http.send("GET", "/v1/scans/" + id + "/report?format=" + e.getKey(), read, null);
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
      assertThat(r.body()).as(e.getKey()).contains(e.getValue());
    }
    HttpResponse<String> byAccept = http.send("GET", "/v1/scans/" + id + "/report", read, null, "Accept",
        "application/vnd.cyclonedx+json");
    assertThat(byAccept.headers().firstValue("Content-Type")).hasValue("application/vnd.cyclonedx+json");
    assertThat(byAccept.body()).contains("\"bomFormat\"");
    assertThat(http.send("GET", "/v1/scans/" + id + "/report", read, null, "Accept", "image/png").statusCode())
        .isEqualTo(406);

    // a second scan of the same image: drift between the two is empty of added vulnerabilities
    String id2 = http.json("POST", "/v1/scans", scan, "{\"target\":\"" + image + "\"}", 202).get("id").asText();
    assertThat(http.await(id2, read, 120).get("status").asText()).isEqualTo("done");
    JsonNode drift = http.json("GET", "/v1/drift?from=" + id + "&to=" + id2, read, null, 200);
    assertThat(drift.toString()).isNotEmpty();

    JsonNode images = http.json("GET", "/v1/images", read, null, 200);
    assertThat(images.get("images").get(0).get("image").asText()).isEqualTo("drydock/demo-app:1.0");
    assertThat(images.get("images").get(0).get("latestScan").asText()).isEqualTo(id2);
    assertThat(images.get("images").get(0).get("results").asInt()).isGreaterThanOrEqualTo(2);

    // gate: the built-in baseline fails Log4Shell (known exploited); a stored permissive one passes
    JsonNode builtIn = http.json("POST", "/v1/scans/" + id + "/gate", read, "{}", 200);
    assertThat(builtIn.get("decision").asText()).as(builtIn.get("summary").asText()).isEqualTo("fail");
    assertThat(http.send("PUT", "/v1/baselines/lenient", admin, lenientBaseline()).statusCode()).isEqualTo(200);
    JsonNode lenient = http.json("POST", "/v1/scans/" + id + "/gate", read, "{\"baseline\":\"lenient\"}", 200);
    assertThat(lenient.get("decision").asText()).as(lenient.get("summary").asText()).isEqualTo("pass");
    assertThat(http.send("POST", "/v1/scans/" + id + "/gate", read, "{\"baseline\":\"nope\"}").statusCode())
        .isEqualTo(404);

    JsonNode store = http.json("GET", "/v1/store", read, null, 200);
    assertThat(store.get("kind").asText()).isEqualTo("sqlite");
    assertThat(store.get("jobs").get("done").asLong()).isGreaterThanOrEqualTo(2);

    String metrics = http.send("GET", "/metrics", read, null).body();
    assertThat(metrics).contains("drydock_scans_completed_total").contains("drydock_jobs{state=\"done\"}");
    JsonNode openapi = http.json("GET", "/openapi.json", read, null, 200);
    assertThat(openapi.get("openapi").asText()).startsWith("3.");
    assertThat(openapi.get("paths").has("/v1/scans/{id}/report")).isTrue();
  }

  /** A baseline whose only must-pass rule is one the demo image meets. */
  static String lenientBaseline() throws Exception {
    return Files.readString(Path.of("src/test/resources/lenient-baseline.yaml"));
  }
}
