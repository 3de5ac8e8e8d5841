package dev.drydock.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.WebAlert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Side by side with Debian's wapiti ({@code wapiti -m http_headers,cookieflags,csp}, installed by .ci/run) on the
 * same loopback sites: every problem wapiti reports, drydock reports too, through the mapping of docs/web.md
 * ("wapiti"). A wapiti message the mapping does not know fails the test. Fails (does not skip) without wapiti.
 */
class WapitiComparisonIT {
  static final Path WAPITI = Path.of("/usr/bin/wapiti");
  static final String PAGE = "<html><body><a href=\"/a\">a</a></body></html>";

  @TempDir Path tmp;

  /** A wapiti message and the drydock alerts ({@code rule param}) that report the same problem. */
  record Mapping(Pattern message, java.util.function.BiFunction<Matcher, Boolean, Predicate<String>> drydock) {}

  static final List<Mapping> MAPPING = List.of(
      new Mapping(Pattern.compile("CSP is not set"), (m, https) -> a -> a.equals("DD-WEB-001 Content-Security-Policy")),
      new Mapping(Pattern.compile("CSP \"([a-z-]+)\" value is not safe"), (m, https) -> a -> a.startsWith("DD-WEB-002 "
          + m.group(1))),
      new Mapping(Pattern.compile("CSP attribute \"([a-z-]+)\" is missing"), (m, https) -> a -> a.startsWith(
          "DD-WEB-002 " + m.group(1))),
      new Mapping(Pattern.compile("X-Frame-Options is not set"), (m, https) -> a -> a.startsWith("DD-WEB-003 ")),
      new Mapping(Pattern.compile("X-XSS-Protection is not set"), (m, https) -> a -> a.startsWith("DD-WEB-027 ")),
      new Mapping(Pattern.compile("X-Content-Type-Options is not set"), (m, https) -> a -> a.startsWith("DD-WEB-004 ")),
      new Mapping(Pattern.compile("Strict-Transport-Security is not set"), (m, https) -> a -> https
          ? a.startsWith("DD-WEB-005 ") : a.equals("DD-WEB-028 http")),
      new Mapping(Pattern.compile("HttpOnly flag is not set in the cookie : (\\S+)"), (m, https) -> a -> a.equals(
          "DD-WEB-010 " + m.group(1))),
      new Mapping(Pattern.compile("Secure flag is not set in the cookie : (\\S+)"), (m, https) -> a -> a.equals(
          "DD-WEB-009 " + m.group(1))));

  static Map<String, String> h(String... kv) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static Stream<Arguments> sites() {
    return Stream.of(
        Arguments.of("no security headers, leaky cookie", h("Set-Cookie", "sid=abc; Path=/"), 7),
        Arguments.of("weak CSP", h("Content-Security-Policy", "default-src 'self' 'unsafe-inline'; script-src *",
            "X-Frame-Options", "DENY", "X-Content-Type-Options", "nosniff", "Set-Cookie", "sid=1; HttpOnly"), 4),
        Arguments.of("CSP missing directives", h("Content-Security-Policy", "frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff", "X-XSS-Protection", "0", "Set-Cookie", "pref=1; Secure"), 2),
        Arguments.of("weak CSP objects and eval", h("Content-Security-Policy", "default-src 'self'; script-src 'self'"
            + " 'unsafe-eval'; object-src *", "X-Frame-Options", "SAMEORIGIN"), 3),
        Arguments.of("good headers", h("Content-Security-Policy", "default-src 'none'; script-src 'self'; object-src"
            + " 'none'; base-uri 'none'; frame-ancestors 'none'", "X-Frame-Options", "DENY",
            "X-Content-Type-Options", "nosniff", "X-XSS-Protection", "1; mode=block",
            "Set-Cookie", "sid=1; Secure; HttpOnly; SameSite=Lax"), 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void everyProblemWapitiReportsDrydockReports(String name, Map<String, String> headers, int atLeast)
      throws Exception {
    assertThat(Files.isExecutable(WAPITI)).as("wapiti must be installed (apt-get install -y wapiti)").isTrue();
    try (TestSite site = TestSite.http()) {
      site.route("/", ex -> {
        Map<String, String> hs = new TreeMap<>(headers);
        hs.put("Content-Type", "text/html");
        TestSite.send(ex, 200, hs, PAGE);
      });
      site.route("/a", ex -> TestSite.send(ex, 200, Map.of("Content-Type", "text/html"), "<html></html>"));
      Path out = tmp.resolve("wapiti.json");
      ProcessBuilder pb = new ProcessBuilder(WAPITI.toString(), "-u", site.url("/"), "-m", "http_headers,cookieflags,csp",
          "-f", "json", "-o", out.toString(), "--flush-session", "-d", "0", "--max-scan-time", "60")
          .redirectErrorStream(true).redirectOutput(tmp.resolve("wapiti.log").toFile());
      pb.environment().put("HOME", tmp.toString()); // wapiti keeps its session under ~/.wapiti
      Process p = pb.start();
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(out).as(Files.readString(tmp.resolve("wapiti.log"))).exists();
      JsonNode report = new ObjectMapper().readTree(out.toFile());
      List<String> messages = new ArrayList<>();
      report.path("vulnerabilities").fields().forEachRemaining(e -> e.getValue().forEach(v -> {
        if (v.path("path").asText().equals("/")) {
          messages.add(v.path("info").asText());
        }
      }));
      assertThat(messages).as("wapiti found problems on " + name).hasSizeGreaterThanOrEqualTo(atLeast);

      // drydock on the start page alone, as wapiti with depth 0
      WebScanner.Outcome o = new WebScanner(WebOptions.of(site.url("/")).withProbes(false).withLimits(1, 0)
          .withMaxDuration(Duration.ofSeconds(20)), null).scan();
      List<String> alerts = new ArrayList<>();
      for (WebAlert a : o.alerts()) {
        alerts.add(a.ruleId() + (a.param() == null ? "" : " " + a.param()));
      }
      for (String msg : messages) {
        Mapping mapping = MAPPING.stream().filter(m -> m.message().matcher(msg).find()).findFirst().orElse(null);
        assertThat(mapping).as("wapiti message not in the mapping: " + msg).isNotNull();
        Matcher m = mapping.message().matcher(msg);
        assertThat(m.find()).isTrue();
        Predicate<String> reported = mapping.drydock().apply(m, false);
        if (msg.contains("X-XSS-Protection") && "0".equals(headers.get("X-XSS-Protection"))) {
          // the one documented disagreement (docs/web.md, "wapiti"): wapiti 3.0.4 wants "1; mode=block", drydock
          // (with OWASP's and MDN's current advice) asks for "0", as the old browsers' XSS auditor is exploitable
          assertThat(alerts).noneMatch(a -> a.startsWith("DD-WEB-027"));
          continue;
        }
        assertThat(alerts).as(name + ": wapiti says \"" + msg + "\"; drydock's alerts").anyMatch(reported);
      }
    }
  }
}
