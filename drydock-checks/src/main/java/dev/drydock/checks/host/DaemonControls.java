package dev.drydock.checks.host;

import dev.drydock.checks.host.DaemonSettings.Setting;
import dev.drydock.model.HostControl;
import dev.drydock.model.HostStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Section 2, daemon configuration: daemon.json and the dockerd flags of the systemd unit. */
final class DaemonControls {
  /** Log drivers that keep logs on the host only. */
  private static final Set<String> LOCAL_LOG_DRIVERS = Set.of("json-file", "local", "none");

  private final HostRoot root;
  private final DaemonSettings d;

  DaemonControls(HostRoot root, DaemonSettings daemon) {
    this.root = root;
    this.d = daemon;
  }

  List<HostControl> run() {
    List<HostControl> out = new ArrayList<>();
    out.add(Controls.result("2.1", HostStatus.MANUAL,
        "not readable from files: whether rootless mode fits this host is a judgement"));
    out.add(check("2.2", "icc", s -> s.first().equals("false") ? HostStatus.PASS : HostStatus.FAIL,
        HostStatus.FAIL, "unset: inter-container communication is on by default"));
    out.add(check("2.3", "log-level", s -> s.first().equals("info") ? HostStatus.PASS : HostStatus.FAIL,
        HostStatus.PASS, "unset: the default level is info"));
    out.add(check("2.4", "iptables", s -> s.first().equals("false") ? HostStatus.FAIL : HostStatus.PASS,
        HostStatus.PASS, "unset: Docker manages iptables by default"));
    out.add(check("2.5", "insecure-registries", s -> s.values().isEmpty() ? HostStatus.PASS : HostStatus.FAIL,
        HostStatus.PASS, "unset: no insecure registries"));
    out.add(check("2.6", "storage-driver", s -> s.first().equals("aufs") ? HostStatus.FAIL : HostStatus.PASS,
        HostStatus.PASS, "unset: dockerd picks overlay2 (aufs was removed in Docker 24)"));
    out.add(tls());
    out.add(check("2.8", "default-ulimits", s -> s.values().isEmpty() ? HostStatus.INFO : HostStatus.PASS,
        HostStatus.INFO, "unset: containers inherit the daemon's limits"));
    out.add(check("2.9", "userns-remap", s -> s.first().isBlank() ? HostStatus.FAIL : HostStatus.PASS,
        HostStatus.FAIL, "unset: container root is host root"));
    out.add(check("2.10", "cgroup-parent", s -> s.first().isBlank() ? HostStatus.PASS : HostStatus.WARN,
        HostStatus.PASS, "unset: the default cgroup is used"));
    out.add(check("2.11", "storage-opts",
        s -> s.values().stream().anyMatch(v -> v.startsWith("dm.basesize")) ? HostStatus.WARN : HostStatus.PASS,
        HostStatus.PASS, "unset: the base device size is the default"));
    out.add(check("2.12", "authorization-plugins", s -> s.values().isEmpty() ? HostStatus.FAIL : HostStatus.PASS,
        HostStatus.FAIL, "unset: no authorization plugin"));
    out.add(check("2.13", "log-driver", s -> LOCAL_LOG_DRIVERS.contains(s.first()) ? HostStatus.FAIL : HostStatus.PASS,
        HostStatus.FAIL, "unset: the default json-file driver keeps logs on the host only"));
    out.add(check("2.14", "no-new-privileges", s -> s.first().equals("true") ? HostStatus.PASS : HostStatus.FAIL,
        HostStatus.FAIL, "unset: containers may gain privileges through setuid binaries"));
    out.add(check("2.15", "live-restore", s -> s.first().equals("true") ? HostStatus.PASS : HostStatus.FAIL,
        HostStatus.FAIL, "unset: containers stop when the daemon does"));
    out.add(check("2.16", "userland-proxy", s -> s.first().equals("false") ? HostStatus.PASS : HostStatus.FAIL,
        HostStatus.FAIL, "unset: the userland proxy is on by default"));
    out.add(check("2.17", "seccomp-profile", s -> s.first().equals("unconfined") ? HostStatus.FAIL : HostStatus.PASS,
        HostStatus.PASS, "unset: Docker's default seccomp profile applies"));
    out.add(check("2.18", "experimental", s -> s.first().equals("true") ? HostStatus.FAIL : HostStatus.PASS,
        HostStatus.PASS, "unset: experimental features are off"));
    return out;
  }

  /** A control decided by one setting: {@code verdict} when it is set, {@code unset} with {@code why} otherwise. */
  private HostControl check(String id, String key, Function<Setting, HostStatus> verdict, HostStatus unset, String why) {
    if (d.error() != null) {
      return Controls.result(id, HostStatus.ERROR, "not evaluated: " + d.error());
    }
    Optional<Setting> s = d.get(key);
    if (s.isEmpty()) {
      return Controls.result(id, unset, key + " " + why + " (looked in " + d.lookedIn(root) + ")");
    }
    return Controls.result(id, verdict.apply(s.get()), s.get().where(), s.get().file(), s.get().line());
  }

  /** 2.7: TCP sockets need tlsverify with a CA, a certificate and a key. */
  private HostControl tls() {
    if (d.error() != null) {
      return Controls.result("2.7", HostStatus.ERROR, "not evaluated: " + d.error());
    }
    Optional<Setting> hosts = d.get("hosts");
    Optional<String> tcp = hosts.flatMap(h -> h.values().stream().filter(v -> v.startsWith("tcp://")).findFirst());
    if (tcp.isEmpty()) {
      return Controls.result("2.7", HostStatus.NOT_APPLICABLE, "dockerd does not listen on TCP"
          + hosts.map(h -> " (" + h.where() + ")").orElse(" (no hosts in " + d.lookedIn(root) + ")"));
    }
    Setting h = hosts.get();
    boolean verify = d.get("tlsverify").map(s -> s.first().equals("true")).orElse(false);
    List<String> missing = new ArrayList<>();
    for (String k : List.of("tlscacert", "tlscert", "tlskey")) {
      if (d.get(k).map(s -> s.first().isBlank()).orElse(true)) {
        missing.add(k);
      }
    }
    if (verify && missing.isEmpty()) {
      return Controls.result("2.7", HostStatus.PASS, h.where() + " with tlsverify, tlscacert, tlscert and tlskey",
          h.file(), h.line());
    }
    boolean tlsOnly = d.get("tls").map(s -> s.first().equals("true")).orElse(false);
    String why = !verify && tlsOnly ? "TLS without client certificate verification (tlsverify unset)"
        : !verify ? "no TLS" : "tlsverify without " + String.join(", ", missing);
    return Controls.result("2.7", HostStatus.FAIL, h.where() + ": " + tcp.get() + " with " + why, h.file(), h.line());
  }
}
