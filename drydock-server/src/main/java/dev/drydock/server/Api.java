package dev.drydock.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.drydock.engine.Drydock;
import dev.drydock.engine.GateVerdict;
import dev.drydock.model.DrydockException;
import dev.drydock.model.targets.ImageReference;
import dev.drydock.model.ScanResult;
import dev.drydock.report.ReportFormat;
import dev.drydock.report.Reports;
import dev.drydock.report.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API on the JDK's {@code HttpServer}: JSON in and out, described by {@code /openapi.json}. Every request
 * gets a request id ({@code X-Request-Id}, kept when the client sends a sane one) in the response and in the JSON log.
 * Only {@code /healthz} and {@code /readyz} answer without a bearer token (401 otherwise); a token whose scope is
 * too low gets 403. Bodies over {@code max-body-bytes} get 413, callers over {@code rate-limit} requests a minute 429.
 */
final class Api {
  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern JOB = Pattern.compile("/v1/scans/([0-9a-f-]{36})(/report|/gate)?");
  private static final Pattern BASELINE = Pattern.compile("/v1/baselines/([A-Za-z0-9._-]{1,64})");
  private static final Pattern HARBOR_REPORT = Pattern.compile("/api/v1/scan/([0-9a-f-]{36})/report");

  /** Report formats by the media type a client may ask for in {@code Accept}. */
  static final Map<String, String> MEDIA = new LinkedHashMap<>();

  static {
    MEDIA.put("application/json", "json");
    MEDIA.put("application/sarif+json", "sarif");
    MEDIA.put("application/vnd.cyclonedx+json", "cyclonedx");
    MEDIA.put("application/spdx+json", "spdx");
    MEDIA.put("text/plain", "table");
  }

  private final DrydockServer server;
  private final HttpServer http;
  private final ExecutorService pool;
  private final Map<String, long[]> windows = new ConcurrentHashMap<>();
  private final Harbor harbor;
  private final Admission admission;

  private Api(DrydockServer server, HttpServer http, ExecutorService pool) {
    this.server = server;
    this.harbor = new Harbor(server);
    this.admission = new Admission(server);
    this.http = http;
    this.pool = pool;
  }

