package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** --version, --help and generate-completion. */
class UsageCliTest {
  @Test
  void version() {
    Cli.Run r = Cli.run("--version");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("drydock ");
    assertThat(r.out().lines().findFirst().orElseThrow()).matches("drydock \\S+");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void helpListsEveryCommand() {
    Cli.Run r = Cli.run("--help");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Usage: drydock");
    assertThat(r.out()).containsPattern("(?m)^\\s+scan\\s")
        .containsPattern("(?m)^\\s+sbom\\s")
        .containsPattern("(?m)^\\s+db\\s")
        .containsPattern("(?m)^\\s+generate-completion\\s");
  }

  @Test
  void scanHelpListsItsOptions() {
    Cli.Run r = Cli.run("scan", "--help");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("--format", "--output", "--cache-dir", "--platform", "--max-expansion-ratio",
        "table, json, sarif, cyclonedx, spdx");
  }

  @Test
  void generateCompletionPrintsABashScript() {
    Cli.Run r = Cli.run("generate-completion");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("complete ").contains("drydock").contains("scan").contains("sbom");
  }

  @Test
  void noCommandIsAUsageError() {
    Cli.Run r = Cli.run();
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines().get(0)).startsWith("drydock: ").contains("missing command");
  }
}
