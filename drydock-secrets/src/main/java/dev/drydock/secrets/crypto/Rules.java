package dev.drydock.secrets.crypto;

import dev.drydock.model.Severity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** All weak-crypto rules in id order, and the helper the rule families use to declare theirs. */
final class Rules {
  private static final List<Rule> ALL = build();

  private Rules() {}

  static List<Rule> all() {
    return ALL;
  }

  private static List<Rule> build() {
    List<Rule> rules = new ArrayList<>();
    rules.addAll(HashRules.rules());
    rules.addAll(CipherRules.rules());
    rules.addAll(TlsRules.rules());
    rules.addAll(CredentialRules.rules());
    rules.addAll(KeySizeRules.rules());
    rules.addAll(RandomRules.rules());
    Set<String> ids = new LinkedHashSet<>();
    for (Rule r : rules) {
      if (!ids.add(r.info().id())) {
        throw new IllegalStateException("duplicate rule id " + r.info().id());
      }
    }
    return List.copyOf(rules);
  }

  /**
   * Declares a rule; its languages are those of its detectors and its references are the CWE ids followed by
   * every detector's references.
   */
  static Rule rule(String id, Severity severity, String title, String remediation, Map<Language, String> examples,
      List<String> cwes, Detector... detectors) {
    Set<Language> languages = EnumSet.noneOf(Language.class);
    Set<String> references = new LinkedHashSet<>(cwes);
    for (Detector d : detectors) {
      languages.addAll(d.languages());
      references.addAll(d.references());
    }
    RuleInfo info = new RuleInfo(id, severity, title, List.copyOf(languages), remediation, examples,
        List.copyOf(references));
    return new Rule(info, List.of(detectors));
  }
}
