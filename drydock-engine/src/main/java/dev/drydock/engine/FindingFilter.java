package dev.drydock.engine;

import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.SuppressedFinding;
import dev.drydock.secrets.SecretCategories;
import dev.drydock.vulndb.suppress.Filters;
import dev.drydock.vulndb.suppress.IgnoreFile;
import dev.drydock.vulndb.suppress.Suppressed;
import dev.drydock.vulndb.suppress.Suppressor;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The last step of {@code scan} and {@code rescan}, after matching and the checks: findings of scanners not
 * selected are dropped, {@code --severity} and the ignore files' {@code misconfigurations} and {@code secrets}
 * lists apply to misconfigurations and secrets as {@link VulnerabilityScan} applies them to vulnerabilities, and
 * {@link #exitCode} counts what remains of every kind (Trivy's {@code --exit-code}).
 */
public final class FindingFilter {
  /**
   * What to keep.
   *
   * @param scanners the scanners selected: findings of the others are dropped (and their check families are
   *     no longer listed as run)
   * @param severities severities to keep; empty for all
   * @param ignoreFiles the ignore files, loaded (see {@link #load})
   * @param showSuppressed keep suppressed findings in the result (with why)
   */
  public record Options(Scanners scanners, Set<Severity> severities, List<IgnoreFile> ignoreFiles,
      boolean showSuppressed) {
    public Options {
      severities = severities == null ? Set.of() : Set.copyOf(severities);
      ignoreFiles = ignoreFiles == null ? List.of() : List.copyOf(ignoreFiles);
    }
  }

  private FindingFilter() {}

  /** Reads and validates the ignore files: a bad one is bad input before any image is read. */
  public static List<IgnoreFile> load(List<Path> ignoreFiles) {
    return ignoreFiles.stream().map(IgnoreFile::load).toList();
  }

  /** {@code result} filtered as {@code options} say. */
  public static ScanResult apply(ScanResult result, Options options, Instant now) {
    Scanners on = options.scanners();
    ScanResult r = categorized(result);
    if (!on.vuln()) {
      r = r.withVulnerabilities(List.of(), r.suppressed().stream().filter(s -> s.vulnerability() == null).toList(),
          List.of());
    }
    List<String> families = new ArrayList<>();
    for (String family : r.checksRun()) {
      boolean secretFamily = family.equals("secrets");
      if (secretFamily ? on.secret() : on.misconfig()) {
        families.add(family);
      }
    }
    List<Misconfiguration> misconfigs = on.misconfig() ? r.misconfigurations() : List.of();
    List<ExposedSecret> secrets = on.secret() ? r.secrets() : List.of();
    r = r.withFindings(misconfigs, secrets, families);

    misconfigs = Filters.bySeverity(misconfigs, Misconfiguration::severity, options.severities());
    secrets = Filters.bySeverity(secrets, ExposedSecret::severity, options.severities());
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Suppressor.Outcome<Misconfiguration> m = Suppressor.misconfigurations(misconfigs, options.ignoreFiles(), today);
    Suppressor.Outcome<ExposedSecret> s = Suppressor.secrets(secrets, options.ignoreFiles(), today);
    List<SuppressedFinding> suppressed = new ArrayList<>();
    if (options.showSuppressed()) {
      m.suppressed().forEach(x -> suppressed.add(new SuppressedFinding(x.finding(), x.by(), x.reason())));
      s.suppressed().forEach(x -> suppressed.add(new SuppressedFinding(x.finding(), x.by(), x.reason())));
    }
    List<String> warnings = new ArrayList<>();
    List<Suppressed.Expired> expired = new ArrayList<>(on.misconfig() ? m.expired() : List.of());
    if (on.secret()) {
      expired.addAll(s.expired());
    }
    for (Suppressed.Expired e : expired) {
      warnings.add(e.file() + ":" + e.line() + ": ignore entry for " + e.entry().id() + " expired on " + e.expires()
          + "; it no longer suppresses");
    }
    return r.withFiltered(m.kept(), s.kept(), suppressed, warnings);
  }

  /**
   * Findings that remain of every kind the result holds: vulnerabilities (after {@code --severity},
   * {@code --ignore-unfixed}, ignore files and VEX), misconfigurations and secrets (after {@code --severity} and
   * ignore files).
   */
  public static int remaining(ScanResult result) {
    return result.vulnerabilities().size() + result.misconfigurations().size() + result.secrets().size();
  }

  /** {@code exitCode} when any finding remains ({@code --exit-code N}), else 0. */
  public static int exitCode(ScanResult result, int exitCode) {
    return remaining(result) > 0 ? exitCode : 0;
  }

  /**
   * {@code result} with a category on every secret: results and stored inventories written before secrets had
   * one get the category of their rule (docs/secrets.md, "Categories").
   */
  public static ScanResult categorized(ScanResult result) {
    if (result.secrets().stream().allMatch(s -> s.category() != null)) {
      return result;
    }
    List<ExposedSecret> secrets = result.secrets().stream()
        .map(s -> s.category() != null ? s : s.withCategory(SecretCategories.ofRuleId(s.ruleId()))).toList();
    return result.withFindings(result.misconfigurations(), secrets, result.checksRun());
  }
}
