package dev.drydock.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of a real registry that produces the faults a real registry does not: the first
 * {@code tooMany} requests answered 429 with {@code Retry-After: 1}, and one blob answered with the bytes of
 * another (a blob whose content does not match its digest).
 */
final class FaultProxy implements AutoCloseable {
  final HttpServer server;
  final AtomicInteger requests = new AtomicInteger();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String upstream;
  volatile int tooMany;
  volatile String corruptBlob;
  volatile String servedInstead;
  /** Manifests answered with one byte more than the registry sent (and its Docker-Content-Digest). */
  volatile boolean alterManifests;

  FaultProxy(String upstreamHost) throws IOException {
    this.upstream = "http://" + upstreamHost;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      int n = requests.incrementAndGet();
      if (n <= tooMany) {
        ex.getResponseHeaders().set("Retry-After", "1");
        ex.sendResponseHeaders(429, -1);
        return;
      }
      String path = ex.getRequestURI().getRawPath();
      if (corruptBlob != null && path.endsWith("/blobs/" + corruptBlob)) {
        path = path.substring(0, path.length() - corruptBlob.length()) + servedInstead;
      }
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + path));
      String accept = ex.getRequestHeaders().getFirst("Accept");
      if (accept != null) {
        b.header("Accept", accept);
      }
      b.method(ex.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      for (String h : List.of("Content-Type", "Docker-Content-Digest", "Location", "WWW-Authenticate")) {
        r.headers().firstValue(h).ifPresent(v -> ex.getResponseHeaders().set(h, v));
      }
      boolean head = ex.getRequestMethod().equals("HEAD");
      byte[] body = r.body();
      if (alterManifests && path.contains("/manifests/") && body.length > 0) {
        body = java.util.Arrays.copyOf(body, body.length + 1);
        body[body.length - 1] = ' ';
      }
      ex.sendResponseHeaders(r.statusCode(), head || body.length == 0 ? -1 : body.length);
      if (!head && body.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ex.sendResponseHeaders(500, -1);
    } finally {
      ex.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
