package dev.drydock.checks.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.model.Misconfiguration;
import org.junit.jupiter.api.Test;

class DockerfileCheckerTest {
  private final DockerfileChecker checker = new DockerfileChecker();

  @Test
  void acceptsDockerfileNames() {
    for (String n : new String[] {"Dockerfile", "dockerfile", "Containerfile", "api.Dockerfile", "Dockerfile.prod",
        "Containerfile.arm64"}) {
      assertThat(checker.accepts(n, "")).as(n).isTrue();
    }
    for (String n : new String[] {"Dockerfile.dockerignore", "api.Dockerfile.dockerignore", ".dockerignore",
        "docker-compose.yml", "Dockerfiles", "README.md"}) {
      assertThat(checker.accepts(n, "")).as(n).isFalse();
    }
    assertThat(checker.family()).isEqualTo("dockerfile");
  }

  @Test
  void optionsReachTheRulesAndErrorsNameTheFile() {
    String df = "FROM alpine:3.20\nUSER 1\nHEALTHCHECK CMD true\n";
    assertThat(checker.check("svc/Dockerfile", df)).isEmpty();
    assertThat(new DockerfileChecker(new DockerfileOptions(true, false)).check("svc/Dockerfile", df))
        .extracting(Misconfiguration::ruleId, Misconfiguration::file, Misconfiguration::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("DD-DF-016", "svc/Dockerfile", 1));
    assertThatThrownBy(() -> checker.check("svc/Dockerfile", "FROM a\nRUN <<EOF\nx\n"))
        .isInstanceOf(DrydockException.class).hasMessage("svc/Dockerfile:2: unterminated heredoc <<EOF");
  }
}
