package dev.drydock.gate.report;

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
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.drydock.gate.GateFinding;
import dev.drydock.gate.GateReport;
import dev.drydock.gate.baseline.Level;
import dev.drydock.gate.baseline.Waiver;
import dev.drydock.gate.eval.FindingKey;
import dev.drydock.gate.eval.GateResult;
import dev.drydock.gate.eval.RuleResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SARIF 2.1.0: one rule per baseline rule, one result per failing or waived finding (level error for
 * must-pass, warning for may-fail, note for info); waived findings carry an accepted external suppression.
 * A finding that trips two rules is two results with the same {@value #FINGERPRINT} partial fingerprint;
 * the run's {@code properties.counts} are the gate's counts of distinct findings.
 */
public final class SarifReport {
  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String TOOL = "drydock-gate";
  /** The partial fingerprint naming the distinct finding (docs/baseline.md, "Counting findings"). */
  static final String FINGERPRINT = "drydockFinding/v1";
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .serializationInclusion(JsonInclude.Include.NON_EMPTY)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      // java-sarif leaves out values equal to the SARIF default (level "warning"); a gate report states them
      .addMixIn(Result.class, StateDefaults.class)
      .build();

  private SarifReport() {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  private abstract static class StateDefaults {}

  public static void render(GateReport report, OutputStream out) throws IOException {
    MAPPER.writeValue(out, sarif(report));
    out.write('\n');
    out.flush();
  }

  static SarifSchema210 sarif(GateReport report) {
    GateResult r = report.result();
    List<ReportingDescriptor> rules = new ArrayList<>();
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < r.rules().size(); i++) {
      RuleResult rule = r.rules().get(i);
      rules.add(new ReportingDescriptor()
          .withId(rule.ruleId())
          .withShortDescription(new MultiformatMessageString()
              .withText(rule.description() == null ? rule.ruleId() : rule.description()))
          .withProperties(new PropertyBag()
              .withAdditionalProperty("level", rule.level().label())
              .withAdditionalProperty("controls", rule.controls())));
      for (GateFinding f : rule.failing()) {
        results.add(result(rule, i, f).withLevel(level(rule.level())));
      }
      for (GateFinding f : rule.waived()) {
        results.add(result(rule, i, f).withLevel(level(rule.level()))
            .withSuppressions(Set.of(suppression(ReportData.waiverFor(r, rule.ruleId(), f)))));
      }
    }
    ToolComponent driver = new ToolComponent().withName(TOOL).withRules(new LinkedHashSet<>(rules));
    PropertyBag runProps = new PropertyBag()
        .withAdditionalProperty("decision", r.decision().name())
        .withAdditionalProperty("score", r.score().value())
        .withAdditionalProperty("grade", r.score().grade().label())
        .withAdditionalProperty("baseline", report.baseline())
        .withAdditionalProperty("counts", r.counts());
    Run run = new Run().withTool(new Tool().withDriver(driver)).withResults(results).withProperties(runProps);
    return new SarifSchema210()
        .with$schema(URI.create(SCHEMA_URI))
        .withVersion(SarifSchema210.Version._2_1_0)
        .withRuns(List.of(run));
  }

  static Result.Level level(Level level) {
    return switch (level) {
      case MUST_PASS -> Result.Level.ERROR;
      case MAY_FAIL -> Result.Level.WARNING;
      case INFO, IGNORE -> Result.Level.NOTE;
    };
  }

  private static Result result(RuleResult rule, int index, GateFinding f) {
    StringBuilder text = new StringBuilder(f.id()).append(" (").append(f.severity()).append(')');
    if (f.purl() != null) {
      text.append(" in ").append(f.purl());
    }
    if (f.title() != null && !f.title().isBlank()) {
      text.append(": ").append(f.title());
    }
    Location loc = new Location();
    boolean any = false;
    if (f.location() != null) {
      loc.withPhysicalLocation(new PhysicalLocation()
          .withArtifactLocation(new ArtifactLocation().withUri(uri(f.location()))));
      any = true;
    }
    if (f.purl() != null) {
      loc.withLogicalLocations(Set.of(new LogicalLocation().withFullyQualifiedName(f.purl()).withKind("package")));
      any = true;
    }
    Result res = new Result().withRuleId(rule.ruleId()).withRuleIndex(index)
        .withMessage(new Message().withText(text.toString()))
        .withPartialFingerprints(new PartialFingerprints()
            .withAdditionalProperty(FINGERPRINT, FindingKey.of(f).fingerprint()));
    if (any) {
      res.withLocations(List.of(loc));
    }
    return res;
  }

  private static Suppression suppression(Optional<Waiver> waiver) {
    String justification = waiver
        .map(w -> w.reason() + " (owner " + w.owner() + (w.ticket() == null ? "" : ", ticket " + w.ticket())
            + ", expires " + w.expires() + ")")
        .orElse("accepted by a waiver of the baseline");
    return new Suppression().withKind(Suppression.Kind.EXTERNAL).withStatus(Suppression.Status.ACCEPTED)
        .withJustification(justification);
  }

  /** An image path as a relative URI reference (characters a URI does not allow are percent-encoded). */
  static String uri(String path) {
    try {
      return new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException e) {
      return path.replace(" ", "%20");
    }
  }
}
