package dev.drydock.secrets.crypto;

import dev.drydock.model.Severity;
import java.util.List;
import java.util.Map;

/**
 * What a weak-crypto rule is about, for findings and docs.
 *
 * @param id drydock rule id ({@code DD-CRY-0xx})
 * @param severity severity of its findings
 * @param title one line saying what is wrong
 * @param languages the languages it has detectors for, in {@link Language} order
 * @param remediation how to fix it, without language-specific examples
 * @param examples a fix in each language's API, appended to the remediation of a finding in that language
 * @param references CWE ids first, then other tools' rule ids ("bandit B324", "gosec G401", ...)
 */
public record RuleInfo(
    String id,
    Severity severity,
    String title,
    List<Language> languages,
    String remediation,
    Map<Language, String> examples,
    List<String> references) {

  public RuleInfo {
    languages = List.copyOf(languages);
    examples = Map.copyOf(examples);
    references = List.copyOf(references);
  }

  /** The remediation for a finding in one language: the general advice plus that language's example, if any. */
  public String remediationFor(Language language) {
    String example = examples.get(language);
    return example == null ? remediation : remediation + " (" + example + ")";
  }

  /** The CWE ids among the references. */
  public List<String> cwes() {
    return references.stream().filter(r -> r.startsWith("CWE-")).toList();
  }
}
