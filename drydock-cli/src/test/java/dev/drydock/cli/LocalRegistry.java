package dev.drydock.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code docker-registry} (distribution 2.8) started on a free loopback port with its own storage,
 * configuration and log, and stopped by its PID. The log holds the access log (one line per request), which tests
 * read to count blob downloads.
 */
final class LocalRegistry implements AutoCloseable {
  private static final Pattern BLOB_GET =
      Pattern.compile("\"GET /v2/([^ ]+)/blobs/(sha256:[0-9a-f]{64}) HTTP/1\\.1\" 200 ");

  final int port;
  final Path dir;
  final Path log;
  private final Process process;

  private LocalRegistry(int port, Path dir, Path log, Process process) {
    this.port = port;
    this.dir = dir;
    this.log = log;
    this.process = process;
  }

  /**
   * @param extra YAML for the {@code auth:} section (or empty), at top level
   * @param tls certificate and key files, or null for plain http
   */
  static LocalRegistry start(Path dir, String extra, Path[] tls) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port = freePort();
    StringBuilder config = new StringBuilder()
        .append("version: 0.1\n")
        .append("log:\n  level: info\n  formatter: text\n")
        .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data")).append("\n")
        .append("  delete:\n    enabled: true\n")
        .append("http:\n  addr: 127.0.0.1:").append(port).append("\n");
    if (tls != null) {
      config.append("  tls:\n    certificate: ").append(tls[0]).append("\n    key: ").append(tls[1]).append("\n");
    }
    config.append(extra);
    Path yml = dir.resolve("config.yml");
    Files.writeString(yml, config.toString());
    Path log = dir.resolve("registry.log");
    Process p = new ProcessBuilder("docker-registry", "serve", yml.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    LocalRegistry r = new LocalRegistry(port, dir, log, p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return r;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    r.close();
    throw new IllegalStateException("docker-registry did not listen on " + port + ": " + Files.readString(log));
  }

  /**
   * A test CA and a server certificate for 127.0.0.1 it signed, made with openssl in {@code dir} (once): ca.crt,
   * server.crt, server.key in that order.
   */
  static Path[] certificates(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    if (!Files.exists(dir.resolve("server.crt"))) {
      run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
          "-out", "ca.crt", "-days", "2", "-subj", "/CN=drydock test CA");
      run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out",
          "server.csr", "-subj", "/CN=127.0.0.1");
      Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1\n");
      run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
          "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "ext.cnf");
    }
    return new Path[] {dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key")};
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  String host() {
    return "127.0.0.1:" + port;
  }

  /** The digests of the blobs downloaded (GET answered 200) so far, in order, per the access log. */
  List<String> blobGets() throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = BLOB_GET.matcher(line);
      if (m.find()) {
        out.add(m.group(2));
      }
    }
    return out;
  }

  String accessLog() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // by PID: SIGTERM to this process only
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Runs a program to its end; its output in the failure message. */
  static String run(Path cwd, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " timed out");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
    }
    return out;
  }
}
