package dev.drydock.report.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Target;
import dev.drydock.report.FindingSamples;
import dev.drydock.report.Samples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Misconfigurations and Secrets sections of the table report. */
class FindingTablesTest {
  private static String render(ScanResult r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TableReport().write(r, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sectionsListEveryFinding() throws IOException {
    String text = render(FindingSamples.debianWithMisconfigurationsAndSecrets());
    List<String> lines = text.lines().toList();
    int m = lines.indexOf("Misconfigurations: 3 (CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 0, UNKNOWN: 0)");
    assertThat(m).isPositive();
    assertThat(lines.get(m + 1)).matches("RULE +SEVERITY +LOCATION +TITLE +RESOURCE");
    assertThat(lines.get(m + 2)).startsWith("DD-DF-001").contains("HIGH", "deploy/Dockerfile:1:1").endsWith("-");
    assertThat(lines.get(m + 3)).contains("image-config ").endsWith("ExposedPorts 5432/tcp");
    assertThat(lines.get(m + 4)).contains("usr/bin/passwd ");
    int s = lines.indexOf("Secrets: 2 (CRITICAL: 1, HIGH: 1, MEDIUM: 0, LOW: 0, UNKNOWN: 0)");
    assertThat(s).isGreaterThan(m);
    assertThat(lines.get(s + 1)).matches("RULE +SEVERITY +CATEGORY +LOCATION +SECRET +LAYER +DELETED +COMMIT");
    assertThat(lines.get(s + 2)).contains(" cloud ", "opt/app/.env:3", "AKIA****",
        "sha256:" + FindingSamples.LAYER.substring(7, 19), "deleted");
    assertThat(lines.get(s + 3)).contains("config/settings.py:10", "ghp_****").endsWith("0123456789ab");
  }

  @Test
  void mostSevereFirstKeepingTheReportedOrderWithinASeverity() throws IOException {
    ScanResult r = FindingSamples.debianWithMisconfigurationsAndSecrets();
    List<Misconfiguration> reversed = new ArrayList<>(r.misconfigurations());
    java.util.Collections.reverse(reversed);
    List<String> lines = render(r.withFindings(reversed, r.secrets(), r.checksRun())).lines().toList();
    int m = lines.indexOf("Misconfigurations: 3 (CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 0, UNKNOWN: 0)");
    assertThat(lines.get(m + 2)).startsWith("DD-DF-001");
    assertThat(lines.get(m + 3)).startsWith("DD-IMG-008");
    assertThat(lines.get(m + 4)).startsWith("DD-IMG-004");
  }

  @Test
  void noSectionsWithoutFindingsAndNoInventoryForConfigResults() throws IOException {
    assertThat(render(Samples.debianImage())).doesNotContain("Misconfigurations:").doesNotContain("Secrets:");
    ScanResult r = FindingSamples.debianWithMisconfigurationsAndSecrets();
    ScanResult config = ScanResult.builder()
        .schemaVersion(r.schemaVersion())
        .drydockVersion(r.drydockVersion())
        .createdAt(r.createdAt())
        .target(new Target("config", "deploy", null, null, null, null))
        .misconfigurations(r.misconfigurations())
        .checksRun(r.checksRun())
        .stats(r.stats())
        .build();
    String text = render(config);
    assertThat(text).startsWith("Target: deploy (config)").contains("Misconfigurations: 3")
        .doesNotContain("Packages").doesNotContain("OS:").doesNotContain("Vulnerabilities");
  }

  @Test
  void suppressedSectionSaysWhatSuppressedEachFindingAndWhy() throws IOException {
    List<String> lines = render(FindingSamples.everyKindWithSuppressed()).lines().toList();
    int at = lines.indexOf("Suppressed: 4");
    assertThat(at).isGreaterThan(lines.indexOf("Secrets: 1 (CRITICAL: 1, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0)"))
        .isLessThan(lines.indexOf("Layers:"));
    assertThat(lines.get(at + 1)).matches("KIND +ID +WHERE +BY +REASON");
    assertThat(lines.get(at + 2)).matches("vulnerability +CVE-2021-44228 +org\\.apache\\.logging\\.log4j:log4j-core 2\\.14\\.1 +vex:app\\.openvex\\.json"
        + " +not_affected \\(vulnerable_code_not_in_execute_path\\): no JNDI lookups");
    assertThat(lines.get(at + 3)).startsWith("vulnerability").contains("CVE-2023-5678", "libssl3",
        "ignorefile:.drydockignore.yaml:3", "the app never uses this API");
    assertThat(lines.get(at + 4)).matches("misconfig +DD-IMG-004 +image-config +ignorefile:\\.drydockignore\\.yaml:7"
        + " +this image is the database");
    assertThat(lines.get(at + 5)).matches("secret +DD-SEC-007 +config/settings\\.py:10 +ignorefile:\\S+:10"
        + " +a revoked sample token");
    assertThat(render(FindingSamples.debianWithMisconfigurationsAndSecrets())).doesNotContain("Suppressed:");
  }
}
