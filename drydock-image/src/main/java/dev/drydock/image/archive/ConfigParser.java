package dev.drydock.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.image.Layer;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps an OCI image config / Docker config JSON to {@link ImageConfig} and its diffIDs. */
final class ConfigParser {
  /**
   * Most entries accepted in each list or map of an image config ({@code history}, {@code Env},
   * {@code ExposedPorts}, {@code Labels}, {@code Entrypoint}, {@code Cmd}, {@code rootfs.diff_ids}).
   * Real images have at most a few hundred (a layer limit of 127 in Docker); checks and reports walk
   * these lists more than once.
   */
  static final int MAX_ENTRIES = 10_000;

  private ConfigParser() {}

  private static JsonNode bounded(JsonNode node, String what, String where) {
    if (node != null && node.size() > MAX_ENTRIES) {
      throw new DrydockException(where + ": image config has more than " + MAX_ENTRIES + " " + what + " entries ("
          + node.size() + ")");
    }
    return node;
  }

  record Parsed(ImageConfig config, List<String> diffIds) {
    String platform() {
      if (config.os() == null || config.architecture() == null) {
        return null;
      }
      return config.os() + "/" + config.architecture() + (config.variant() == null ? "" : "/" + config.variant());
    }

    /** created_by of the non-empty history entries, one per layer; nulls when the counts disagree. */
    List<String> createdBy(int layers) {
      List<String> nonEmpty = new ArrayList<>();
      for (ImageConfig.HistoryEntry h : config.history()) {
        if (!h.emptyLayer()) {
          nonEmpty.add(h.createdBy());
        }
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < layers; i++) {
        out.add(nonEmpty.size() == layers ? Layer.boundedCommand(nonEmpty.get(i)) : null);
      }
      return out;
    }
  }

  static Parsed parse(JsonNode root, String where) {
    if (!root.isObject()) {
      throw new DrydockException(where + ": image config is not a JSON object");
    }
    JsonNode c = root.path("config");
    bounded(c.path("ExposedPorts"), "ExposedPorts", where);
    bounded(c.path("Labels"), "Labels", where);
    bounded(c.get("Env"), "Env", where);
    bounded(c.get("Entrypoint"), "Entrypoint", where);
    bounded(c.get("Cmd"), "Cmd", where);
    bounded(c.path("Healthcheck").get("Test"), "Healthcheck", where);
    bounded(root.path("history"), "history", where);
    bounded(root.path("rootfs").path("diff_ids"), "rootfs.diff_ids", where);
    List<String> ports = new ArrayList<>();
    c.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
    Map<String, String> labels = new LinkedHashMap<>();
    c.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    List<ImageConfig.HistoryEntry> history = new ArrayList<>();
    for (JsonNode h : root.path("history")) {
      history.add(new ImageConfig.HistoryEntry(
          Json.text(h, "created"),
          Json.text(h, "created_by"),
          Json.text(h, "comment"),
          h.path("empty_layer").asBoolean(false)));
    }
    ImageConfig config = new ImageConfig(
        Json.text(root, "os"),
        Json.text(root, "architecture"),
        Json.text(root, "variant"),
        Json.text(c, "User"),
        Json.strings(c.get("Env")),
        ports,
        Json.strings(c.get("Entrypoint")),
        Json.strings(c.get("Cmd")),
        Json.text(c, "WorkingDir"),
        labels,
        Json.strings(c.path("Healthcheck").get("Test")),
        history);
    List<String> diffIds = new ArrayList<>();
    JsonNode ids = root.path("rootfs").path("diff_ids");
    if (!ids.isArray()) {
      throw new DrydockException(where + ": image config has no rootfs.diff_ids");
    }
    ids.forEach(n -> diffIds.add(n.asText()));
    return new Parsed(config, diffIds);
  }
}
