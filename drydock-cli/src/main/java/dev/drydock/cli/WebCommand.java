package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import dev.drydock.engine.GateVerdict;
import dev.drydock.model.ScanResult;
import dev.drydock.model.WebAlert;
import dev.drydock.model.WebScan;
import dev.drydock.report.Reports;
import dev.drydock.report.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code drydock web URL}: a ZAP-baseline-style passive scan of a running service (docs/web.md). Exit codes follow
 * zap-baseline.py where they do not clash with drydock's: 0 nothing above INFO, 1 a FAIL alert (or JavaScript
 * libraries no advisory data covered), 3 WARN alerts only (zap-baseline's 2; -I makes it 0), 2 bad input or a
 * target that did not answer at all (zap-baseline's 3); with --baseline the gate decides.
 */
@Command(name = "web", mixinStandardHelpOptions = true,
    description = "Passive scan of a running web service (same origin, GET/HEAD only): security headers, cookies,"
        + " CSP, disclosure, exposed consoles, TLS, vulnerable JavaScript libraries, MDN Observatory score. Exit 0"
        + " clean, 1 FAIL alerts, 3 WARN alerts only, 2 bad input or unreachable (docs/web.md).")
final class WebCommand implements Callable<Integer> {
  private static final Set<String> GATE_FORMATS = Set.of("junit", "html", "markdown");

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin GateOptions gate;

  @Parameters(paramLabel = "URL", description = "Start URL (http:// or https://); only its origin is requested.")
  String url;

  @Option(names = "--max-duration", paramLabel = "DURATION", defaultValue = "60s",
      description = "The whole scan ends by then: 60s, 2m, 500ms (default: ${DEFAULT-VALUE}).")
  String maxDuration;

  @Option(names = "--max-pages", paramLabel = "N", description = "Pages the spider fetches at most (default 500).")
  Integer maxPages;

  @Option(names = "--depth", paramLabel = "N", description = "Links followed from the start page (default 10).")
  Integer depth;

  @Option(names = "--header", paramLabel = "\"K: V\"", description = "Send this header with every request. Repeatable.")
  List<String> headers = new ArrayList<>();

  @Option(names = "--cookie", paramLabel = "NAME=VALUE", description = "Send this cookie with every request."
      + " Repeatable.")
  List<String> cookies = new ArrayList<>();

  @Option(names = {"--rules", "-c"}, paramLabel = "rules.tsv", description = "ZAP baseline rules file:"
      + " <id><TAB>IGNORE|INFO|WARN|FAIL|OUTOFSCOPE, id a ZAP alert id or DD-WEB-xxx.")
  Path rules;

  @Option(names = {"--ignore-warn", "-I"}, description = "Exit 0 when only WARN alerts were raised"
      + " (zap-baseline.py -I).")
  boolean ignoreWarn;

  @Option(names = "--no-probes", description = "Do not probe for exposed consoles and files (/script, /.git/HEAD,"
      + " /.env, ...).")
  boolean noProbes;

  @Option(names = "--advisories", paramLabel = "PATH", description = "Match JavaScript libraries against these"
      + " advisory files or directories instead of the store. Repeatable.")
  List<Path> advisories = new ArrayList<>();

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json, sarif, junit, html or markdown (the last three through the gate) (default:"
          + " ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of"
      + " standard output.")
  Path output;

  @Override
  public Integer call() {
    boolean viaGate = GATE_FORMATS.contains(format);
    if (viaGate) {
      GateVerdict.checkFormat(format);
    } else {
      Reports.byName(format); // a bad --format before the scan
    }
    Drydock.WebRequest request = Drydock.WebRequest.of(url, maxDuration, maxPages, depth, headers, cookies, rules,
        advisories, noProbes);
    PrintWriter err = spec.commandLine().getErr();
    try (Drydock drydock = common.engine()) {
      Drydock.WebOutcome o = drydock.web(request);
      ScanResult result = o.result();
      boolean gated = gate.baseline != null;
      ScanResult previous = gated && gate.previous != null ? Json.read(gate.previous) : null;
      Drydock.Verdict verdict = drydock.verdict(o, gated ? gate.policy() : null, previous, ignoreWarn);
      if (viaGate) {
        GateVerdict rendered = verdict.gate() != null ? verdict.gate()
            : drydock.gate(List.of(result), gate.policy(), previous, null);
        Outputs.write(output, os -> rendered.render(format, os), spec.commandLine().getOut());
      } else {
        Outputs.write(output, os -> Reports.byName(format).write(result, os), spec.commandLine().getOut());
      }
      if (!o.reachable()) {
        err.println("drydock: web " + url + ": no answer: " + (result.warnings().isEmpty() ? "unreachable"
            : result.warnings().get(0)));
      } else if (!common.quiet) {
        err.println(summary(result));
      }
      if (verdict.gate() != null) {
        err.println(verdict.gate().summary());
      }
      return verdict.exitCode();
    }
  }

  static String summary(ScanResult r) {
    WebScan w = r.web();
    int fail = 0;
    int warn = 0;
    int info = 0;
    for (WebAlert a : r.webAlerts()) {
      switch (a.level() == null ? "WARN" : a.level()) {
        case "FAIL" -> fail++;
        case "INFO" -> info++;
        default -> warn++;
      }
    }
    return "drydock: web " + w.origin() + ": " + w.pages() + " pages, " + w.requests() + " requests in "
        + w.millis() + " ms" + (w.complete() ? "" : " (stopped by " + w.stoppedBy() + ")")
        + (w.score() == null ? "" : ", Observatory score " + w.score() + " (" + w.grade() + ")") + "; "
        + r.webAlerts().size() + " alerts (" + fail + " FAIL, " + warn + " WARN, " + info + " INFO)"
        + (r.vulnerabilities().isEmpty() ? "" : ", " + r.vulnerabilities().size() + " JavaScript library"
            + " vulnerabilities")
        + (r.notChecked().isEmpty() ? "" : ", JavaScript libraries NOT CHECKED (no npm advisory data)");
  }
}
