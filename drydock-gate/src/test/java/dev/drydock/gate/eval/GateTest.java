package dev.drydock.gate.eval;

import static dev.drydock.gate.eval.DemoScan.FINDINGS;
import static dev.drydock.gate.eval.DemoScan.byId;
import static dev.drydock.gate.eval.DemoScan.purlContains;
import static dev.drydock.gate.eval.DemoScan.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.baseline.Baseline;
import dev.drydock.gate.baseline.BaselineLoader;
import dev.drydock.gate.baseline.Level;
import dev.drydock.gate.baseline.Waiver;
import dev.drydock.gate.score.Grade;
import dev.drydock.model.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

  private static Baseline baseline(String yaml) {
    return BaselineLoader.parse("test-baseline.yaml", yaml);
  }

  private static RuleResult rule(GateResult r, String id) {
    return r.rules().stream().filter(x -> x.ruleId().equals(id)).findFirst().orElseThrow();
  }

  private static List<String> ids(List<GateFinding> fs) {
    return fs.stream().map(GateFinding::id).toList();
  }

  @Test
  void fixtureHoldsTheRealDemoFindings() {
    assertThat(FINDINGS).hasSize(62);
    GateFinding log4shell = byId("CVE-2021-44228");
    assertThat(log4shell.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(log4shell.kev()).isTrue();
    assertThat(log4shell.fixable()).isTrue();
    assertThat(log4shell.purl()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
  }

  @Test
  void defaultBaselineFailsTheDemoImage() {
    GateResult r = Gate.evaluate(BaselineLoader.defaults(), null, null, FINDINGS, List.of(), TODAY);
    assertThat(r.decision()).isEqualTo(Decision.FAIL);
    assertThat(r.exitCode(false)).isEqualTo(1);
    assertThat(ids(rule(r, "vuln.fixable-kev").failing())).containsExactly("CVE-2021-44228", "CVE-2021-45046");
    assertThat(rule(r, "vuln.fixable-critical").failing()).hasSize(15);
    assertThat(rule(r, "vuln.fixable-high").failing()).hasSize(57);
    assertThat(rule(r, "vuln.any").failing()).hasSize(62);
    assertThat(rule(r, "vuln.any").level()).isEqualTo(Level.MAY_FAIL);
    assertThat(r.reasons()).containsExactly(
        "must-pass rule vuln.fixable-kev failed: 2 findings",
        "must-pass rule vuln.fixable-critical failed: 15 findings",
        "may-fail rule vuln.fixable-high failed: 57 findings",
        "may-fail rule vuln.any failed: 62 findings");
    // 100 - 2*25 - 2*5 - 2*20 = 0
    assertThat(r.score().value()).isZero();
    assertThat(r.score().grade()).isEqualTo(Grade.F);
  }

  @Test
  void bc1FailsOnlyOnKevAndWarnsOnceKevIsWaived() {
    Baseline b = BaselineLoader.defaults();
    GateResult bc1 = Gate.evaluate(b, "BC1", "internal", FINDINGS, List.of(), TODAY);
    assertThat(bc1.decision()).isEqualTo(Decision.FAIL);
    assertThat(rule(bc1, "vuln.fixable-critical").level()).isEqualTo(Level.MAY_FAIL);
    assertThat(bc1.reasons()).filteredOn(s -> s.startsWith("must-pass"))
        .containsExactly("must-pass rule vuln.fixable-kev failed: 2 findings");

    List<GateFinding> noLog4j = where(purlContains("log4j").negate());
    GateResult warn = Gate.evaluate(b, "BC1", "internet", noLog4j, List.of(), TODAY);
    assertThat(warn.decision()).isEqualTo(Decision.WARN);
    assertThat(warn.exitCode(false)).isZero();
    assertThat(warn.exitCode(true)).isEqualTo(3);
    // the same findings fail at BC3 (fixable criticals from jackson-databind and minimist)
    assertThat(Gate.evaluate(b, "BC3", "internet", noLog4j, List.of(), TODAY).decision()).isEqualTo(Decision.FAIL);
  }

  @Test
  void bc5InternetFailsOnFixableHighOnly() {
    Baseline b = BaselineLoader.defaults();
    List<GateFinding> lodash = where(purlContains("lodash"));
    assertThat(lodash).extracting(GateFinding::severity)
        .containsExactlyInAnyOrder(Severity.HIGH, Severity.HIGH, Severity.MEDIUM);
    GateResult internet = Gate.evaluate(b, "BC5", "internet", lodash, List.of(), TODAY);
    assertThat(internet.decision()).isEqualTo(Decision.FAIL);
    assertThat(ids(rule(internet, "vuln.fixable-high").failing())).containsExactly("CVE-2020-8203", "CVE-2021-23337");
    assertThat(Gate.evaluate(b, "BC5", "internal", lodash, List.of(), TODAY).decision()).isEqualTo(Decision.WARN);
    assertThat(Gate.evaluate(b, "BC4", "internet", lodash, List.of(), TODAY).decision()).isEqualTo(Decision.WARN);
    assertThat(Gate.evaluate(b, null, null, List.of(), List.of(), TODAY).decision()).isEqualTo(Decision.PASS);
  }

  @Test
  void thresholdsSelectBySeverityFixableKevEpssAndAge() {
    Baseline b = baseline("""
        version: 1
        rules:
          - class: vuln.medium
            level: info
            older-than-days: 365
          - class: vuln.epss
            level: may-fail
            epss: 0.5
          - class: vuln.kev
            level: must-pass
            fixable: false
          - class: vuln.fixable
            level: info
            severity: CRITICAL
        """);
    GateFinding log4shell = byId("CVE-2021-44228");
    GateFinding withEpss = new GateFinding(log4shell.kind(), log4shell.id(), log4shell.ruleId(), log4shell.severity(),
        log4shell.title(), log4shell.purl(), log4shell.location(), log4shell.layerDiffId(), true, true, 0.94,
        log4shell.published(), log4shell.tags(), List.of());
    List<GateFinding> in = new ArrayList<>(FINDINGS);
    in.add(withEpss);
    GateResult r = Gate.evaluate(b, null, null, in, List.of(), TODAY);
    // every finding but CVE-2026-34480 (published 2026-04-10) is older than a year; the copy with an EPSS is
    // the same finding (same id, package and layer), so it does not count again where the original is selected
    assertThat(rule(r, "vuln.medium").failing()).hasSize(61)
        .extracting(GateFinding::id).doesNotContain("CVE-2026-34480");
    assertThat(rule(r, "vuln.epss").failing()).containsExactly(withEpss);
    // every KEV finding is fixable, so a rule on unfixable KEV passes
    assertThat(rule(r, "vuln.kev").passed()).isTrue();
    assertThat(rule(r, "vuln.fixable").failing()).hasSize(15);
    // only a may-fail rule failed; info rules never change the decision
    assertThat(r.decision()).isEqualTo(Decision.WARN);
  }

  @Test
  void infoReportsIgnoreSkipsTagsAndConfigIdsSelect() {
    Baseline b = baseline("""
        version: 1
        rules:
          - class: tag:npm
            level: info
          - class: vuln.any
            level: ignore
          - id: DD-CFG-001
            level: may-fail
        """);
    GateFinding rootUser = new GateFinding("config", "DD-CFG-001", "DD-CFG-001", Severity.HIGH,
        "Image runs as root", null, "Dockerfile", null, false, false, null, null, List.of("dockerfile"),
        List.of("cis-docker:4.1"));
    List<GateFinding> in = new ArrayList<>(FINDINGS);
    in.add(rootUser);
    GateResult r = Gate.evaluate(b, null, null, in, List.of(), TODAY);
    assertThat(r.rules()).extracting(RuleResult::ruleId).containsExactly("tag:npm", "DD-CFG-001");
    assertThat(ids(rule(r, "tag:npm").failing()))
        .containsExactly("CVE-2021-44906", "CVE-2020-8203", "CVE-2021-23337", "CVE-2020-7598", "CVE-2020-28500");
    assertThat(rule(r, "DD-CFG-001").failing()).containsExactly(rootUser);
    assertThat(r.decision()).isEqualTo(Decision.WARN);
    assertThat(Gate.evaluate(b, null, null, FINDINGS, List.of(), TODAY).decision()).isEqualTo(Decision.PASS);
  }

  @Test
  void waiversValidExpiredDueForReviewAndUnused() {
    Baseline b = baseline("""
        version: 1
        rules:
          - class: vuln.fixable-kev
            level: must-pass
        waivers:
          - id: CVE-2021-44228
            purl: pkg:maven/org.apache.logging.log4j/log4j-core
            owner: team-payments
            reason: formatMsgNoLookups set
            ticket: SEC-1
            expires: 2026-11-29
            review-by: 2026-12-20
          - id: CVE-2021-45046
            owner: team-payments
            reason: JndiLookup class removed
            expires: 2026-11-28
          - purl: pkg:npm/lodash@4.17.15
            owner: web
            reason: server side only
            ticket: WEB-9
            expires: 2027-06-01
            review-by: 2027-01-15
        """);
    GateResult r = Gate.evaluate(b, null, null, FINDINGS, List.of(), TODAY);
    RuleResult kev = rule(r, "vuln.fixable-kev");
    assertThat(ids(kev.waived())).containsExactly("CVE-2021-44228");
    assertThat(ids(kev.failing())).containsExactly("CVE-2021-45046");
    assertThat(r.expiredWaivers()).extracting(Waiver::id).containsExactly("CVE-2021-45046");
    // review-by 2026-12-20 is 21 days away; 2027-01-15 is 47 days away
    assertThat(r.dueForReview()).extracting(Waiver::id).containsExactly("CVE-2021-44228");
    assertThat(r.unusedWaivers()).extracting(Waiver::purl).containsExactly("pkg:npm/lodash@4.17.15");
    assertThat(r.decision()).isEqualTo(Decision.FAIL);

    // the day after, the first waiver has expired too
    GateResult later = Gate.evaluate(b, null, null, FINDINGS, List.of(), TODAY.plusDays(1));
    assertThat(ids(rule(later, "vuln.fixable-kev").failing())).containsExactly("CVE-2021-44228", "CVE-2021-45046");
    assertThat(later.expiredWaivers()).hasSize(2);
    assertThat(later.dueForReview()).isEmpty();
  }

  @Test
  void waiverLimitedToOneRuleAndPathSelector() {
    Baseline b = baseline("""
        version: 1
        rules:
          - class: vuln.fixable-critical
            level: must-pass
          - class: vuln.fixable-high
            level: may-fail
        waivers:
          - purl: pkg:maven/com.fasterxml.jackson.core/jackson-databind
            rule: vuln.fixable-critical
            owner: platform
            reason: polymorphic typing disabled
            ticket: PLAT-7
            expires: 2027-01-01
        """);
    List<GateFinding> jackson = where(purlContains("jackson-databind"));
    GateResult r = Gate.evaluate(b, null, null, jackson, List.of(), TODAY);
    assertThat(rule(r, "vuln.fixable-critical").waived()).hasSize(12);
    assertThat(rule(r, "vuln.fixable-critical").passed()).isTrue();
    assertThat(rule(r, "vuln.fixable-high").failing()).hasSize(51);
    assertThat(rule(r, "vuln.fixable-high").waived()).isEmpty();
    assertThat(r.decision()).isEqualTo(Decision.WARN);

    GateFinding secret = new GateFinding("secret", "DD-SEC-003", "DD-SEC-003", Severity.CRITICAL, "AWS key",
        null, "app/config/test.env", null, false, false, null, null, List.of(), List.of());
    Baseline s = baseline("""
        version: 1
        rules:
          - id: DD-SEC-003
            level: must-pass
        waivers:
          - path: app/config/test.env
            owner: qa
            reason: revoked test key
            expires: 2027-01-01
        """);
    GateResult sr = Gate.evaluate(s, null, null, List.of(secret), List.of(), TODAY);
    assertThat(rule(sr, "DD-SEC-003").waived()).containsExactly(secret);
    assertThat(sr.decision()).isEqualTo(Decision.PASS);
  }

  @Test
  void driftFindingsAreJudgedByTheirRatchetRules() {
    Baseline b = baseline("""
        version: 1
        rules:
          - id: ratchet.fixable-high
            level: must-pass
          - id: ratchet.new-medium
            level: may-fail
          - class: vuln.fixable-kev
            level: must-pass
        """);
    GateFinding jacksonHigh = byId("CVE-2022-42003");
    GateFinding drift = new GateFinding("drift", jacksonHigh.id(), "ratchet.fixable-high", Severity.HIGH,
        "new fixable HIGH since the previous release", jacksonHigh.purl(), null, null, true, false, null,
        jacksonHigh.published(), List.of(), List.of());
    GateResult r = Gate.evaluate(b, null, null, List.of(jacksonHigh), List.of(drift), TODAY);
    assertThat(rule(r, "ratchet.fixable-high").failing()).containsExactly(drift);
    assertThat(rule(r, "ratchet.new-medium").passed()).isTrue();
    assertThat(rule(r, "vuln.fixable-kev").passed()).isTrue();
    assertThat(r.decision()).isEqualTo(Decision.FAIL);
    assertThat(Gate.evaluate(b, null, null, List.of(jacksonHigh), List.of(), TODAY).decision())
        .isEqualTo(Decision.PASS);
  }

  @Test
  void minScoreAndMinGradeFailTheGate() {
    String rules = """
        version: 1
        rules:
          - class: vuln.fixable-high
            level: may-fail
        """;
    List<GateFinding> lodash = where(purlContains("lodash"));
    GateResult plain = Gate.evaluate(baseline(rules), null, null, lodash, List.of(), TODAY);
    assertThat(plain.decision()).isEqualTo(Decision.WARN);
    assertThat(plain.score().value()).isEqualTo(95);
    assertThat(plain.score().grade()).isEqualTo(Grade.A);

    GateResult minScore = Gate.evaluate(baseline(rules + "min-score: 96\n"), null, null, lodash, List.of(), TODAY);
    assertThat(minScore.decision()).isEqualTo(Decision.FAIL);
    assertThat(minScore.reasons()).contains("score 95 is below min-score 96");
    assertThat(Gate.evaluate(baseline(rules + "min-score: 95\n"), null, null, lodash, List.of(), TODAY).decision())
        .isEqualTo(Decision.WARN);

    GateResult minGrade = Gate.evaluate(baseline(rules + "min-grade: A+\n"), null, null, lodash, List.of(), TODAY);
    assertThat(minGrade.decision()).isEqualTo(Decision.FAIL);
    assertThat(minGrade.reasons()).contains("grade A is below min-grade A+");
    assertThat(Gate.evaluate(baseline(rules + "min-grade: B\n"), null, null, lodash, List.of(), TODAY).decision())
        .isEqualTo(Decision.WARN);
  }
}
