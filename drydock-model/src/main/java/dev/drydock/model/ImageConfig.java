package dev.drydock.model;

import java.util.List;
import java.util.Map;

/**
 * The parts of an image's config (OCI image config / Docker config JSON) that the checks read.
 * Null for targets that are not images (directories).
 */
public record ImageConfig(
    String os,
    String architecture,
    String variant,
    String user,
    List<String> env,
    List<String> exposedPorts,
    List<String> entrypoint,
    List<String> cmd,
    String workingDir,
    Map<String, String> labels,
    List<String> healthcheck,
    List<HistoryEntry> history) {

  public ImageConfig {
    env = env == null ? List.of() : List.copyOf(env);
    exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    cmd = cmd == null ? null : List.copyOf(cmd);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    healthcheck = healthcheck == null ? null : List.copyOf(healthcheck);
    history = history == null ? List.of() : List.copyOf(history);
  }

  /** One entry of the config's history; {@code emptyLayer} entries did not produce a layer. */
  public record HistoryEntry(String created, String createdBy, String comment, boolean emptyLayer) {}
}
