package dev.drydock.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Severity;
import dev.drydock.model.WebAlert;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exposed consoles and files, against fake services that answer as the real ones do. */
class ConsolesTest {
  static final String PAGE = PassiveRulesTest.PAGE;

  static WebScanner.Outcome scan(TestSite site) {
    return new WebScanner(WebOptions.of(site.url("/")).withMaxDuration(Duration.ofSeconds(20)), null).scan();
  }

  static Set<String> ids(WebScanner.Outcome o) {
    return PassiveRulesTest.ids(o);
  }

  /** A Jenkins controller with security off: its headers on every page, anonymous /script and friends. */
  static TestSite jenkins(boolean securityOn) throws Exception {
    TestSite site = TestSite.http();
    Map<String, String> jh = Map.of("X-Jenkins", "2.440.3", "X-Hudson", "1.395", "X-Jenkins-Session", "3f2a7c1e");
    site.html("/", "<html><head><title>Dashboard [Jenkins]</title></head><body><a href=\"/job/build/\">build</a>"
        + "</body></html>", jh);
    site.html("/job/build/", PAGE, jh);
    if (securityOn) {
      site.fallback(ex -> TestSite.send(ex, 403, Map.of("Content-Type", "text/html", "X-Jenkins", "2.440.3",
          "X-Content-Type-Options", "nosniff"), "<html><body>Authentication required</body></html>"));
    } else {
      site.html("/script", "<html><head><title>Script Console [Jenkins]</title></head><body><h1>Script Console</h1>"
          + "<form><textarea name=\"script\"></textarea></form></body></html>", jh);
      site.html("/manage", "<html><head><title>Manage Jenkins [Jenkins]</title></head><body>Manage Jenkins"
          + "</body></html>", jh);
      site.html("/asynchPeople/", "<html><head><title>People [Jenkins]</title></head><body>People</body></html>", jh);
      site.page("/api/json", "application/json", "{\"_class\":\"hudson.model.Hudson\",\"jobs\":[{\"name\":\"build\"}]}",
          jh);
    }
    return site;
  }

  @Test
  void anonymousJenkinsIsCritical() throws Exception {
    try (TestSite site = jenkins(false)) {
      WebScanner.Outcome o = scan(site);
      assertThat(ids(o)).isEqualTo(Set.of("DD-WEB-049 X-Jenkins", "DD-WEB-040 /script", "DD-WEB-040 /manage",
          "DD-WEB-040 /asynchPeople/", "DD-WEB-040 /api/json"));
      assertThat(o.alerts()).filteredOn(a -> "/script".equals(a.param())).extracting(WebAlert::severity)
          .containsExactly(Severity.CRITICAL);
      assertThat(site.accessLog).allMatch(l -> l.startsWith("GET ") || l.startsWith("HEAD "));
    }
  }

  @Test
  void securedJenkinsIsOnlyIdentified() throws Exception {
    try (TestSite site = jenkins(true)) {
      assertThat(ids(scan(site))).isEqualTo(Set.of("DD-WEB-049 X-Jenkins"));
    }
  }

  @Test
  void exposedServicesAndFiles() throws Exception {
    try (TestSite site = TestSite.http()) {
      site.html("/", PAGE, Map.of());
      site.page("/version", "application/json", "{\"Platform\":{\"Name\":\"Docker Engine - Community\"},"
          + "\"Version\":\"24.0.7\",\"ApiVersion\":\"1.43\",\"Os\":\"linux\"}", Map.of());
      site.page("/containers/json", "application/json", "[{\"Id\":\"8dfafdbc3a40\",\"Image\":\"nginx\"}]", Map.of());
      site.page("/api/v1/namespaces", "application/json", "{\"kind\":\"NamespaceList\",\"items\":[]}", Map.of());
      site.page("/actuator/env", "application/vnd.spring-boot.actuator.v3+json",
          "{\"activeProfiles\":[],\"propertySources\":[]}", Map.of());
      site.page("/actuator/heapdump", "application/octet-stream", "JAVA PROFILE 1.0.2", Map.of());
      site.page("/.git/HEAD", "text/plain", "ref: refs/heads/main\n", Map.of());
      site.page("/.env", "text/plain", "DB_PASSWORD=hunter2\nexport API_KEY=abc\n", Map.of());
      site.route("/.DS_Store", ex -> TestSite.send(ex, 200, Map.of("Content-Type", "application/octet-stream",
          "X-Content-Type-Options", "nosniff"), new byte[] {0, 0, 0, 1, 'B', 'u', 'd', '1', 0, 0}));
      site.html("/phpinfo.php", "<html><head><title>PHP 8.2.7 - phpinfo()</title></head><body>phpinfo()"
          + "</body></html>", Map.of());
      site.page("/api/v1/status/config", "application/json", "{\"status\":\"success\",\"data\":{\"yaml\":\"global:\"}}",
          Map.of());
      site.page("/api/admin/settings", "application/json", "{\"security\":{\"admin_user\":\"admin\"}}", Map.of());
      WebScanner.Outcome o = scan(site);
      assertThat(ids(o)).isEqualTo(Set.of("DD-WEB-041 /version", "DD-WEB-041 /containers/json",
          "DD-WEB-042 /api/v1/namespaces", "DD-WEB-043 /actuator/env", "DD-WEB-043 /actuator/heapdump",
          "DD-WEB-044 /.git/HEAD", "DD-WEB-045 /.env", "DD-WEB-046 /.DS_Store", "DD-WEB-047 /phpinfo.php",
          "DD-WEB-048 /api/v1/status/config", "DD-WEB-048 /api/admin/settings"));
      // the heap dump is asked for with HEAD only, never downloaded
      assertThat(site.accessLog).anyMatch(l -> l.startsWith("HEAD /actuator/heapdump"))
          .noneMatch(l -> l.startsWith("GET /actuator/heapdump"));
    }
  }

  @Test
  void aSiteAnsweringEveryPathRaisesNoConsole() throws Exception {
    try (TestSite site = TestSite.http()) {
      site.html("/", PAGE, Map.of());
      site.fallback(ex -> TestSite.send(ex, 200, withGood("text/html"), PAGE)); // a single-page app
      assertThat(ids(scan(site))).isEmpty();
    }
  }

  static Map<String, String> withGood(String contentType) {
    Map<String, String> h = TestSite.goodHeaders();
    h.put("Content-Type", contentType);
    return h;
  }
}
