package dev.drydock.engine;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's dockerd, podman system service and containerd, each started here with its own state in a temporary
 * directory and its own socket (the one the failsafe configuration names in DOCKER_HOST, CONTAINER_HOST and
 * CONTAINERD_ADDRESS), stopped by PID. Needs root and the docker.io, podman and containerd packages (.ci/run
 * installs them); a missing program fails the test, it does not skip it.
 */
final class LocalDaemons implements AutoCloseable {
  final Path dockerSocket;
  final Path podmanSocket;
  final Path containerdSocket;
  final Path state;
  final Path dockerLog;
  private final List<Process> started = new ArrayList<>();

  LocalDaemons() throws IOException {
    dockerSocket = socketFrom("DOCKER_HOST");
    podmanSocket = socketFrom("CONTAINER_HOST");
    containerdSocket = Path.of(require("CONTAINERD_ADDRESS"));
    Files.createDirectories(dockerSocket.getParent());
    state = Files.createTempDirectory("dd-"); // short: podman refuses a runroot longer than 50 characters
    dockerLog = state.resolve("dockerd.log");
  }

  private static String require(String variable) {
    String v = System.getenv(variable);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(variable + " is not set: run this test through the integration profile"
          + " (./mvnw -Pintegration verify), whose failsafe configuration sets it");
    }
    return v;
  }

  private static Path socketFrom(String variable) {
    String v = require(variable);
    if (!v.startsWith("unix://")) {
      throw new IllegalStateException(variable + " must be a unix:// socket here, not " + v);
    }
    Path p = Path.of(v.substring("unix://".length()));
    if (p.toString().length() > 100) {
      throw new IllegalStateException(variable + ": socket path too long for a unix socket: " + p);
    }
    return p;
  }

  static Path program(String name) {
    for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(name + " is not installed (apt-get install docker.io podman; .ci/run does)");
  }

  /** dockerd with its own data root, exec root, pidfile and socket; no iptables, no bridge; request log on. */
  void startDocker() throws IOException, InterruptedException {
    Files.deleteIfExists(dockerSocket);
    Path dir = Files.createDirectories(state.resolve("docker"));
    start(List.of(program("dockerd").toString(), "--debug", "--data-root", dir.resolve("data").toString(),
        "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("docker.pid").toString(),
        "-H", "unix://" + dockerSocket, "--iptables=false", "--ip-masq=false", "--bridge=none"), dockerLog);
    awaitSocket(dockerSocket, dockerLog);
  }

  void startPodman() throws IOException, InterruptedException {
    Files.deleteIfExists(podmanSocket);
    start(podman("system", "service", "--time=0", "unix://" + podmanSocket), state.resolve("podman.log"));
    awaitSocket(podmanSocket, state.resolve("podman.log"));
  }

  /** podman with this test's storage (vfs: works on any file system the temporary directory is on). */
  List<String> podman(String... args) {
    List<String> cmd = new ArrayList<>(List.of(program("podman").toString(), "--root",
        state.resolve("p/root").toString(), "--runroot", state.resolve("p/run").toString(),
        "--storage-driver", "vfs"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  void startContainerd() throws IOException, InterruptedException {
    Files.deleteIfExists(containerdSocket);
    Path dir = Files.createDirectories(state.resolve("containerd"));
    Path config = Files.writeString(dir.resolve("config.toml"), "");
    start(List.of(program("containerd").toString(), "--config", config.toString(), "--root",
        dir.resolve("root").toString(), "--state", dir.resolve("state").toString(), "--address",
        containerdSocket.toString()), state.resolve("containerd.log"));
    awaitSocket(containerdSocket, state.resolve("containerd.log"));
  }

  private void start(List<String> cmd, Path log) throws IOException {
    Process p = local(new ProcessBuilder(cmd)).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    started.add(p);
  }

  /**
   * Without the addresses meant for drydock: with CONTAINER_HOST set, podman acts as a remote client (and knows
   * no --root); the clients are given their daemon's address explicitly.
   */
  private static ProcessBuilder local(ProcessBuilder pb) {
    pb.environment().remove("CONTAINER_HOST");
    pb.environment().remove("DOCKER_HOST");
    pb.environment().remove("CONTAINERD_ADDRESS");
    return pb;
  }

  /** Waits until something accepts connections on {@code socket} (60 s at most). */
  private void awaitSocket(Path socket, Path log) throws IOException, InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until) {
      if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
          c.connect(UnixDomainSocketAddress.of(socket));
          return;
        } catch (IOException e) {
          // not listening yet
        }
      }
      for (Process p : started) {
        if (!p.isAlive()) {
          throw new IllegalStateException(p.info().command().orElse("daemon") + " exited " + p.exitValue() + ": "
              + tail(log));
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("nothing listens on " + socket + " after 60 s: " + tail(log));
  }

  static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no log)";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  /** Runs a client command to its end; a failure throws with its output. */
  static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = local(new ProcessBuilder(cmd)).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(cmd + " did not finish");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(cmd + " exited " + p.exitValue() + ": " + out);
    }
    return out;
  }

  /** The number of export requests dockerd logged so far. */
  long dockerExports() throws IOException {
    try (var lines = Files.lines(dockerLog, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.contains("msg=\"Calling GET /v") && l.contains("/get\"")).count();
    }
  }

  /** Stops every daemon started here by its PID (SIGTERM, then SIGKILL after 30 s), removes their state. */
  @Override
  public void close() throws IOException {
    for (Process p : started) {
      ProcessHandle h = p.toHandle();
      List<ProcessHandle> children = h.descendants().toList();
      h.destroy();
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          h.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (ProcessHandle c : children) { // dockerd's own containerd, podman's conmon: by their PIDs
        if (c.isAlive()) {
          c.destroy();
        }
      }
    }
    Files.deleteIfExists(dockerSocket);
    Files.deleteIfExists(podmanSocket);
    Files.deleteIfExists(containerdSocket);
    Files.deleteIfExists(Path.of(containerdSocket + ".ttrpc"));
    deleteTree(state);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.deleteIfExists(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
