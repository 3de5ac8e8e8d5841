package dev.drydock.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.WebAlert;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every passive rule against a real HTTP server on loopback: a good and a bad configuration each, and the exact
 * set of alerts ({@code rule param}) the scan raises.
 */
class PassiveRulesTest {
  static final String PAGE = "<!doctype html><html><head><title>t</title></head><body><p>hello</p></body></html>";

  static Map<String, String> h(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /**
   * The alerts of a scan as {@code rule param}. Every site here is served over plain http: the informational
   * DD-WEB-028 (http only) must be there, and is left out of the returned set so that each case lists its own.
   */
  static Set<String> scan(TestSite site, WebOptions options) {
    return ids(new WebScanner(options, null).scan());
  }

  static Set<String> ids(WebScanner.Outcome o) {
    Set<String> got = new TreeSet<>();
    for (WebAlert a : o.alerts()) {
      got.add(a.ruleId() + (a.param() == null ? "" : " " + a.param()));
    }
    if (o.scan().origin().startsWith("http:") && o.reachable()) {
      assertThat(got).contains("DD-WEB-028 http");
      got.remove("DD-WEB-028 http");
    }
    return got;
  }

  static WebOptions options(TestSite site) {
    return WebOptions.of(site.url("/")).withProbes(false).withMaxDuration(Duration.ofSeconds(20));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("all good", h(), PAGE, Set.of()),
        Arguments.of("no CSP", h("Content-Security-Policy", null), PAGE, Set.of("DD-WEB-001 Content-Security-Policy")),
        Arguments.of("CSP unsafe-inline", h("Content-Security-Policy",
            "default-src 'none'; script-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'"), PAGE,
            Set.of("DD-WEB-002 script-src 'unsafe-inline'")),
        Arguments.of("CSP unsafe-eval", h("Content-Security-Policy",
            "default-src 'none'; script-src 'self' 'unsafe-eval'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'"), PAGE,
            Set.of("DD-WEB-002 script-src 'unsafe-eval'")),
        Arguments.of("CSP wildcard", h("Content-Security-Policy",
            "default-src *; object-src 'none'; frame-ancestors 'none'; base-uri 'none'"), PAGE,
            Set.of("DD-WEB-002 script-src wildcard", "DD-WEB-002 default-src unsafe")),
        Arguments.of("CSP without default-src nor script-src", h("Content-Security-Policy",
            "object-src 'none'; frame-ancestors 'none'; base-uri 'none'"), PAGE,
            Set.of("DD-WEB-002 default-src", "DD-WEB-002 script-src")),
        Arguments.of("CSP no frame-ancestors", h("Content-Security-Policy",
            "default-src 'none'; script-src 'self'; object-src 'none'; base-uri 'none'"), PAGE, Set.of("DD-WEB-002 frame-ancestors")),
        Arguments.of("CSP no object-src", h("Content-Security-Policy",
            "default-src 'self'; frame-ancestors 'none'; base-uri 'none'"), PAGE, Set.of("DD-WEB-002 object-src")),
        Arguments.of("CSP no base-uri", h("Content-Security-Policy",
            "default-src 'none'; object-src 'none'; frame-ancestors 'none'"), PAGE, Set.of("DD-WEB-002 base-uri")),
        Arguments.of("frame-ancestors instead of X-Frame-Options (informational)", h("X-Frame-Options", null), PAGE,
            Set.of("DD-WEB-003 X-Frame-Options")),
        Arguments.of("no anti-clickjacking at all", h("X-Frame-Options", null, "Content-Security-Policy",
            "default-src 'none'; object-src 'none'; base-uri 'none'"), PAGE,
            Set.of("DD-WEB-003 X-Frame-Options", "DD-WEB-002 frame-ancestors")),
        Arguments.of("X-Frame-Options malformed", h("X-Frame-Options", "ALLOWALL", "Content-Security-Policy",
            "default-src 'none'; object-src 'none'; base-uri 'none'"), PAGE,
            Set.of("DD-WEB-003 X-Frame-Options", "DD-WEB-002 frame-ancestors")),
        Arguments.of("no X-Content-Type-Options", h("X-Content-Type-Options", null), PAGE,
            Set.of("DD-WEB-004 X-Content-Type-Options")),
        Arguments.of("Server without version", h("Server", "Apache"), PAGE, Set.of()),
        Arguments.of("Server with version", h("Server", "Apache/2.4.41 (Unix)"), PAGE, Set.of("DD-WEB-006 Server")),
        Arguments.of("X-Powered-By", h("X-Powered-By", "PHP/7.4.3"), PAGE, Set.of("DD-WEB-007 X-Powered-By")),
        Arguments.of("X-AspNet-Version", h("X-AspNet-Version", "4.0.30319"), PAGE,
            Set.of("DD-WEB-008 X-AspNet-Version")),
        Arguments.of("good cookie", h("Set-Cookie", "sid=abc123; Path=/; Secure; HttpOnly; SameSite=Lax"), PAGE,
            Set.of()),
        Arguments.of("cookie without Secure over http (informational)", h("Set-Cookie",
            "sid=abc123; Path=/; HttpOnly; SameSite=Lax"), PAGE, Set.of("DD-WEB-009 sid")),
        Arguments.of("leaky cookie", h("Set-Cookie", "sid=abc123; Path=/"), PAGE,
            Set.of("DD-WEB-009 sid", "DD-WEB-010 sid", "DD-WEB-011 sid")),
        Arguments.of("SameSite=None", h("Set-Cookie", "sid=abc123; Secure; HttpOnly; SameSite=None"), PAGE,
            Set.of("DD-WEB-011 sid")),
        Arguments.of("no X-XSS-Protection (informational)", h("X-XSS-Protection", null), PAGE,
            Set.of("DD-WEB-027 X-XSS-Protection")),
        Arguments.of("CORS wildcard", h("Access-Control-Allow-Origin", "*"), PAGE,
            Set.of("DD-WEB-012 Access-Control-Allow-Origin")),
        Arguments.of("no Referrer-Policy", h("Referrer-Policy", null), PAGE, Set.of("DD-WEB-015 Referrer-Policy")),
        Arguments.of("unsafe Referrer-Policy", h("Referrer-Policy", "unsafe-url"), PAGE,
            Set.of("DD-WEB-015 Referrer-Policy")),
        Arguments.of("no Permissions-Policy", h("Permissions-Policy", null), PAGE,
            Set.of("DD-WEB-016 Permissions-Policy")),
        Arguments.of("cross-origin script with SRI", h(), "<html><body><script src=\"https://cdn.example.com/x.js\""
            + " integrity=\"sha384-abc\" crossorigin=\"anonymous\"></script></body></html>", Set.of()),
        Arguments.of("cross-origin script without SRI", h(), "<html><body><script src=\"https://cdn.example.com/x.js\">"
            + "</script></body></html>", Set.of("DD-WEB-017 https://cdn.example.com/x.js")),
        Arguments.of("directory listing", h(), "<html><head><title>Index of /files</title></head><body></body></html>",
            Set.of("DD-WEB-019")),
        Arguments.of("stack trace", h(), "<html><body><pre>java.lang.NullPointerException\n\tat "
            + "com.example.shop.Cart.total(Cart.java:42)\n</pre></body></html>", Set.of("DD-WEB-020")),
        Arguments.of("debug page", h(), "<html><body>You're seeing this error because you have <code>DEBUG = True</code>"
            + " in your Django settings file.</body></html>", Set.of("DD-WEB-021")),
        Arguments.of("private IP", h(), "<html><body>upstream 10.0.3.7 answered</body></html>", Set.of("DD-WEB-022")),
        Arguments.of("version-like number is not an IP", h(), "<html><body>v10.0.3.7.1 and 1.10.0.3</body></html>",
            Set.of()),
        Arguments.of("session id in URL", h(), "<html><body><a href=\"/cart;jsessionid=0123456789ABCDEF\">cart</a>"
            + "</body></html>", Set.of("DD-WEB-023 jsessionid")),
        Arguments.of("form with CSRF token", h(), "<html><body><form method=\"post\" action=\"/buy\"><input type=\"hidden\""
            + " name=\"csrf_token\" value=\"x\"><input name=\"qty\"></form></body></html>", Set.of()),
        Arguments.of("form without CSRF token", h(), "<html><body><form id=\"buy\" method=\"post\" action=\"/buy\">"
            + "<input name=\"qty\"></form></body></html>", Set.of("DD-WEB-024 form#buy")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exactAlertSet(String name, Map<String, String> headers, String body, Set<String> expected) throws Exception {
    try (TestSite site = TestSite.http()) {
      site.html("/", body, headers);
      assertThat(scan(site, options(site))).as(name).isEqualTo(expected);
      assertThat(site.accessLog).allMatch(l -> l.startsWith("GET ") || l.startsWith("HEAD "));
    }
  }

  @Test
  void cacheControlIsCheckedOnAuthenticatedScansOnly() throws Exception {
    try (TestSite site = TestSite.http()) {
      site.html("/", PAGE, h());
      assertThat(scan(site, options(site))).isEmpty();
      WebOptions auth = options(site).withAuth(List.of(), List.of("session=s3cret"));
      assertThat(scan(site, auth)).containsExactly("DD-WEB-014 Cache-Control");
      site.html("/", PAGE, h("Cache-Control", "no-store"));
      assertThat(scan(site, auth)).isEmpty();
    }
  }

  @Test
  void corsReflectingAnyOriginWithCredentials() throws Exception {
    try (TestSite site = TestSite.http()) {
      site.route("/", ex -> {
        Map<String, String> hs = TestSite.goodHeaders();
        hs.put("Content-Type", "text/html");
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin != null) {
          hs.put("Access-Control-Allow-Origin", origin);
          hs.put("Access-Control-Allow-Credentials", "true");
        }
        TestSite.send(ex, 200, hs, PAGE);
      });
      assertThat(scan(site, options(site))).containsExactly("DD-WEB-013 Access-Control-Allow-Origin");
      site.route("/", ex -> {
        Map<String, String> hs = TestSite.goodHeaders();
        hs.put("Content-Type", "text/html");
        hs.put("Access-Control-Allow-Origin", "https://app.example.com");
        TestSite.send(ex, 200, hs, PAGE);
      });
      assertThat(scan(site, options(site))).isEmpty();
    }
  }

  @Test
  void rulesFileIgnoresAndSetsLevels(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path tsv = dir.resolve("rules.tsv");
    java.nio.file.Files.writeString(tsv, "# team rules\n10038\tFAIL\t(CSP Header Not Set)\n10021\tIGNORE\n"
        + "DD-WEB-016\tINFO\n10037\tOUTOFSCOPE\t.*/legacy/.*\n");
    try (TestSite site = TestSite.http()) {
      site.html("/", PAGE + "<a href=\"/legacy/x\">x</a>", h("Content-Security-Policy", null, "X-Content-Type-Options",
          null, "Permissions-Policy", null));
      site.html("/legacy/x", PAGE, h("X-Powered-By", "Express"));
      WebScanner.Outcome o = new WebScanner(options(site), RulesFile.load(tsv)).scan();
      Map<String, String> levels = new java.util.TreeMap<>();
      o.alerts().forEach(a -> levels.put(a.ruleId(), a.level()));
      assertThat(levels).isEqualTo(Map.of("DD-WEB-001", "FAIL", "DD-WEB-016", "INFO", "DD-WEB-028", "INFO"));
    }
  }

  @Test
  void badRulesFileNamesTheLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path tsv = dir.resolve("rules.tsv");
    java.nio.file.Files.writeString(tsv, "10038\tFAIL\n10021\tMAYBE\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RulesFile.load(tsv))
        .isInstanceOf(dev.drydock.model.DrydockException.class).hasMessageContaining("rules.tsv:2")
        .hasMessageContaining("MAYBE");
  }
}
