package dev.drydock.report.sarif;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.LogicalLocation;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Suppression;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.FindingKind;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.SuppressedFinding;
import dev.drydock.model.Target;
import dev.drydock.model.Vulnerability;
import dev.drydock.report.Findings;
import dev.drydock.report.ReportFormat;
import dev.drydock.report.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * SARIF 2.1.0 for code-scanning dashboards: one run by the {@code drydock} driver; for each kind of finding in
 * {@link FindingKind} order, one rule per rule id (with GitHub's {@code security-severity}) and one result per
 * finding ({@link SarifFindings}). A vulnerability's rule is its advisory id, its result located at the file
 * that declares the package inside the image, with the package's purl as logical location; a misconfiguration
 * or secret is located at its file and line.
 */
public final class SarifReport implements ReportFormat {
  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String INFORMATION_URI = "https://drydock.dev";
  static final String FINGERPRINT = "drydockFinding/v1";

  /**
   * The POJOs leave out every value equal to its schema default; a result's {@code level} is always
   * written so that readers need not know that the default is {@code warning}.
   */
  private static final ObjectMapper MAPPER = Json.mapper().copy().addMixIn(Result.class, LevelAlways.class);

  abstract static class LevelAlways {
    @JsonProperty("level")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    Result.Level level;
  }

  @Override
  public String name() {
    return "sarif";
  }

  @Override
  public void write(ScanResult result, OutputStream out) throws IOException {
    MAPPER.writeValue(out, log(result));
    out.write('\n');
    out.flush();
  }

  static SarifSchema210 log(ScanResult result) {
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    List<ReportingDescriptor> ruleList = new ArrayList<>();
    List<Result> results = new ArrayList<>();
    for (FindingKind kind : FindingKind.values()) {
      SarifFindings.add(result.findings(kind), result, ruleIndex, ruleList, results);
    }
    SarifCoverage.notChecked(result, ruleIndex, ruleList, results);
    SarifCoverage.unverifiedSignature(result, ruleIndex, ruleList, results);
    suppressed(result, ruleIndex, ruleList, results);
    Set<ReportingDescriptor> rules = new LinkedHashSet<>(ruleList);
    ToolComponent driver = new ToolComponent()
        .withName("drydock")
        .withInformationUri(URI.create(INFORMATION_URI))
        .withRules(rules);
    if (result.drydockVersion() != null && !result.drydockVersion().isBlank()) {
      driver.setVersion(result.drydockVersion());
      if (result.drydockVersion().matches("\\d+\\.\\d+\\.\\d+([-+].*)?")) {
        driver.setSemanticVersion(result.drydockVersion());
      }
    }
    Run run = new Run()
        .withTool(new Tool().withDriver(driver))
        .withResults(results)
        .withProperties(runProperties(result));
    return new SarifSchema210()
        .with$schema(URI.create(SCHEMA_URI))
        .withVersion(SarifSchema210.Version._2_1_0)
        .withRuns(List.of(run));
  }

  /**
   * The findings an ignore file or VEX suppressed (in the result with {@code --show-suppressed}): results like the
   * others, each with an external, accepted {@code suppression} whose justification is the reason and whose
   * {@code suppressedBy} property names the ignore entry or VEX document. Code-scanning dashboards show them as
   * dismissed.
   */
  private static void suppressed(ScanResult scan, Map<String, Integer> ruleIndex, List<ReportingDescriptor> ruleList,
      List<Result> results) {
    for (SuppressedFinding f : scan.suppressed()) {
      SarifFindings.add(List.of(f.finding()), scan, ruleIndex, ruleList, results);
      Result r = results.get(results.size() - 1);
      Set<Suppression> suppressions = r.getSuppressions() == null ? new LinkedHashSet<>()
          : new LinkedHashSet<>(r.getSuppressions());
      PropertyBag by = new PropertyBag();
      putIfSet(by, "suppressedBy", f.by());
      suppressions.add(new Suppression()
          .withKind(Suppression.Kind.EXTERNAL)
          .withStatus(Suppression.Status.ACCEPTED)
          .withJustification(f.reason() == null ? f.by() : oneLine(f.reason()))
          .withProperties(by));
      r.setSuppressions(suppressions);
    }
  }

  private static PropertyBag runProperties(ScanResult result) {
    PropertyBag bag = new PropertyBag();
    Target target = result.target();
    if (target != null) {
      putIfSet(bag, "targetKind", target.kind());
      putIfSet(bag, "targetName", target.name());
      putIfSet(bag, "manifestDigest", target.manifestDigest());
      putIfSet(bag, "imageId", target.configDigest());
      if (!target.repoTags().isEmpty()) {
        bag.setAdditionalProperty("repoTags", target.repoTags());
      }
    }
    putIfSet(bag, "createdAt", result.createdAt());
    SarifCoverage.runProperties(result, bag);
    return bag;
  }

  /** The rule of one vulnerability id, from all of its findings (the first gives title and links). */
  static ReportingDescriptor rule(List<Vulnerability> findings) {
    Vulnerability first = findings.get(0);
    Severity severity = Findings.summarySeverity(first);
    OptionalDouble highest = OptionalDouble.empty();
    for (Vulnerability v : findings) {
      OptionalDouble score = Findings.highestScore(v);
      if (score.isPresent() && (highest.isEmpty() || score.getAsDouble() > highest.getAsDouble())) {
        highest = score;
      }
      if (Findings.summarySeverity(v).compareTo(severity) > 0) {
        severity = Findings.summarySeverity(v);
      }
    }
    String title = first.title() == null || first.title().isBlank() ? first.id() : oneLine(first.title());
    PropertyBag properties = new PropertyBag().withTags(SarifFindings.tags(first, severity));
    String securitySeverity = securitySeverity(highest, severity);
    if (securitySeverity != null) {
      properties.setAdditionalProperty("security-severity", securitySeverity);
    }
    ReportingDescriptor rule = new ReportingDescriptor()
        .withId(first.id())
        .withShortDescription(new MultiformatMessageString().withText(title))
        .withFullDescription(new MultiformatMessageString().withText(title))
        .withHelp(help(first, severity, highest))
        .withProperties(properties);
    String link = first.links().stream().filter(SarifReport::isAbsoluteUri).findFirst().orElse(null);
    if (link != null) {
      rule.setHelpUri(URI.create(link));
    }
    return rule;
  }

  /**
   * GitHub's {@code security-severity}: the highest CVSS score; without one, the lowest score of the
   * severity's CVSS band so that GitHub shows the same severity; null when the severity is unknown.
   */
  static String securitySeverity(OptionalDouble highest, Severity severity) {
    if (highest.isPresent()) {
      return String.format(Locale.ROOT, "%.1f", highest.getAsDouble());
    }
    return switch (severity) {
      case CRITICAL -> "9.0";
      case HIGH -> "7.0";
      case MEDIUM -> "4.0";
      case LOW -> "0.1";
      default -> null;
    };
  }

  private static MultiformatMessageString help(Vulnerability v, Severity severity, OptionalDouble score) {
    StringBuilder text = new StringBuilder();
    StringBuilder markdown = new StringBuilder();
    String title = v.title() == null || v.title().isBlank() ? v.id() : oneLine(v.title());
    text.append(v.id()).append(": ").append(title).append('\n');
    markdown.append("**").append(v.id()).append("**: ").append(escapeMarkdown(title)).append("\n\n");
    String rating = severity.name() + (score.isPresent() ? String.format(Locale.ROOT, " (CVSS %.1f)", score.getAsDouble()) : "");
    text.append("Severity: ").append(rating).append('\n');
    markdown.append("| Severity | Aliases |\n| --- | --- |\n| ").append(rating).append(" | ")
        .append(v.aliases().isEmpty() ? "-" : String.join(", ", v.aliases())).append(" |\n");
    if (!v.aliases().isEmpty()) {
      text.append("Aliases: ").append(String.join(", ", v.aliases())).append('\n');
    }
    if (!v.links().isEmpty()) {
      text.append("Links:\n");
      markdown.append("\nLinks:\n");
      for (String link : v.links()) {
        text.append("  ").append(link).append('\n');
        markdown.append("- [").append(escapeMarkdown(link)).append("](").append(link).append(")\n");
      }
    }
    return new MultiformatMessageString().withText(text.toString().strip()).withMarkdown(markdown.toString().strip());
  }

  static Result result(Vulnerability v, int ruleIndex, ScanResult scan) {
    List<Location> locations = new ArrayList<>();
    List<String> paths = Findings.locations(v, scan);
    LogicalLocation logical = new LogicalLocation()
        .withName(v.packageName())
        .withFullyQualifiedName(v.purl())
        .withKind("package");
    for (String path : paths) {
      locations.add(new Location()
          .withPhysicalLocation(new PhysicalLocation()
              .withArtifactLocation(new ArtifactLocation().withUri(uri(path))))
          .withLogicalLocations(new LinkedHashSet<>(List.of(logical))));
    }
    if (locations.isEmpty()) {
      locations.add(new Location().withLogicalLocations(new LinkedHashSet<>(List.of(logical))));
    }
    Result r = new Result()
        .withRuleId(v.id())
        .withRuleIndex(ruleIndex)
        .withLevel(level(v.severity()))
        .withMessage(new Message().withText(Findings.message(v)))
        .withLocations(locations)
        .withPartialFingerprints(new PartialFingerprints()
            .withAdditionalProperty(FINGERPRINT, fingerprint(v, paths.isEmpty() ? "" : paths.get(0))))
        .withProperties(properties(v));
    if (v.status() == Vulnerability.Status.MITIGATED) {
      r.setSuppressions(new LinkedHashSet<>(List.of(new Suppression()
          .withKind(Suppression.Kind.EXTERNAL)
          .withStatus(Suppression.Status.ACCEPTED)
          .withJustification(v.mitigation() == null ? "mitigated" : oneLine(v.mitigation())))));
    }
    return r;
  }

  private static PropertyBag properties(Vulnerability v) {
    PropertyBag bag = new PropertyBag();
    putIfSet(bag, "purl", v.purl());
    putIfSet(bag, "installedVersion", v.installedVersion());
    bag.setAdditionalProperty("fixedVersions", v.fixedVersions());
    putIfSet(bag, "status", v.status() == null ? null : v.status().name());
    putIfSet(bag, "severity", Findings.summarySeverity(v).name());
    putIfSet(bag, "vendorSeverity", v.vendorSeverity());
    if (!v.aliases().isEmpty()) {
      bag.setAdditionalProperty("aliases", v.aliases());
    }
    if (v.epss() != null) {
      bag.setAdditionalProperty("epss", v.epss());
    }
    if (v.epssPercentile() != null) {
      bag.setAdditionalProperty("epssPercentile", v.epssPercentile());
    }
    bag.setAdditionalProperty("kev", v.kev());
    putIfSet(bag, "kevDueDate", v.kevDueDate());
    bag.setAdditionalProperty("riskScore", v.riskScore());
    if (v.layerIndex() >= 0) {
      bag.setAdditionalProperty("layerIndex", v.layerIndex());
    }
    putIfSet(bag, "layerDiffId", v.layerDiffId());
    putIfSet(bag, "createdBy", v.createdBy());
    putIfSet(bag, "note", v.note());
    putIfSet(bag, "mitigation", v.mitigation());
    return bag;
  }

  /** error for CRITICAL and HIGH, warning for MEDIUM, note for the rest. */
  static Result.Level level(Severity severity) {
    if (severity == null) {
      return Result.Level.NOTE;
    }
    return switch (severity) {
      case CRITICAL, HIGH -> Result.Level.ERROR;
      case MEDIUM -> Result.Level.WARNING;
      default -> Result.Level.NOTE;
    };
  }

  /** Hex SHA-256 of id, purl and location: the same finding gets the same fingerprint in every scan. */
  static String fingerprint(Vulnerability v, String location) {
    String key = v.id() + "\n" + v.purl() + "\n" + location;
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An image-root-relative path as a relative URI reference: characters outside RFC 3986's path set are
   * percent-encoded (UTF-8), and a first segment with a colon gets {@code ./} so that it is not a scheme.
   */
  static String uri(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    String encoded = out.toString();
    int colon = encoded.indexOf(':');
    int slash = encoded.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash)) {
      encoded = "./" + encoded;
    }
    return encoded;
  }

  private static boolean isAbsoluteUri(String link) {
    try {
      return URI.create(link).isAbsolute();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void putIfSet(PropertyBag bag, String name, String value) {
    if (value != null && !value.isBlank()) {
      bag.setAdditionalProperty(name, value);
    }
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  private static String escapeMarkdown(String s) {
    return s.replaceAll("([\\\\`*_\\[\\]|<>])", "\\\\$1");
  }
}
