package dev.drydock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Harbor Pluggable Scanner API v1.2 adapter: real requests to the server on loopback, and each response checked
 * against Harbor's published scanner-adapter OpenAPI spec (test resources, harbor/FIXTURES.md) with an OpenAPI
 * validator: metadata, an accepted scan, 302 with Refresh-After while pending, the vulnerability report in both
 * Harbor MIME types, the SBOM report in both SBOM media types, and the errors.
 */
class HarborAdapterTest {
  static final String SPEC = "harbor/scanner-adapter-openapi-v1.2.yaml";
  @TempDir static Path tmp;
  static DrydockServer server;
  static Http http;
  static String token;
  static String digest;
  static OpenApiInteractionValidator validator;

  @BeforeAll
  static void start() throws Exception {
    Path mirror = Files.createDirectories(tmp.resolve("harbor"));
    byte[] demo = Files.readAllBytes(Path.of("../examples/demo-app.tar"));
    digest = "sha256:" + TestImages.sha256(demo);
    Files.write(mirror.resolve("sha256-" + digest.substring(7) + ".tar"), demo);
    server = DrydockServer.start(ServerConfig.parse(List.of("--listen", "127.0.0.1:0", "--cache-dir",
        tmp.resolve("cache").toString(), "--harbor-images", mirror.toString(), "--advisories",
        Path.of("../examples/advisories").toAbsolutePath().toString(), "--debug-job-delay-ms", "1500"), Map.of()),
        Log.none());
    http = new Http("127.0.0.1:" + server.address().getPort());
    token = ServerMain.token(server, "scan");
    // Harbor's file has two spec-level slips the parser reports (a misspelt 'descriptions' on ScannerCapability and
    // an 'enum' beside, not inside, the sbom_media_type parameter's schema); the validator's own loader refuses any
    // such message, so the spec is parsed here, those two (and only those) are accepted, and the model is used
    io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
    options.setResolve(true);
    io.swagger.v3.parser.core.models.SwaggerParseResult parsed = new io.swagger.v3.parser.OpenAPIV3Parser()
        .readLocation(HarborAdapterTest.class.getClassLoader().getResource(SPEC).toString(), null, options);
    assertThat(parsed.getMessages()).containsExactlyInAnyOrder(
        "attribute components.schemas.ScannerCapability.descriptions is unexpected",
        "attribute paths.'/scan/{scan_request_id}/report'(get).parameters.[sbom_media_type].enum is unexpected");
    assertThat(parsed.getOpenAPI().getInfo().getVersion()).isEqualTo("1.2");
    validator = OpenApiInteractionValidator.createFor(parsed.getOpenAPI()).build();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Sends the request and validates request and response against Harbor's spec; returns the response. */
  static HttpResponse<String> exchange(String method, String path, String body, String... headers) throws Exception {
    HttpResponse<String> r = http.send(method, path, token, body, headers);
    SimpleRequest.Builder req = new SimpleRequest.Builder(Request.Method.valueOf(method), path.split("\\?")[0]);
    if (path.contains("?")) {
      for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        req.withQueryParam(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    req.withAuthorization("Bearer " + token);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      req.withHeader(headers[i], headers[i + 1]);
    }
    if (body != null) {
      req.withBody(body);
    }
    SimpleResponse.Builder res = SimpleResponse.Builder.status(r.statusCode());
    r.headers().map().forEach((k, v) -> res.withHeader(k, v));
    if (!r.body().isEmpty()) {
      res.withBody(r.body());
    }
    ValidationReport report = validator.validate(req.build(), res.build());
    assertThat(report.getMessages()).as(method + " " + path + " -> " + r.statusCode() + ": " + r.body()).isEmpty();
    return r;
  }

  static String scanRequest(String digest) {
    return "{\"registry\":{\"url\":\"https://harbor.example\",\"authorization\":\"Bearer x\"},\"artifact\":"
        + "{\"repository\":\"library/demo-app\",\"digest\":\"" + digest + "\",\"tag\":\"1.0\","
        + "\"mime_type\":\"application/vnd.docker.distribution.manifest.v2+json\"}}";
  }

  @Test
  void metadataDescribesBothCapabilities() throws Exception {
    HttpResponse<String> r = exchange("GET", "/api/v1/metadata", null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode n = Http.JSON.readTree(r.body());
    assertThat(n.get("capabilities").findValuesAsText("type")).containsExactly("vulnerability", "sbom");
  }

  @Test
  void aScanIsPendingThenReportedInEveryHarborFormat() throws Exception {
    String type = "application/vnd.scanner.adapter.scan.request+json; version=1.1";
    HttpResponse<String> accepted = exchange("POST", "/api/v1/scan", scanRequest(digest), "Content-Type", type);
    assertThat(accepted.statusCode()).isEqualTo(202);
    String id = Http.JSON.readTree(accepted.body()).get("id").asText();

    String vuln = "application/vnd.security.vulnerability.report; version=1.1";
    HttpResponse<String> pending = exchange("GET", "/api/v1/scan/" + id + "/report", null, "Accept", vuln);
    assertThat(pending.statusCode()).isEqualTo(302);
    assertThat(pending.headers().firstValue("Refresh-After")).hasValue("5");

    http.await(id, token, 120);
    HttpResponse<String> report = exchange("GET", "/api/v1/scan/" + id + "/report", null, "Accept", vuln);
    assertThat(report.statusCode()).isEqualTo(200);
    JsonNode n = Http.JSON.readTree(report.body());
    assertThat(n.get("artifact").get("digest").asText()).isEqualTo(digest);
    assertThat(n.get("severity").asText()).isEqualTo("Critical");
    assertThat(n.get("vulnerabilities").findValuesAsText("id")).contains("CVE-2021-44228");

    HttpResponse<String> harbor = exchange("GET", "/api/v1/scan/" + id + "/report", null, "Accept",
        "application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0");
    assertThat(harbor.statusCode()).isEqualTo(200);
    for (String media : List.of("application/spdx+json", "application/vnd.cyclonedx+json")) {
      HttpResponse<String> sbom = exchange("GET", "/api/v1/scan/" + id + "/report?sbom_media_type="
          + java.net.URLEncoder.encode(media, java.nio.charset.StandardCharsets.UTF_8), null, "Accept",
          "application/vnd.security.sbom.report+json; version=1.0");
      assertThat(sbom.statusCode()).as(media).isEqualTo(200);
      JsonNode s = Http.JSON.readTree(sbom.body());
      assertThat(s.get("media_type").asText()).isEqualTo(media);
      assertThat(s.get("sbom").has(media.contains("spdx") ? "spdxVersion" : "bomFormat")).isTrue();
    }
    HttpResponse<String> noMedia = exchange("GET", "/api/v1/scan/" + id + "/report", null, "Accept",
        "application/vnd.security.sbom.report+json; version=1.0");
    assertThat(noMedia.statusCode()).isEqualTo(400);
  }

  @Test
  void badRequestsGetHarborErrors() throws Exception {
    String type = "application/vnd.scanner.adapter.scan.request+json; version=1.0";
    HttpResponse<String> unknown = exchange("POST", "/api/v1/scan", scanRequest("sha256:" + "0".repeat(64)),
        "Content-Type", type);
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(unknown.body()).contains("harbor-images").contains("registry harbor.example is not allowed on this"
        + " server (start it with --allow-registry harbor.example)");
    HttpResponse<String> r = http.send("POST", "/api/v1/scan", token, "{not json", "Content-Type", type);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(Harbor.ERROR);
    HttpResponse<String> missing = exchange("GET", "/api/v1/scan/" + java.util.UUID.randomUUID() + "/report", null,
        "Accept", "application/vnd.security.vulnerability.report; version=1.1");
    assertThat(missing.statusCode()).isEqualTo(404);
    HttpResponse<String> odd = http.send("GET", "/api/v1/scan/" + java.util.UUID.randomUUID() + "/report", token,
        null, "Accept", "image/png");
    assertThat(odd.statusCode()).isEqualTo(501);
    assertThat(http.send("GET", "/api/v1/metadata", null, null).statusCode()).isEqualTo(401);
  }
}
