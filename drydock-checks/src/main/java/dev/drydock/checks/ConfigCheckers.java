package dev.drydock.checks;

import dev.drydock.checks.cloudformation.CloudFormationChecker;
import dev.drydock.checks.compose.ComposeChecker;
import dev.drydock.checks.dockerfile.DockerfileChecker;
import dev.drydock.checks.iam.IamPolicyChecker;
import dev.drydock.checks.inspect.DockerInspectChecker;
import dev.drydock.checks.k8s.KubernetesChecker;
import java.util.List;

/** Every configuration checker, in the order they are asked whether they accept a file. */
public final class ConfigCheckers {
  private ConfigCheckers() {}

  /** Checkers are stateless and thread-safe, so one list serves every file. */
  private static final List<ConfigChecker> ALL = List.of(
      new DockerfileChecker(),
      new CloudFormationChecker(),
      new IamPolicyChecker(),
      new KubernetesChecker(),
      new ComposeChecker(),
      new DockerInspectChecker());

  public static List<ConfigChecker> all() {
    return ALL;
  }

  /** The first checker that accepts the file, or null. */
  public static ConfigChecker forFile(String fileName, String text) {
    for (ConfigChecker c : ALL) {
      if (c.accepts(fileName, text)) {
        return c;
      }
    }
    return null;
  }
}
