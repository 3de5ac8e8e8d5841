package dev.drydock.report.cyclonedx;

import dev.drydock.model.InstalledPackage;
import dev.drydock.model.Severity;
import dev.drydock.model.SuppressedFinding;
import dev.drydock.report.Findings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.vulnerability.Vulnerability;
import org.cyclonedx.model.vulnerability.Vulnerability.Advisory;
import org.cyclonedx.model.vulnerability.Vulnerability.Affect;
import org.cyclonedx.model.vulnerability.Vulnerability.Analysis;
import org.cyclonedx.model.vulnerability.Vulnerability.Rating;
import org.cyclonedx.model.vulnerability.Vulnerability.Reference;
import org.cyclonedx.model.vulnerability.Vulnerability.Source;
import org.cyclonedx.model.vulnerability.Vulnerability.Version;

/**
 * drydock findings as CycloneDX 1.6 {@code vulnerabilities}: one entry per finding (so that fix status,
 * fixed versions and analysis stay exact per package), affecting the component(s) of the finding's package.
 * Findings suppressed by an ignore file or VEX (in the result with {@code --show-suppressed}) follow, with their
 * VEX analysis: a VEX document's state, or, for an ignore entry (an accepted risk), the response
 * {@code will_not_fix}; the property {@value #PROP_SUPPRESSED_BY} names what suppressed them.
 */
final class CycloneDxVulnerabilities {
  static final String PROP_STATUS = "drydock:vulnerability:status";
  static final String PROP_FIXED_VERSION = "drydock:vulnerability:fixedVersion";
  static final String PROP_EPSS = "drydock:vulnerability:epss";
  static final String PROP_EPSS_PERCENTILE = "drydock:vulnerability:epssPercentile";
  static final String PROP_KEV = "drydock:vulnerability:kev";
  static final String PROP_KEV_DUE = "drydock:vulnerability:kevDueDate";
  static final String PROP_RISK = "drydock:vulnerability:riskScore";
  static final String PROP_SEVERITY = "drydock:vulnerability:severity";
  static final String PROP_FEED = "drydock:vulnerability:source";
  static final String PROP_SUPPRESSED_BY = "drydock:vulnerability:suppressedBy";

  /** A component of the BOM and the installed package it describes. */
  record Placed(String ref, InstalledPackage installed) {}

  private CycloneDxVulnerabilities() {}

  static List<Vulnerability> of(List<dev.drydock.model.Vulnerability> findings, List<Placed> placed,
      String fallbackRef) {
    return of(findings, List.of(), placed, fallbackRef);
  }

  /** The findings, then the suppressed vulnerabilities with their analysis. */
  static List<Vulnerability> of(List<dev.drydock.model.Vulnerability> findings, List<SuppressedFinding> suppressed,
      List<Placed> placed, String fallbackRef) {
    List<Vulnerability> out = new ArrayList<>();
    Set<String> refs = new HashSet<>();
    for (dev.drydock.model.Vulnerability finding : findings) {
      out.add(placed(finding, placed, fallbackRef, refs));
    }
    for (SuppressedFinding s : suppressed) {
      if (s.vulnerability() == null) {
        continue;
      }
      Vulnerability v = placed(s.vulnerability(), placed, fallbackRef, refs);
      v.setAnalysis(suppression(s));
      List<Property> properties = v.getProperties() == null ? new ArrayList<>() : new ArrayList<>(v.getProperties());
      properties.add(new Property(PROP_SUPPRESSED_BY, s.by()));
      v.setProperties(properties);
      out.add(v);
    }
    return out;
  }

  private static Vulnerability placed(dev.drydock.model.Vulnerability finding, List<Placed> placed, String fallbackRef,
      Set<String> refs) {
    List<String> affected = affectedRefs(finding, placed);
    if (affected.isEmpty()) {
      affected = List.of(fallbackRef);
    }
    String ref = finding.id() + "@" + affected.get(0);
    String unique = ref;
    for (int n = 2; !refs.add(unique); n++) {
      unique = ref + "|" + n;
    }
    return vulnerability(finding, unique, affected);
  }

  /**
   * The analysis of a suppressed finding: a VEX statement's state ({@code not_affected}, {@code resolved} for
   * {@code fixed}/{@code resolved}, {@code false_positive}); for an ignore entry the response {@code will_not_fix}
   * (the risk was accepted); the reason as detail.
   */
  static Analysis suppression(SuppressedFinding s) {
    Analysis analysis = new Analysis();
    String reason = s.reason() == null ? "" : s.reason().strip();
    if (s.by() != null && s.by().startsWith("vex:")) {
      String status = reason.split("[ :(]", 2)[0].toLowerCase(Locale.ROOT);
      switch (status) {
        case "not_affected" -> analysis.setState(Analysis.State.NOT_AFFECTED);
        case "fixed", "resolved" -> analysis.setState(Analysis.State.RESOLVED);
        case "false_positive" -> analysis.setState(Analysis.State.FALSE_POSITIVE);
        default -> { }
      }
    } else {
      analysis.setResponses(List.of(Analysis.Response.WILL_NOT_FIX));
    }
    analysis.setDetail(("suppressed by " + s.by() + (reason.isEmpty() ? "" : ": " + reason)).strip());
    return analysis;
  }

