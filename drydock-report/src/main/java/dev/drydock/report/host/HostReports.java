package dev.drydock.report.host;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.DrydockException;
import dev.drydock.model.HostControl;
import dev.drydock.model.HostReport;
import dev.drydock.model.HostStatus;
import dev.drydock.model.ScanResult;
import dev.drydock.report.Reports;
import dev.drydock.report.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The formats of a Docker host audit ({@code drydock host}, docs/host-audit.md): {@code table} (one row per
 * control), {@code json} (drydock's JSON result plus a top-level {@code host} field with every control) and
 * {@code sarif} (the failed controls, through the SARIF report every command uses).
 */
public final class HostReports {
  private static final List<String> NAMES = List.of("table", "json", "sarif");

  private HostReports() {}

  /** Every format name, in the order they are documented. */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * Writes {@code report} (and {@code result}, the audit as a drydock result) in {@code format}; never closes
   * {@code out}.
   *
   * @throws DrydockException when no host format has that name
   */
  public static void write(String format, HostReport report, ScanResult result, OutputStream out) throws IOException {
    switch (format == null ? "" : format) {
      case "table" -> table(report, out);
      case "json" -> json(report, result, out);
      case "sarif" -> Reports.byName("sarif").write(result, out);
      default -> throw unknown(format);
    }
  }

  /** Fails unless {@code format} is a host format (before any work is done). */
  public static void check(String format) {
    if (!NAMES.contains(format)) {
      throw unknown(format);
    }
  }

  private static DrydockException unknown(String format) {
    return new DrydockException("unknown format '" + format + "' for drydock host (expected table, json or sarif)");
  }

  /** The counts of each status that occurs, and the benchmark: {@code 12 PASS, 3 FAIL (CIS Docker ...)}. */
  public static String summary(HostReport report) {
    return report.counts().entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
        + " (" + report.benchmark() + ")";
  }

  /** One row per control: id, status, title, evidence. */
  static void table(HostReport report, OutputStream out) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(report.benchmark()).append(", sections 1-3: host ").append(report.root()).append("\n\n");
    sb.append(String.format("%-7s %-14s %s%n", "ID", "STATUS", "TITLE / EVIDENCE"));
    for (HostControl c : report.controls()) {
      sb.append(String.format("%-7s %-14s %s%n", c.id(), c.status(), c.title()));
      sb.append(String.format("%-7s %-14s   %s%n", "", "", c.evidence()));
    }
    sb.append('\n').append(summary(report)).append('\n');
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * drydock's JSON result (what {@code drydock gate} and {@code convert} read: failures are its
   * misconfigurations) with one more top-level field, {@code host}: the benchmark, every control with its
   * status and evidence, and the errors. Readers of the result ignore the field.
   */
  static void json(HostReport report, ScanResult result, OutputStream out) throws IOException {
    ObjectNode doc = Json.mapper().valueToTree(result);
    ObjectNode host = doc.putObject("host");
    host.put("benchmark", report.benchmark());
    host.put("root", report.root());
    ObjectNode counts = host.putObject("counts");
    for (Map.Entry<HostStatus, Integer> e : report.counts().entrySet()) {
      counts.put(e.getKey().name(), e.getValue());
    }
    ArrayNode controls = host.putArray("controls");
    for (HostControl c : report.controls()) {
      ObjectNode n = controls.addObject();
      n.put("id", c.id());
      n.put("title", c.title());
      n.put("status", c.status().name());
      n.put("evidence", c.evidence());
      if (c.file() != null) {
        n.put("file", c.file());
      }
      if (c.line() > 0) {
        n.put("line", c.line());
      }
      if (c.status() == HostStatus.FAIL) {
        n.put("severity", c.severity().name());
        n.put("remediation", c.remediation());
      }
    }
    ArrayNode errors = host.putArray("errors");
    report.errors().forEach(errors::add);
    Json.mapper().writeValue(out, doc);
    out.write("\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
