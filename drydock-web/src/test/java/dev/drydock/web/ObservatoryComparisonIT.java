package dev.drydock.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.WebScan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Side by side with the real MDN HTTP Observatory CLI ({@code @mdn/mdn-http-observatory} 1.4.8, installed by
 * .ci/run with {@code npm install --ignore-scripts}): the same page served on 127.0.0.1:80 (the Observatory scans
 * only ports 80 and 443, so this runs as root) under many header and cookie configurations; drydock's score, grade
 * and every test's result must equal the Observatory's. Fails (does not skip) when the CLI or root is missing.
 */
class ObservatoryComparisonIT {
  static final Path DIR = Path.of(System.getenv().getOrDefault("DRYDOCK_OBSERVATORY_DIR",
      "/tmp/drydock-observatory"));
  static final Path CLI = DIR.resolve("node_modules/.bin/mdn-http-observatory-scan");

  static final String PAGE = "<!doctype html><html><head><title>t</title></head><body><p>hi</p></body></html>";
  static final String GOOD_CSP = "default-src 'none'; script-src 'self'; object-src 'none'; frame-ancestors 'none'";

  static Map<String, String> h(String... kv) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("bare page", h(), PAGE),
        Arguments.of("good headers", h("Content-Security-Policy", GOOD_CSP, "X-Frame-Options", "DENY",
            "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer"), PAGE),
        Arguments.of("CSP unsafe-inline", h("Content-Security-Policy", "default-src 'self'; script-src 'self'"
            + " 'unsafe-inline'"), PAGE),
        Arguments.of("CSP unsafe-eval", h("Content-Security-Policy", "default-src 'self'; script-src 'self'"
            + " 'unsafe-eval'"), PAGE),
        Arguments.of("CSP unsafe-inline styles only", h("Content-Security-Policy", "default-src 'self'; style-src"
            + " 'self' 'unsafe-inline'"), PAGE),
        Arguments.of("CSP duplicate directive", h("Content-Security-Policy", "default-src 'self'; default-src 'none'"),
            PAGE),
        Arguments.of("CSP report-only", h("Content-Security-Policy-Report-Only", "default-src 'self'"), PAGE),
        Arguments.of("CSP wildcard objects", h("Content-Security-Policy", "default-src 'self'; object-src *"), PAGE),
        Arguments.of("CSP nonce with unsafe-inline", h("Content-Security-Policy", "default-src 'self'; script-src"
            + " 'nonce-abc123' 'unsafe-inline'"), PAGE),
        Arguments.of("frame-ancestors without X-Frame-Options", h("Content-Security-Policy",
            "default-src 'self'; frame-ancestors 'self'"), PAGE),
        Arguments.of("bad X-Frame-Options and X-Content-Type-Options", h("X-Frame-Options", "ALLOWALL",
            "X-Content-Type-Options", "sniff"), PAGE),
        Arguments.of("unsafe Referrer-Policy", h("Referrer-Policy", "unsafe-url"), PAGE),
        Arguments.of("invalid Referrer-Policy", h("Referrer-Policy", "everywhere"), PAGE),
        Arguments.of("Referrer-Policy list", h("Referrer-Policy", "unsafe-url, strict-origin-when-cross-origin"), PAGE),
        Arguments.of("session cookie without flags", h("Set-Cookie", "sessionid=abc"), PAGE),
        Arguments.of("session cookie HttpOnly only", h("Set-Cookie", "sessionid=abc; HttpOnly"), PAGE),
        Arguments.of("anti-CSRF cookie without SameSite", h("Set-Cookie", "csrftoken=abc; Secure; HttpOnly"), PAGE),
        Arguments.of("cookie with invalid SameSite", h("Set-Cookie", "pref=1; Secure; SameSite=Sometimes"), PAGE),
        Arguments.of("good cookie", h("Set-Cookie", "pref=1; Secure; HttpOnly; SameSite=Lax"), PAGE),
        Arguments.of("CORS wildcard", h("Access-Control-Allow-Origin", "*"), PAGE),
        Arguments.of("CORP same-origin", h("Cross-Origin-Resource-Policy", "same-origin"), PAGE),
        Arguments.of("CORP invalid", h("Cross-Origin-Resource-Policy", "nobody"), PAGE),
        Arguments.of("external script over http without SRI", h(),
            "<html><body><script src=\"http://cdn.example.com/lib.js\"></script></body></html>"),
        Arguments.of("external script over https without SRI", h(),
            "<html><body><script src=\"https://cdn.example.com/lib.js\"></script></body></html>"),
        Arguments.of("external script with SRI", h(), "<html><body><script src=\"https://cdn.example.com/lib.js\""
            + " integrity=\"sha384-abc\" crossorigin=\"anonymous\"></script></body></html>"),
        Arguments.of("same-origin scripts only", h(), "<html><body><script src=\"/app.js\"></script></body></html>"),
        Arguments.of("not HTML", h("Content-Type", "application/json"), "{\"ok\":true}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void drydockScoresAsTheObservatory(String name, Map<String, String> headers, String body) throws Exception {
    assertThat(Files.isExecutable(CLI)).as("the Observatory CLI must be installed at " + CLI
        + " (.ci/run: npm install --ignore-scripts @mdn/mdn-http-observatory@1.4.8)").isTrue();
    assertThat(new com.sun.security.auth.module.UnixSystem().getUid()).as("serving on port 80 needs root").isZero();
    try (TestSite site = TestSite.http(80)) {
      Map<String, String> all = new TreeMap<>(headers);
      String contentType = all.remove("Content-Type");
      site.fallback(ex -> TestSite.send(ex, 404, Map.of("Content-Type", "text/plain"), "not found"));
      site.route("/", ex -> {
        Map<String, String> hs = new TreeMap<>(all);
        hs.put("Content-Type", contentType == null ? "text/html; charset=utf-8" : contentType);
        TestSite.send(ex, 200, hs, body);
      });
      WebScan mine = new WebScanner(WebOptions.of("http://127.0.0.1/").withProbes(false)
          .withMaxDuration(Duration.ofSeconds(20)), null).scan().scan();

      Process p = new ProcessBuilder(CLI.toString(), "127.0.0.1").redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      byte[] out = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      JsonNode theirs = new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
      assertThat(theirs.has("scan")).as(new String(out, StandardCharsets.UTF_8)).isTrue();

      Map<String, String> theirTests = new TreeMap<>();
      theirs.path("tests").fields().forEachRemaining(e -> theirTests.put(e.getKey(),
          e.getValue().path("result").asText()));
      Map<String, String> myTests = new TreeMap<>();
      for (String t : mine.scoreTests()) {
        String[] kv = t.split(": ", 2);
        myTests.put(kv[0], kv[1].replaceAll(" \\([+-]?\\d+\\)$", ""));
      }
      assertThat(myTests).as(name).isEqualTo(theirTests);
      assertThat(mine.score()).as(name).isEqualTo(theirs.path("scan").path("score").asInt());
      assertThat(mine.grade()).as(name).isEqualTo(theirs.path("scan").path("grade").asText());
    }
  }
}
