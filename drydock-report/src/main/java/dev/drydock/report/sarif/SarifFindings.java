package dev.drydock.report.sarif;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.LogicalLocation;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Finding;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.Vulnerability;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * SARIF rules and results of findings of any kind: one rule per rule id (the first finding of a rule id, in the
 * order given, makes it) and one result per finding. What a rule and a result say depends on the kind only where
 * a kind has more to say: a vulnerability's help text, package and CVSS ({@link SarifReport}), a
 * misconfiguration's remediation, references, controls and resource, a secret's redacted form and commit. Any
 * other kind gets a rule from its title and severity and a result at its location. A secret's message and
 * properties carry only its redacted form and fingerprint, never the value.
 */
final class SarifFindings {
  private SarifFindings() {}

  /**
   * Adds one rule per rule id of {@code found} not yet in {@code index} (to {@code rules}, indexed in {@code index})
   * and one result per finding.
   */
  static void add(List<? extends Finding> found, ScanResult scan, Map<String, Integer> index,
      List<ReportingDescriptor> rules, List<Result> results) {
    Map<String, List<Finding>> byRule = new LinkedHashMap<>();
    found.forEach(f -> byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f));
    for (List<Finding> group : byRule.values()) {
      String id = group.get(0).ruleId();
      if (!index.containsKey(id)) { // else the rule is there already (a suppressed finding of a rule with live ones)
        index.put(id, rules.size());
        rules.add(rule(group));
      }
    }
    for (Finding f : found) {
      results.add(result(f, index.get(f.ruleId()), scan));
    }
  }

  private static ReportingDescriptor rule(List<Finding> group) {
    Finding first = group.get(0);
    if (first instanceof Vulnerability) {
      return SarifReport.rule(group.stream().map(Vulnerability.class::cast).toList());
    }
    if (first instanceof Misconfiguration) {
      return misconfigurationRule(group.stream().map(Misconfiguration.class::cast).toList());
    }
    if (first instanceof ExposedSecret s) {
      return secretRule(s);
    }
    Severity severity = group.stream().map(f -> severity(f.severity())).max(Enum::compareTo).orElse(Severity.UNKNOWN);
    String title = first.title() == null || first.title().isBlank() ? first.ruleId() : oneLine(first.title());
    return rule(first.ruleId(), title, title, tags(first, severity), severity);
  }

  private static Result result(Finding f, int ruleIndex, ScanResult scan) {
    if (f instanceof Vulnerability v) {
      return SarifReport.result(v, ruleIndex, scan);
    }
    if (f instanceof Misconfiguration m) {
      return result(m, ruleIndex);
    }
    if (f instanceof ExposedSecret s) {
      return result(s, ruleIndex);
    }
    PropertyBag bag = new PropertyBag();
    bag.setAdditionalProperty("kind", f.kind().id());
    bag.setAdditionalProperty("severity", severity(f.severity()).name());
    putIfSet(bag, "layerDiffId", f.layerDiffId());
    if (!f.controls().isEmpty()) {
      bag.setAdditionalProperty("controls", f.controls());
    }
    Location location = new Location().withLogicalLocations(new LinkedHashSet<>(List.of(new LogicalLocation()
        .withName(oneLine(f.location())).withKind("resource"))));
    return new Result()
        .withRuleId(f.ruleId())
        .withRuleIndex(ruleIndex)
        .withLevel(SarifReport.level(severity(f.severity())))
        .withMessage(new Message().withText(oneLine(f.title())))
        .withLocations(List.of(location))
        .withPartialFingerprints(new PartialFingerprints().withAdditionalProperty(SarifReport.FINGERPRINT,
            sha256(f.kind().id() + "\n" + f.ruleId() + "\n" + f.location() + "\n" + f.layerDiffId())))
        .withProperties(bag);
  }

  /** The tags of a rule: the finding's kind ({@code vulnerability}, {@code misconfiguration}, ...), then these. */
  static LinkedHashSet<String> tags(Finding first, Severity severity) {
    return new LinkedHashSet<>(List.of(first.kind().id(), "security", severity.name()));
  }

  /** The rule of one misconfiguration rule id, from all of its findings. */
  private static ReportingDescriptor misconfigurationRule(List<Misconfiguration> group) {
    Misconfiguration first = group.get(0);
    // the shortest title is the rule's own (the others add a detail)
    String title = group.stream().map(m -> oneLine(m.title())).min((a, b) -> Integer.compare(a.length(), b.length()))
        .orElse(first.ruleId());
    Severity severity = group.stream().map(SarifFindings::severity).max(Enum::compareTo).orElse(Severity.UNKNOWN);
    LinkedHashSet<String> tags = tags(first, severity);
    tags.addAll(first.controls());
    StringBuilder help = new StringBuilder(first.remediation() == null ? title : oneLine(first.remediation()));
    if (!first.references().isEmpty()) {
      help.append("\nReferences: ").append(String.join(", ", first.references()));
    }
    return rule(first.ruleId(), title, help.toString(), tags, severity);
  }

  private static Result result(Misconfiguration m, int ruleIndex) {
    List<Location> locations = new ArrayList<>();
    Location loc = new Location().withPhysicalLocation(physical(m.file(), m.line(), m.column()));
    if (m.resource() != null && !m.resource().isBlank()) {
      loc.setLogicalLocations(new LinkedHashSet<>(List.of(new LogicalLocation().withName(oneLine(m.resource()))
          .withKind("resource"))));
    }
    locations.add(loc);
    PropertyBag bag = new PropertyBag();
    bag.setAdditionalProperty("severity", severity(m).name());
    if (!m.references().isEmpty()) {
      bag.setAdditionalProperty("references", m.references());
    }
    if (!m.controls().isEmpty()) {
      bag.setAdditionalProperty("controls", m.controls());
    }
    putIfSet(bag, "resource", m.resource());
    putIfSet(bag, "layerDiffId", m.layerDiffId());
    String message = oneLine(m.title()) + (m.resource() == null || m.resource().isBlank() ? ""
        : " (" + oneLine(m.resource()) + ")");
    return new Result()
        .withRuleId(m.ruleId())
        .withRuleIndex(ruleIndex)
        .withLevel(SarifReport.level(severity(m)))
        .withMessage(new Message().withText(message))
        .withLocations(locations)
        .withPartialFingerprints(new PartialFingerprints().withAdditionalProperty(SarifReport.FINGERPRINT,
            sha256(m.ruleId() + "\n" + m.file() + "\n" + m.line() + "\n" + m.resource() + "\n" + m.layerDiffId())))
        .withProperties(bag);
  }

  /** The rule of one secret rule id, from its first finding. */
  private static ReportingDescriptor secretRule(ExposedSecret s) {
    Severity severity = severity(s.severity());
    return rule(s.ruleId(), oneLine(s.title()), "Remove the secret from the file, the image layers and the"
        + " history, and rotate it: anyone who could read it may have copied it.", tags(s, severity), severity);
  }

  private static Result result(ExposedSecret s, int ruleIndex) {
    PropertyBag bag = new PropertyBag();
    bag.setAdditionalProperty("severity", severity(s.severity()).name());
    putIfSet(bag, "redacted", s.redacted());
    putIfSet(bag, "fingerprint", s.fingerprint());
    putIfSet(bag, "layerDiffId", s.layerDiffId());
    if (s.layerDiffId() != null) {
      bag.setAdditionalProperty("deleted", s.deleted());
    }
    putIfSet(bag, "commit", s.commit());
    putIfSet(bag, "author", s.author());
    putIfSet(bag, "date", s.date());
    String message = oneLine(s.title()) + ": " + s.redacted() + (s.deleted() ? " (deleted in a later layer, still in"
        + " the image)" : "") + (s.commit() == null ? "" : " (commit " + s.commit() + ")");
    return new Result()
        .withRuleId(s.ruleId())
        .withRuleIndex(ruleIndex)
        .withLevel(SarifReport.level(severity(s.severity())))
        .withMessage(new Message().withText(message))
        .withLocations(List.of(new Location().withPhysicalLocation(physical(s.path(), s.line(), s.column()))))
        .withPartialFingerprints(new PartialFingerprints().withAdditionalProperty(SarifReport.FINGERPRINT,
            s.fingerprint() != null ? s.fingerprint()
                : sha256(s.ruleId() + "\n" + s.path() + "\n" + s.line() + "\n" + s.commit())))
        .withProperties(bag);
  }

  private static ReportingDescriptor rule(String id, String title, String help, LinkedHashSet<String> tags,
      Severity severity) {
    PropertyBag properties = new PropertyBag().withTags(tags);
    String securitySeverity = SarifReport.securitySeverity(OptionalDouble.empty(), severity);
    if (securitySeverity != null) {
      properties.setAdditionalProperty("security-severity", securitySeverity);
    }
    return new ReportingDescriptor()
        .withId(id)
        .withShortDescription(new MultiformatMessageString().withText(title))
        .withFullDescription(new MultiformatMessageString().withText(title))
        .withHelp(new MultiformatMessageString().withText(help))
        .withProperties(properties);
  }

  /** The file, with a region only when the line is known (1-based; a column of 0 is left out). */
  static PhysicalLocation physical(String file, int line, int column) {
    PhysicalLocation p = new PhysicalLocation()
        .withArtifactLocation(new ArtifactLocation().withUri(SarifReport.uri(file == null ? "" : file)));
    if (line > 0) {
      Region region = new Region().withStartLine(line);
      if (column > 0) {
        region.setStartColumn(column);
      }
      p.setRegion(region);
    }
    return p;
  }

  private static Severity severity(Misconfiguration m) {
    return severity(m.severity());
  }

  private static Severity severity(Severity s) {
    return s == null ? Severity.UNKNOWN : s;
  }

  private static String sha256(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void putIfSet(PropertyBag bag, String name, String value) {
    if (value != null && !value.isBlank()) {
      bag.setAdditionalProperty(name, value);
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }
}
