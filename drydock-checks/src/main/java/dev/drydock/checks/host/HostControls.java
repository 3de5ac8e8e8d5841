package dev.drydock.checks.host;

import dev.drydock.model.HostControl;
import dev.drydock.model.HostStatus;
import dev.drydock.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Section 1, host configuration: the partition of the data root, the docker group, audit rules, the version. */
final class HostControls {
  /** Audit controls 1.1.3-1.1.18 and the host file each is about; units are resolved at run time. */
  private static final List<String[]> AUDITED = List.of(
      new String[] {"1.1.3", "/usr/bin/dockerd"},
      new String[] {"1.1.4", "/run/containerd"},
      new String[] {"1.1.5", "/var/lib/docker"},
      new String[] {"1.1.6", "/etc/docker"},
      new String[] {"1.1.7", "docker.service"},
      new String[] {"1.1.8", "/run/containerd/containerd.sock"},
      new String[] {"1.1.9", "docker.socket"},
      new String[] {"1.1.10", "/etc/default/docker"},
      new String[] {"1.1.11", DaemonSettings.DAEMON_JSON},
      new String[] {"1.1.12", "/etc/containerd/config.toml"},
      new String[] {"1.1.13", "/etc/sysconfig/docker"},
      new String[] {"1.1.14", "/usr/bin/containerd"},
      new String[] {"1.1.15", "/usr/bin/containerd-shim"},
      new String[] {"1.1.16", "/usr/bin/containerd-shim-runc-v1"},
      new String[] {"1.1.17", "/usr/bin/containerd-shim-runc-v2"},
      new String[] {"1.1.18", "/usr/bin/runc"});

  /** Controls that docker-bench-security checks even when the file is absent. */
  private static final Set<String> ALWAYS = Set.of("1.1.3", "1.1.4");

  private final HostRoot root;
  private final DaemonSettings daemon;
  private final Accounts accounts;

  HostControls(HostRoot root, DaemonSettings daemon, Accounts accounts) {
    this.root = root;
    this.daemon = daemon;
    this.accounts = accounts;
  }

  List<HostControl> run(UpToDate upToDate) {
    List<HostControl> out = new ArrayList<>();
    out.add(partition());
    out.add(dockerGroup());
    AuditRules rules = new AuditRules(root);
    for (String[] a : AUDITED) {
      out.add(audited(a[0], a[1], rules));
    }
    out.add(Controls.result("1.2.1", HostStatus.MANUAL,
        "not readable from files: apply the CIS benchmark of the host's distribution"));
    out.add(upToDate(upToDate));
    return out;
  }

