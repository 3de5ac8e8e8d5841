package dev.drydock.engine;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import dev.drydock.model.ScanResult;
import dev.drydock.model.ScanStats;
import dev.drydock.model.Severity;
import dev.drydock.model.Target;
import dev.drydock.model.Vulnerability;
import dev.drydock.model.WebAlert;
import dev.drydock.web.JsLibraries;
import dev.drydock.web.RulesFile;
import dev.drydock.web.WebOptions;
import dev.drydock.web.WebRules;
import dev.drydock.web.WebScanner;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code drydock web} in the engine: the web module's scan, then the JavaScript libraries it found matched against
 * the vulnerability store's npm advisories (fail closed: libraries with no npm data are NOT CHECKED, which fails
 * the verdict), one {@code DD-WEB-030} alert (ZAP 10003) per vulnerable library, and the rules file over all.
 */
final class WebJob {
  private WebJob() {}

  static Drydock.WebOutcome run(Drydock.WebRequest r, Stores stores) {
    // everything the user gave is checked before the first request
    WebOptions options = r.options();
    RulesFile rules = r.rules() == null ? RulesFile.NONE : RulesFile.load(r.rules());
    Instant now = Instant.now();
    WebScanner.Outcome o = new WebScanner(options, rules).scan();
    List<InstalledPackage> packages = new ArrayList<>();
    for (JsLibraries.Found lib : o.libraries()) {
      Package p = Package.of(Ecosystem.NPM, null, lib.npmName(), lib.version(), lib.url());
      packages.add(new InstalledPackage(Purls.of(p, null), p, -1, null, null, List.of(lib.url())));
    }
    ScanResult result = ScanResult.builder()
        .schemaVersion(ScanResult.SCHEMA_VERSION)
        .drydockVersion(Version.current())
        .createdAt(now.truncatedTo(ChronoUnit.SECONDS).toString())
        .target(new Target("web", o.scan().origin(), null, null, List.of(), null))
        .packages(packages)
        .webAlerts(o.alerts())
        .web(o.scan())
        .checksRun(List.of("web"))
        .stats(new ScanStats(0, 0, packages.size(), o.scan().pages(), 0, o.scan().millis()))
        .warnings(o.warnings())
        .build();
    if (!packages.isEmpty()) {
      result = VulnerabilityScan.match(result, stores, new VulnerabilityScan.Options(r.advisories(), null, false,
          null, null, false), now, VulnerabilityScan.DEFAULT_MAX_DATA_AGE_DAYS);
      List<WebAlert> alerts = new ArrayList<>(result.webAlerts());
      alerts.addAll(rules.apply(vulnerableLibraries(result.vulnerabilities())));
      result = result.toBuilder().webAlerts(alerts).build();
    }
    return new Drydock.WebOutcome(result, o.reachable(), o.requestLog());
  }

  /** One alert per vulnerable library, naming its advisories; as severe as the worst of them. */
  static List<WebAlert> vulnerableLibraries(List<Vulnerability> vulns) {
    Map<String, List<Vulnerability>> byLib = new LinkedHashMap<>();
    for (Vulnerability v : vulns) {
      byLib.computeIfAbsent(v.packageName() + "@" + v.installedVersion(), k -> new ArrayList<>()).add(v);
    }
    List<WebAlert> out = new ArrayList<>();
    WebRules.Rule rule = WebRules.byId("DD-WEB-030"); // ZAP 10003, Vulnerable JS Library
    byLib.forEach((lib, vs) -> {
      Severity worst = vs.stream().map(v -> v.severity() == null ? Severity.UNKNOWN : v.severity())
          .max(Enum::compareTo).orElse(Severity.UNKNOWN);
      TreeSet<String> ids = new TreeSet<>();
      vs.forEach(v -> ids.add(v.id()));
      String url = vs.get(0).locations().isEmpty() ? lib : vs.get(0).locations().get(0);
      Severity sev = worst == Severity.UNKNOWN ? rule.severity() : worst;
      out.add(new WebAlert(rule.id(), rule.zapId(), sev, sev.compareTo(Severity.HIGH) >= 0 ? "FAIL" : "WARN",
          rule.title() + ": " + lib, url, lib, String.join(", ", ids), rule.remediation(),
          List.of("zap:" + rule.zapId(), rule.cwe()), List.of()));
    });
    return out;
  }
}
