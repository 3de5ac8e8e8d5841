package dev.drydock.checks.host;

import dev.drydock.model.DrydockException;
import dev.drydock.model.HostControl;
import dev.drydock.model.HostReport;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Audits a Docker host against CIS Docker Benchmark v1.6.0 sections 1-3 from its files: {@code /etc/fstab},
 * the audit rules, {@code /etc/docker/daemon.json}, the docker.service ExecStart, {@code /etc/passwd} and
 * {@code /etc/group}, and the owner and mode of the daemon's files and sockets. Only files under the given
 * root are read (absolute links resolve inside it); {@code /proc/mounts} only when the root is {@code /}.
 * What cannot be read from files is reported MANUAL.
 */
public final class HostAudit {
  private HostAudit() {}

  /**
   * Audits the host whose root directory is {@code root}.
   *
   * @param upToDate what the package check found for control 1.2.2
   * @throws DrydockException when {@code root} is not a directory (nothing can be checked)
   */
  public static HostReport run(Path root, UpToDate upToDate) {
    if (!Files.isDirectory(root)) {
      throw new DrydockException(root + ": not a directory (expected the root of a Docker host, e.g. /)");
    }
    HostRoot host = new HostRoot(root);
    try {
      DaemonSettings daemon = new DaemonSettings(host);
      Accounts accounts = new Accounts(host);
      List<HostControl> controls = new ArrayList<>();
      controls.addAll(new HostControls(host, daemon, accounts).run(upToDate));
      controls.addAll(new DaemonControls(host, daemon).run());
      controls.addAll(new FileControls(host, daemon, accounts).run());
      List<String> errors = new ArrayList<>(host.errors());
      if (daemon.error() != null && !errors.contains(daemon.error())) {
        errors.add(0, daemon.error());
      }
      return new HostReport(root.toString(), Controls.BENCHMARK, controls, errors);
    } catch (UncheckedIOException e) {
      throw new DrydockException(e.getMessage(), e);
    }
  }
}
