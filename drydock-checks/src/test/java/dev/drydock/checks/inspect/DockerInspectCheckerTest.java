package dev.drydock.checks.inspect;

import static dev.drydock.checks.runtime.Snippets.HEALTH;
import static dev.drydock.checks.runtime.Snippets.inspect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.checks.runtime.Snippets;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Misconfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerInspectCheckerTest {
  private final DockerInspectChecker checker = new DockerInspectChecker();

  @Test
  void acceptsInspectOutputOnly() {
    assertThat(checker.accepts("web.json", inspect("", HEALTH))).isTrue();
    assertThat(checker.accepts("x", "  {\"Config\": {}, \"HostConfig\": {}}")).isTrue();
    assertThat(checker.accepts("policy.json", "{\"Version\": \"2012-10-17\", \"Statement\": []}")).isFalse();
    assertThat(checker.accepts("deploy.json", "{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}")).isFalse();
    assertThat(checker.accepts("notes.yaml", "HostConfig: x\nConfig: y\n")).isFalse();
  }

  @Test
  void hardenedContainerHasNoFindings() {
    assertThat(checker.check("c.json", inspect("", HEALTH))).isEmpty();
  }

  @Test
  void findingsNameTheContainerAndCarryCisIds() {
    List<Misconfiguration> found = checker.check("c.json", inspect(",\n      \"Privileged\": true", HEALTH));
    assertThat(found).hasSize(1);
    Misconfiguration m = found.get(0);
    assertThat(m.ruleId()).isEqualTo("DD-RT-001");
    assertThat(m.resource()).isEqualTo("container c");
    assertThat(m.references()).contains("CIS Docker 5.5");
    assertThat(m.controls()).contains("cis-docker:5.5");
    assertThat(m.column()).isEqualTo(7);
  }

  @Test
  void mountsWinOverBindsAndKeepReadOnlyAndPropagation() {
    String text = inspect(",\n      \"Binds\": [\"/etc:/etc\"]", HEALTH).replace("\"Config\"",
        "\"Mounts\": [{\"Type\": \"bind\", \"Source\": \"/etc/ssl\", \"RW\": false, \"Propagation\": \"shared\"}],\n"
            + "    \"Config\"");
    assertThat(Snippets.found(checker, "c.json", text)).containsExactly(Snippets.lineOf(text, "Mounts") + " DD-RT-023");
  }

  @Test
  void defaultCpuSharesAndUnlimitedPidsAreFindings() {
    String text = inspect(",\n      \"CpuShares\": 1024", HEALTH).replace("\"NanoCpus\": 500000000",
        "\"NanoCpus\": 0").replace("\"PidsLimit\": 64", "\"PidsLimit\": -1");
    assertThat(Snippets.found(checker, "c.json", text)).containsExactly(
        Snippets.lineOf(text, "NanoCpus") + " DD-RT-017", Snippets.lineOf(text, "PidsLimit") + " DD-RT-024");
  }

  @Test
  void wrongTypesAreBadInput() {
    assertThatThrownBy(() -> checker.check("c.json", inspect(",\n      \"Privileged\": \"yes\"", HEALTH)))
        .isInstanceOf(DrydockException.class)
        .hasMessage("c.json:10: [0].HostConfig.Privileged must be true or false, not \"yes\"");
    assertThatThrownBy(() -> checker.check("c.json", "[{\"HostConfig\": [], \"Config\": {}}]"))
        .isInstanceOf(DrydockException.class).hasMessageStartingWith("c.json:1: [0].HostConfig must be a mapping");
  }
}
