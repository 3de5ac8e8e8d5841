package dev.drydock.checks.runtime;

import dev.drydock.checks.doc.Doc;
import dev.drydock.model.Misconfiguration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the findings of one file. A pod-level setting is seen once per container; the same rule at the
 * same key is reported once, naming the pod.
 */
public final class Findings {
  private static final Comparator<Misconfiguration> ORDER = Comparator.comparingInt(Misconfiguration::line)
      .thenComparing(Misconfiguration::ruleId).thenComparingInt(Misconfiguration::column)
      .thenComparing(m -> m.resource() == null ? "" : m.resource());

  private final Map<String, Misconfiguration> found = new LinkedHashMap<>();

  /** Adds a finding of {@code rule} at {@code hit} unless the same rule already fired at that key. */
  public void add(Doc doc, RuleInfo rule, Hit hit, String resource, Source source) {
    String key = doc.index() + "|" + rule.id() + "|" + hit.pointer() + "|" + hit.detail();
    if (!found.containsKey(key)) {
      found.put(key, rule.finding(doc, hit.pointer(), hit.detail(), resource, source));
    }
  }

  /** Adds a finding about a container: named after the container when the key is inside it, else the pod. */
  public void add(Doc doc, RuleInfo rule, Hit hit, ContainerSpec c) {
    boolean inContainer = hit.pointer().equals(c.anchor()) || hit.pointer().startsWith(c.anchor() + "/");
    add(doc, rule, hit, inContainer ? c.resource() : c.podResource(), c.source());
  }

  /** Everything added, sorted by line then rule id. */
  public List<Misconfiguration> sorted() {
    List<Misconfiguration> out = new ArrayList<>(found.values());
    out.sort(ORDER);
    return out;
  }
}
