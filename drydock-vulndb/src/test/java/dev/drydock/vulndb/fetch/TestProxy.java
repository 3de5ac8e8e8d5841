package dev.drydock.vulndb.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP proxy on 127.0.0.1 (ServerSocket, one thread per connection, one request per connection): it
 * records every request line and its headers; an absolute-form GET is answered from {@link #serve} (404 when
 * unknown) as a forwarding proxy would; a CONNECT is refused with 403 (no TLS here), after being recorded.
 */
final class TestProxy implements AutoCloseable {
  /** One request as the proxy received it: method, request target and headers (names in lower case). */
  record Request(String method, String target, Map<String, String> headers) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
  private final ServerSocket socket;
  private final Thread acceptor;

  TestProxy() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "test-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Answers 407 (Basic challenge) to every request without a Proxy-Authorization header. */
  volatile boolean requireAuth;

  int port() {
    return socket.getLocalPort();
  }

  /** Answers GET {@code absoluteUrl} with {@code body}. */
  TestProxy serve(String absoluteUrl, byte[] body) {
    bodies.put(absoluteUrl, body);
    return this;
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        Thread t = new Thread(() -> handle(s), "test-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void handle(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      String requestLine = line(in);
      if (requestLine == null || requestLine.isEmpty()) {
        return;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        if (colon > 0) {
          headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
      }
      String[] parts = requestLine.split(" ");
      requests.add(new Request(parts[0], parts.length > 1 ? parts[1] : "", Map.copyOf(headers)));
      byte[] body = parts[0].equals("GET") && parts.length > 1 ? bodies.get(parts[1]) : null;
      String status = parts[0].equals("CONNECT") ? "403 Forbidden" : body == null ? "404 Not Found" : "200 OK";
      String extra = "";
      if (requireAuth && !headers.containsKey("proxy-authorization")) {
        status = "407 Proxy Authentication Required";
        extra = "Proxy-Authenticate: Basic realm=\"test-proxy\"\r\n";
      }
      byte[] payload = body == null ? new byte[0] : body;
      out.write(("HTTP/1.1 " + status + "\r\n" + extra + "Content-Length: " + payload.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(payload);
      out.flush();
    } catch (IOException e) {
      // the client went away
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        b.write(c);
      }
    }
    return c == -1 && b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
