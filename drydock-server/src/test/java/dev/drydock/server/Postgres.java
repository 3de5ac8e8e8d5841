package dev.drydock.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for integration tests: Debian's postgresql-15 binaries ({@code initdb}, {@code pg_ctl}; .ci/run
 * installs the package when missing), a fresh cluster in a temporary directory owned by the {@code postgres} user
 * (when the tests run as root, as in CI), trust authentication on 127.0.0.1 only, a free port. Stopped by the PID in
 * its {@code postmaster.pid}, then the directory is removed.
 */
final class Postgres implements AutoCloseable {
  final int port;
  private final Path dir;
  private long pid;

  private Postgres(Path dir, int port, long pid) {
    this.dir = dir;
    this.port = port;
    this.pid = pid;
  }

  static Path bin(String tool) {
    for (String v : List.of("15", "16", "17", "14", "13")) {
      Path p = Path.of("/usr/lib/postgresql", v, "bin", tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(tool + " not found under /usr/lib/postgresql/*/bin: install postgresql-15"
        + " (.ci/run does)");
  }

  static Postgres start() throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("drydock-pg-");
    Path data = dir.resolve("data");
    Path sock = dir.resolve("sock");
    Files.createDirectories(sock);
    if (root) {
      run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
    }
    run(List.of(bin("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
        "--no-sync"), root);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    run(List.of(bin("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -k " + sock + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300",
        "start"), root);
    long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    return new Postgres(dir, port, pid);
  }

  /** Stops the database (fast shutdown: clients are disconnected), keeping its data for {@link #restart}. */
  void stop() throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    run(List.of(bin("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"), root);
  }

  /** Starts the stopped database again on the same port; returns its new postmaster PID. */
  long restart() throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path data = dir.resolve("data");
    run(List.of(bin("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -k " + dir.resolve("sock") + " -c listen_addresses=127.0.0.1 -c fsync=off"
        + " -c max_connections=300", "start"), root);
    pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    return pid;
  }

  String url() {
    return "postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  private static void run(List<String> cmd, boolean asPostgres) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(cmd);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", full) + " failed: " + out);
    }
  }

  @Override
  public void close() throws IOException {
    ProcessHandle.of(pid).ifPresent(h -> {
      h.destroy(); // SIGTERM: smart shutdown
      try {
        h.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    });
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
