package dev.drydock.vulndb.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw loopback socket server that answers every request with 200, a Content-Length larger than the body
 * it then sends, and closes the connection: a download cut off mid-way. (The JDK HttpServer keeps such a
 * connection open instead of closing it.)
 */
final class TruncatingServer implements AutoCloseable {
  private final ServerSocket socket;
  private final byte[] body;
  private final int announced;
  final AtomicInteger requests = new AtomicInteger();

  TruncatingServer(byte[] body, int announced) throws IOException {
    this.body = body;
    this.announced = announced;
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::serve, "truncating-http");
    t.setDaemon(true);
    t.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        readHeaders(s.getInputStream());
        requests.incrementAndGet();
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + announced + "\r\nETag: \"cut\"\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // closed
      }
    }
  }

  private static void readHeaders(InputStream in) throws IOException {
    int state = 0;
    int b;
    while (state < 4 && (b = in.read()) != -1) {
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
