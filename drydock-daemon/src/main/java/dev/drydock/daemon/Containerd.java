package dev.drydock.daemon;

import dev.drydock.image.ImageSource;
import dev.drydock.image.SourceOptions;
import dev.drydock.model.DrydockException;
import dev.drydock.model.targets.ScanTarget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * containerd images, read through {@code ctr images export} (an OCI archive written into the scratch directory,
 * then read by the archive reader, which verifies every digest). containerd's API is gRPC; drydock does not speak
 * it, and reading its content store directly ({@code /var/lib/containerd/io.containerd.content.v1.content}) would
 * bypass its namespaces and leases. The socket is {@code CONTAINERD_ADDRESS} or
 * {@code /run/containerd/containerd.sock}, the namespace {@code CONTAINERD_NAMESPACE} or {@code default}
 * (Kubernetes keeps its images in {@code k8s.io}). The reference is the full name containerd stores
 * ({@code docker.io/library/nginx:1.25}).
 */
final class Containerd {
  /** How long an export may take before it is stopped. */
  static final long EXPORT_MINUTES = 30;

  private Containerd() {}

  static ImageSource open(ScanTarget.DaemonImage target, SourceOptions options, Map<String, String> env)
      throws IOException {
    Path ctr = findCtr(env);
    Endpoint endpoint = Endpoint.candidates(ScanTarget.Daemon.CONTAINERD, env).get(0);
    Path socket = endpoint.socket();
    String from = endpoint.origin().equals("default") ? "" : " (from " + endpoint.origin() + ")";
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      throw new DrydockException("containerd: no socket at " + socket + from + ": is containerd running?");
    }
    if (!Files.isWritable(socket)) {
      throw new DrydockException("containerd: permission denied on " + socket + from);
    }
    String namespace = env.getOrDefault("CONTAINERD_NAMESPACE", "default");
    if (namespace.isBlank()) {
      namespace = "default";
    }
    String ref = target.reference().toString();
    String where = "containerd at unix://" + socket + " (namespace " + namespace + ")";
    Path scratch = options.scratchDir();
    if (scratch == null) {
      throw new IllegalArgumentException("a daemon image needs a scratch directory inside the cache");
    }
    Files.createDirectories(scratch);
    Path out = Files.createTempFile(scratch, "containerd-export-", ".tar");
    Path err = Files.createTempFile(scratch, "containerd-export-", ".err");
    Files.delete(out); // ctr creates it
    List<String> cmd = new ArrayList<>(List.of(ctr.toString(), "--address", socket.toString(), "--namespace",
        namespace, "images", "export"));
    if (options.platform() != null) {
      cmd.add("--platform");
      cmd.add(options.platform());
    }
    cmd.add(out.toString());
    cmd.add(ref);
    boolean ok = false;
    try {
      Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
      boolean done;
      try {
        done = p.waitFor(EXPORT_MINUTES, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new DrydockException("interrupted while " + where + " exported " + ref);
      }
      if (!done) {
        p.destroyForcibly();
        throw new DrydockException(where + " did not export " + ref + " within " + EXPORT_MINUTES + " minutes");
      }
      String stderr = readBounded(err);
      if (p.exitValue() != 0) {
        String line = EngineApi.firstLine(stderr.replaceFirst("(?s)^.*?level=\\w+ msg=", ""));
        if (stderr.toLowerCase(Locale.ROOT).contains("not found")) {
          throw new DrydockException(where + " has no image " + ref);
        }
        throw new DrydockException(where + ": ctr images export failed: " + (line.isEmpty() ? "exit " + p.exitValue() : line));
      }
      ok = true; // the source owns the export from here: deleted on its close, or at once if it cannot be read
      return new DaemonImageSource(target.display(), "containerd", where, null, List.of(), options, null, null, null)
          .adopt(out);
    } finally {
      Files.deleteIfExists(err);
      if (!ok) {
        Files.deleteIfExists(out);
      }
    }
  }

  private static String readBounded(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
    }
  }

  /** {@code ctr} on {@code PATH}, else one clear line: containerd images cannot be read without it. */
  static Path findCtr(Map<String, String> env) {
    String path = env.getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    for (String dir : path.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path c = Path.of(dir, "ctr");
      if (Files.isRegularFile(c) && Files.isExecutable(c)) {
        return c;
      }
    }
    throw new DrydockException("containerd images are read through 'ctr images export', and no ctr program is on"
        + " PATH (install containerd's ctr, or export the image yourself and scan the file)");
  }
}
