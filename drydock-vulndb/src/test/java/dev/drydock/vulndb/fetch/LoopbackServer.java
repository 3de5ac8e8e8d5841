package dev.drydock.vulndb.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A JDK HttpServer on 127.0.0.1, random port, with per-path handlers; records every request it sees. */
final class LoopbackServer implements AutoCloseable {
  interface Route {
    void handle(HttpExchange ex, int hit) throws IOException;
  }

  /** One request as received: path, the conditional headers and the Authorization header. */
  record Seen(String path, String ifNoneMatch, String ifModifiedSince, String authorization) {
    Seen(String path, String ifNoneMatch, String ifModifiedSince) {
      this(path, ifNoneMatch, ifModifiedSince, null);
    }
  }

  private final HttpServer server;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final Map<String, Integer> hits = new ConcurrentHashMap<>();
  final List<Seen> seen = new CopyOnWriteArrayList<>();

  LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "loopback-http");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      seen.add(new Seen(path, ex.getRequestHeaders().getFirst("If-None-Match"),
          ex.getRequestHeaders().getFirst("If-Modified-Since"), ex.getRequestHeaders().getFirst("Authorization")));
      int hit = hits.merge(path, 1, Integer::sum);
      Route route = routes.get(path);
      try {
        if (route == null) {
          ex.sendResponseHeaders(404, -1);
        } else {
          route.handle(ex, hit);
        }
      } catch (IOException e) {
        // a route that cuts the connection short, or a client that went away
      } finally {
        ex.close();
      }
    });
    server.start();
  }

  LoopbackServer route(String path, Route route) {
    routes.put(path, route);
    return this;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  int port() {
    return server.getAddress().getPort();
  }

  int hits(String path) {
    return hits.getOrDefault(path, 0);
  }

  static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