  /** 1.1.1: a mount at the data root in /etc/fstab, a systemd mount unit, or (live system only) /proc/mounts. */
  private HostControl partition() {
    String dataRoot = daemon.error() == null
        ? daemon.get("data-root").map(DaemonSettings.Setting::first).filter(s -> s.startsWith("/"))
            .orElse("/var/lib/docker")
        : "/var/lib/docker";
    String target = dataRoot.length() > 1 && dataRoot.endsWith("/") ? dataRoot.substring(0, dataRoot.length() - 1)
        : dataRoot;
    List<String> tables = new ArrayList<>(List.of("/etc/fstab"));
    if (root.live()) {
      tables.add("/proc/mounts");
    }
    for (String table : tables) {
      Optional<String> text = root.read(table);
      if (text.isEmpty()) {
        continue;
      }
      String[] lines = text.get().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String l = lines[i].strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String[] f = l.split("\\s+");
        if (f.length >= 2 && unescape(f[1]).equals(target)) {
          return Controls.result("1.1.1", HostStatus.PASS, root.display(table) + ":" + (i + 1) + ": " + l,
              root.display(table), i + 1);
        }
      }
    }
    String unit = "/etc/systemd/system/" + target.substring(1).replace("-", "\\x2d").replace('/', '-') + ".mount";
    if (root.exists(unit)) {
      return Controls.result("1.1.1", HostStatus.PASS, "mount unit " + root.display(unit), root.display(unit), 0);
    }
    return Controls.result("1.1.1", HostStatus.FAIL, "no separate mount for " + target + " in "
        + String.join(" or ", tables.stream().map(root::display).toList()), root.display("/etc/fstab"), 0);
  }

  private static String unescape(String fstabField) {
    return fstabField.replace("\\040", " ").replace("\\011", "\t");
  }

  /** 1.1.2: who is in the docker group; whether they are trusted is for a person to say. */
  private HostControl dockerGroup() {
    Accounts.Group g = accounts.group("docker");
    if (g == null) {
      return Controls.result("1.1.2", HostStatus.MANUAL, "no docker group in " + root.display("/etc/group")
          + "; check who can reach the Docker socket");
    }
    Set<String> users = new LinkedHashSet<>(g.members());
    users.addAll(accounts.usersWithPrimaryGroup(g.gid()));
    return Controls.result("1.1.2", HostStatus.MANUAL, "docker group members: "
        + (users.isEmpty() ? "none" : String.join(", ", users)) + " (" + root.display("/etc/group") + ":" + g.line()
        + "); confirm each is trusted", root.display("/etc/group"), g.line());
  }

  private HostControl audited(String id, String what, AuditRules rules) {
    List<String> paths = what.startsWith("/") ? List.of(what) : unitPaths(what);
    boolean present = paths.stream().anyMatch(root::exists);
    if (!present && !ALWAYS.contains(id)) {
      return Controls.result(id, HostStatus.NOT_APPLICABLE, (what.startsWith("/") ? root.display(what) : what)
          + " not found");
    }
    List<String> candidates = new ArrayList<>(paths);
    if (!what.startsWith("/")) {
      // a rule may name the unit by its /lib or /usr/lib path (one directory on merged-/usr systems)
      candidates.addAll(DaemonSettings.UNIT_DIRS.stream().map(d -> d + "/" + what).toList());
    }
    for (String p : candidates) {
      AuditRules.Watch w = rules.watch(p);
      if (w != null) {
        return Controls.result(id, HostStatus.PASS, w.file() + ":" + w.line() + ": " + w.text(), w.file(), w.line());
      }
    }
    String shown = paths.isEmpty() ? what : paths.get(0);
    return Controls.result(id, HostStatus.FAIL, "no audit rule for " + shown + " in "
        + (rules.files().isEmpty() ? root.display("/etc/audit/audit.rules") + " or "
            + root.display("/etc/audit/rules.d") + " (none exist)" : String.join(", ", rules.files())));
  }

  /** Host paths where unit {@code name} exists, most specific first. */
  private List<String> unitPaths(String name) {
    return DaemonSettings.UNIT_DIRS.stream().map(d -> d + "/" + name).filter(root::exists).toList();
  }

  private HostControl upToDate(UpToDate u) {
    String pkgs = u.packages().isEmpty() ? "" : String.join(", ", u.packages());
    String db = u.packageDb() == null ? null : root.display("/" + u.packageDb());
    if (u.packages().isEmpty()) {
      return Controls.result("1.2.2", HostStatus.INFO, "not tested: no Docker package (docker-ce, docker.io, moby-*,"
          + " containerd, runc) in the host's package database" + (u.notTested() == null ? "" : "; " + u.notTested()));
    }
    if (u.notTested() != null) {
      return Controls.result("1.2.2", HostStatus.INFO, "not tested: " + u.notTested() + "; installed: " + pkgs, db, 0);
    }
    if (!u.fixable().isEmpty()) {
      HostControl r = Controls.result("1.2.2", HostStatus.FAIL, "fixed upstream, not installed: "
          + String.join(", ", u.fixable()) + "; installed: " + pkgs, db, 0);
      Severity s = u.worst() == Severity.UNKNOWN ? r.severity() : u.worst();
      return new HostControl(r.id(), r.title(), r.status(), r.evidence(), r.file(), r.line(), s, r.remediation());
    }
    return Controls.result("1.2.2", HostStatus.PASS, "no fixed advisory affects " + pkgs
        + (u.unfixed().isEmpty() ? "" : " (without a fix yet: " + String.join(", ", u.unfixed()) + ")"), db, 0);
  }
}
