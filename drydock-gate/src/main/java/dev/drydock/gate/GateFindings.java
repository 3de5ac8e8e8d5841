package dev.drydock.gate;

import dev.drydock.model.AdvisoryData;
import dev.drydock.model.Coverage;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Finding;
import dev.drydock.model.FindingKind;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.SignatureCheck;
import dev.drydock.model.Severity;
import dev.drydock.model.Vulnerability;
import dev.drydock.model.WebAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns scan results of any kind into gate findings. */
public final class GateFindings {
  private GateFindings() {}

  /** A package family no advisory data covered (kind {@code data}). */
  public static final String NOT_CHECKED = "DD-DATA-001";
  /** An advisory source the result was matched with, dated by its data (kind {@code data}). */
  public static final String DATA_AGE = "DD-DATA-002";
  /** The image is not signed by one of the baseline's keys (kind {@code signature}; docs/signing.md). */
  public static final String SIGNATURE = "DD-SIG-001";

  /**
   * Every finding of {@code result}: advisory data (kind {@code data}: families not checked and the age of
   * each source), then every finding of {@link ScanResult#findings()} through {@link #of(Finding)}.
   */
  public static List<GateFinding> of(ScanResult result) {
    List<GateFinding> out = new ArrayList<>();
    out.addAll(data(result));
    for (Finding f : result.findings()) {
      out.add(of(f));
    }
    return out;
  }

  /**
   * One finding as the gate sees it, whatever its kind: its kind's name ({@code config} for a misconfiguration,
   * else {@link FindingKind#id()}), rule id, severity, title, location, layer and controls, tagged with its kind
   * name; fixable, not known exploited, no package. Only what rules select by differs per kind: a vulnerability
   * is located at the file declaring its package, carries its purl, fix status, fixed versions, KEV, EPSS and
   * publication date and is tagged with its ecosystem and fix status instead; a misconfiguration is also tagged
   * {@code config:<severity>} in lower case, its references and controls; a secret is identified by its
   * fingerprint, shows its redacted form in the title and its commit in the location, is dated by that commit
   * and is also tagged {@code secret:<category>} and {@code deleted} when an upper layer deleted the file; a web
   * alert is located at its URL (and header or cookie) and also tagged {@code web:<level>} ({@code web:fail},
   * {@code web:warn}, {@code web:info}), its references ({@code zap:10038}) and controls.
   */
  public static GateFinding of(Finding f) {
    String kind = f.kind() == FindingKind.MISCONFIGURATION ? "config" : f.kind().id();
    String id = f.ruleId();
    String title = f.title();
    String location = f.location();
    List<String> tags = new ArrayList<>(List.of(kind));
    String purl = null;
    boolean fixable = true;
    boolean kev = false;
    Double epss = null;
    String published = null;
    List<String> fixedVersions = List.of();
    if (f instanceof Vulnerability v) {
      tags.clear();
      tags.add(v.ecosystem() == null ? "unknown" : v.ecosystem().name().toLowerCase(Locale.ROOT));
      tags.add(v.status().name().toLowerCase(Locale.ROOT));
      purl = v.purl();
      location = v.locations().isEmpty() ? null : v.locations().get(0);
      fixable = v.fixable();
      kev = v.kev();
      epss = v.epss();
      published = v.published();
      fixedVersions = v.fixedVersions();
    } else if (f instanceof Misconfiguration m) {
      tags.add("config:" + severityName(m.severity())); // class: tag:config:critical
      tags.addAll(m.references());
      tags.addAll(m.controls()); // so a baseline can select them: class: tag:cis-docker:4.1
    } else if (f instanceof ExposedSecret s) {
      if (s.category() != null) {
        tags.add("secret:" + s.category()); // class: tag:secret:private-key
      }
      if (s.deleted()) {
        tags.add("deleted");
      }
      id = s.fingerprint();
      title = s.title() + " (" + s.redacted() + ")";
      location = s.commit() != null ? location + " @" + s.commit() : location;
      published = s.date();
    } else if (f instanceof WebAlert w) {
      if (w.level() != null) {
        tags.add("web:" + w.level().toLowerCase(Locale.ROOT)); // class: tag:web:fail (a rules.tsv FAIL)
      }
      tags.addAll(w.references()); // class: tag:zap:10038
      tags.addAll(w.controls());
    }
    return new GateFinding(kind, id, f.ruleId(), f.severity(), title, purl, location, f.layerDiffId(), fixable, kev,
        epss, published, tags, f.controls(), fixedVersions);
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

  /**
   * The finding of rule {@code DD-SIG-001} for one result, or null when it passes: the result must record a
   * verified signature ({@code scan --verify-key}) by one of {@code keys} (any key when empty). Fail closed: a
   * result without a signature check (scanned without {@code --verify-key}, or written before drydock recorded
   * one) fails, as does one verified by a key the baseline does not list. Location: the image's digest, else its
   * target name.
   */
  public static GateFinding signature(ScanResult result, List<String> keys) {
    SignatureCheck c = result.signature();
    String image = result.target() == null ? "image" : result.target().name();
    String location = c != null && c.imageDigest() != null ? c.imageDigest() : image;
    String title;
    if (c == null) {
      title = "signature of " + image + " not verified (scanned without --verify-key)";
    } else if (!c.verified()) {
      title = "not signed by a trusted key: " + c.reason();
    } else if (!keys.isEmpty() && !keys.contains(c.signedBy())) {
      title = "signed by " + c.signedBy() + ", which is not one of the baseline's keys";
    } else {
      return null;
    }
    return new GateFinding("signature", SIGNATURE, SIGNATURE, Severity.HIGH, title, null, location, null, true,
        false, null, null, List.of("signature"), List.of());
  }

  private static String day(String isoDateOrInstant) {
    return isoDateOrInstant == null ? "on an unknown day"
        : isoDateOrInstant.length() >= 10 ? isoDateOrInstant.substring(0, 10) : isoDateOrInstant;
  }

  private static String severityName(Severity s) {
    return (s == null ? Severity.UNKNOWN : s).name().toLowerCase(Locale.ROOT);
  }
}
