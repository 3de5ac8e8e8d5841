package dev.drydock.vulndb.suppress;

import static dev.drydock.vulndb.suppress.Findings.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.model.Severity;
import dev.drydock.model.Vulnerability;
import dev.drydock.model.Vulnerability.Status;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiltersTest {
  private static final String VALID = "(expected one of UNKNOWN,NONE,LOW,MEDIUM,HIGH,CRITICAL)";

  @Test
  void parsesAnyCaseWithSpaces() {
    assertThat(Filters.severities("LOW,MEDIUM")).containsExactlyInAnyOrder(Severity.LOW, Severity.MEDIUM);
    assertThat(Filters.severities(" high , Critical")).containsExactlyInAnyOrder(Severity.HIGH, Severity.CRITICAL);
    assertThat(Filters.severities("UNKNOWN")).containsExactly(Severity.UNKNOWN);
  }

  @Test
  void unknownSeverityListsTheValidOnes() {
    assertThatThrownBy(() -> Filters.severities("LOW,SEVERE")).isInstanceOf(DrydockException.class)
        .hasMessage("--severity: unknown severity 'SEVERE' " + VALID);
    assertThatThrownBy(() -> Filters.severities("LOW,,HIGH")).isInstanceOf(DrydockException.class)
        .hasMessage("--severity: unknown severity '' " + VALID);
    assertThatThrownBy(() -> Filters.severities(" ")).isInstanceOf(DrydockException.class)
        .hasMessage("--severity: no severity given (expected a comma-separated list of"
            + " UNKNOWN,NONE,LOW,MEDIUM,HIGH,CRITICAL)");
  }

  @Test
  void keepsOnlyTheChosenSeverities() {
    Vulnerability low = finding("CVE-1", Severity.LOW, Status.FIXED);
    Vulnerability medium = finding("CVE-2", Severity.MEDIUM, Status.AFFECTED);
    Vulnerability high = finding("CVE-3", Severity.HIGH, Status.FIXED);
    Vulnerability unknown = finding("CVE-4", Severity.UNKNOWN, Status.FIXED);
    List<Vulnerability> all = List.of(low, medium, high, unknown);

    assertThat(Filters.apply(all, Filters.severities("LOW,MEDIUM"), false)).containsExactly(low, medium);
    assertThat(Filters.apply(all, Set.of(), false)).containsExactlyElementsOf(all);
    assertThat(Filters.apply(all, null, false)).containsExactlyElementsOf(all);
  }

  @Test
  void ignoreUnfixedDropsAffectedWillNotFixAndEndOfLifeOnly() {
    Vulnerability fixed = finding("CVE-1", Severity.HIGH, Status.FIXED);
    Vulnerability affected = finding("CVE-2", Severity.HIGH, Status.AFFECTED);
    Vulnerability willNotFix = finding("CVE-3", Severity.HIGH, Status.WILL_NOT_FIX);
    Vulnerability eol = finding("CVE-4", Severity.HIGH, Status.END_OF_LIFE);
    Vulnerability notComparable = finding("CVE-5", Severity.HIGH, Status.NOT_COMPARABLE);
    Vulnerability mitigated = finding("CVE-6", Severity.HIGH, Status.MITIGATED);
    List<Vulnerability> all = List.of(fixed, affected, willNotFix, eol, notComparable, mitigated);

    assertThat(Filters.apply(all, Set.of(), true)).containsExactly(fixed, notComparable, mitigated);
    assertThat(Filters.apply(all, Set.of(), false)).containsExactlyElementsOf(all);
  }

  @Test
  void bothFiltersTogether() {
    Vulnerability lowFixed = finding("CVE-1", Severity.LOW, Status.FIXED);
    Vulnerability lowAffected = finding("CVE-2", Severity.LOW, Status.AFFECTED);
    Vulnerability criticalFixed = finding("CVE-3", Severity.CRITICAL, Status.FIXED);
    assertThat(Filters.apply(List.of(lowFixed, lowAffected, criticalFixed), Filters.severities("LOW"), true))
        .containsExactly(lowFixed);
  }

  @Test
  void severityFilterAppliesToAnyFindingKindWithNoSeverityAsUnknown() {
    record F(String id, Severity severity) {}
    List<F> all = List.of(new F("a", Severity.CRITICAL), new F("b", Severity.LOW), new F("c", null));
    assertThat(Filters.bySeverity(all, F::severity, Set.of(Severity.CRITICAL))).extracting(F::id)
        .containsExactly("a");
    assertThat(Filters.bySeverity(all, F::severity, Set.of(Severity.UNKNOWN, Severity.LOW))).extracting(F::id)
        .containsExactly("b", "c");
    assertThat(Filters.bySeverity(all, F::severity, Set.of())).isEqualTo(all);
  }
}
