package dev.drydock.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.WebAlert;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and the https-only rules against a real HttpsServer on loopback, with certificates made by the JDK's keytool
 * for each test (self-signed: always reported as untrusted; the scan goes on).
 */
class TlsChecksTest {
  @TempDir Path dir;

  /** A self-signed certificate for 127.0.0.1 valid {@code days} days, in a PKCS12 key store. */
  SSLContext selfSigned(int days, String san) throws Exception {
    Path ks = dir.resolve("ks-" + days + "-" + san.replace(':', '_') + ".p12");
    Files.deleteIfExists(ks);
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "site", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=drydock-test", "-ext", "SAN=" + san, "-validity", String.valueOf(days), "-keystore",
        ks.toString(), "-storepass", "changeit", "-storetype", "PKCS12").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  static Set<String> ids(WebScanner.Outcome o) {
    Set<String> got = new TreeSet<>();
    for (WebAlert a : o.alerts()) {
      got.add(a.ruleId() + (a.param() == null ? "" : " " + a.param()));
    }
    return got;
  }

  static WebScanner.Outcome scan(TestSite site) {
    return new WebScanner(WebOptions.of(site.url("/")).withProbes(false).withMaxDuration(Duration.ofSeconds(20)),
        null).scan();
  }

  static final String HSTS = "max-age=31536000; includeSubDomains";

  @Test
  void httpsRulesGoodAndBad() throws Exception {
    SSLContext ctx = selfSigned(365, "ip:127.0.0.1");
    try (TestSite site = TestSite.https(ctx, "TLSv1.2", "TLSv1.3")) {
      site.html("/", PassiveRulesTest.PAGE, Map.of("Strict-Transport-Security", HSTS,
          "Set-Cookie", "sid=1; Secure; HttpOnly; SameSite=Strict"));
      // self-signed: untrusted, reported once; nothing else is wrong
      assertThat(ids(scan(site))).isEqualTo(Set.of("DD-WEB-051 certificate"));
      site.html("/", PassiveRulesTest.PAGE, Map.of());
      assertThat(ids(scan(site))).isEqualTo(Set.of("DD-WEB-051 certificate", "DD-WEB-005 Strict-Transport-Security"));
      site.html("/", PassiveRulesTest.PAGE, Map.of("Strict-Transport-Security", "max-age=600; includeSubDomains"));
      assertThat(ids(scan(site))).isEqualTo(Set.of("DD-WEB-051 certificate", "DD-WEB-005 max-age"));
      site.html("/", PassiveRulesTest.PAGE, Map.of("Strict-Transport-Security", "max-age=31536000"));
      assertThat(ids(scan(site))).isEqualTo(Set.of("DD-WEB-051 certificate", "DD-WEB-005 includeSubDomains"));
      site.html("/", PassiveRulesTest.PAGE, Map.of("Strict-Transport-Security", HSTS, "Set-Cookie", "sid=1; HttpOnly;"
          + " SameSite=Strict"));
      assertThat(ids(scan(site))).isEqualTo(Set.of("DD-WEB-051 certificate", "DD-WEB-009 sid"));
      site.html("/", "<html><body><img src=\"http://127.0.0.1:1/x.png\"></body></html>",
          Map.of("Strict-Transport-Security", HSTS));
      assertThat(ids(scan(site))).isEqualTo(Set.of("DD-WEB-051 certificate", "DD-WEB-018"));
      site.html("/", "<html><body><form id=\"login\" action=\"http://127.0.0.1:1/login\"></form></body></html>",
          Map.of("Strict-Transport-Security", HSTS));
      assertThat(ids(scan(site))).isEqualTo(Set.of("DD-WEB-051 certificate", "DD-WEB-025 form#login"));
      assertThat(site.accessLog).allMatch(l -> l.startsWith("GET ") || l.startsWith("HEAD "));
    }
  }

  @Test
  void certificateExpiringWithin30DaysAndHostnameMismatch() throws Exception {
    try (TestSite site = TestSite.https(selfSigned(10, "dns:other.example"), "TLSv1.2")) {
      site.html("/", PassiveRulesTest.PAGE, Map.of("Strict-Transport-Security", HSTS));
      WebScanner.Outcome o = scan(site);
      assertThat(ids(o)).isEqualTo(Set.of("DD-WEB-051 certificate", "DD-WEB-052 certificate"));
      assertThat(o.scan().pages()).isEqualTo(1); // reported, and the page was still judged
    }
  }

  @Test
  void tls10IsFlaggedAndTls12OnlyIsNot() throws Exception {
    SSLContext ctx = selfSigned(365, "ip:127.0.0.1");
    try (TestSite legacy = TestSite.https(ctx, "TLSv1", "TLSv1.2")) {
      legacy.html("/", PassiveRulesTest.PAGE, Map.of("Strict-Transport-Security", HSTS));
      assertThat(ids(scan(legacy))).isEqualTo(Set.of("DD-WEB-051 certificate", "DD-WEB-050 TLSv1"));
    }
    try (TestSite legacy11 = TestSite.https(ctx, "TLSv1.1", "TLSv1.2")) {
      legacy11.html("/", PassiveRulesTest.PAGE, Map.of("Strict-Transport-Security", HSTS));
      assertThat(ids(scan(legacy11))).isEqualTo(Set.of("DD-WEB-051 certificate", "DD-WEB-050 TLSv1.1"));
    }
  }

  @Test
  void weakSuiteIsFlagged() throws Exception {
    try (TestSite weak = TestSite.httpsWith(selfSigned(365, "ip:127.0.0.1"), null, "TLSv1.2")) {
      weak.html("/", PassiveRulesTest.PAGE, Map.of("Strict-Transport-Security", HSTS));
      WebScanner.Outcome o = scan(weak);
      assertThat(ids(o)).containsExactlyInAnyOrder("DD-WEB-051 certificate", "DD-WEB-053 0xc012");
    }
  }

  @Test
  void clientHelloIsWellFormed() {
    byte[] h = TlsChecks.clientHello("example.com", 1, TlsChecks.LEGACY_SUITES);
    assertThat(h[0]).isEqualTo((byte) 0x16);
    int len = ((h[3] & 0xff) << 8) | (h[4] & 0xff);
    assertThat(len).isEqualTo(h.length - 5);
    assertThat(h[5]).isEqualTo((byte) 0x01);
    assertThat(List.of(h[9], h[10])).containsExactly((byte) 3, (byte) 1);
  }
}
