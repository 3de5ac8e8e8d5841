package dev.drydock.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A 200-page local site: covered within --max-duration, and the server saw only same-origin GET/HEAD. */
class SpiderCoverageTest {

  @Test
  void twoHundredPagesWithinMaxDurationSameOriginGetHeadOnly() throws Exception {
    try (TestSite site = TestSite.http()) {
      StringBuilder index = new StringBuilder("<html><body>");
      for (int i = 0; i < 200; i++) {
        int section = i / 20;
        if (i % 20 == 0) {
          index.append("<a href=\"/s/").append(section).append("/\">section</a>");
          StringBuilder s = new StringBuilder("<html><body>");
          for (int j = section * 20; j < section * 20 + 20; j++) {
            s.append("<a href=\"/p/").append(j).append("\">p</a>");
          }
          s.append("<a href=\"https://elsewhere.example/x\">off-site</a>");
          s.append("<form method=\"post\" action=\"/login\"><input name=\"csrf_token\"></form>");
          site.html("/s/" + section + "/", s.append("</body></html>").toString(), Map.of());
        }
        site.html("/p/" + i, "<html><body>page " + i + " <a href=\"/\">home</a>"
            + "<a href=\"//cdn.elsewhere.example/lib.js\">cdn</a><img src=\"http://other.example/i.png\"></body></html>",
            Map.of());
      }
      index.append("</body></html>");
      site.html("/", index.toString(), Map.of());
      site.page("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\nSitemap: /extra-sitemap.xml\n",
          Map.of());
      site.page("/sitemap.xml", "application/xml", "<?xml version=\"1.0\"?><urlset><url><loc>" + site.url("/hidden")
          + "</loc></url><url><loc>https://elsewhere.example/</loc></url></urlset>", Map.of());
      site.html("/hidden", "<html><body>hidden</body></html>", Map.of());
      site.html("/private/", "<html><body>private</body></html>", Map.of());

      WebOptions o = WebOptions.of(site.url("/")).withMaxDuration(Duration.ofSeconds(30));
      long t0 = System.nanoTime();
      WebScanner.Outcome out = new WebScanner(o, null).scan();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(31));

      assertThat(out.scan().complete()).isTrue();
      Set<String> paths = new TreeSet<>();
      for (String l : site.accessLog) {
        String[] parts = l.split(" ");
        assertThat(parts[0]).isIn("GET", "HEAD");
        assertThat(parts[2]).isEqualTo("Host:127.0.0.1:" + site.port());
        paths.add(parts[1]);
      }
      for (int i = 0; i < 200; i++) {
        assertThat(paths).contains("/p/" + i);
      }
      assertThat(paths).contains("/hidden", "/private/", "/robots.txt", "/sitemap.xml");
      assertThat(paths).doesNotContain("/login"); // a POST form is never submitted nor fetched
      assertThat(out.scan().pages()).isGreaterThanOrEqualTo(200);
      assertThat(out.requestLog()).allMatch(l -> l.startsWith("GET " + site.url("")) || l.startsWith("HEAD "
          + site.url("")));
    }
  }

  @Test
  void maxPagesStopsTheSpiderAndSaysSo() throws Exception {
    try (TestSite site = TestSite.http()) {
      StringBuilder index = new StringBuilder("<html><body>");
      for (int i = 0; i < 30; i++) {
        index.append("<a href=\"/p/").append(i).append("\">p</a>");
        site.html("/p/" + i, "<html><body>p</body></html>", Map.of());
      }
      site.html("/", index.append("</body></html>").toString(), Map.of());
      WebScanner.Outcome out = new WebScanner(WebOptions.of(site.url("/")).withProbes(false).withLimits(10, 5), null)
          .scan();
      assertThat(out.scan().complete()).isFalse();
      assertThat(out.scan().stoppedBy()).isEqualTo("max-pages");
      assertThat(out.scan().pages()).isEqualTo(10);
    }
  }
}
