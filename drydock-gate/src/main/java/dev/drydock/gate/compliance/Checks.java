package dev.drydock.gate.compliance;

import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Finding;
import dev.drydock.model.FindingKind;
import dev.drydock.model.Fact;
import dev.drydock.model.ImageConfig;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Vulnerability;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks a catalog may name; each returns what fails it in one scan result (empty = passed), and says whether it
 * applies to that result at all. Besides the named checks below: {@code rule:<rule id>} (or {@code rule:<prefix>*})
 * fails on misconfigurations and secrets with that rule id and applies when the rule's family ran;
 * {@code family:<family>} applies when that family ran and fails only through findings carrying the control's key
 * (see {@link Compliance}).
 */
final class Checks {
  private Checks() {}

  static final Set<String> KNOWN = Set.of("vuln.any", "vuln.fixable", "vuln.kev", "config.root-user",
      "config.healthcheck", "config.port-22", "files.setuid");

  /** Target kinds whose results hold no image or directory inventory (so package checks do not apply). */
  private static final Set<String> NOT_INVENTORY = Set.of("config", "host", "git", "secrets");

  /** Whether {@code check} is one a catalog may name; null if so, else why not. */
  static String problem(String check) {
    if (KNOWN.contains(check)) {
      return null;
    }
    if (check.startsWith("family:")) {
      return RuleFamilies.FAMILIES.contains(check.substring(7)) ? null
          : "names unknown family '" + check.substring(7) + "' (expected one of "
              + String.join(", ", new java.util.TreeSet<>(RuleFamilies.FAMILIES)) + ")";
    }
    if (check.startsWith("rule:")) {
      return RuleFamilies.of(check.substring(5)).isEmpty()
          ? "names rule '" + check.substring(5) + "' of no known family (expected DD-DF-, DD-IMG-, DD-K8S-, DD-CMP-,"
              + " DD-RT-, DD-HOST-, DD-CFN-, DD-SEC- or DD-CRY-)" : null;
    }
    return "names unknown check '" + check + "'";
  }

  /**
   * Whether {@code check} tests control {@code controlId} in {@code r}: the data it reads is there, or its
   * family ran. A family that lists the controls it evaluated itself ({@code host:1.1.3} next to {@code host}
   * in checks run, as {@code drydock host} does for controls it could decide from files) tests only those, so
   * a control it left MANUAL or INFO is "not tested", not "pass".
   */
  static boolean applies(String check, ScanResult r, String controlId) {
    if (check.startsWith("family:")) {
      String family = check.substring(7);
      if (!r.checksRun().contains(family)) {
        return false;
      }
      boolean listsControls = r.checksRun().stream().anyMatch(x -> x.startsWith(family + ":"));
      return !listsControls || r.checksRun().contains(family + ":" + controlId);
    }
    if (check.startsWith("rule:")) {
      return RuleFamilies.of(check.substring(5)).stream().anyMatch(r.checksRun()::contains);
    }
    if (check.startsWith("vuln.")) {
      return r.target() == null || !NOT_INVENTORY.contains(r.target().kind());
    }
    return r.config() != null;
  }

  static List<Evidence> run(String check, ScanResult r) {
    String target = r.target() == null ? null : r.target().name();
    List<Evidence> out = new ArrayList<>();
    if (check.startsWith("family:")) {
      return out;
    }
    if (check.startsWith("rule:")) {
      String pattern = check.substring(5);
      for (Finding f : r.findings()) {
        // rules are checks' and detectors' ids; a vulnerability's id is an advisory's
        if (f.kind() != FindingKind.VULNERABILITY && RuleFamilies.matches(pattern, f.ruleId())) {
          out.add(evidence(check, target, f));
        }
      }
      return out;
    }
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

  /**
   * A finding as evidence: the misconfiguration's file, line and resource, the secret's redacted form and commit,
   * and for any other kind its rule id and location.
   */
  static Evidence evidence(String check, String target, Finding f) {
    if (f instanceof Misconfiguration m) {
      return evidence(check, target, m);
    }
    if (f instanceof ExposedSecret s) {
      return evidence(check, target, s);
    }
    return new Evidence(check, target, f.ruleId(), f.location(), f.layerDiffId());
  }

  static Evidence evidence(String check, String target, Misconfiguration m) {
    String where = m.file() == null ? null : m.line() > 0 ? m.file() + ":" + m.line() : m.file();
    if (m.resource() != null && !m.resource().isBlank()) {
      where = where == null ? m.resource() : where + " (" + m.resource() + ")";
    }
    return new Evidence(check, target, m.ruleId(), where, m.layerDiffId());
  }

  static Evidence evidence(String check, String target, ExposedSecret s) {
    String where = s.line() > 0 ? s.path() + ":" + s.line() : s.path();
    if (s.commit() != null) {
      where += " @" + s.commit();
    }
    return new Evidence(check, target, s.ruleId() + " " + s.redacted(), where, s.layerDiffId());
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