  /**
   * The components with the finding's purl; when the finding names locations, only those declared at one
   * of them (two copies of a jar share a purl but not a location).
   */
  static List<String> affectedRefs(dev.drydock.model.Vulnerability finding, List<Placed> placed) {
    List<Placed> samePurl = placed.stream()
        .filter(p -> p.installed().purl() != null && p.installed().purl().equals(finding.purl())).toList();
    List<String> located = samePurl.stream()
        .filter(p -> p.installed().locations().stream().anyMatch(finding.locations()::contains))
        .map(Placed::ref).toList();
    return located.isEmpty() ? samePurl.stream().map(Placed::ref).toList() : located;
  }

  private static Vulnerability vulnerability(dev.drydock.model.Vulnerability f, String bomRef, List<String> affected) {
    Vulnerability v = new Vulnerability();
    v.setBomRef(bomRef);
    v.setId(f.id());
    v.setSource(source(f.id()));
    List<Reference> references = new ArrayList<>();
    for (String alias : f.aliases()) {
      Reference reference = new Reference();
      reference.setId(alias);
      reference.setSource(source(alias));
      references.add(reference);
    }
    if (!references.isEmpty()) {
      v.setReferences(references);
    }
    v.setRatings(ratings(f));
    if (f.title() != null && !f.title().isBlank()) {
      v.setDescription(f.title().strip());
    }
    if (f.note() != null && !f.note().isBlank()) {
      v.setDetail(f.note().strip());
    }
    if (!f.fixedVersions().isEmpty()) {
      v.setRecommendation("Upgrade " + f.packageName() + " to " + String.join(" or ", f.fixedVersions()) + ".");
    }
    List<Advisory> advisories = new ArrayList<>();
    for (String link : f.links()) {
      Advisory advisory = new Advisory();
      advisory.setUrl(link);
      advisories.add(advisory);
    }
    if (!advisories.isEmpty()) {
      v.setAdvisories(advisories);
    }
    Date published = date(f.published());
    if (published != null) {
      v.setPublished(published);
    }
    Analysis analysis = analysis(f);
    if (analysis != null) {
      v.setAnalysis(analysis);
    }
    List<Affect> affects = new ArrayList<>();
    for (String ref : affected) {
      Affect affect = new Affect();
      affect.setRef(ref);
      if (f.installedVersion() != null && !f.installedVersion().isBlank()) {
        Version version = new Version();
        version.setVersion(f.installedVersion());
        version.setStatus(Version.Status.AFFECTED);
        affect.setVersions(List.of(version));
      }
      affects.add(affect);
    }
    v.setAffects(affects);
    v.setProperties(properties(f));
    return v;
  }

  /** Who publishes an id: NVD for CVEs, GitHub for GHSAs, the ecosystem databases for theirs, else OSV. */
  static Source source(String id) {
    Source source = new Source();
    String upper = id.toUpperCase(Locale.ROOT);
    if (upper.startsWith("CVE-")) {
      source.setName("NVD");
      source.setUrl("https://nvd.nist.gov/vuln/detail/" + id);
    } else if (upper.startsWith("GHSA-")) {
      source.setName("GitHub");
      source.setUrl("https://github.com/advisories/" + id);
    } else if (upper.startsWith("GO-")) {
      source.setName("Go Vulnerability Database");
      source.setUrl("https://pkg.go.dev/vuln/" + id);
    } else if (upper.startsWith("RUSTSEC-")) {
      source.setName("RustSec");
      source.setUrl("https://rustsec.org/advisories/" + id + ".html");
    } else if (upper.startsWith("DSA-") || upper.startsWith("DLA-")) {
      source.setName("Debian");
      source.setUrl("https://security-tracker.debian.org/tracker/" + id);
    } else {
      source.setName("OSV");
      source.setUrl("https://osv.dev/vulnerability/" + id);
    }
    return source;
  }

  /** One rating per CVSS assessment, the vendor's rating if any, else the gating severity alone. */
  private static List<Rating> ratings(dev.drydock.model.Vulnerability f) {
    List<Rating> ratings = new ArrayList<>();
    for (dev.drydock.model.Vulnerability.Cvss cvss : f.cvss()) {
      Rating rating = new Rating();
      rating.setScore(cvss.score());
      rating.setSeverity(severity(Severity.ofScore(cvss.score())));
      rating.setMethod(method(cvss.version(), cvss.vector()));
      if (cvss.vector() != null && !cvss.vector().isBlank()) {
        rating.setVector(cvss.vector());
      }
      if (cvss.source() != null && !cvss.source().isBlank()) {
        Source source = new Source();
        source.setName(cvss.source());
        rating.setSource(source);
      }
      ratings.add(rating);
    }
    if (f.vendorSeverity() != null && !f.vendorSeverity().isBlank()) {
      Rating rating = new Rating();
      rating.setSeverity(severity(Severity.parse(f.vendorSeverity())));
      rating.setMethod(Rating.Method.OTHER);
      if (!f.sources().isEmpty()) {
        Source source = new Source();
        source.setName(f.sources().get(0));
        rating.setSource(source);
      }
      rating.setJustification("vendor rating: " + f.vendorSeverity().strip());
      ratings.add(rating);
    }
    if (ratings.isEmpty()) {
      Rating rating = new Rating();
      rating.setSeverity(severity(f.severity()));
      rating.setMethod(Rating.Method.OTHER);
      ratings.add(rating);
    }
    return ratings;
  }

