package dev.drydock.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Vulnerability;
import dev.drydock.model.Vulnerability.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Base image out of support" for Ubuntu and RHEL releases (dates from endoflife.date, see EndOfLife): one
 * END_OF_LIFE finding the gate judges like any other, naming the paid extended support when it still runs.
 */
class EndOfLifeDistrosTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  private static final ListAdvisorySource NONE = new ListAdvisorySource(List.of());

  private static List<Vulnerability> eol(String family, String version) {
    return new Matcher().match(List.of(), new OsInfo(family, version, null, null, "etc/os-release"), NONE, NOW);
  }

  @Test
  void ubuntuLtsPastStandardSupportNamesUbuntuProEsm() {
    assertThat(eol("ubuntu", "20.04")).singleElement().satisfies(v -> {
      assertThat(v.id()).isEqualTo("DRYDOCK-EOL-ubuntu-20.04");
      assertThat(v.status()).isEqualTo(Status.END_OF_LIFE);
      assertThat(v.ecosystem()).isEqualTo(Ecosystem.DEB);
      assertThat(v.title()).isEqualTo("ubuntu 20.04 reached end of life on 2025-05-31; it receives no security"
          + " updates (paid extended support, Ubuntu Pro ESM, runs to 2030-04-02)");
    });
    // an interim release has no ESM
    assertThat(eol("ubuntu", "23.10")).singleElement().satisfies(v -> assertThat(v.title())
        .isEqualTo("ubuntu 23.10 reached end of life on 2024-07-12; it receives no security updates"));
    // 16.04's ESM ended too
    assertThat(eol("ubuntu", "16.04")).singleElement().satisfies(v -> assertThat(v.title()).endsWith("updates"));
    assertThat(eol("ubuntu", "22.04")).isEmpty();
    assertThat(eol("ubuntu", "24.04")).isEmpty();
  }

  @Test
  void rhelPastMaintenanceSupportNamesEls() {
    assertThat(eol("rhel", "7.9")).singleElement().satisfies(v -> {
      assertThat(v.id()).isEqualTo("DRYDOCK-EOL-rhel-7");
      assertThat(v.ecosystem()).isEqualTo(Ecosystem.RPM);
      assertThat(v.title()).isEqualTo("rhel 7 reached end of life on 2024-06-30; it receives no security updates"
          + " (paid extended support, ELS, runs to 2028-06-30)");
    });
    assertThat(eol("rhel", "8.10")).isEmpty();
    assertThat(eol("rhel", "9.3")).isEmpty();
    assertThat(eol("rhel", "10.0")).isEmpty(); // not in the table: no claim either way
  }
}
