package dev.drydock.checks.host;

import dev.drydock.checks.host.DaemonSettings.Setting;
import dev.drydock.model.HostControl;
import dev.drydock.model.HostStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Section 3, daemon configuration files: owner, group and mode of the unit files, /etc/docker, certificates,
 * sockets and configuration files. "644 or more restrictive" is checked bit by bit (no permission outside
 * 0644, no setuid/setgid/sticky bit), not as a number. A file that does not exist makes its control
 * NOT_APPLICABLE, as the benchmark's remediations say.
 */
final class FileControls {
  private final HostRoot root;
  private final DaemonSettings daemon;
  private final Accounts accounts;

  FileControls(HostRoot root, DaemonSettings daemon, Accounts accounts) {
    this.root = root;
    this.daemon = daemon;
    this.accounts = accounts;
  }

  List<HostControl> run() {
    List<HostControl> out = new ArrayList<>();
    List<String> service = units("docker.service");
    List<String> socket = units("docker.socket");
    out.add(owner("3.1", service, "docker.service", null));
    out.add(mode("3.2", service, "docker.service", 0644));
    out.add(owner("3.3", socket, "docker.socket", null));
    out.add(mode("3.4", socket, "docker.socket", 0644));
    out.add(owner("3.5", List.of("/etc/docker"), null, null));
    out.add(mode("3.6", List.of("/etc/docker"), null, 0755));
    List<String> certs = root.walkFiles("/etc/docker/certs.d");
    out.add(owner("3.7", certs, root.display("/etc/docker/certs.d") + " (no files)", null));
    out.add(mode("3.8", certs, root.display("/etc/docker/certs.d") + " (no files)", 0444));
    tlsFile(out, "3.9", "3.10", "tlscacert", 0444);
    tlsFile(out, "3.11", "3.12", "tlscert", 0444);
    tlsFile(out, "3.13", "3.14", "tlskey", 0400);
    out.add(owner("3.15", List.of("/var/run/docker.sock"), null, "docker"));
    out.add(mode("3.16", List.of("/var/run/docker.sock"), null, 0660));
    out.add(owner("3.17", List.of(DaemonSettings.DAEMON_JSON), null, null));
    out.add(mode("3.18", List.of(DaemonSettings.DAEMON_JSON), null, 0644));
    out.add(owner("3.19", List.of("/etc/default/docker"), null, null));
    out.add(mode("3.20", List.of("/etc/default/docker"), null, 0644));
    out.add(mode("3.21", List.of("/etc/sysconfig/docker"), null, 0644));
    out.add(owner("3.22", List.of("/etc/sysconfig/docker"), null, null));
    out.add(owner("3.23", List.of("/run/containerd/containerd.sock"), null, null));
    out.add(mode("3.24", List.of("/run/containerd/containerd.sock"), null, 0660));
    return out;
  }

  /** Every unit file of that name systemd may load (an /etc override and the packaged one). */
  private List<String> units(String name) {
    List<String> out = new ArrayList<>();
    for (String dir : DaemonSettings.UNIT_DIRS) {
      String p = dir + "/" + name;
      Optional<java.nio.file.Path> real = root.resolve(p);
      // /lib -> /usr/lib on merged-/usr systems: one file, checked once
      if (root.exists(p) && out.stream().noneMatch(o -> root.resolve(o).equals(real))) {
        out.add(p);
      }
    }
    return out;
  }

