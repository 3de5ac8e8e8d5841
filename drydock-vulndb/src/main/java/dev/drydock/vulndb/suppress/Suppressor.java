package dev.drydock.vulndb.suppress;

import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.Vulnerability;
import dev.drydock.vulndb.suppress.Suppressed.Expired;
import dev.drydock.vulndb.suppress.Suppressed.Suppression;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Removes findings that ignore files or VEX documents rule out. Ignore files are consulted first (in
 * the order given, entries in file order), then VEX documents (in the order given); the first rule that
 * applies is reported. Misconfigurations and secrets are suppressed by their lists of the ignore files only
 * (VEX speaks of vulnerabilities).
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

  /**
   * What suppression decided for misconfigurations or secrets.
   *
   * @param kept findings that stay, in input order
   * @param suppressed findings removed, in input order, each with the entry that removed it
   * @param expired entries of that kind whose expiry date has passed (they no longer suppress)
   */
  public record Outcome<T>(List<T> kept, List<Removed<T>> suppressed, List<Expired> expired) {
    public Outcome {
      kept = List.copyOf(kept);
      suppressed = List.copyOf(suppressed);
      expired = List.copyOf(expired);
    }
  }

  /**
   * A finding removed by an ignore entry.
   *
   * @param finding the finding
   * @param by {@code ignorefile:<file>:<line>}
   * @param reason the entry's reason
   */
  public record Removed<T>(T finding, String by, String reason) {}

  /** Applies the {@code misconfigurations} lists of {@code ignores}. */
  public static Outcome<Misconfiguration> misconfigurations(List<Misconfiguration> findings,
      List<IgnoreFile> ignores, LocalDate today) {
    return byKind(findings, ignores, IgnoreFile.Kind.MISCONFIGURATIONS, today, IgnoreMatch::matches);
  }

  /** Applies the {@code secrets} lists of {@code ignores}. */
  public static Outcome<ExposedSecret> secrets(List<ExposedSecret> findings, List<IgnoreFile> ignores,
      LocalDate today) {
    return byKind(findings, ignores, IgnoreFile.Kind.SECRETS, today, IgnoreMatch::matches);
  }

  private static <T> Outcome<T> byKind(List<T> findings, List<IgnoreFile> ignores, IgnoreFile.Kind kind,
      LocalDate today, BiPredicate<IgnoreFile.Entry, T> matches) {
    List<Expired> expired = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    for (IgnoreFile file : ignores) {
      for (IgnoreFile.Entry entry : file.entries(kind)) {
        if (entry.expiredOn(today)) {
          expired.add(new Expired(entry, file.path(), entry.line(), entry.expires()));
        } else {
          rules.add(new Rule(file, entry));
        }
      }
    }
    List<T> kept = new ArrayList<>();
    List<Removed<T>> suppressed = new ArrayList<>();
    for (T finding : findings) {
      Rule by = rules.stream().filter(r -> matches.test(r.entry(), finding)).findFirst().orElse(null);
      if (by == null) {
        kept.add(finding);
      } else {
        suppressed.add(new Removed<>(finding, "ignorefile:" + by.file().path() + ":" + by.entry().line(),
            by.entry().reason()));
      }
    }
    return new Outcome<>(kept, suppressed, expired);
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
