package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The launcher's archive training reaches its loopback server through the registry client (so that the client's
 * classes are loaded and archived): the server's 404 comes back as drydock's one-line "not found" message.
 */
class ClassArchiveTrainingTest {
  @Test
  void theRegistryClientTalksToTheTrainingServer() {
    String outcome = ClassArchiveTraining.exerciseRegistryClient();
    assertThat(outcome).contains("training/image").doesNotContain("no loopback server").doesNotContain("\n");
  }
}