  private void tlsFile(List<HostControl> out, String ownerId, String modeId, String key, int allowed) {
    if (daemon.error() != null) {
      out.add(Controls.result(ownerId, HostStatus.ERROR, "not evaluated: " + daemon.error()));
      out.add(Controls.result(modeId, HostStatus.ERROR, "not evaluated: " + daemon.error()));
      return;
    }
    Optional<Setting> s = daemon.get(key).filter(x -> x.first().startsWith("/"));
    if (s.isEmpty()) {
      String why = key + " is not configured (looked in " + daemon.lookedIn(root) + ")";
      out.add(Controls.result(ownerId, HostStatus.NOT_APPLICABLE, why));
      out.add(Controls.result(modeId, HostStatus.NOT_APPLICABLE, why));
      return;
    }
    String path = s.get().first();
    if (!root.exists(path)) {
      String why = s.get().where() + ": " + root.display(path) + " does not exist";
      out.add(Controls.result(ownerId, HostStatus.WARN, why, s.get().file(), s.get().line()));
      out.add(Controls.result(modeId, HostStatus.WARN, why, s.get().file(), s.get().line()));
      return;
    }
    out.add(owner(ownerId, List.of(path), null, null));
    out.add(mode(modeId, List.of(path), null, allowed));
  }

  /**
   * Owner root and group root (or {@code group} when given) for every existing path; {@code absent}
   * describes what was looked for when none exists (defaults to the first path).
   */
  private HostControl owner(String id, List<String> paths, String absent, String group) {
    List<HostRoot.Stat> stats = stats(paths);
    if (stats.isEmpty()) {
      return Controls.result(id, HostStatus.NOT_APPLICABLE, notFound(paths, absent));
    }
    List<String> wrong = new ArrayList<>();
    for (HostRoot.Stat s : stats) {
      boolean groupOk = group == null ? s.gid() == 0 : accounts.group(s.gid()).equals(group);
      if (s.uid() != 0 || !groupOk) {
        wrong.add(root.display(s.hostPath()) + ": owner " + accounts.owner(s.uid(), s.gid()));
      }
    }
    String expected = "root:" + (group == null ? "root" : group);
    if (!wrong.isEmpty()) {
      return Controls.result(id, HostStatus.FAIL, String.join("; ", wrong) + ", expected " + expected,
          root.display(stats.get(0).hostPath()), 0);
    }
    return Controls.result(id, HostStatus.PASS, describe(stats) + " owned by " + expected,
        root.display(stats.get(0).hostPath()), 0);
  }

  /** No permission bit outside {@code allowed} (nor setuid, setgid, sticky) on any existing path. */
  private HostControl mode(String id, List<String> paths, String absent, int allowed) {
    List<HostRoot.Stat> stats = stats(paths);
    if (stats.isEmpty()) {
      return Controls.result(id, HostStatus.NOT_APPLICABLE, notFound(paths, absent));
    }
    List<String> wrong = new ArrayList<>();
    for (HostRoot.Stat s : stats) {
      if ((s.mode() & ~allowed) != 0) {
        wrong.add(root.display(s.hostPath()) + ": mode " + octal(s.mode()));
      }
    }
    if (!wrong.isEmpty()) {
      return Controls.result(id, HostStatus.FAIL, String.join("; ", wrong) + ", expected " + octal(allowed)
          + " or more restrictive", root.display(stats.get(0).hostPath()), 0);
    }
    return Controls.result(id, HostStatus.PASS, describe(stats) + " mode "
        + String.join(", ", stats.stream().map(s -> octal(s.mode())).distinct().toList()) + " (at most "
        + octal(allowed) + ")", root.display(stats.get(0).hostPath()), 0);
  }

  private List<HostRoot.Stat> stats(List<String> paths) {
    List<HostRoot.Stat> out = new ArrayList<>();
    for (String p : paths) {
      root.stat(p).ifPresent(out::add);
    }
    return out;
  }

  private String notFound(List<String> paths, String absent) {
    return (absent != null ? absent : paths.isEmpty() ? "file" : root.display(paths.get(0))) + " not found";
  }

  private String describe(List<HostRoot.Stat> stats) {
    return stats.size() == 1 ? root.display(stats.get(0).hostPath()) : stats.size() + " files ("
        + root.display(stats.get(0).hostPath()) + ", ...)";
  }

  private static String octal(int mode) {
    return String.format("%03o", mode);
  }
}
