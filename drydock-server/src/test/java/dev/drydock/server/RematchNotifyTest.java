package dev.drydock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After an advisory import the server re-matches stored results (no image read) and tells a webhook receiver on
 * loopback, and a JSON-lines file, which findings each image gained: one signed summary per changed image; the same
 * import again changes nothing and sends nothing. A receiver that fails is retried with backoff and the delivery log
 * says so.
 */
class RematchNotifyTest {
  static final String SECRET = "test-webhook-secret-0123456789";
  /** Log4Shell's advisory: left out of the first import, imported alone later. */
  static final String LOG4SHELL = "GHSA-jfh8-c2jp-5v3q.json";

  @TempDir Path tmp;
  DrydockServer server;
  HttpServer receiver;
  final List<Received> received = new CopyOnWriteArrayList<>();

  record Received(String signature, String delivery, byte[] body) {}

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  /** A loopback receiver that answers {@code failures} times 500, then 204. */
  String receiver(int failures) throws Exception {
    AtomicInteger calls = new AtomicInteger();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    receiver.createContext("/hook", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      received.add(new Received(ex.getRequestHeaders().getFirst("X-Drydock-Signature"),
          ex.getRequestHeaders().getFirst("X-Drydock-Delivery"), body));
      ex.sendResponseHeaders(calls.incrementAndGet() <= failures ? 500 : 204, -1);
      ex.close();
    });
    receiver.start();
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  Path[] setUp(String hook) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path image = Files.copy(Path.of("../examples/demo-app.tar"), root.resolve("demo-app.tar"));
    Path first = Files.createDirectories(root.resolve("first"));
    Path later = Files.createDirectories(root.resolve("later"));
    try (Stream<Path> files = Files.list(Path.of("../examples/advisories/osv"))) {
      for (Path f : files.toList()) {
        Files.copy(f, (f.getFileName().toString().equals(LOG4SHELL) ? later : first).resolve(f.getFileName()));
      }
    }
    server = DrydockServer.start(ServerConfig.parse(List.of("--listen", "127.0.0.1:0", "--cache-dir",
        tmp.resolve("cache").toString(), "--scan-root", root.toString(), "--webhook", hook, "--webhook-secret", SECRET,
        "--webhook-attempts", "4", "--webhook-backoff-ms", "100", "--notify-file", tmp.resolve("notify.jsonl")
            .toString()), Map.of()), Log.none());
    return new Path[] {image, first, later};
  }

  @Test
  void anImportThatAddsAnAdvisorySendsOneSignedSummaryAndTheSameImportAgainNone() throws Exception {
    Path[] p = setUp(receiver(0));
    Http http = new Http("127.0.0.1:" + server.address().getPort());
    String admin = ServerMain.token(server, "admin");
    JsonNode imported = http.json("POST", "/v1/advisories/import", admin, "{\"paths\":[\"" + p[1] + "\"]}", 200);
    assertThat(imported.get("records").asLong()).isGreaterThan(10);
    String scan = http.json("POST", "/v1/scans", admin, "{\"target\":\"" + p[0] + "\"}", 202).get("id").asText();
    assertThat(http.await(scan, admin, 120).get("status").asText()).isEqualTo("done");
    JsonNode before = http.json("GET", "/v1/scans/" + scan + "/report", admin, null, 200);
    assertThat(ids(before)).isNotEmpty().doesNotContain("CVE-2021-44228"); // other advisories matched

    JsonNode second = http.json("POST", "/v1/advisories/import", admin, "{\"paths\":[\"" + p[2] + "\"]}", 200);
    assertThat(second.get("imagesRematched").asInt()).isEqualTo(1);
    assertThat(second.get("imagesChanged").asInt()).isEqualTo(1);
    awaitDeliveries(1);
    Received r = received.get(0);
    assertThat(r.signature()).isEqualTo("sha256=" + Notifier.hmac(SECRET, r.body()));
    JsonNode summary = Http.JSON.readTree(r.body());
    assertThat(summary.get("image").asText()).isEqualTo("drydock/demo-app:1.0");
    assertThat(summary.get("previousScan").asText()).isEqualTo(scan);
    assertThat(summary.get("fixedCount").asInt()).isZero();
    assertThat(summary.get("addedCount").asInt()).isPositive();
    assertThat(summary.get("added").toString()).contains("CVE-2021-44228");
    List<String> lines = Files.readAllLines(tmp.resolve("notify.jsonl"));
    assertThat(lines).hasSize(1);
    assertThat(Http.JSON.readTree(lines.get(0))).isEqualTo(summary);
    // the re-matched result is the image's latest now, and holds Log4Shell
    JsonNode images = http.json("GET", "/v1/images", admin, null, 200).get("images");
    assertThat(images.get(0).get("latestScan").asText()).isEqualTo(summary.get("scan").asText());
    JsonNode after = http.json("GET", "/v1/scans/" + summary.get("scan").asText() + "/report", admin, null, 200);
    assertThat(ids(after)).contains("CVE-2021-44228").containsAll(ids(before));

    JsonNode again = http.json("POST", "/v1/advisories/import", admin, "{\"paths\":[\"" + p[2] + "\"]}", 200);
    assertThat(again.get("imagesRematched").asInt()).isEqualTo(1);
    assertThat(again.get("imagesChanged").asInt()).isZero();
    Thread.sleep(1500); // a delivery would be under way by now
    assertThat(received).hasSize(1);
    assertThat(Files.readAllLines(tmp.resolve("notify.jsonl"))).hasSize(1);
    assertThat(deliveries()).containsExactly("delivered 1 204");
  }

  @Test
  void aFailingReceiverIsRetriedWithBackoffAndTheLogSaysSo() throws Exception {
    Path[] p = setUp(receiver(2));
    Http http = new Http("127.0.0.1:" + server.address().getPort());
    String admin = ServerMain.token(server, "admin");
    http.json("POST", "/v1/advisories/import", admin, "{\"paths\":[\"" + p[1] + "\"]}", 200);
    String scan = http.json("POST", "/v1/scans", admin, "{\"target\":\"" + p[0] + "\"}", 202).get("id").asText();
    http.await(scan, admin, 120);
    http.json("POST", "/v1/advisories/import", admin, "{\"paths\":[\"" + p[2] + "\"]}", 200);
    awaitDeliveries(3);
    assertThat(received.stream().map(Received::delivery).distinct()).hasSize(1); // one delivery, three attempts
    long until = System.currentTimeMillis() + 5000;
    while (!deliveries().equals(List.of("delivered 3 204")) && System.currentTimeMillis() < until) {
      Thread.sleep(50);
    }
    assertThat(deliveries()).containsExactly("delivered 3 204");
  }

  private static List<String> ids(JsonNode result) {
    List<String> out = new java.util.ArrayList<>();
    result.path("vulnerabilities").forEach(v -> out.add(v.get("id").asText()));
    return out;
  }

  private void awaitDeliveries(int n) throws InterruptedException {
    long until = System.currentTimeMillis() + 15_000;
    while (received.size() < n && System.currentTimeMillis() < until) {
      Thread.sleep(50);
    }
    assertThat(received).hasSize(n);
  }

  private List<String> deliveries() throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (Connection c = server.db.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT state, attempts, last_status FROM deliveries ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getInt(3));
      }
    }
    return out;
  }
}