  static Rating.Method method(String version, String vector) {
    String v = version == null ? "" : version.strip();
    if (v.isEmpty() && vector != null) {
      v = vector.startsWith("CVSS:4.0/") ? "4.0" : vector.startsWith("CVSS:3.1/") ? "3.1"
          : vector.startsWith("CVSS:3.0/") ? "3.0" : "";
    }
    return switch (v) {
      case "4.0", "4" -> Rating.Method.CVSSV4;
      case "3.1" -> Rating.Method.CVSSV31;
      case "3.0", "3" -> Rating.Method.CVSSV3;
      case "2.0", "2" -> Rating.Method.CVSSV2;
      default -> Rating.Method.OTHER;
    };
  }

  static Rating.Severity severity(Severity severity) {
    if (severity == null) {
      return Rating.Severity.UNKNOWN;
    }
    return switch (severity) {
      case CRITICAL -> Rating.Severity.CRITICAL;
      case HIGH -> Rating.Severity.HIGH;
      case MEDIUM -> Rating.Severity.MEDIUM;
      case LOW -> Rating.Severity.LOW;
      case NONE -> Rating.Severity.NONE;
      case UNKNOWN -> Rating.Severity.UNKNOWN;
    };
  }

  /**
   * MITIGATED: not affected, the vulnerable code is not present; WILL_NOT_FIX and END_OF_LIFE: the
   * supplier's response (will not fix / can not fix). No analysis for the others.
   */
  static Analysis analysis(dev.drydock.model.Vulnerability f) {
    if (f.status() == null) {
      return null;
    }
    Analysis analysis = new Analysis();
    switch (f.status()) {
      case MITIGATED -> {
        analysis.setState(Analysis.State.NOT_AFFECTED);
        analysis.setJustification(Analysis.Justification.CODE_NOT_PRESENT);
        if (f.mitigation() != null && !f.mitigation().isBlank()) {
          analysis.setDetail(f.mitigation().strip());
        }
      }
      case WILL_NOT_FIX -> {
        analysis.setResponses(List.of(Analysis.Response.WILL_NOT_FIX));
        analysis.setDetail(Findings.statusNote(f));
      }
      case END_OF_LIFE -> {
        analysis.setResponses(List.of(Analysis.Response.CAN_NOT_FIX));
        analysis.setDetail(Findings.statusNote(f));
      }
      default -> {
        return null;
      }
    }
    return analysis;
  }

  private static List<Property> properties(dev.drydock.model.Vulnerability f) {
    List<Property> properties = new ArrayList<>();
    if (f.status() != null) {
      properties.add(new Property(PROP_STATUS, f.status().name()));
    }
    properties.add(new Property(PROP_SEVERITY, Findings.summarySeverity(f).name()));
    for (String fixed : f.fixedVersions()) {
      properties.add(new Property(PROP_FIXED_VERSION, fixed));
    }
    if (f.epss() != null) {
      properties.add(new Property(PROP_EPSS, number(f.epss())));
    }
    if (f.epssPercentile() != null) {
      properties.add(new Property(PROP_EPSS_PERCENTILE, number(f.epssPercentile())));
    }
    properties.add(new Property(PROP_KEV, Boolean.toString(f.kev())));
    if (f.kevDueDate() != null) {
      properties.add(new Property(PROP_KEV_DUE, f.kevDueDate()));
    }
    properties.add(new Property(PROP_RISK, number(f.riskScore())));
    for (String feed : f.sources()) {
      properties.add(new Property(PROP_FEED, feed));
    }
    if (f.layerIndex() >= 0) {
      properties.add(new Property(CycloneDxReport.PROP_LAYER_INDEX, Integer.toString(f.layerIndex())));
    }
    if (f.layerDiffId() != null) {
      properties.add(new Property(CycloneDxReport.PROP_DIFF_ID, f.layerDiffId()));
    }
    for (String location : f.locations()) {
      properties.add(new Property(CycloneDxReport.PROP_LOCATION, location));
    }
    return properties;
  }

  private static String number(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** {@code YYYY-MM-DD} or an ISO-8601 date-time as a Date (UTC), null otherwise. */
  static Date date(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    try {
      return Date.from(Instant.parse(t));
    } catch (DateTimeParseException e) {
      // try the other shapes
    }
    try {
      return Date.from(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      // try a plain date
    }
    try {
      return Date.from(LocalDate.parse(t.length() >= 10 ? t.substring(0, 10) : t).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
