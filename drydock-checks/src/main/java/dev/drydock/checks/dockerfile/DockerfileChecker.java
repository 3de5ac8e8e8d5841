package dev.drydock.checks.dockerfile;

import dev.drydock.checks.ConfigChecker;
import dev.drydock.model.Misconfiguration;
import java.util.List;
import java.util.Locale;

/**
 * Dockerfiles: {@code Dockerfile}, {@code Containerfile}, {@code *.Dockerfile}, {@code Dockerfile.*},
 * {@code Containerfile.*}; not BuildKit's per-Dockerfile ignore files ({@code Dockerfile.dockerignore}).
 */
public final class DockerfileChecker implements ConfigChecker {
  private final DockerfileOptions options;

  /** With the default options. */
  public DockerfileChecker() {
    this(DockerfileOptions.DEFAULT);
  }

  public DockerfileChecker(DockerfileOptions options) {
    this.options = options;
  }

  @Override
  public String family() {
    return "dockerfile";
  }

  @Override
  public boolean accepts(String fileName, String text) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".dockerignore")) {
      return false;
    }
    return n.equals("dockerfile") || n.equals("containerfile") || n.endsWith(".dockerfile")
        || n.startsWith("dockerfile.") || n.startsWith("containerfile.");
  }

  @Override
  public List<Misconfiguration> check(String file, String text) {
    return DockerfileRules.check(file, text, options);
  }
}
