package dev.drydock.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP(S) server on loopback (the JDK's HttpServer) serving fixed responses, with an access log of every
 * request it received (method, path, Host header).
 */
final class TestSite implements AutoCloseable {
  /** Good security headers sent with every response unless a route overrides them. */
  static Map<String, String> goodHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Security-Policy", "default-src 'none'; script-src 'self'; object-src 'none'; base-uri 'none';"
        + " frame-ancestors 'none'");
    h.put("X-Frame-Options", "DENY");
    h.put("X-Content-Type-Options", "nosniff");
    h.put("Referrer-Policy", "no-referrer");
    h.put("Permissions-Policy", "camera=(), microphone=()");
    h.put("X-XSS-Protection", "0");
    return h;
  }

  interface Handler {
    void handle(HttpExchange ex) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-site");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Handler> routes = Collections.synchronizedMap(new LinkedHashMap<>());
  private Handler fallback = ex -> send(ex, 404, Map.of("Content-Type", "text/plain"), "not found");
  final List<String> accessLog = Collections.synchronizedList(new ArrayList<>());

  private TestSite(HttpServer server) {
    this.server = server;
    server.createContext("/", ex -> {
      accessLog.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " Host:" + ex.getRequestHeaders()
          .getFirst("Host"));
      try {
        Handler h = routes.get(ex.getRequestURI().getPath());
        (h == null ? fallback : h).handle(ex);
      } catch (IOException e) {
        // the client went away (a cut trickle): nothing to do
      } finally {
        ex.close();
      }
    });
    server.setExecutor(pool);
    server.start();
  }

  static TestSite http() throws IOException {
    return http(0);
  }

  /** On a given port of 127.0.0.1 (80 for the Observatory comparison: it scans only ports 80 and 443). */
  static TestSite http(int port) throws IOException {
    return new TestSite(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0));
  }

  /** Strong suites only (and one CBC suite so that TLS 1.0/1.1 can be negotiated when enabled). */
  static final String[] STRONG = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"};

  static TestSite https(SSLContext ssl, String... protocols) throws IOException {
    return httpsWith(ssl, STRONG, protocols);
  }

  /** {@code suites} null: every suite this JVM allows (the test JVM allows 3DES, see legacy-tls.security). */
  static TestSite httpsWith(SSLContext ssl, String[] suites, String... protocols) throws IOException {
    HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(ssl) {
      @Override
      public void configure(HttpsParameters params) {
        javax.net.ssl.SSLParameters p = ssl.getDefaultSSLParameters();
        if (protocols.length > 0) {
          p.setProtocols(protocols);
        }
        if (suites != null) {
          p.setCipherSuites(suites);
        }
        params.setSSLParameters(p);
      }
    });
    return new TestSite(s);
  }

  String url(String path) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Serves {@code body} at {@code path} with the good headers, {@code extra} replacing or adding (null value: removed). */
  TestSite page(String path, String contentType, String body, Map<String, String> extra) {
    Map<String, String> h = goodHeaders();
    h.put("Content-Type", contentType);
    extra.forEach((k, v) -> {
      if (v == null) {
        h.remove(k);
      } else {
        h.put(k, v);
      }
    });
    routes.put(path, ex -> send(ex, 200, h, body));
    return this;
  }

  TestSite html(String path, String body, Map<String, String> extra) {
    return page(path, "text/html; charset=utf-8", body, extra);
  }

  TestSite route(String path, Handler h) {
    routes.put(path, h);
    return this;
  }

  TestSite fallback(Handler h) {
    fallback = h;
    return this;
  }

  static void send(HttpExchange ex, int status, Map<String, String> headers, String body) throws IOException {
    send(ex, status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange ex, int status, Map<String, String> headers, byte[] body) throws IOException {
    headers.forEach((k, v) -> {
      if (k.equalsIgnoreCase("Set-Cookie")) {
        for (String c : v.split("\n")) {
          ex.getResponseHeaders().add(k, c);
        }
      } else {
        ex.getResponseHeaders().add(k, v);
      }
    });
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
