package dev.drydock.gate.compliance;

import dev.drydock.model.Fact;
import dev.drydock.model.ImageConfig;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Vulnerability;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The checks a catalog may name; each returns what fails it in one scan result (empty = passed). */
final class Checks {
  private Checks() {}

  static final Set<String> KNOWN = Set.of("vuln.any", "vuln.fixable", "vuln.kev", "config.root-user",
      "config.healthcheck", "config.port-22", "files.setuid");

  static List<Evidence> run(String check, ScanResult r) {
    String target = r.target() == null ? null : r.target().name();
    List<Evidence> out = new ArrayList<>();
    switch (check) {
      case "vuln.any", "vuln.fixable", "vuln.kev" -> {
        for (Vulnerability v : r.vulnerabilities()) {
          boolean hit = check.equals("vuln.any") || (check.equals("vuln.fixable") ? v.fixable() : v.kev());
          if (hit) {
            out.add(new Evidence(check, target, v.id(), v.locations().isEmpty() ? v.purl() : v.locations().get(0),
                v.layerDiffId()));
          }
        }
      }
      case "config.root-user" -> {
        ImageConfig c = r.config();
        if (c != null && runsAsRoot(c.user())) {
          String u = c.user() == null || c.user().isBlank() ? "(empty: root)" : c.user();
          out.add(new Evidence(check, target, "user=" + u, "config.User", null));
        }
      }
      case "config.healthcheck" -> {
        ImageConfig c = r.config();
        if (c != null && (c.healthcheck() == null || c.healthcheck().isEmpty()
            || "NONE".equals(c.healthcheck().get(0)))) {
          out.add(new Evidence(check, target, "no HEALTHCHECK", "config.Healthcheck", null));
        }
      }
      case "config.port-22" -> {
        ImageConfig c = r.config();
        if (c != null) {
          for (String p : c.exposedPorts()) {
            if (p.equals("22") || p.startsWith("22/")) {
              out.add(new Evidence(check, target, "exposes " + p, "config.ExposedPorts", null));
            }
          }
        }
      }
      case "files.setuid" -> {
        for (Fact.FileInfo f : r.notableFiles()) {
          if ((f.mode() & 06000) != 0) {
            String what = (f.mode() & 04000) != 0 ? "setuid" : "setgid";
            out.add(new Evidence(check, target, what + " mode " + Integer.toOctalString(f.mode() & 07777),
                f.path(), null));
          }
        }
      }
      default -> throw new IllegalArgumentException("unknown check " + check);
    }
    return out;
  }

  /** Whether an image config's user means root: empty (the default), {@code root} or uid 0, with any group. */
  static boolean runsAsRoot(String user) {
    if (user == null || user.isBlank()) {
      return true;
    }
    String u = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
    return u.equals("root") || u.equals("0");
  }
}
