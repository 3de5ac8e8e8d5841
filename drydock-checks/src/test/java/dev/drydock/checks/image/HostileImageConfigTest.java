package dev.drydock.checks.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.ImageConfig;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Image configs an attacker wrote (issue 18): numbers that are not ports are not an internal error. */
class HostileImageConfigTest {

  @Test
  void exposedPortsThatAreNotPortsAreSkipped() {
    // was a NumberFormatException: exit 4, "internal error"
    ImageConfig config = new ImageConfig("linux", "amd64", null, "app", List.of(),
        List.of("99999999999/tcp", "1-99999999999", "99999999999-99999999999/tcp", "22/tcp", "5432"), null, null,
        null, null, List.of("CMD", "true"), null);
    ScanResult scan = ScanResult.builder().schemaVersion(1).drydockVersion("test").config(config).build();
    assertThat(ImageChecks.check(scan, ImageCheckOptions.defaults()))
        .extracting(Misconfiguration::ruleId, Misconfiguration::resource)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ImageRules.SSH_PORT.id(), "ExposedPorts 22/tcp"),
            org.assertj.core.groups.Tuple.tuple(ImageRules.DATABASE_PORT.id(), "ExposedPorts 5432"));
  }
}
