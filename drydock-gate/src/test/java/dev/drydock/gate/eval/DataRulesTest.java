package dev.drydock.gate.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.GateFindings;
import dev.drydock.gate.baseline.Baseline;
import dev.drydock.gate.baseline.BaselineLoader;
import dev.drydock.gate.baseline.Level;
import dev.drydock.gate.baseline.Rule;
import dev.drydock.model.AdvisoryData;
import dev.drydock.model.Coverage;
import dev.drydock.model.ScanResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The built-in baseline's advisory data rules (docs/baseline.md, "Advisory data rules"): DD-DATA-001 fails on
 * every package family no advisory data covered, DD-DATA-002 on data 7 or more days old.
 */
class DataRulesTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

  private static ScanResult result(List<AdvisoryData> data, Coverage... coverage) {
    return ScanResult.builder().schemaVersion(1).drydockVersion("test").createdAt(TODAY + "T10:00:00Z").build()
        .withCoverage(data, Arrays.asList(coverage));
  }

  private static AdvisoryData dated(String name, String dataDate) {
    return new AdvisoryData(name, dataDate, TODAY + "T06:00:00Z", 100, "sha256:" + "ab".repeat(32));
  }

  private static GateResult gate(ScanResult r, String tier, String exposure) {
    return Gate.evaluate(BaselineLoader.defaults(), tier, exposure, GateFindings.of(r), List.of(), TODAY);
  }

  private static RuleResult rule(GateResult g, String id) {
    return g.rules().stream().filter(r -> r.ruleId().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aFamilyNotCheckedFailsTheBuiltInBaseline() {
    ScanResult r = result(List.of(dated("kev", TODAY.minusDays(1).toString())),
        new Coverage("ubuntu 22.04", 3, false, "no advisory data for ubuntu 22.04: 3 packages not checked"),
        new Coverage("npm", 12, true, null));
    GateResult g = gate(r, null, null);
    assertThat(g.decision()).isEqualTo(Decision.FAIL);
    RuleResult notChecked = rule(g, "DD-DATA-001");
    assertThat(notChecked.level()).isEqualTo(Level.MUST_PASS);
    assertThat(notChecked.failing()).extracting(GateFinding::kind, GateFinding::title, GateFinding::location)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("data",
            "no advisory data for ubuntu 22.04: 3 packages not checked", "ubuntu 22.04"));
    assertThat(rule(g, "DD-DATA-002").passed()).isTrue();
    assertThat(g.reasons()).contains("must-pass rule DD-DATA-001 failed: 1 finding");
  }

  @Test
  void dataSevenDaysOldFailsAndSixDaysOldPasses() {
    GateResult sevenDays = gate(result(List.of(dated("osv-npm", TODAY.minusDays(7) + "T23:59:59Z"),
        dated("kev", TODAY.toString()))), null, null);
    assertThat(sevenDays.decision()).isEqualTo(Decision.FAIL);
    assertThat(rule(sevenDays, "DD-DATA-002").failing()).extracting(GateFinding::location).containsExactly("osv-npm");
    assertThat(rule(sevenDays, "DD-DATA-002").failing().get(0).title())
        .isEqualTo("advisory data osv-npm from 2026-11-30");

    GateResult sixDays = gate(result(List.of(dated("osv-npm", TODAY.minusDays(6) + "T00:00:00Z"))), null, null);
    assertThat(sixDays.decision()).isEqualTo(Decision.PASS);
  }

  @Test
  void withoutADataDateTheImportDateCounts() {
    AdvisoryData tracker = new AdvisoryData("debian-tracker", null, TODAY.minusDays(67) + "T06:00:00Z", 5, null);
    GateResult g = gate(result(List.of(tracker)), null, null);
    assertThat(rule(g, "DD-DATA-002").failing()).singleElement().satisfies(f -> {
      assertThat(f.published()).isEqualTo(TODAY.minusDays(67) + "T06:00:00Z");
      assertThat(f.title()).isEqualTo("advisory data debian-tracker imported 2026-10-01 (the data has no date of its own)");
    });
  }

  @Test
  void everyTierAndExposureOfTheBuiltInBaselineKeepsBothDataRulesMustPass() {
    Baseline b = BaselineLoader.defaults();
    assertThat(b.rules().subList(0, 2)).extracting(Rule::id).containsExactly("DD-DATA-001", "DD-DATA-002");
    List<String> tiers = new ArrayList<>(b.tierNames());
    tiers.add(null);
    for (String tier : tiers) {
      for (String exposure : Arrays.asList(null, "internet", "internal")) {
        List<Rule> rules = b.rulesFor(tier, exposure);
        for (String id : List.of("DD-DATA-001", "DD-DATA-002")) {
          assertThat(rules.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().level())
              .as("%s in %s/%s", id, tier, exposure).isEqualTo(Level.MUST_PASS);
        }
        assertThat(rules.stream().filter(r -> r.id().equals("DD-DATA-002")).findFirst().orElseThrow()
            .thresholds().olderThanDays()).isEqualTo(7);
      }
    }
  }

  @Test
  void aWaiverByRuleAndPathAcceptsOneFamilyNotChecked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws java.io.IOException {
    java.nio.file.Path file = java.nio.file.Files.writeString(tmp.resolve("drydock-baseline.yaml"), String.join("\n",
        "version: 1",
        "rules:",
        "  - id: DD-DATA-001",
        "    level: must-pass",
        "waivers:",
        "  - rule: DD-DATA-001",
        "    path: ubuntu 22.04",
        "    owner: team-base-images",
        "    reason: Ubuntu advisories are checked by the distribution's own scanner until drydock matches them",
        "    expires: 2027-03-31",
        ""));
    ScanResult r = result(List.of(),
        new Coverage("ubuntu 22.04", 3, false, "no advisory data for ubuntu 22.04: 3 packages not checked"),
        new Coverage("npm", 2, false, "no advisory data for npm: 2 packages not checked"));
    GateResult g = Gate.evaluate(BaselineLoader.load(file), null, null, GateFindings.of(r), List.of(), TODAY);
    RuleResult rule = rule(g, "DD-DATA-001");
    assertThat(rule.waived()).extracting(GateFinding::location).containsExactly("ubuntu 22.04");
    assertThat(rule.failing()).extracting(GateFinding::location).containsExactly("npm");
  }

  @Test
  void aResultThatRecordsNoCoverageHasNoDataFindings() {
    assertThat(GateFindings.of(result(List.of()))).isEmpty();
  }
}
