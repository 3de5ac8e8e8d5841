package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock web} end to end against a real loopback server: exit codes (zap-baseline's where they do not
 * clash), formats, rules.tsv, JavaScript libraries matched against real npm advisories (and failing closed without
 * them), and the result through {@code drydock gate} with must-pass web rules, waivers and the BC5 internet tier.
 */
class WebCliTest {
  @TempDir Path tmp;
  HttpServer server;
  final Map<String, String[]> pages = Collections.synchronizedMap(new java.util.HashMap<>());
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  String base;

  static final String GOOD_CSP = "default-src 'none'; script-src 'self'; object-src 'none'; base-uri 'none';"
      + " frame-ancestors 'none'";

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      log.add(ex.getRequestMethod() + " " + ex.getRequestURI());
      String[] p = pages.get(ex.getRequestURI().getPath());
      int status = p == null ? 404 : 200;
      String body = p == null ? "not found" : p[1];
      ex.getResponseHeaders().add("Content-Type", p == null ? "text/plain" : p[0]);
      ex.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
      for (int i = 2; p != null && i + 1 < p.length; i += 2) {
        ex.getResponseHeaders().add(p[i], p[i + 1]);
      }
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, ex.getRequestMethod().equals("HEAD") ? -1 : b.length);
      if (!ex.getRequestMethod().equals("HEAD")) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(b);
        }
      }
      ex.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  void goodSite() {
    pages.put("/", new String[] {"text/html", "<html><body><a href=\"/about\">about</a></body></html>",
        "Content-Security-Policy", GOOD_CSP, "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer",
        "Permissions-Policy", "camera=()"});
    pages.put("/about", pages.get("/"));
  }

  Cli.Run web(String... args) {
    return webIn(tmp.resolve("cache"), args);
  }

  Cli.Run webIn(Path cache, String... args) {
    List<String> all = new ArrayList<>(List.of("web", "--cache-dir", cache.toString(), "--max-duration", "30s"));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void cleanSiteExitsZeroAndReportsTheScore() throws Exception {
    goodSite();
    Path out = tmp.resolve("web.json");
    Cli.Run r = web(base + "/", "-f", "json", "-o", out.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    // informational only: plain http (DD-WEB-028) and no X-XSS-Protection (DD-WEB-027)
    assertThat(r.err()).contains("Observatory score").contains("2 alerts (0 FAIL, 0 WARN, 2 INFO)");
    JsonNode j = new ObjectMapper().readTree(out.toFile());
    assertThat(j.path("target").path("kind").asText()).isEqualTo("web");
    assertThat(j.path("web").path("pages").asInt()).isGreaterThanOrEqualTo(2);
    // an http-only site: no HSTS (-20) and no redirection to https (-20); below 90 the bonuses do not count
    assertThat(j.path("web").path("score").asInt()).isEqualTo(100 - 20 - 20);
    assertThat(j.path("web").path("grade").asText()).isEqualTo("C+");
    assertThat(log).allMatch(l -> l.startsWith("GET ") || l.startsWith("HEAD "));
  }

  @Test
  void warnAlertsExitThreeOrZeroWithIgnoreWarnAndFailAlertsExitOne() throws Exception {
    pages.put("/", new String[] {"text/html", "<html><body>hi</body></html>", "Server", "Apache/2.4.41"});
    Cli.Run warn = web(base + "/", "-q");
    assertThat(warn.exit()).as(warn.toString()).isEqualTo(3);
    assertThat(warn.stdout()).contains("DD-WEB-001").contains("DD-WEB-006");
    assertThat(web(base + "/", "-q", "-I").exit()).isZero();
    Path rules = Files.writeString(tmp.resolve("rules.tsv"), "10036\tFAIL\t(Server version)\n");
    Cli.Run fail = web(base + "/", "-q", "--rules", rules.toString(), "-f", "sarif");
    assertThat(fail.exit()).as(fail.toString()).isEqualTo(1);
    assertThat(fail.stdout()).contains("\"DD-WEB-006\"").contains("web-alert");
    Path ignore = Files.writeString(tmp.resolve("ignore.tsv"), "10036\tIGNORE\n10038\tIGNORE\n10020\tIGNORE\n"
        + "DD-WEB-015\tIGNORE\n10063\tIGNORE\n");
    assertThat(web(base + "/", "-q", "--rules", ignore.toString()).exit()).isZero();
  }

  @Test
  void junitHtmlAndMarkdownGoThroughTheGate() throws Exception {
    pages.put("/", new String[] {"text/html", "<html><body>hi</body></html>"});
    Cli.Run junit = web(base + "/", "-q", "-f", "junit");
    assertThat(junit.stdout()).contains("<testsuite").contains("tag:web:warn").contains("DD-WEB-001");
    assertThat(web(base + "/", "-q", "-f", "markdown").stdout()).contains("tag:web:warn");
    assertThat(web(base + "/", "-q", "-f", "html").stdout()).contains("<html").contains("DD-WEB-001");
  }

  @Test
  void unreachableTargetIsBadInputInOneLine() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Cli.Run r = web("http://127.0.0.1:" + port + "/", "-q");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("no answer").contains("unreachable").doesNotContain("Exception");
    assertThat(web("ftp://127.0.0.1/").exit()).isEqualTo(2);
    assertThat(web(base + "/", "--header", "NoColon").exit()).isEqualTo(2);
  }

  @Test
  void vulnerableJavaScriptLibraryIsMatchedAgainstNpmAdvisoriesAndFailsClosedWithoutThem() throws Exception {
    goodSite();
    pages.put("/", new String[] {"text/html", "<html><body><script src=\"/js/app.js\"></script></body></html>",
        "Content-Security-Policy", GOOD_CSP, "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer",
        "Permissions-Policy", "camera=()"});
    pages.put("/js/app.js", new String[] {"application/javascript", "/**\n * @license\n * Lodash <https://lodash.com/>\n"
        + " */\n;(function() {\n  var undefined;\n  var VERSION = '4.17.11';\n}.call(this));\n"});
    Path out = tmp.resolve("web.json");
    Cli.Run r = web(base + "/", "-f", "json", "-o", out.toString(), "--advisories", "../examples/advisories");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    JsonNode j = new ObjectMapper().readTree(out.toFile());
    List<String> ids = new ArrayList<>();
    j.path("vulnerabilities").forEach(v -> ids.add(v.path("id").asText()));
    assertThat(ids).contains("CVE-2019-10744"); // GHSA-jf85-cpcp-j695, lodash before 4.17.12
    List<String> rules = new ArrayList<>();
    j.path("webAlerts").forEach(a -> {
      if (!a.path("level").asText().equals("INFO")) {
        rules.add(a.path("ruleId").asText() + " " + a.path("param").asText());
      }
    });
    assertThat(rules).containsExactly("DD-WEB-030 lodash@4.17.11");
    // no advisory data at all: the library is NOT CHECKED, and that fails
    Cli.Run none = webIn(tmp.resolve("empty-cache"), base + "/", "-q");
    assertThat(none.exit()).as(none.toString()).isEqualTo(1);
    Cli.Run noneSummary = webIn(tmp.resolve("empty-cache2"), base + "/");
    assertThat(noneSummary.err()).contains("NOT CHECKED");
  }

  @Test
  void webResultsPassThroughTheGateWithMustPassWebRulesWaiversAndTiers() throws Exception {
    pages.put("/", new String[] {"text/html", "<html><body>hi</body></html>", "Content-Security-Policy", GOOD_CSP,
        "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer", "Permissions-Policy", "camera=()",
        "X-Jenkins", "2.440.3"});
    pages.put("/script", new String[] {"text/html", "<html><body><h1>Script Console</h1><textarea></textarea>"
        + "</body></html>"});
    Path result = tmp.resolve("web.json");
    Cli.Run r = web(base + "/", "-q", "-f", "json", "-o", result.toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(1); // an anonymous Jenkins script console: FAIL
    Path baseline = Path.of("../examples/web-baseline.yaml");
    Cli.Run gate = Cli.run("gate", "--cache-dir", tmp.resolve("cache").toString(), "--baseline", baseline.toString(),
        result.toString());
    assertThat(gate.exit()).as(gate.toString()).isEqualTo(1);
    assertThat(gate.stdout()).contains("DD-WEB-040");
    // compliance evidence: MAS TRM chapter 11 (data and infrastructure security) and 13 (assessment)
    Cli.Run mas = Cli.run("compliance", "--framework", "mas-trm", "-f", "json", result.toString());
    assertThat(mas.exit()).as(mas.toString()).isIn(0, 1);
    JsonNode controls = new ObjectMapper().readTree(mas.stdout()).path("controls");
    List<String> failing = new ArrayList<>();
    controls.forEach(c -> {
      if (c.toString().contains("DD-WEB-040")) {
        failing.add(c.path("id").asText());
      }
    });
    assertThat(failing).containsExactly("11", "13");
    // the same with the finding waived
    Path waived = Files.writeString(tmp.resolve("waived.yaml"), Files.readString(baseline)
        + "waivers:\n  - id: DD-WEB-040\n    owner: ci-team\n    reason: lab Jenkins, firewalled\n"
        + "    expires: 2099-12-31\n  - id: DD-WEB-049\n    owner: ci-team\n    reason: lab Jenkins, firewalled\n"
        + "    expires: 2099-12-31\n");
    Cli.Run ok = Cli.run("gate", "--cache-dir", tmp.resolve("cache").toString(), "--baseline", waived.toString(),
        result.toString());
    assertThat(ok.exit()).as(ok.toString()).isZero();
    // WARN-only alerts: may-fail by default, must-pass for an internet-exposed BC5 app
    pages.put("/", new String[] {"text/html", "<html><body>hi</body></html>", "Content-Security-Policy", GOOD_CSP,
        "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer", "Permissions-Policy", "camera=()",
        "X-Powered-By", "Express"});
    Path warnOnly = tmp.resolve("warn.json");
    assertThat(web(base + "/", "-q", "-f", "json", "-o", warnOnly.toString()).exit()).isEqualTo(3);
    Cli.Run internal = Cli.run("gate", "--cache-dir", tmp.resolve("cache").toString(), warnOnly.toString());
    assertThat(internal.exit()).as(internal.toString()).isZero();
    Cli.Run bc5 = Cli.run("gate", "--cache-dir", tmp.resolve("cache").toString(), "--tier", "BC5", "--exposure",
        "internet", warnOnly.toString());
    assertThat(bc5.exit()).as(bc5.toString()).isEqualTo(1);
    assertThat(bc5.stdout()).contains("tag:web:warn");
  }
}
