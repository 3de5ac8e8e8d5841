package dev.drydock.gate.drift;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.drift.DriftReport.SpecialFile;
import dev.drydock.gate.drift.DriftReport.UserChange;
import dev.drydock.gate.drift.DriftReport.VulnChange;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** The "no new ..." ratchets: each violation becomes a gate finding of kind {@code drift}. */
final class Ratchets {
  static final List<String> KNOWN = List.of("fixable-high", "exposed-port", "root-user", "setuid", "kev");

  private Ratchets() {}

  static List<GateFinding> check(DriftReport d, List<String> noNew) {
    for (String name : noNew) {
      if (!KNOWN.contains(name)) {
        throw new DrydockException("unknown drift ratchet '" + name + "'; known: " + String.join(", ", KNOWN));
      }
    }
    List<GateFinding> out = new ArrayList<>();
    for (String name : noNew.stream().distinct().toList()) {
      switch (name) {
        case "fixable-high" -> {
          for (VulnChange v : d.vulnerabilitiesIntroduced()) {
            if (v.fixable() && v.severity() != null && v.severity().compareTo(Severity.HIGH) >= 0) {
              out.add(vuln(name, Severity.HIGH, v, "new fixable " + v.severity() + " vulnerability " + v.id()
                  + " in " + v.packageName() + " " + v.installedVersion() + " (fixed in "
                  + String.join(", ", v.fixedVersions()) + ")"));
            }
          }
        }
        case "kev" -> {
          for (VulnChange v : d.vulnerabilitiesIntroduced()) {
            if (v.kev()) {
              out.add(vuln(name, Severity.CRITICAL, v, "new known-exploited (KEV) vulnerability " + v.id() + " in "
                  + v.packageName() + " " + v.installedVersion()));
            }
          }
        }
        case "exposed-port" -> {
          for (String p : d.config().portsAdded()) {
            out.add(finding(name, p, Severity.HIGH, "new exposed port " + p, null, null, null));
          }
        }
        case "root-user" -> {
          UserChange u = d.config().user();
          if (u != null && u.becameRoot()) {
            out.add(finding(name, "user", Severity.HIGH, "image now runs as root (user '" + u.oldUser() + "' -> '"
                + u.newUser() + "')", null, null, null));
          }
        }
        case "setuid" -> {
          for (SpecialFile f : d.setuidAdded()) {
            String what = f.setuid() && f.setgid() ? "setuid+setgid" : f.setuid() ? "setuid" : "setgid";
            out.add(finding(name, f.path(), Severity.HIGH, "new " + what + " file " + f.path() + " (mode " + f.mode()
                + ")", null, f.path(), null));
          }
        }
        default -> throw new IllegalStateException(name);
      }
    }
    return out;
  }

  private static GateFinding vuln(String name, Severity severity, VulnChange v, String title) {
    return new GateFinding("drift", v.id(), "ratchet." + name, severity, title, v.purl(), null, v.layerDiffId(),
        v.fixable(), v.kev(), null, null, List.of("drift", "ratchet"), List.of());
  }

  private static GateFinding finding(String name, String subject, Severity severity, String title, String purl,
      String location, String layer) {
    return new GateFinding("drift", "ratchet." + name + ":" + subject, "ratchet." + name, severity, title, purl,
        location, layer, false, false, null, null, List.of("drift", "ratchet"), List.of());
  }
}
