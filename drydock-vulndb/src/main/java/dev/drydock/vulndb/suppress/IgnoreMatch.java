package dev.drydock.vulndb.suppress;

import dev.drydock.model.Vulnerability;

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
    if (!entry.paths().isEmpty()) {
      return entry.paths().stream().map(Glob::of)
          .anyMatch(glob -> finding.locations().stream().anyMatch(glob::matches));
    }
    return true;
  }
}
