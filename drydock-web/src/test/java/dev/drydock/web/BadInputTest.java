package dev.drydock.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input from the target: each is reported, the scan goes on where it can, never runs past --max-duration and
 * never asks another origin.
 */
class BadInputTest {
  static final String PAGE = PassiveRulesTest.PAGE;

  static WebOptions opts(String url, int seconds) {
    return WebOptions.of(url).withProbes(false).withMaxDuration(Duration.ofSeconds(seconds));
  }

  @Test
  void unreachableHostIsReportedQuickly() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    WebScanner.Outcome o = new WebScanner(opts("http://127.0.0.1:" + port + "/", 10), null).scan();
    assertThat(o.reachable()).isFalse();
    assertThat(o.warnings()).anyMatch(w -> w.contains("unreachable"));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void redirectLoopAndOffOriginRedirectAreReportedNotFollowed() throws Exception {
    try (TestSite site = TestSite.http()) {
      site.html("/", PAGE + "<a href=\"/a\">a</a><a href=\"/away\">away</a>", Map.of());
      site.route("/a", ex -> TestSite.send(ex, 302, Map.of("Location", "/b"), ""));
      site.route("/b", ex -> TestSite.send(ex, 302, Map.of("Location", "/a"), ""));
      site.route("/away", ex -> TestSite.send(ex, 302, Map.of("Location", "http://other.invalid/steal"), ""));
      WebScanner.Outcome o = new WebScanner(opts(site.url("/"), 20), null).scan();
      assertThat(o.warnings()).anyMatch(w -> w.contains("redirect loop"))
          .anyMatch(w -> w.contains("another origin, not followed: http://other.invalid/steal"));
      assertThat(o.requestLog()).allMatch(l -> l.startsWith("GET " + site.url("/")) || l.startsWith("HEAD "
          + site.url("/")));
      assertThat(site.accessLog).allMatch(l -> l.endsWith("Host:127.0.0.1:" + site.port()));
    }
  }

  @Test
  void tenMegabyteResponseIsCutAtTheBodyLimit() throws Exception {
    byte[] big = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    try (TestSite site = TestSite.http()) {
      site.html("/", PAGE + "<a href=\"/big\">big</a><a href=\"/next\">next</a>", Map.of());
      site.route("/big", ex -> TestSite.send(ex, 200, PassiveRulesTest.h("Content-Type", "text/html",
          "X-Content-Type-Options", "nosniff"), big));
      site.html("/next", PAGE, Map.of("X-Powered-By", "Express"));
      WebScanner.Outcome o = new WebScanner(opts(site.url("/"), 20).withMaxBody(256 * 1024), null).scan();
      assertThat(o.warnings()).anyMatch(w -> w.contains("/big: body larger than 262144 bytes"));
      assertThat(o.alerts()).anyMatch(a -> a.ruleId().equals("DD-WEB-007")); // the scan went on to /next
    }
  }

  @Test
  void nonHtmlAndInvalidUtf8AreReadAndReported() throws Exception {
    try (TestSite site = TestSite.http()) {
      site.html("/", PAGE + "<a href=\"/img\">i</a><a href=\"/latin\">l</a>", Map.of());
      site.route("/img", ex -> TestSite.send(ex, 200, Map.of("Content-Type", "image/png", "X-Content-Type-Options",
          "nosniff"), new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, (byte) 0xfe}));
      site.route("/latin", ex -> TestSite.send(ex, 200, TestSite.goodHeaders().entrySet().stream().collect(
          java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
              () -> new java.util.HashMap<>(Map.of("Content-Type", "text/html")))),
          "<html><body>caf\u00e9 10.1.2.3</body></html>".getBytes(StandardCharsets.ISO_8859_1)));
      WebScanner.Outcome o = new WebScanner(opts(site.url("/"), 20), null).scan();
      assertThat(o.warnings()).anyMatch(w -> w.contains("/latin: body is not valid UTF-8"));
      assertThat(PassiveRulesTest.ids(o)).containsExactly("DD-WEB-022");
      assertThat(o.scan().pages()).isEqualTo(3);
    }
  }

  /** A raw server: {@code script} is written to every connection (a byte at a time when {@code trickle}). */
  static final class RawServer implements AutoCloseable {
    final ServerSocket socket;
    final Thread thread;

    RawServer(byte[] script, boolean trickle) throws Exception {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      thread = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            Socket c = socket.accept();
            Thread w = new Thread(() -> {
              try (c; OutputStream out = c.getOutputStream()) {
                c.getInputStream().read(new byte[8192]);
                if (trickle) {
                  for (byte b : script) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(1000);
                  }
                } else {
                  out.write(script);
                  out.flush();
                  Thread.sleep(200);
                }
              } catch (Exception e) {
                // the client gave up: expected
              }
            });
            w.setDaemon(true);
            w.start();
          } catch (Exception e) {
            return;
          }
        }
      });
      thread.setDaemon(true);
      thread.start();
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }

    @Override
    public void close() throws Exception {
      socket.close();
    }
  }

  @Test
  void aServerTricklingOneByteASecondNeverHoldsTheScanPastMaxDuration() throws Exception {
    byte[] slow = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(1000))
        .getBytes(StandardCharsets.US_ASCII);
    try (RawServer s = new RawServer(slow, true)) {
      long t0 = System.nanoTime();
      WebOptions o = WebOptions.of(s.url()).withMaxDuration(Duration.ofSeconds(4));
      WebScanner.Outcome out = new WebScanner(o, null).scan();
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertThat(took).isLessThan(Duration.ofMillis(4500));
      assertThat(out.warnings()).anyMatch(w -> w.contains("no complete response") || w.contains("timed out")
          || w.contains("max-duration"));
    }
  }

  @Test
  void malformedHeadersAreReported() throws Exception {
    byte[] bad = "HTTP/1.1 200 OK\r\nContent-Type text/html\r\n\u0001bad header\r\nContent-Length: 2\r\n\r\nhi"
        .getBytes(StandardCharsets.ISO_8859_1);
    try (RawServer s = new RawServer(bad, false)) {
      WebScanner.Outcome out = new WebScanner(opts(s.url(), 10), null).scan();
      // the HTTP client drops header lines without a colon (as browsers do): the page is judged without them, so
      // its Content-Type is missing, which is reported; the scan went on
      assertThat(out.reachable()).isTrue();
      assertThat(PassiveRulesTest.ids(out)).containsExactlyInAnyOrder("DD-WEB-004 X-Content-Type-Options",
          "DD-WEB-026 Content-Type");
    }
  }

  @Test
  void badOptionsAreBadInput() {
    assertThatThrownBy(() -> WebOptions.parseDuration("soon")).isInstanceOf(DrydockException.class)
        .hasMessageContaining("--max-duration");
    assertThatThrownBy(() -> WebOptions.Header.parse("NoColon")).isInstanceOf(DrydockException.class);
    assertThatThrownBy(() -> Origin.of("ftp://example.com/")).isInstanceOf(DrydockException.class);
    assertThatThrownBy(() -> Origin.of("/relative")).isInstanceOf(DrydockException.class);
    assertThat(WebOptions.parseDuration("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(WebOptions.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
  }
}
