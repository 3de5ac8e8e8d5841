package dev.drydock.vulndb.suppress;

import dev.drydock.model.Vulnerability;
import dev.drydock.vulndb.suppress.Suppressed.Expired;
import dev.drydock.vulndb.suppress.Suppressed.Suppression;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes findings that ignore files or VEX documents rule out. Ignore files are consulted first (in
 * the order given, entries in file order), then VEX documents (in the order given); the first rule that
 * applies is reported.
 */
public final class Suppressor {
  private Suppressor() {}

  public static Suppressed apply(List<Vulnerability> findings, List<IgnoreFile> ignores, List<Vex> vexes,
      LocalDate today) {
    List<Expired> expired = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    for (IgnoreFile file : ignores) {
      for (IgnoreFile.Entry entry : file.entries()) {
        if (entry.expiredOn(today)) {
          expired.add(new Expired(entry, file.path(), entry.line(), entry.expires()));
        } else {
          rules.add(new Rule(file, entry));
        }
      }
    }
    List<Vulnerability> kept = new ArrayList<>();
    List<Suppression> suppressed = new ArrayList<>();
    for (Vulnerability finding : findings) {
      Optional<Suppression> by = byIgnore(finding, rules);
      if (by.isEmpty()) {
        by = byVex(finding, vexes);
      }
      if (by.isPresent()) {
        suppressed.add(by.get());
      } else {
        kept.add(finding);
      }
    }
    return new Suppressed(kept, suppressed, expired);
  }

  private record Rule(IgnoreFile file, IgnoreFile.Entry entry) {}

  private static Optional<Suppression> byIgnore(Vulnerability finding, List<Rule> rules) {
    for (Rule rule : rules) {
      if (IgnoreMatch.matches(rule.entry(), finding)) {
        return Optional.of(new Suppression(finding,
            "ignorefile:" + rule.file().path() + ":" + rule.entry().line(), rule.entry().reason()));
      }
    }
    return Optional.empty();
  }

  private static Optional<Suppression> byVex(Vulnerability finding, List<Vex> vexes) {
    for (Vex vex : vexes) {
      Optional<Vex.Statement> decision = vex.decide(finding);
      if (decision.isPresent() && decision.get().suppresses()) {
        return Optional.of(new Suppression(finding, "vex:" + vex.path(), decision.get().reason()));
      }
    }
    return Optional.empty();
  }
}
