package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.server.DrydockServer;
import dev.drydock.server.Log;
import dev.drydock.server.ServerConfig;
import dev.drydock.server.ServerMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server scans images in a registry (issue 16): the real {@code docker-registry} on loopback with TLS from a
 * test CA and htpasswd basic auth, the demo image pushed with skopeo, and an in-process {@code drydock server} that
 * may pull only from that registry. Scans by reference through {@code /v1/scans} (the server's own auth file) and
 * through Harbor's scan request (the robot account's Basic credentials in the request), and the credentials are
 * neither answered nor left in the job table once the job ran.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerRegistryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER = "robot$harbor-scan";
  private static final String PASSWORD = "r0bot-s3cret-never-answered";

  @TempDir static Path tmp;
  private LocalRegistry registry;
  private Path ca;
  private final List<DrydockServer> servers = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start() throws Exception {
    Path[] pki = LocalRegistry.certificates(tmp.resolve("pki"));
    ca = pki[0];
    Path htpasswd = tmp.resolve("htpasswd");
    Files.writeString(htpasswd, LocalRegistry.run(tmp, "htpasswd", "-Bbn", USER, PASSWORD));
    registry = LocalRegistry.start(tmp.resolve("registry"),
        "auth:\n  htpasswd:\n    realm: drydock-test\n    path: " + htpasswd + "\n", new Path[] {pki[1], pki[2]});
    LocalRegistry.run(tmp, "skopeo", "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false",
        "--dest-creds", USER + ":" + PASSWORD, "docker-archive:" + DemoImageCliTest.DEMO.toAbsolutePath(),
        "docker://" + registry.host() + "/demo/app:1.0");
  }

  @AfterAll
  void stop() throws InterruptedException {
    servers.forEach(DrydockServer::close);
    if (registry != null) {
      registry.close();
    }
  }

  /** A server allowed to pull from the test registry; returns base URL and a scan token. */
  private String[] server(String name, String... extra) throws Exception {
    Path cache = tmp.resolve("cache-" + name);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc = ServerMain.run(new String[] {"token", "create", "--scope", "scan", "--cache-dir", cache.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(rc).isZero();
    List<String> args = new ArrayList<>(List.of("--listen", "127.0.0.1:0", "--cache-dir", cache.toString(),
        "--advisories", Path.of("../examples/advisories").toAbsolutePath().toString(),
        "--allow-registry", registry.host(), "--registry-ca", ca.toString(),
        "--registry-auth-file", tmp.resolve("absent-auth.json").toString()));
    args.addAll(List.of(extra));
    DrydockServer s = DrydockServer.start(ServerConfig.parse(args, Map.of()), Log.none());
    servers.add(s);
    return new String[] {"http://127.0.0.1:" + s.address().getPort(), out.toString(StandardCharsets.UTF_8).trim(),
        cache.toString()};
  }

  private HttpResponse<String> send(String[] server, String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server[0] + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + server[1])
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode finished(String[] server, String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = JSON.readTree(send(server, "GET", "/v1/scans/" + id, null).body());
      if (!status.path("status").asText().equals("queued") && !status.path("status").asText().equals("running")) {
        return status;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("scan " + id + " did not finish in 90 s");
  }

  private String authFile(String user, String password) throws Exception {
    String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    Path f = tmp.resolve("auth-" + user.hashCode() + "-" + password.length() + ".json");
    Files.writeString(f, "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    return f.toString();
  }

  /** What the CLI finds in the same image read from its archive: the reference the server must agree with. */
  private static JsonNode cliScan() throws Exception {
    Cli.Run r = Cli.run("scan", "-q", "-f", "json", "--advisories", "../examples/advisories",
        DemoImageCliTest.DEMO.toString());
    assertThat(r.exit()).as(r.toString()).isIn(0, 1);
    return JSON.readTree(r.stdout());
  }

  private static List<String> findingIds(JsonNode result) {
    List<String> ids = new ArrayList<>();
    result.path("vulnerabilities").forEach(v -> ids.add(v.path("id").asText() + " " + v.path("package").path("name")
        .asText()));
    return ids.stream().sorted().toList();
  }

  @Test
  void aScanByReferenceUsesTheServersCredentialsAndFindsWhatTheCliFinds() throws Exception {
    String[] server = server("ref", "--registry-auth-file", authFile(USER, PASSWORD));
    HttpResponse<String> accepted = send(server, "POST", "/v1/scans",
        "{\"target\":\"registry:" + registry.host() + "/demo/app:1.0\"}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = JSON.readTree(accepted.body()).path("id").asText();
    JsonNode status = finished(server, id);
    assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("done");
    JsonNode report = JSON.readTree(send(server, "GET", "/v1/scans/" + id + "/report", null, "Accept",
        "application/json").body());
    JsonNode cli = cliScan();
    assertThat(report.path("target").path("kind").asText()).isEqualTo("registry");
    assertThat(report.path("packages").size()).isEqualTo(cli.path("packages").size()).isGreaterThan(10);
    assertThat(findingIds(report)).isEqualTo(findingIds(cli)).isNotEmpty();

    // a bare reference is a registry image too; the registry's blobs are not fetched again (layers are known)
    int blobs = registry.blobGets().size();
    HttpResponse<String> again = send(server, "POST", "/v1/scans", "{\"target\":\"" + registry.host()
        + "/demo/app:1.0\"}");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    assertThat(finished(server, JSON.readTree(again.body()).path("id").asText()).path("status").asText())
        .isEqualTo("done");
    assertThat(registry.blobGets().size() - blobs).as("blob GETs of a rescan").isLessThanOrEqualTo(1);
  }

  @Test
  void registriesNotAllowedAndLocalSchemesAreRefusedAtTheDoor() throws Exception {
    String[] server = server("refused");
    HttpResponse<String> other = send(server, "POST", "/v1/scans", "{\"target\":\"registry:127.0.0.1:1/demo/app:1\"}");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.body()).contains("registry 127.0.0.1:1 is not allowed on this server");
    HttpResponse<String> daemon = send(server, "POST", "/v1/scans", "{\"target\":\"docker:demo/app:1.0\"}");
    assertThat(daemon.statusCode()).isEqualTo(400);
    assertThat(daemon.body()).contains("not docker: targets");
  }

  @Test
  void withoutCredentialsTheJobFailsWithTheRegistrysAnswerInOneLine() throws Exception {
    String[] server = server("anonymous");
    HttpResponse<String> accepted = send(server, "POST", "/v1/scans",
        "{\"target\":\"" + registry.host() + "/demo/app:1.0\"}");
    JsonNode status = finished(server, JSON.readTree(accepted.body()).path("id").asText());
    assertThat(status.path("status").asText()).isEqualTo("failed");
    assertThat(status.path("error").asText()).contains(registry.host()).contains("login").doesNotContain("\n");
  }

  @Test
  void harborScanRequestsPullWithTheRobotAccountAndForgetIt() throws Exception {
    String[] server = server("harbor");
    String digest = "sha256:" + LocalRegistry.run(tmp, "skopeo", "inspect", "--tls-verify=false", "--creds",
        USER + ":" + PASSWORD, "--format", "{{.Digest}}", "docker://" + registry.host() + "/demo/app:1.0")
        .trim().substring("sha256:".length());
    String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    String request = "{\"registry\":{\"url\":\"https://" + registry.host() + "\",\"authorization\":\"Basic " + basic
        + "\"},\"artifact\":{\"repository\":\"demo/app\",\"digest\":\"" + digest + "\",\"tag\":\"1.0\","
        + "\"mime_type\":\"application/vnd.docker.distribution.manifest.v2+json\"}}";
    HttpResponse<String> accepted = send(server, "POST", "/api/v1/scan", request);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = JSON.readTree(accepted.body()).path("id").asText();
    JsonNode status = finished(server, id);
    assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("done");
    assertThat(status.toString()).doesNotContain(PASSWORD).doesNotContain(basic);
    HttpResponse<String> report = send(server, "GET", "/api/v1/scan/" + id + "/report", null, "Accept",
        "application/vnd.security.vulnerability.report; version=1.1");
    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    JsonNode harbor = JSON.readTree(report.body());
    assertThat(harbor.path("artifact").path("digest").asText()).isEqualTo(digest);
    assertThat(harbor.path("vulnerabilities").size()).isEqualTo(cliScan().path("vulnerabilities").size())
        .isPositive();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + Path.of(server[2], "server.sqlite"));
        var rs = c.createStatement().executeQuery("SELECT target FROM jobs")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        assertThat(rs.getString(1)).doesNotContain(PASSWORD).contains(registry.host() + "/demo/app@" + digest);
      }
      assertThat(rows).isEqualTo(1);
    }

    // a wrong secret: the scan fails, Harbor gets the reason, nobody gets the secret
    String wrong = request.replace(basic, Base64.getEncoder().encodeToString((USER + ":nope-" + PASSWORD)
        .getBytes(StandardCharsets.UTF_8)));
    String failedId = JSON.readTree(send(server, "POST", "/api/v1/scan", wrong).body()).path("id").asText();
    assertThat(finished(server, failedId).path("status").asText()).isEqualTo("failed");
    HttpResponse<String> failed = send(server, "GET", "/api/v1/scan/" + failedId + "/report", null, "Accept",
        "application/vnd.security.vulnerability.report; version=1.1");
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.body()).contains("authentication failed").doesNotContain(PASSWORD);

    // plain http needs --insecure-registry; other registries need --allow-registry
    HttpResponse<String> http = send(server, "POST", "/api/v1/scan", request.replace("https://", "http://"));
    assertThat(http.statusCode()).isEqualTo(422);
    assertThat(http.body()).contains("--insecure-registry " + registry.host());
    HttpResponse<String> elsewhere = send(server, "POST", "/api/v1/scan",
        request.replace("https://" + registry.host(), "https://127.0.0.1:1"));
    assertThat(elsewhere.statusCode()).isEqualTo(422);
    assertThat(elsewhere.body()).contains("--allow-registry 127.0.0.1:1");
  }
}
