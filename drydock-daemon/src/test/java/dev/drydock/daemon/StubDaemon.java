package dev.drydock.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP/1.1 server on a unix socket (or a loopback TCP port) answering with the bytes a handler gives per
 * request line: the answers a real dockerd cannot be made to give (a malformed body, an old API version, an
 * export cut off mid-stream). Tests that a real daemon can run use dockerd and podman ({@code *IT}).
 */
final class StubDaemon implements AutoCloseable {
  /** What to send back: the whole raw response; {@code closeEarly} ends the connection after it. */
  record Reply(byte[] raw) {
    static Reply of(int status, String headers, byte[] body) {
      String head = "HTTP/1.1 " + status + " X\r\n" + headers + "Content-Length: " + body.length
          + "\r\nConnection: close\r\n\r\n";
      return new Reply(concat(head.getBytes(StandardCharsets.ISO_8859_1), body));
    }

    static Reply json(int status, String body) {
      return of(status, "Content-Type: application/json\r\nApi-Version: 1.41\r\n",
          body.getBytes(StandardCharsets.UTF_8));
    }

    /** Announces {@code declared} bytes and sends {@code body}, then closes. */
    static Reply truncated(long declared, byte[] body) {
      String head = "HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nContent-Length: " + declared
          + "\r\nConnection: close\r\n\r\n";
      return new Reply(concat(head.getBytes(StandardCharsets.ISO_8859_1), body));
    }

    /** A chunked body (as dockerd sends exports), ended properly. */
    static Reply chunked(byte[] body) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] head = "HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1);
      out.writeBytes(head);
      int chunk = 64 * 1024;
      for (int i = 0; i < body.length; i += chunk) {
        int n = Math.min(chunk, body.length - i);
        out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, i, n);
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      return new Reply(out.toByteArray());
    }
  }

  private final ServerSocketChannel server;
  private final Path socket;
  private final Thread thread;
  final List<String> requests = new CopyOnWriteArrayList<>();

  private StubDaemon(ServerSocketChannel server, Path socket, Function<String, Reply> handler) {
    this.server = server;
    this.socket = socket;
    this.thread = new Thread(() -> serve(handler), "stub-daemon");
    thread.setDaemon(true);
    thread.start();
  }

  static StubDaemon unix(Path socket, Function<String, Reply> handler) throws IOException {
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(socket));
    return new StubDaemon(s, socket, handler);
  }

  static StubDaemon tcp(Function<String, Reply> handler) throws IOException {
    ServerSocketChannel s = ServerSocketChannel.open();
    s.bind(new InetSocketAddress("127.0.0.1", 0));
    return new StubDaemon(s, null, handler);
  }

  int port() throws IOException {
    return ((InetSocketAddress) server.getLocalAddress()).getPort();
  }

  /** A handler answering like a Docker 20.10 daemon (API 1.41) with {@code inspect} and {@code export}. */
  static Function<String, Reply> docker(String inspect, Reply export) {
    return line -> {
      String path = line.split(" ")[1];
      if (path.equals("/_ping")) {
        return Reply.of(200, "Api-Version: 1.41\r\n", "OK".getBytes(StandardCharsets.UTF_8));
      }
      if (path.equals("/version")) {
        return Reply.json(200, "{\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.12\",\"Version\":\"20.10.24\"}");
      }
      if (path.endsWith("/json")) {
        return inspect == null ? Reply.json(404, "{\"message\":\"No such image: x\"}") : Reply.json(200, inspect);
      }
      if (path.endsWith("/get")) {
        return export;
      }
      return Reply.json(404, "{\"message\":\"page not found\"}");
    };
  }

  private void serve(Function<String, Reply> handler) {
    while (server.isOpen()) {
      SocketChannel accepted;
      try {
        accepted = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Thread t = new Thread(() -> answer(accepted, handler), "stub-daemon-connection");
      t.setDaemon(true);
      t.start();
    }
  }

  private void answer(SocketChannel channel, Function<String, Reply> handler) {
    try (SocketChannel c = channel) {
      String head = readHead(c);
      if (head == null) {
        return;
      }
      String line = head.lines().findFirst().orElse("");
      requests.add(line);
      Reply r = handler.apply(line);
      ByteBuffer b = ByteBuffer.wrap(r.raw());
      while (b.hasRemaining()) {
        c.write(b);
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static String readHead(SocketChannel c) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    ByteBuffer b = ByteBuffer.allocate(4096);
    while (true) {
      b.clear();
      int n = c.read(b);
      if (n < 0) {
        return null;
      }
      got.write(b.array(), 0, n);
      String s = got.toString(StandardCharsets.ISO_8859_1);
      if (s.contains("\r\n\r\n")) {
        return s;
      }
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public void close() throws IOException {
    server.close();
    if (socket != null) {
      Files.deleteIfExists(socket);
    }
  }
}
