package dev.drydock.checks.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.model.Misconfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dockerfiles built to crash or exhaust the checker (issue 18): each is a result or one clear error. */
class HostileDockerfileTest {
  private final DockerfileChecker checker = new DockerfileChecker();

  /** {@code FROM alpine AS s0}, then {@code FROM s<i-1> AS s<i>} for every further stage: one chain. */
  private static String chain(int stages, String first, String last) {
    StringBuilder sb = new StringBuilder("FROM alpine:3.20 AS s0\n").append(first);
    for (int i = 1; i < stages; i++) {
      sb.append("FROM s").append(i - 1).append(" AS s").append(i).append('\n');
    }
    return sb.append(last).toString();
  }

  @Test
  void eightThousandChainedStagesAreCheckedAlongTheWholeChain() {
    // was a StackOverflowError (stack trace, exit 1): ENV and Windows lookups recursed once per stage
    String df = chain(8000, "ENV PIP_NO_CACHE_DIR=1\n", "RUN pip install flask==3.0.0 | tee /log\n");
    List<Misconfiguration> found = checker.check("Dockerfile", df);
    // the final stage inherits from the first: root user (no USER anywhere), no HEALTHCHECK, a pipe without
    // pipefail; no pip cache finding, because the first stage's ENV PIP_NO_CACHE_DIR reaches the last
    assertThat(found).extracting(Misconfiguration::ruleId).contains("DD-DF-001", "DD-DF-011")
        .doesNotContain("DD-DF-023");
    int lastRun = (int) df.lines().count();
    assertThat(found).filteredOn(m -> m.line() == lastRun).extracting(Misconfiguration::ruleId)
        .containsExactly("DD-DF-014");

    String withoutEnv = chain(8000, "", "RUN pip install flask==3.0.0\n");
    assertThat(checker.check("Dockerfile", withoutEnv)).extracting(Misconfiguration::ruleId).contains("DD-DF-023");
  }

  @Test
  void copyFromALaterStageIsFoundInALongFile() {
    String df = chain(3000, "COPY --from=s2999 /a /a\n", "COPY --from=s5 /b /b\n");
    assertThat(checker.check("Dockerfile", df)).filteredOn(m -> m.ruleId().equals("DD-DF-035"))
        .extracting(Misconfiguration::line).containsExactly(2);
  }

  @Test
  void anArgExpansionBombIsOneClearError() {
    // 12 lines whose expansion would be 64 * 10^10 characters (was: out of memory)
    StringBuilder sb = new StringBuilder("ARG A0=" + "x".repeat(64) + "\n");
    for (int i = 1; i <= 10; i++) {
      sb.append("ARG A").append(i).append('=').append(("${A" + (i - 1) + "}").repeat(10)).append('\n');
    }
    sb.append("FROM alpine:$A10\n");
    assertThat(sb.toString().lines()).hasSize(12);
    assertThatThrownBy(() -> checker.check("Dockerfile", sb.toString()))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("Dockerfile:")
        .hasMessageContaining("variable expansion exceeds 1048576 characters")
        .hasMessageNotContaining("\n");
  }

  @Test
  void theExpansionBoundIsOnTheWholeFileNotOneInstruction() {
    // each ENV inserts 256 KiB: harmless alone, 5 of them pass the 1 MiB bound
    StringBuilder sb = new StringBuilder("FROM alpine:3.20\nARG BIG=" + "y".repeat(256 * 1024) + "\n");
    for (int i = 0; i < 5; i++) {
      sb.append("ENV COPY").append(i).append("=$BIG\n");
    }
    assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile", sb.toString()))
        .hasMessageStartingWith("Dockerfile:7: variable expansion exceeds");
    // ordinary use stays well inside it
    Dockerfile ok = DockerfileParser.parse("Dockerfile",
        "ARG V=1.2\nFROM alpine:${V}\nARG V\nENV A=$V B=${V:-x} C=${MISSING:-d}\n");
    assertThat(ok.lastStage().baseImage()).isEqualTo("alpine:1.2");
    assertThat(ok.lastStage().instructions().get(2).args()).containsExactly("A=1.2", "B=1.2", "C=d");
  }
}
