package dev.drydock.vulndb.suppress;

import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.Vulnerability;
import java.util.List;

/** Whether an ignore entry (not expired) applies to a finding: id, and purls and paths when given. */
final class IgnoreMatch {
  private IgnoreMatch() {}

  static boolean matches(IgnoreFile.Entry entry, Vulnerability finding) {
    boolean id = entry.id().equalsIgnoreCase(finding.id())
        || finding.aliases().stream().anyMatch(entry.id()::equalsIgnoreCase);
    if (!id) {
      return false;
    }
    if (!entry.purls().isEmpty()
        && entry.purls().stream().noneMatch(p -> PurlMatch.matches(p, finding.purl()))) {
      return false;
    }
    return paths(entry, finding.locations());
  }

  /** A misconfiguration entry: rule id or one of the finding's references (ignoring case), and its file. */
  static boolean matches(IgnoreFile.Entry entry, Misconfiguration finding) {
    boolean id = entry.id().equalsIgnoreCase(finding.ruleId())
        || finding.references().stream().anyMatch(entry.id()::equalsIgnoreCase);
    return id && paths(entry, finding.file() == null ? List.of() : List.of(finding.file()));
  }

  /** A secret entry: rule id (ignoring case) or the finding's fingerprint, and its file. */
  static boolean matches(IgnoreFile.Entry entry, ExposedSecret finding) {
    boolean id = entry.id().equalsIgnoreCase(finding.ruleId()) || entry.id().equalsIgnoreCase(finding.fingerprint());
    return id && paths(entry, finding.path() == null ? List.of() : List.of(finding.path()));
  }

  private static boolean paths(IgnoreFile.Entry entry, List<String> locations) {
    if (!entry.paths().isEmpty()) {
      return entry.paths().stream().map(Glob::of).anyMatch(glob -> locations.stream().anyMatch(glob::matches));
    }
    return true;
  }
}
