package dev.drydock.web;

import dev.drydock.model.Severity;
import dev.drydock.model.WebAlert;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS on an https target: whether the certificate is trusted for the host (default trust store, hostname checked),
 * whether it expires within 30 days, and whether the server accepts TLS 1.0 / 1.1 or weak cipher suites. The
 * protocol and suite probes send a hand-made ClientHello and read only the server's answer (ServerHello or alert),
 * so they need nothing from this JVM's TLS settings, which refuse those protocols itself.
 */
final class TlsChecks {
  private TlsChecks() {}

  record Result(List<WebAlert> alerts, List<String> errors, boolean trusted) {}

  static final int EXPIRY_DAYS = 30;

  static Result run(Origin origin, Deadline deadline, Duration timeout) {
    List<WebAlert> alerts = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String url = origin + "/";
    boolean trusted = true;
    // 1. the default trust store, with the hostname checked as a browser does
    try {
      handshake(origin, SSLContext.getDefault(), deadline, timeout);
    } catch (javax.net.ssl.SSLException e) {
      trusted = false;
      alerts.add(WebRules.TLS_CERT.alert(url, "certificate", rootCause(e)));
    } catch (IOException | java.security.GeneralSecurityException e) {
      errors.add(origin + ": TLS handshake failed: " + rootCause(e));
      return new Result(alerts, errors, true); // unreachable: the fetches will say so
    }
    // 2. the certificate itself, whatever its issuer
    try {
      Certificate[] chain = handshake(origin, trustAll(), deadline, timeout);
      if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (notAfter.isBefore(Instant.now().plus(EXPIRY_DAYS, ChronoUnit.DAYS))) {
          long days = ChronoUnit.DAYS.between(Instant.now(), notAfter);
          alerts.add(WebRules.TLS_EXPIRY.alert(url, "certificate", "notAfter " + notAfter
              + (days < 0 ? " (expired)" : " (" + days + " days)"), days < 0 ? Severity.HIGH : Severity.MEDIUM,
              days < 0 ? "Certificate expired" : WebRules.TLS_EXPIRY.title()));
        }
      }
    } catch (IOException e) {
      errors.add(origin + ": TLS handshake failed: " + rootCause(e));
    }
    // 3. legacy protocols and weak suites, by ClientHello
    for (int minor : new int[] {1, 2}) {
      try {
        Hello h = hello(origin, minor, LEGACY_SUITES, deadline, timeout);
        if (h.accepted()) {
          alerts.add(WebRules.TLS_OLD.alert(url, minor == 1 ? "TLSv1" : "TLSv1.1", "ServerHello "
              + (minor == 1 ? "TLSv1" : "TLSv1.1") + String.format(" suite 0x%04x", h.suite()), Severity.HIGH,
              (minor == 1 ? "TLS 1.0" : "TLS 1.1") + " accepted"));
        }
      } catch (IOException e) {
        errors.add(origin + ": TLS 1." + (minor - 1) + " probe: " + rootCause(e));
      }
    }
    try {
      Hello h = hello(origin, 3, WEAK_SUITES, deadline, timeout);
      if (h.accepted()) {
        alerts.add(WebRules.TLS_WEAK.alert(url, String.format("0x%04x", h.suite()),
            String.format("server chose suite 0x%04x from RC4/3DES/NULL/export/anonymous offers", h.suite())));
      }
    } catch (IOException e) {
      errors.add(origin + ": weak-suite probe: " + rootCause(e));
    }
    return new Result(alerts, errors, trusted);
  }

  private static Certificate[] handshake(Origin origin, SSLContext ctx, Deadline deadline, Duration timeout)
      throws IOException {
    int ms = millis(deadline, timeout);
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(origin.host(), origin.port()), ms);
      raw.setSoTimeout(ms);
      try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, origin.host(), origin.port(), false)) {
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (!origin.host().matches("[\\d.]+|.*:.*")) {
          p.setServerNames(List.of(new SNIHostName(origin.host())));
        }
        s.setSSLParameters(p);
        s.startHandshake();
        return s.getSession().getPeerCertificates();
      }
    }
  }

  private static int millis(Deadline deadline, Duration timeout) throws IOException {
    long left = Math.min(deadline.remaining().toMillis(), timeout.toMillis());
    if (left <= 0) {
      throw new IOException("max-duration reached");
    }
    return (int) Math.max(1, left);
  }

  /** A trust manager that checks nothing: only to read a certificate already reported as untrusted. */
  static SSLContext trustAll() {
    try {
      SSLContext c = SSLContext.getInstance("TLS");
      c.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
        @Override public void checkClientTrusted(X509Certificate[] chain, String a, Socket s) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String a, Socket s) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String a, SSLEngine e) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String a, SSLEngine e) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String a) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String a) { }
        @Override public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, new SecureRandom());
      return c;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // suites a TLS 1.0/1.1 server commonly offers (CBC with ECDHE or RSA key exchange, 3DES)
  static final int[] LEGACY_SUITES = {0xc013, 0xc014, 0xc009, 0xc00a, 0x002f, 0x0035, 0x0033, 0x0039, 0x000a,
      0xc012};
  // RC4, 3DES, NULL, export and anonymous suites
  static final int[] WEAK_SUITES = {0x0004, 0x0005, 0xc011, 0xc007, 0x000a, 0xc012, 0xc008, 0x0016, 0x0001,
      0x0002, 0x003b, 0xc010, 0xc006, 0x0003, 0x0006, 0x0008, 0x0014, 0x0018, 0x001b, 0x0034, 0xc018, 0xc017};

  record Hello(boolean accepted, int suite) {}

  /** Sends a ClientHello of TLS 1.{minor-1} offering {@code suites}; whether a ServerHello of that version came back. */
  static Hello hello(Origin origin, int minor, int[] suites, Deadline deadline, Duration timeout) throws IOException {
    int ms = millis(deadline, timeout);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(origin.host(), origin.port()), ms);
      s.setSoTimeout(ms);
      OutputStream out = s.getOutputStream();
      out.write(clientHello(origin.host(), minor, suites));
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      int type;
      byte[] head = new byte[5];
      try {
        in.readFully(head);
      } catch (EOFException | java.net.SocketException e) {
        return new Hello(false, 0); // closed: refused
      }
      type = head[0] & 0xff;
      int len = ((head[3] & 0xff) << 8) | (head[4] & 0xff);
      if (type != 0x16 || len < 6 || len > 1 << 15) {
        return new Hello(false, 0); // an alert (0x15) or anything else: refused
      }
      byte[] body = new byte[len];
      in.readFully(body);
      if ((body[0] & 0xff) != 0x02) {
        return new Hello(false, 0);
      }
      int major = body[4] & 0xff;
      int got = body[5] & 0xff;
      int sidLen = body[38] & 0xff;
      int suite = ((body[39 + sidLen] & 0xff) << 8) | (body[40 + sidLen] & 0xff);
      return new Hello(major == 3 && got == minor, suite);
    }
  }

  static byte[] clientHello(String host, int minor, int[] suites) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(3);
    b.write(minor);
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    b.writeBytes(random);
    b.write(0); // no session id
    u16(b, suites.length * 2);
    for (int s : suites) {
      u16(b, s);
    }
    b.write(1);
    b.write(0); // null compression
    ByteArrayOutputStream ext = new ByteArrayOutputStream();
    if (!host.matches("[\\d.]+|.*:.*")) {
      byte[] name = host.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      u16(ext, 0x0000);
      u16(ext, name.length + 5);
      u16(ext, name.length + 3);
      ext.write(0);
      u16(ext, name.length);
      ext.writeBytes(name);
    }
    u16(ext, 0x000a); // supported groups: secp256r1, secp384r1
    u16(ext, 6);
    u16(ext, 4);
    u16(ext, 0x0017);
    u16(ext, 0x0018);
    u16(ext, 0x000b); // EC point formats: uncompressed
    u16(ext, 2);
    ext.write(1);
    ext.write(0);
    if (minor == 3) {
      u16(ext, 0x000d); // signature algorithms (TLS 1.2)
      int[] algs = {0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0201, 0x0203};
      u16(ext, algs.length * 2 + 2);
      u16(ext, algs.length * 2);
      for (int a : algs) {
        u16(ext, a);
      }
    }
    u16(b, ext.size());
    b.writeBytes(ext.toByteArray());
    byte[] hello = b.toByteArray();
    ByteArrayOutputStream rec = new ByteArrayOutputStream();
    rec.write(0x16);
    rec.write(3);
    rec.write(1);
    u16(rec, hello.length + 4);
    rec.write(0x01);
    rec.write((hello.length >> 16) & 0xff);
    u16(rec, hello.length & 0xffff);
    rec.writeBytes(hello);
    return rec.toByteArray();
  }

  private static void u16(ByteArrayOutputStream b, int v) {
    b.write((v >> 8) & 0xff);
    b.write(v & 0xff);
  }

  static String rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    return WebRules.oneLine(m);
  }
}
