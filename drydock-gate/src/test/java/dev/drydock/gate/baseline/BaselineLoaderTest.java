package dev.drydock.gate.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineLoaderTest {
  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path f = dir.resolve("drydock-baseline.yaml");
    Files.writeString(f, text);
    return f;
  }

  private void assertError(String text, String expectedMessage) throws IOException {
    Path f = write(text);
    assertThatThrownBy(() -> BaselineLoader.load(f))
        .isInstanceOf(DrydockException.class)
        .hasMessage(f + ":" + expectedMessage);
  }

  static final String FULL = """
      version: 1
      rules:
        - class: vuln.fixable-critical
          level: must-pass
          description: fix criticals
          controls: [nist-800-53:SI-2, cis-docker:4.4]
        - class: vuln.high
          level: may-fail
          fixable: true
          epss: 0.25
          older-than-days: 30
        - id: DD-CFG-001
          level: info
        - id: ratchet.fixable-high
          level: must-pass
        - class: tag:npm
          level: ignore
      tiers:
        - name: BC3
          exposure: internet
          overrides:
            - rule: vuln.high
              level: must-pass
              severity: MEDIUM
      waivers:
        - id: CVE-2021-44228
          purl: pkg:maven/org.apache.logging.log4j/log4j-core
          rule: vuln.fixable-critical
          owner: team-payments
          reason: JNDI lookups disabled by -Dlog4j2.formatMsgNoLookups=true
          ticket: SEC-1234
          expires: 2027-01-31
          review-by: 2026-12-15
      min-score: 60
      min-grade: C
      """;

  @Test
  void loadsEveryPart() throws IOException {
    Baseline b = BaselineLoader.load(write(FULL));
    assertThat(b.rules()).extracting(Rule::id)
        .containsExactly("vuln.fixable-critical", "vuln.high", "DD-CFG-001", "ratchet.fixable-high", "tag:npm");
    assertThat(b.rules()).extracting(Rule::level)
        .containsExactly(Level.MUST_PASS, Level.MAY_FAIL, Level.INFO, Level.MUST_PASS, Level.IGNORE);
    Rule critical = b.rules().get(0);
    assertThat(critical.controls()).containsExactly("nist-800-53:SI-2", "cis-docker:4.4");
    assertThat(critical.description()).isEqualTo("fix criticals");
    assertThat(critical.thresholds()).isEqualTo(new Thresholds(Severity.CRITICAL, true, null, null, null));
    assertThat(critical.line()).isEqualTo(3);
    // class default (HIGH) plus the rule's own thresholds
    assertThat(b.rules().get(1).thresholds()).isEqualTo(new Thresholds(Severity.HIGH, true, null, 0.25, 30));
    assertThat(b.tiers()).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("BC3");
      assertThat(t.exposure()).isEqualTo("internet");
      assertThat(t.overrides()).containsExactly(new RuleOverride("vuln.high", Level.MUST_PASS,
          new Thresholds(Severity.MEDIUM, null, null, null, null)));
    });
    Waiver w = b.waivers().get(0);
    assertThat(w.id()).isEqualTo("CVE-2021-44228");
    assertThat(w.rule()).isEqualTo("vuln.fixable-critical");
    assertThat(w.ticket()).isEqualTo("SEC-1234");
    assertThat(w.expires()).isEqualTo(LocalDate.of(2027, 1, 31));
    assertThat(w.reviewBy()).isEqualTo(LocalDate.of(2026, 12, 15));
    assertThat(w.line()).isEqualTo(26);
    assertThat(b.minScore()).isEqualTo(60);
    assertThat(b.minGrade()).isEqualTo("C");
  }

  @Test
  void tierOverridesApplyOnlyToTheirTierAndExposure() throws IOException {
    Baseline b = BaselineLoader.load(write(FULL));
    Rule internet = b.rulesFor("BC3", "internet").get(1);
    assertThat(internet.level()).isEqualTo(Level.MUST_PASS);
    assertThat(internet.thresholds()).isEqualTo(new Thresholds(Severity.MEDIUM, true, null, 0.25, 30));
    assertThat(b.rulesFor("BC3", "internal").get(1).level()).isEqualTo(Level.MAY_FAIL);
    assertThat(b.rulesFor(null, null).get(1).thresholds().severity()).isEqualTo(Severity.HIGH);
    assertThatThrownBy(() -> b.rulesFor("BC9", "internet")).isInstanceOf(DrydockException.class)
        .hasMessageEndingWith("unknown tier 'BC9' (expected one of BC3)");
    assertThatThrownBy(() -> b.rulesFor("BC3", "dmz")).isInstanceOf(DrydockException.class)
        .hasMessage("unknown exposure 'dmz' (expected internet or internal)");
  }

  @Test
  void defaultBaselineFailsOnFixableKevAndCriticalAndWarnsOnTheRest() {
    Baseline b = BaselineLoader.defaults();
    assertThat(b.tierNames()).containsExactly("BC1", "BC2", "BC3", "BC4", "BC5");
    List<Rule> rules = b.rulesFor(null, null);
    assertThat(rules).extracting(Rule::id, Rule::level).containsExactly(
        org.assertj.core.groups.Tuple.tuple("DD-DATA-001", Level.MUST_PASS),
        org.assertj.core.groups.Tuple.tuple("DD-DATA-002", Level.MUST_PASS),
        org.assertj.core.groups.Tuple.tuple("vuln.fixable-kev", Level.MUST_PASS),
        org.assertj.core.groups.Tuple.tuple("vuln.fixable-critical", Level.MUST_PASS),
        org.assertj.core.groups.Tuple.tuple("vuln.fixable-high", Level.MAY_FAIL),
        org.assertj.core.groups.Tuple.tuple("vuln.any", Level.MAY_FAIL),
        org.assertj.core.groups.Tuple.tuple("tag:secret:private-key", Level.MUST_PASS),
        org.assertj.core.groups.Tuple.tuple("tag:secret:cloud", Level.MUST_PASS),
        org.assertj.core.groups.Tuple.tuple("tag:secret:ci", Level.MUST_PASS),
        org.assertj.core.groups.Tuple.tuple("tag:secret", Level.MAY_FAIL),
        org.assertj.core.groups.Tuple.tuple("tag:config:critical", Level.MUST_PASS),
        org.assertj.core.groups.Tuple.tuple("tag:config:high", Level.MAY_FAIL),
        org.assertj.core.groups.Tuple.tuple("tag:web:fail", Level.MUST_PASS),
        org.assertj.core.groups.Tuple.tuple("tag:web:warn", Level.MAY_FAIL));
    assertThat(b.rulesFor("BC5", "internet").get(4).level()).isEqualTo(Level.MUST_PASS);
    assertThat(b.rulesFor("BC5", "internet").get(11).level()).isEqualTo(Level.MUST_PASS);
    assertThat(b.rulesFor("BC5", "internet").get(13).level()).isEqualTo(Level.MUST_PASS);
    assertThat(b.rulesFor("BC5", "internal").get(13).level()).isEqualTo(Level.MAY_FAIL);
    assertThat(b.rulesFor("BC5", "internal").get(4).level()).isEqualTo(Level.MAY_FAIL);
    assertThat(b.rulesFor("BC1", "internet")).extracting(Rule::level)
        .containsExactly(Level.MUST_PASS, Level.MUST_PASS, Level.MUST_PASS, Level.MAY_FAIL, Level.MAY_FAIL,
            Level.MAY_FAIL, Level.MUST_PASS, Level.MUST_PASS, Level.MUST_PASS, Level.MAY_FAIL, Level.MAY_FAIL,
            Level.MAY_FAIL, Level.MUST_PASS, Level.MAY_FAIL);
  }

  @Test
  void unknownRuleClassNamesFileLineAndForm() throws IOException {
    assertError("""
        version: 1
        rules:
          - class: vuln.fixable-critical
            level: must-pass
          - class: vuln.critcal
            level: must-pass
        """, "5: unknown rule vuln.critcal (expected one of vuln.any, vuln.critical, vuln.epss, vuln.fixable, "
        + "vuln.fixable-critical, vuln.fixable-high, vuln.fixable-kev, vuln.fixable-low, vuln.fixable-medium, "
        + "vuln.high, vuln.kev, vuln.low, vuln.medium, ratchet.<name>, tag:<tag> or a finding rule id)");
  }

  @Test
  void overrideOrWaiverOfAnUndefinedRuleIsAnUnknownRule() throws IOException {
    assertError("""
        version: 1
        rules:
          - class: vuln.kev
            level: must-pass
        tiers:
          - name: BC5
            overrides:
              - rule: vuln.high
                level: must-pass
        """, "8: unknown rule vuln.high (expected a rule of this baseline: vuln.kev)");
    assertError("""
        version: 1
        rules:
          - class: vuln.kev
            level: must-pass
        waivers:
          - rule: ratchet.new-kev
            owner: me
            reason: r
            expires: 2027-01-01
        """, "6: unknown rule ratchet.new-kev (expected a rule of this baseline: vuln.kev)");
  }

  @Test
  void malformedRuleIdIsRejectedBySchema() throws IOException {
    assertError("""
        version: 1
        rules:
          - id: "not a rule"
            level: info
        """, "3: rules[0].id: bad value \"not a rule\" (expected a rule id: vuln.<class>, ratchet.<name>, "
        + "tag:<tag> or a finding rule id like DD-CFG-001)");
  }

  @Test
  void wrongTypesNameTheExpectedForm() throws IOException {
    assertError("""
        version: 1
        rules: []
        min-score: high
        """, "3: min-score: wrong type, text \"high\" (expected an integer score 0..100)");
    assertError("""
        version: 1
        rules:
          - class: vuln.high
            level: may-fail
            fixable: "yes please"
        """, "5: rules[0].fixable: wrong type, text \"yes please\" (expected true or false)");
    assertError("""
        version: 1
        rules:
          class: vuln.high
        """, "3: rules: wrong type, mapping {\"class\":\"vuln.high\"} (expected a list of rules)");
  }

  @Test
  void unknownLevelListsTheLevels() throws IOException {
    assertError("""
        version: 1
        rules:
          - class: vuln.high
            level: must-fail
        """, "4: rules[0].level: unknown value \"must-fail\" (expected one of must-pass, may-fail, info, ignore)");
  }

  @Test
  void badDatesAreRejected() throws IOException {
    String head = """
        version: 1
        rules:
          - class: vuln.kev
            level: must-pass
        waivers:
          - id: CVE-2021-44228
            owner: me
            reason: r
        """;
    assertError(head + "    expires: 2026-02-30\n",
        "9: bad date expires: 2026-02-30 (expected a real date YYYY-MM-DD)");
    assertError(head + "    expires: next friday\n",
        "9: waivers[0].expires: bad value \"next friday\" (expected a date YYYY-MM-DD)");
    assertError(head + "    expires: 2027-01-01\n    review-by: 2026-13-01\n",
        "10: bad date review-by: 2026-13-01 (expected a real date YYYY-MM-DD)");
  }

  @Test
  void missingAndUnknownKeys() throws IOException {
    assertError("""
        version: 1
        rules:
          - class: vuln.kev
            level: must-pass
        waivers:
          - id: CVE-2021-44228
            reason: r
            expires: 2027-01-01
        """, "6: waivers[0]: missing 'owner' (expected a waiver {id, purl, path, rule, owner, reason, ticket, "
        + "expires, review-by})");
    assertError("""
        version: 1
        rules:
          - class: vuln.kev
            level: must-pass
            severtiy: HIGH
        """, "5: rules[0]: unknown key 'severtiy' (expected a rule {id or class, level, description, controls, "
        + "severity, fixable, kev, epss, older-than-days, keys})");
    assertError("""
        version: 2
        rules: []
        """, "1: version: unsupported value 2 (expected version: 1)");
    assertError("""
        version: 1
        rules:
          - level: info
        """, "3: neither id nor class in rule rules.0 (expected exactly one of id: <rule id> or "
        + "class: vuln.<class> | tag:<tag>)");
  }

  @Test
  void yamlErrorsAndMissingFile() throws IOException {
    assertError("version: 1\nrules: [\n  - a\n", "3: invalid YAML: expected the node content, but found '-'"
        + " (expected a YAML document)");
    assertError("version: 1\nrules: []\nversion: 1\n", "3: duplicate key 'version' (expected each key once)");
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> BaselineLoader.load(missing)).isInstanceOf(DrydockException.class)
        .hasMessage(missing + ": baseline not found");
  }
}