  static Api start(DrydockServer server) {
    try {
      HttpServer http;
      if (server.config.tlsKeystore() != null) {
        com.sun.net.httpserver.HttpsServer https =
            com.sun.net.httpserver.HttpsServer.create(server.config.address(), 64);
        https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(
            ServerTls.context(server.config.tlsKeystore(), server.config.tlsKeystorePassword())) {
          @Override
          public void configure(com.sun.net.httpserver.HttpsParameters params) {
            javax.net.ssl.SSLParameters p = getSSLContext().getDefaultSSLParameters();
            p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            params.setSSLParameters(p);
          }
        });
        http = https;
      } else {
        http = HttpServer.create(server.config.address(), 64);
      }
      ExecutorService pool = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "drydock-http");
        t.setDaemon(true);
        return t;
      });
      Api api = new Api(server, http, pool);
      http.createContext("/", api::handle);
      http.setExecutor(pool);
      http.start();
      return api;
    } catch (IOException e) {
      throw new DrydockException("cannot listen on " + server.config.listen() + ": " + e.getMessage(), e);
    }
  }

  InetSocketAddress address() {
    return http.getAddress();
  }

  void stop() {
    http.stop(1);
    pool.shutdownNow();
  }

  /** An answer: status, content type, body, extra headers. */
  record Answer(int status, String type, byte[] body, Map<String, String> headers) {
    static Answer json(int status, Object value) {
      try {
        return new Answer(status, "application/json", Json.mapper().writeValueAsBytes(value), Map.of());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    static Answer error(int status, String message) {
      ObjectNode n = Json.mapper().createObjectNode();
      n.put("error", message);
      return json(status, n);
    }

    Answer with(String header, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(header, value);
      return new Answer(status, type, body, h);
    }
  }

  /** A refusal that ends a request with {@code status}. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Answer answer;

    Refused(int status, String message) {
      super(message, null, false, false);
      this.answer = Answer.error(status, message);
    }

    Refused(Answer answer) {
      super("", null, false, false);
      this.answer = answer;
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String given = ex.getRequestHeaders().getFirst("X-Request-Id");
    String rid = given != null && SANE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    long started = System.nanoTime();
    Answer answer;
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    try {
      answer = route(ex, method, path, rid);
    } catch (Refused r) {
      answer = r.answer;
      if (r.answer.status() == 401 || r.answer.status() == 403 || r.answer.status() == 413
          || r.answer.status() == 429) {
        server.metrics.rejected.incrementAndGet();
      }
    } catch (Database.Unavailable e) {
      server.log.warn(rid, "store unavailable", "path", path, "error", e.getMessage());
      answer = Answer.error(503, e.getMessage()).with("Retry-After", "10");
    } catch (DrydockException e) {
      answer = Answer.error(400, e.getMessage());
    } catch (RuntimeException e) {
      server.log.warn(rid, "internal error", "path", path, "error", String.valueOf(e));
      answer = Answer.error(500, "internal error (request id " + rid + ")");
    }
    server.metrics.requests.incrementAndGet();
    ex.getResponseHeaders().set("X-Request-Id", rid);
    ex.getResponseHeaders().set("Content-Type", answer.type());
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    answer.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    byte[] body = answer.body();
    boolean head = method.equals("HEAD");
    ex.sendResponseHeaders(answer.status(), head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
    if (!path.equals("/healthz") && !path.equals("/readyz")) {
      server.log.info(rid, "request", "method", method, "path", path, "status", answer.status(), "millis",
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  private Answer route(HttpExchange ex, String method, String path, String rid) throws IOException {
    if (path.equals("/healthz")) {
      return Answer.json(200, Map.of("status", "ok"));
    }
    if (path.equals("/readyz")) {
      if (server.draining()) {
        return Answer.json(503, Map.of("status", "draining"));
      }
      return server.db.reachable() ? Answer.json(200, Map.of("status", "ready"))
          : Answer.json(503, Map.of("status", "store unreachable"));
    }
    limit(ex.getRemoteAddress().getAddress().getHostAddress());
    Tokens.Caller caller = authenticate(ex);
    limit("token:" + caller.tokenId());
    if (path.equals("/openapi.json") && method.equals("GET")) {
      need(caller, Tokens.Scope.READ);
      return openapi();
    }
    if (path.equals("/metrics") && method.equals("GET")) {
      need(caller, Tokens.Scope.READ);
      return new Answer(200, "text/plain; version=0.0.4; charset=utf-8",
          server.metrics.render(server.jobs.counts(), server.layersIndexed()).getBytes(StandardCharsets.UTF_8),
          Map.of());
    }
    if (path.equals("/v1/scans")) {
      allow(method, "POST");
      need(caller, Tokens.Scope.SCAN);
      return submit(body(ex), rid);
    }
    if (path.equals("/v1/images")) {
      allow(method, "GET");
      need(caller, Tokens.Scope.READ);
      return images();
    }
    if (path.equals("/v1/store")) {
      allow(method, "GET");
      need(caller, Tokens.Scope.READ);
      return Answer.json(200, server.storeStatus());
    }
    Matcher m;
    if (path.equals("/v1/drift")) {
      allow(method, "GET");
      need(caller, Tokens.Scope.READ);
      Map<String, String> q = query(ex);
      ScanResult from = done(q.get("from"));
      ScanResult to = done(q.get("to"));
      return Answer.json(200, server.engine().diff(from, to).document());
    }
    if (path.equals("/admission")) {
      allow(method, "POST");
      need(caller, Tokens.Scope.READ);
      return admission.review(body(ex), rid);
    }
    if (path.equals("/api/v1/metadata")) {
      allow(method, "GET");
      need(caller, Tokens.Scope.READ);
      return harbor.metadata();
    }
    if (path.equals("/api/v1/scan")) {
      allow(method, "POST");
      need(caller, Tokens.Scope.SCAN);
      return harbor.scan(body(ex));
    }
    m = HARBOR_REPORT.matcher(path);
    if (m.matches()) {
      allow(method, "GET");
      need(caller, Tokens.Scope.READ);
      return harbor.report(m.group(1), ex.getRequestHeaders().getFirst("Accept"), query(ex).get("sbom_media_type"));
    }
    if (path.equals("/v1/advisories/import")) {
      allow(method, "POST");
      need(caller, Tokens.Scope.ADMIN);
      return importAdvisories(body(ex));
    }
    m = BASELINE.matcher(path);
    if (m.matches()) {
      allow(method, "PUT");
      need(caller, Tokens.Scope.ADMIN);
      return putBaseline(m.group(1), body(ex));
    }
    m = JOB.matcher(path);
    if (m.matches()) {
      String id = m.group(1);
      String sub = m.group(2);
      if (sub == null) {
        allow(method, "GET");
        need(caller, Tokens.Scope.READ);
        return status(id);
      }
      if (sub.equals("/report")) {
        allow(method, "GET");
        need(caller, Tokens.Scope.READ);
        return report(id, query(ex).get("format"), ex.getRequestHeaders().getFirst("Accept"));
      }
      allow(method, "POST");
      need(caller, Tokens.Scope.READ);
      return gate(id, body(ex));
    }
    throw new Refused(404, "no such endpoint: " + method + " " + path);
  }

  private Tokens.Caller authenticate(HttpExchange ex) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new Refused(Answer.error(401, "a bearer token is required (Authorization: Bearer ...)")
          .with("WWW-Authenticate", "Bearer realm=\"drydock\""));
    }
    return server.tokens.check(auth.substring(7).trim()).orElseThrow(() -> new Refused(
        Answer.error(401, "unknown token").with("WWW-Authenticate", "Bearer realm=\"drydock\", error=\"invalid_token\"")));
  }

  private static void need(Tokens.Caller caller, Tokens.Scope scope) {
    if (!caller.scope().allows(scope)) {
      throw new Refused(403, "this token's scope (" + caller.scope().label() + ") does not allow this; it needs "
          + scope.label());
    }
  }

  private static void allow(String method, String expected) {
    if (!method.equals(expected)) {
      throw new Refused(Answer.error(405, "method " + method + " not allowed here (" + expected + ")")
          .with("Allow", expected));
    }
  }

  /** A fixed one-minute window per caller. */
  private void limit(String key) {
    long minute = System.currentTimeMillis() / 60_000;
    long[] w = windows.compute(key, (k, old) -> old == null || old[0] != minute ? new long[] {minute, 1}
        : new long[] {minute, old[1] + 1});
    if (w[1] > server.config.ratePerMinute()) {
      long retry = 60 - (System.currentTimeMillis() / 1000) % 60;
      throw new Refused(Answer.error(429, "rate limit of " + server.config.ratePerMinute()
          + " requests a minute reached").with("Retry-After", String.valueOf(retry)));
    }
    if (windows.size() > 100_000) {
      windows.entrySet().removeIf(e -> e.getValue()[0] != minute);
    }
  }

  private byte[] body(HttpExchange ex) throws IOException {
    long max = server.config.maxBodyBytes();
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > max) {
          throw new Refused(413, "request body larger than " + max + " bytes");
        }
      } catch (NumberFormatException e) {
        throw new Refused(400, "bad Content-Length");
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (b.length > max) {
        throw new Refused(413, "request body larger than " + max + " bytes");
      }
      return b;
    }
  }

  private static JsonNode json(byte[] body) {
    try {
      JsonNode n = Json.mapper().readTree(body);
      if (n == null || !n.isObject()) {
        throw new Refused(400, "expected a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new Refused(400, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Refused(400, "unreadable body: " + e.getMessage());
    }
  }

  private Answer submit(byte[] body, String rid) {
    JsonNode req = json(body);
    JsonNode t = req.get("target");
    if (t == null || !t.isTextual() || t.asText().isBlank()) {
      throw new Refused(400, "'target' (an image reference, registry:REF, or a path under a scan root) is required");
    }
    ObjectNode stored = Json.mapper().createObjectNode();
    String named;
    if (t.asText().startsWith("/")) {
      Path target = server.localTarget(t.asText());
      stored.put("target", target.toString());
      named = target.toString();
    } else {
      ImageReference ref = DrydockServer.registryImage(t.asText());
      if (!server.config.registries().allows(ref.registry())) {
        throw new Refused(403, "registry " + ref.registry() + " is not allowed on this server (start it with"
            + " --allow-registry " + ref.registry() + ")");
      }
      stored.put("image", ref.toString());
      named = ref.toString();
    }
    if (req.hasNonNull("platform")) {
      stored.put("platform", req.get("platform").asText());
    }
    String id = server.submit(stored.toString());
    server.log.info(rid, "scan queued", "job", id, "target", named);
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("id", id);
    n.put("status", "queued");
    n.put("href", "/v1/scans/" + id);
    return Answer.json(202, n).with("Location", "/v1/scans/" + id);
  }

  private Jobs.Job job(String id) {
    return server.jobs.get(id).orElseThrow(() -> new Refused(404, "no scan " + id));
  }

  private Answer status(String id) {
    Jobs.Job j = job(id);
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("id", j.id());
    n.put("status", j.state());
    JsonNode request = parse(j.target());
    if (request instanceof ObjectNode o) {
      o.remove("auth"); // a Harbor robot account's secret, kept only while the job may run: never answered
    }
    n.set("request", request);
    n.put("attempts", j.attempts());
    n.put("createdAt", Instant.ofEpochMilli(j.createdAt()).toString());
    if (j.startedAt() != null) {
      n.put("startedAt", Instant.ofEpochMilli(j.startedAt()).toString());
    }
    if (j.finishedAt() != null) {
      n.put("finishedAt", Instant.ofEpochMilli(j.finishedAt()).toString());
    }
    if (j.worker() != null) {
      n.put("worker", j.worker());
    }
    if (j.error() != null) {
      n.put("error", j.error());
    }
    if (j.state().equals("done")) {
      n.put("report", "/v1/scans/" + id + "/report");
    }
    return Answer.json(200, n);
  }

  private static JsonNode parse(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      return Json.mapper().getNodeFactory().textNode(json);
    }
  }

  /** The result of a done job; 409 while it runs, 422 when it failed. */
  ScanResult done(String id) {
    if (id == null || !id.matches("[0-9a-f-]{36}")) {
      throw new Refused(400, "expected a scan id, not '" + id + "'");
    }
    Jobs.Job j = job(id);
    if (j.state().equals("failed")) {
      throw new Refused(422, "scan " + id + " failed: " + j.error());
    }
    return server.result(id).orElseThrow(() -> new Refused(409, "scan " + id + " is " + j.state()));
  }

  private Answer report(String id, String format, String accept) throws IOException {
    String name = format;
    String type = null;
    if (name == null) {
      if (accept == null || accept.isBlank() || accept.contains("*/*")) {
        name = "json";
      } else {
        for (String part : accept.split(",")) {
          String media = part.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
          if (MEDIA.containsKey(media)) {
            name = MEDIA.get(media);
            type = media;
            break;
          }
        }
        if (name == null) {
          throw new Refused(406, "cannot produce " + accept + " (one of: " + String.join(", ", MEDIA.keySet())
              + ", or ?format=" + String.join("|", Reports.names()) + ")");
        }
      }
    }
    ReportFormat f;
    try {
      f = Reports.byName(name);
    } catch (DrydockException e) {
      throw new Refused(400, e.getMessage());
    }
    if (type == null) {
      String n = name;
      type = MEDIA.entrySet().stream().filter(e -> e.getValue().equals(n)).map(Map.Entry::getKey).findFirst()
          .orElse("application/json");
    }
    ScanResult r = done(id);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    f.write(r, out);
    return new Answer(200, type.equals("text/plain") ? "text/plain; charset=utf-8" : type, out.toByteArray(),
        Map.of());
  }

  private Answer importAdvisories(byte[] body) {
    JsonNode req = json(body);
    JsonNode paths = req.get("paths");
    if (paths == null || !paths.isArray() || paths.isEmpty()) {
      throw new Refused(400, "'paths' (advisory feed files or directories on the server, under a scan root) is"
          + " required");
    }
    List<Path> list = new java.util.ArrayList<>();
    paths.forEach(p -> list.add(server.localTarget(p.asText())));
    DrydockServer.ImportOutcome o = server.importAdvisories(list);
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("records", o.records());
    n.put("files", o.files());
    n.put("imagesRematched", o.images());
    n.put("imagesChanged", o.changed());
    return Answer.json(200, n);
  }

  private Answer images() {
    ArrayNode list = Json.mapper().createArrayNode();
    for (Jobs.ImageRow row : server.jobs.images()) {
      ObjectNode n = list.addObject();
      n.put("image", row.image());
      n.put("latestScan", row.latestJob());
      n.put("scannedAt", Instant.ofEpochMilli(row.scannedAt()).toString());
      n.put("results", row.results());
      n.put("report", "/v1/scans/" + row.latestJob() + "/report");
    }
    ObjectNode n = Json.mapper().createObjectNode();
    n.set("images", list);
    return Answer.json(200, n);
  }

  private Answer putBaseline(String name, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      throw new Refused(400, "empty baseline");
    }
    // the gate parses it when a scan is gated against it (a bad baseline then answers 400 naming the line)
    try (Connection c = server.db.connection()) {
      try (PreparedStatement del = c.prepareStatement("DELETE FROM baselines WHERE name=?")) {
        del.setString(1, name);
        del.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO baselines(name, content, updated_at) VALUES (?,?,?)")) {
        ps.setString(1, name);
        ps.setString(2, text);
        ps.setLong(3, System.currentTimeMillis());
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw server.db.failure("store a baseline", e);
    }
    return Answer.json(200, Map.of("name", name, "stored", true));
  }

  private Path baselineFile(String name, String text) {
    try {
      Path dir = server.config.cacheDir().resolve("server-baselines");
      Files.createDirectories(dir);
      Path file = Files.createTempFile(dir, name + "-", ".yaml");
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new DrydockException("cannot write a baseline scratch file: " + e.getMessage(), e);
    }
  }

  private Answer gate(String id, byte[] body) throws IOException {
    JsonNode req = body.length == 0 ? Json.mapper().createObjectNode() : json(body);
    ScanResult result = done(id);
    ScanResult previous = req.hasNonNull("previous") ? done(req.get("previous").asText()) : null;
    Path file = null;
    try {
      if (req.hasNonNull("baseline")) {
        String name = req.get("baseline").asText();
        String text = server.baseline(name).orElseThrow(() -> new Refused(404, "no stored baseline '" + name + "'"));
        file = baselineFile(name, text);
      }
      Drydock.GatePolicy policy = new Drydock.GatePolicy(file, text(req, "tier"), text(req, "exposure"), false);
      GateVerdict v = server.engine().gate(List.of(result), policy, previous, null);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      v.render("json", out);
      int code = v.exitCode(false);
      ObjectNode n = Json.mapper().createObjectNode();
      n.put("scan", id);
      n.put("decision", code == 0 ? "pass" : "fail");
      n.put("exitCode", code);
      n.put("summary", v.summary());
      n.set("report", Json.mapper().readTree(out.toByteArray()));
      return Answer.json(200, n);
    } finally {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> out = new LinkedHashMap<>();
    String q = ex.getRequestURI().getRawQuery();
    if (q == null) {
      return out;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static Answer openapi() throws IOException {
    try (InputStream in = Api.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json missing from the server jar");
      }
      return new Answer(200, "application/json", in.readAllBytes(), Map.of());
    }
  }
}
