package dev.drydock.gate.eval;

import static dev.drydock.gate.eval.DemoScan.FINDINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.baseline.Baseline;
import dev.drydock.gate.baseline.BaselineLoader;
import dev.drydock.gate.baseline.Level;
import dev.drydock.gate.drift.Drift;
import dev.drydock.gate.score.Grade;
import dev.drydock.gate.score.Score;
import dev.drydock.model.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A distinct finding counts once, whatever rules it trips (docs/baseline.md, "Counting findings"). */
class GateCountsTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
  static final Score.Modifier TWO_KEV = new Score.Modifier("failing finding in CISA KEV", -40, 2);

  private static Baseline baseline(String yaml) {
    return BaselineLoader.parse("test-baseline.yaml", yaml);
  }

  /** The key of docs/baseline.md written out again: id + purl + layer, or id + location + title + layer. */
  private static String key(GateFinding f) {
    return f.purl() != null ? f.id() + "|" + f.purl() + "|" + f.layerDiffId()
        : f.id() + "|" + f.location() + "|" + f.title() + "|" + f.layerDiffId();
  }

  /** The previous release lacked log4j-core and minimist: their 2 KEV CVEs are new, ratchets flag them. */
  private static List<GateFinding> ratchetFindings() {
    return Drift.ratchet(Drift.between(DemoScan.scanWithout("log4j-core", "minimist"), DemoScan.scan()),
        List.of("kev", "fixable-high"));
  }

  @Test
  void knownExploitedVulnerabilityTrippingRatchetsToo() {
    List<GateFinding> drift = ratchetFindings();
    // ratchet.kev: CVE-2021-44228 and CVE-2021-45046; ratchet.fixable-high: those two, CVE-2021-45105 (HIGH)
    // and minimist's CVE-2021-44906 (CRITICAL)
    assertThat(drift).filteredOn(GateFinding::kev).hasSize(4);
    GateResult r = Gate.evaluate(baseline("""
        version: 1
        rules:
          - class: vuln.fixable-kev
            level: must-pass
          - id: ratchet.kev
            level: must-pass
          - id: ratchet.fixable-high
            level: may-fail
          - class: vuln.fixable-critical
            level: must-pass
        """), null, null, FINDINGS, drift, TODAY);

    // two distinct KEV findings (each failing four rules): -20 each, once
    assertThat(r.score().modifiers()).contains(TWO_KEV);
    assertThat(r.counts().failingKev()).isEqualTo(2);
    // 15 fixable CRITICAL (two of them KEV) and CVE-2021-45105 (HIGH, only ratchet.fixable-high)
    assertThat(r.counts().failing()).isEqualTo(16);
    assertThat(r.counts().failingMustPass()).isEqualTo(15);
    assertThat(r.counts().evaluated()).isEqualTo(62);
    assertThat(r.counts().unselected()).isEqualTo(62 - 16);
    assertThat(r.counts().failingBySeverity()).containsEntry(Severity.CRITICAL, 15).containsEntry(Severity.HIGH, 1);
    // a finding is shown as the scan reported it, not as the ratchet that also flagged it
    assertThat(r.failingFindings()).filteredOn(f -> f.id().equals("CVE-2021-44228")).singleElement()
        .satisfies(f -> {
          assertThat(f.kind()).isEqualTo("vulnerability");
          assertThat(f.fixedVersions()).containsExactly("2.15.0");
        });
    assertThat(r.failingFindings()).extracting(GateFinding::id).doesNotHaveDuplicates();
    assertThat(r.failingFindings().get(0).id()).isEqualTo("CVE-2021-44228");
  }

  @Test
  void theSameResultGatedTwiceCountsEachFindingOnce() {
    List<GateFinding> twice = new ArrayList<>(FINDINGS);
    twice.addAll(FINDINGS);
    GateResult once = Gate.evaluate(BaselineLoader.defaults(), null, null, FINDINGS, List.of(), TODAY);
    GateResult r = Gate.evaluate(BaselineLoader.defaults(), null, null, twice, List.of(), TODAY);
    // the default baseline's advisory data rules (these findings are vulnerabilities only), its vulnerability
    // rules, then its secret, misconfiguration and web rules (no such finding)
    assertThat(r.rules()).extracting(x -> x.failing().size())
        .containsExactly(0, 0, 2, 15, 57, 62, 0, 0, 0, 0, 0, 0, 0, 0);
    assertThat(r.reasons()).isEqualTo(once.reasons());
    assertThat(r.counts()).isEqualTo(once.counts());
    assertThat(r.score()).isEqualTo(once.score());
    assertThat(r.counts().evaluated()).isEqualTo(62);
  }

  @Test
  void aCheckFiringTwiceOnOnePlaceIsTwoFindings() {
    GateFinding a = config("DD-IMG-005", "Secret-looking environment variable name: DB_PASSWORD");
    GateFinding b = config("DD-IMG-005", "Secret-looking environment variable name: API_TOKEN");
    GateResult r = Gate.evaluate(baseline("""
        version: 1
        rules:
          - id: DD-IMG-005
            level: may-fail
          - class: tag:config
            level: may-fail
        """), null, null, List.of(a, b, a), List.of(), TODAY);
    assertThat(r.counts().failing()).isEqualTo(2);
    assertThat(r.counts().evaluated()).isEqualTo(2);
    assertThat(r.rules()).extracting(x -> x.failing().size()).containsExactly(2, 2);
  }

  private static GateFinding config(String rule, String title) {
    return new GateFinding("config", rule, rule, Severity.HIGH, title, null, "image-config", null, true, false, null,
        null, List.of("config"), List.of());
  }

  @Test
  void waivedInOneRuleButFailingAnotherIsFailing() {
    GateResult r = Gate.evaluate(baseline("""
        version: 1
        rules:
          - class: vuln.fixable-kev
            level: must-pass
          - class: vuln.fixable-critical
            level: may-fail
          - class: vuln.medium
            level: info
        waivers:
          - id: CVE-2021-44228
            rule: vuln.fixable-kev
            owner: team
            reason: test
            expires: 2027-01-01
          - id: CVE-2021-45046
            owner: team
            reason: test
            expires: 2027-01-01
        """), null, null, FINDINGS, List.of(), TODAY);
    // CVE-2021-44228: waived in vuln.fixable-kev, failing vuln.fixable-critical; CVE-2021-45046 waived everywhere
    assertThat(r.counts().failing()).isEqualTo(14);
    assertThat(r.counts().failingMustPass()).isEqualTo(0);
    assertThat(r.counts().failingKev()).isEqualTo(1);
    assertThat(r.counts().waived()).isEqualTo(1);
    // vuln.medium: 5 MEDIUM, 42 HIGH and 13 CRITICAL minus the 14 failing and the 1 waived
    assertThat(r.counts().infoOnly()).isEqualTo(62 - 15 - 0);
    assertThat(r.counts().unselected()).isZero();
    assertThat(r.decision()).isEqualTo(Decision.WARN);
  }

  static IntStream seeds() {
    return IntStream.range(0, 150);
  }

  static final List<String> CLASSES = List.of("vuln.fixable-kev", "vuln.kev", "vuln.fixable-critical", "vuln.high",
      "vuln.fixable-high", "vuln.medium", "vuln.any", "vuln.epss", "tag:npm", "tag:config", "ratchet.kev",
      "ratchet.fixable-high", "DD-IMG-005");
  static final List<String> LEVELS = List.of("must-pass", "may-fail", "info", "ignore");

  /**
   * Random gate inputs over the real demo findings: a random subset of them, ratchet findings for some
   * (duplicates of the vulnerabilities), config findings, a random baseline with random waivers (expired
   * or not, ticketed or not).
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void countsAndScoreHoldOverGeneratedGateInputs(int seed) {
    Random rnd = new Random(seed);
    List<GateFinding> findings = new ArrayList<>();
    for (GateFinding f : FINDINGS) {
      if (rnd.nextInt(4) > 0) {
        findings.add(f);
      }
    }
    List<GateFinding> drift = new ArrayList<>();
    for (GateFinding f : ratchetFindings()) {
      if (rnd.nextBoolean()) {
        drift.add(f);
      }
    }
    for (int i = rnd.nextInt(4); i > 0; i--) {
      findings.add(config("DD-IMG-005", "Secret-looking environment variable name: V" + rnd.nextInt(3)));
    }
    StringBuilder yaml = new StringBuilder("version: 1\nrules:\n");
    for (String c : CLASSES) {
      if (rnd.nextInt(3) > 0) {
        yaml.append(c.startsWith("vuln.") || c.startsWith("tag:") ? "  - class: " : "  - id: ").append(c)
            .append("\n    level: ").append(LEVELS.get(rnd.nextInt(LEVELS.size()))).append('\n');
      }
    }
    if (!yaml.toString().contains("level")) {
      yaml.append("  - class: vuln.any\n    level: may-fail\n");
    }
    int waivers = rnd.nextInt(4);
    if (waivers > 0) {
      yaml.append("waivers:\n");
      for (int i = 0; i < waivers; i++) {
        GateFinding w = FINDINGS.get(rnd.nextInt(FINDINGS.size()));
        yaml.append("  - id: ").append(w.id()).append("\n    owner: o\n    reason: r\n    expires: ")
            .append(rnd.nextBoolean() ? "2027-01-01" : "2026-01-01").append('\n');
        if (rnd.nextBoolean()) {
          yaml.append("    ticket: T-").append(i).append('\n');
        }
      }
    }
    GateResult r = Gate.evaluate(baseline(yaml.toString()), null, null, findings, drift, TODAY);
    Counts c = r.counts();

    Score s = r.score();
    assertThat(s.value()).as(yaml.toString()).isBetween(0, 100);
    assertThat(s.grade()).isEqualTo(Grade.of(s.value()));
    assertThat(100 + s.modifiers().stream().mapToInt(Score.Modifier::points).sum()).isEqualTo(s.value());

    Set<String> failing = new HashSet<>();
    Set<String> failingKev = new HashSet<>();
    Set<String> all = new HashSet<>();
    findings.forEach(f -> all.add(key(f)));
    drift.forEach(f -> all.add(key(f)));
    for (RuleResult rule : r.rules()) {
      List<String> keys = new ArrayList<>();
      rule.failing().forEach(f -> keys.add(key(f)));
      rule.waived().forEach(f -> keys.add(key(f)));
      assertThat(keys).as("rule " + rule.ruleId()).doesNotHaveDuplicates();
      if (rule.level() == Level.MUST_PASS || rule.level() == Level.MAY_FAIL) {
        for (GateFinding f : rule.failing()) {
          failing.add(key(f));
          if (f.kev()) {
            failingKev.add(key(f));
          }
        }
      }
    }
    assertThat(c.evaluated()).isEqualTo(all.size());
    assertThat(c.failing()).isEqualTo(failing.size()).isEqualTo(r.failingFindings().size());
    assertThat(r.failingFindings()).extracting(GateCountsTest::key).containsExactlyInAnyOrderElementsOf(failing);
    assertThat(c.failingKev()).isEqualTo(failingKev.size());
    int kevPenalty = s.modifiers().stream().filter(m -> m.name().equals("failing finding in CISA KEV"))
        .mapToInt(Score.Modifier::count).sum();
    assertThat(kevPenalty).isEqualTo(failingKev.size());
    assertThat(c.failing() + c.waived() + c.infoOnly() + c.unselected()).isEqualTo(c.evaluated());
    assertThat(List.of(c.failing(), c.waived(), c.infoOnly(), c.unselected(), c.failingMustPass()))
        .allMatch(n -> n >= 0);
    assertThat(c.failingBySeverity().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(c.failing());
    assertThat(r.decision() == Decision.FAIL).isEqualTo(c.mustPassRulesFailed() > 0);
    assertThat(c.failingMustPass() > 0).isEqualTo(c.mustPassRulesFailed() > 0);
  }
}
