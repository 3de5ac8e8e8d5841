package dev.drydock.gate;

import dev.drydock.model.AdvisoryData;
import dev.drydock.model.Coverage;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.Vulnerability;
import java.util.ArrayList;
import java.util.List;

/** Turns scan results of any kind into gate findings. */
public final class GateFindings {
  private GateFindings() {}

  /** A package family no advisory data covered (kind {@code data}). */
  public static final String NOT_CHECKED = "DD-DATA-001";
  /** An advisory source the result was matched with, dated by its data (kind {@code data}). */
  public static final String DATA_AGE = "DD-DATA-002";

  /** Every finding of {@code result}: vulnerabilities, misconfigurations, secrets and advisory data. */
  public static List<GateFinding> of(ScanResult result) {
    List<GateFinding> out = new ArrayList<>();
    out.addAll(data(result));
    for (Vulnerability v : result.vulnerabilities()) {
      List<String> tags = new ArrayList<>();
      tags.add(v.ecosystem() == null ? "unknown" : v.ecosystem().name().toLowerCase(java.util.Locale.ROOT));
      tags.add(v.status().name().toLowerCase(java.util.Locale.ROOT));
      out.add(new GateFinding("vulnerability", v.id(), v.id(), v.severity(), v.title(), v.purl(),
          v.locations().isEmpty() ? null : v.locations().get(0), v.layerDiffId(), v.fixable(), v.kev(), v.epss(),
          v.published(), tags, List.of(), v.fixedVersions()));
    }
    for (Misconfiguration m : result.misconfigurations()) {
      List<String> tags = new ArrayList<>();
      tags.add("config");
      tags.addAll(m.references());
      tags.addAll(m.controls()); // so a baseline can select them: class: tag:cis-docker:4.1
      out.add(new GateFinding("config", m.ruleId(), m.ruleId(), m.severity(), m.title(), null,
          location(m.file(), m.line()), m.layerDiffId(), true, false, null, null, tags, m.controls()));
    }
    for (ExposedSecret s : result.secrets()) {
      List<String> tags = new ArrayList<>();
      tags.add("secret");
      if (s.deleted()) {
        tags.add("deleted");
      }
      String where = s.commit() != null ? location(s.path(), s.line()) + " @" + s.commit()
          : location(s.path(), s.line());
      out.add(new GateFinding("secret", s.fingerprint(), s.ruleId(), s.severity(),
          s.title() + " (" + s.redacted() + ")", null, where, s.layerDiffId(), true, false, null, s.date(), tags,
          List.of()));
    }
    return out;
  }

  /**
   * Findings of kind {@code data}: one {@code DD-DATA-001} per package family not checked (location the
   * family, e.g. {@code ubuntu 22.04}); one {@code DD-DATA-002} per advisory source matched with, whose
   * {@code published} is the source's data date (its import date when the data has none), so that a rule's
   * {@code older-than-days} expresses how old the data may be (location the source's name).
   */
  static List<GateFinding> data(ScanResult result) {
    List<GateFinding> out = new ArrayList<>();
    for (Coverage c : result.notChecked()) {
      String title = c.reason() != null ? c.reason() : "no advisory data for " + c.family() + ": " + c.packages()
          + " packages not checked";
      out.add(new GateFinding("data", NOT_CHECKED, NOT_CHECKED, Severity.HIGH, title, null, c.family(), null, true,
          false, null, null, List.of("data", "not-checked"), List.of()));
    }
    for (AdvisoryData d : result.advisoryData()) {
      String published = d.dataDate() != null ? d.dataDate() : d.importedAt();
      String title = "advisory data " + d.source() + (d.dataDate() != null ? " from " + day(d.dataDate())
          : " imported " + day(d.importedAt()) + " (the data has no date of its own)");
      out.add(new GateFinding("data", DATA_AGE, DATA_AGE, Severity.HIGH, title, null, d.source(), null, true, false,
          null, published, List.of("data", "data-age"), List.of()));
    }
    return out;
  }

  private static String day(String isoDateOrInstant) {
    return isoDateOrInstant == null ? "on an unknown day"
        : isoDateOrInstant.length() >= 10 ? isoDateOrInstant.substring(0, 10) : isoDateOrInstant;
  }

  private static String location(String file, int line) {
    return line > 0 ? file + ":" + line : file;
  }
}
