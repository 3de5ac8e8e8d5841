package dev.drydock.checks.inspect;

import static dev.drydock.checks.runtime.Snippets.HEALTH;
import static dev.drydock.checks.runtime.Snippets.inspect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Misconfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docker inspect output an attacker wrote (issue 18): odd restart counts are a finding, not an internal error. */
class HostileInspectTest {
  private final DockerInspectChecker checker = new DockerInspectChecker();

  @ParameterizedTest
  @ValueSource(strings = {"on-failure:abc", "on-failure:99999999999999999999", "on-failure:", "on-failure:-1"})
  void restartCountsThatAreNotSmallNumbersAreReported(String name) {
    String text = inspect(",\n      \"RestartPolicy\": {\"Name\": \"" + name + "\"}", HEALTH);
    assertThat(checker.check("c.json", text)).extracting(Misconfiguration::ruleId).containsExactly("DD-RT-027");
  }

  @Test
  void aSmallRetryCountIsFine() {
    String text = inspect(",\n      \"RestartPolicy\": {\"Name\": \"on-failure\", \"MaximumRetryCount\": 5}", HEALTH);
    assertThat(checker.check("c.json", text)).isEmpty();
  }
}
