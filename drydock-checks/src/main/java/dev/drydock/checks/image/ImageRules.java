package dev.drydock.checks.image;

import static dev.drydock.model.Severity.CRITICAL;
import static dev.drydock.model.Severity.HIGH;
import static dev.drydock.model.Severity.LOW;
import static dev.drydock.model.Severity.MEDIUM;

import java.util.List;

/** The image config and filesystem rules (docs/config-checks.md lists them). */
public final class ImageRules {
  private ImageRules() {}

  static final String NIST_CONFIG = "nist-800-190:4.1.2";
  static final String NIST_SECRETS = "nist-800-190:4.1.4";

  static final ImageRule ROOT_USER = new ImageRule("DD-IMG-001", HIGH, "Image runs as root",
      "Create a user in the image and set it with USER (a name or a non-zero UID).",
      List.of("Dockle CIS-DI-0001", "CIS Docker 4.1"), List.of("cis-docker:4.1", NIST_CONFIG));
  static final ImageRule SSH_PORT = new ImageRule("DD-IMG-002", HIGH, "SSH port exposed",
      "Do not run an SSH server in the container; use 'docker exec' or 'kubectl exec' and remove EXPOSE 22.",
      List.of("CIS Docker 5.7"), List.of(NIST_CONFIG));
  static final ImageRule DOCKER_PORT = new ImageRule("DD-IMG-003", CRITICAL, "Docker daemon port exposed",
      "Do not expose the Docker API (2375 plain, 2376 TLS) from an image; talk to the daemon over its socket.",
      List.of(), List.of(NIST_CONFIG));
  static final ImageRule DATABASE_PORT = new ImageRule("DD-IMG-004", MEDIUM, "Database port exposed",
      "Expose database ports only on images that are databases, and never publish them to untrusted networks.",
      List.of(), List.of(NIST_CONFIG));
  static final ImageRule SECRET_ENV_NAME = new ImageRule("DD-IMG-005", HIGH,
      "Environment variable name suggests a secret",
      "Pass secrets at run time (orchestrator secrets, mounted files); values set with ENV stay in the image config.",
      List.of("Dockle CIS-DI-0010", "CIS Docker 4.10"), List.of("cis-docker:4.10", NIST_SECRETS));
  static final ImageRule SECRET_ENV_VALUE = new ImageRule("DD-IMG-006", CRITICAL,
      "Environment variable value looks like a secret",
      "Remove the value from the image, rotate the credential, and pass it at run time instead.",
      List.of("Dockle CIS-DI-0010", "CIS Docker 4.10"), List.of("cis-docker:4.10", NIST_SECRETS));
  static final ImageRule HISTORY_CREDENTIALS = new ImageRule("DD-IMG-007", HIGH,
      "Build history command contains credentials",
      "Use build secrets (RUN --mount=type=secret) instead of passwords on command lines or in build args; rotate"
          + " the credential: the history is part of the image.",
      List.of("CIS Docker 4.10"), List.of("cis-docker:4.10", NIST_SECRETS));
  static final ImageRule SETUID = new ImageRule("DD-IMG-008", MEDIUM, "setuid/setgid file",
      "Remove the setuid and setgid bits (chmod u-s,g-s) of files the application does not need them on.",
      List.of("Dockle CIS-DI-0008", "CIS Docker 4.8"), List.of("cis-docker:4.8", NIST_CONFIG));
  static final ImageRule WORLD_WRITABLE = new ImageRule("DD-IMG-009", MEDIUM,
      "World-writable file or directory without the sticky bit",
      "Remove write permission for others (chmod o-w), or set the sticky bit on shared directories (chmod +t).",
      List.of(), List.of(NIST_CONFIG));
  static final ImageRule PACKAGE_MANAGER = new ImageRule("DD-IMG-010", MEDIUM,
      "Package manager in a production image",
      "Build the production image from a minimal or distroless base in a multi-stage build, without package"
          + " managers.",
      List.of("CIS Docker 4.3"), List.of("cis-docker:4.3", NIST_CONFIG));
  static final ImageRule SHELL = new ImageRule("DD-IMG-011", LOW, "Shell in a production image",
      "Use a distroless or scratch-based final stage without a shell, and exec-form ENTRYPOINT/CMD.",
      List.of("CIS Docker 4.3"), List.of("cis-docker:4.3", NIST_CONFIG));
  static final ImageRule NO_HEALTHCHECK = new ImageRule("DD-IMG-012", LOW, "Image has no HEALTHCHECK",
      "Add a HEALTHCHECK instruction that probes the service (or rely on orchestrator probes and waive this).",
      List.of("Dockle CIS-DI-0006", "CIS Docker 4.6"), List.of("cis-docker:4.6"));

  /** Every image rule, in id order. */
  public static List<ImageRule> all() {
    return List.of(ROOT_USER, SSH_PORT, DOCKER_PORT, DATABASE_PORT, SECRET_ENV_NAME, SECRET_ENV_VALUE,
        HISTORY_CREDENTIALS, SETUID, WORLD_WRITABLE, PACKAGE_MANAGER, SHELL, NO_HEALTHCHECK);
  }
}
