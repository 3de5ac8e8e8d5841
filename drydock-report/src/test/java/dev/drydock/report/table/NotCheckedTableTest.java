package dev.drydock.report.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.ScanResult;
import dev.drydock.report.Samples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table report says which families were not checked, right below the vulnerability summary. */
class NotCheckedTableTest {

  private static String render(ScanResult result) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TableReport().write(result, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void notCheckedFamiliesFollowTheVulnerabilitySummaryAndTheDataIsListed() throws IOException {
    ScanResult base = Samples.debianImageWithCoverage();
    List<String> warnings = new ArrayList<>(base.warnings());
    warnings.add("no advisory data for maven: 2 packages not checked");
    ScanResult result = base.withVulnerabilities(base.vulnerabilities(), base.suppressed(), warnings);
    List<String> lines = render(result).lines().toList();
    int summary = lines.indexOf(lines.stream().filter(l -> l.startsWith("Vulnerabilities: ")).findFirst().orElseThrow());
    assertThat(lines.subList(summary + 1, summary + 4)).containsExactly("",
        "NOT CHECKED: 2 packages had no advisory data; their vulnerabilities are unknown, not absent:",
        "  no advisory data for maven: 2 packages not checked");
    assertThat(lines).containsSubsequence("Advisory data:",
        "  SOURCE          DATA DATE   IMPORTED    RECORDS",
        "  debian-tracker  unknown     2026-12-01  51234",
        "  kev             2026-11-30  2026-12-01  1484");
    // the warning repeating the NOT CHECKED line is not printed twice
    assertThat(lines).filteredOn(l -> l.contains("no advisory data for maven")).hasSize(1);
  }

  @Test
  void aResultWithEveryFamilyCheckedHasNoNotCheckedSection() throws IOException {
    ScanResult r = Samples.debianImage();
    assertThat(render(r)).doesNotContain("NOT CHECKED").doesNotContain("Advisory data:");
  }
}
