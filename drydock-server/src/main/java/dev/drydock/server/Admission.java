package dev.drydock.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.engine.Drydock;
import dev.drydock.engine.GateVerdict;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import dev.drydock.report.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Kubernetes validating admission webhook ({@code admission.k8s.io/v1} AdmissionReview): a Pod, or the Pod template
 * of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob, is allowed only when every container image's
 * latest stored result passes the gate with the namespace's baseline (a stored baseline named {@code ns-<namespace>},
 * else {@code default}, else the built-in one). An image with no result is denied, or allowed with a warning when the
 * server runs {@code --admission-fail-open}. Decisions are cached per (image, result, baseline) and every one is
 * written to the audit log (the JSON log, {@code msg: admission}).
 */
final class Admission {
  private final DrydockServer server;
  /** (image, result job, baseline) to (allowed, reason). */
  private final Map<String, String[]> cache = new ConcurrentHashMap<>();

  Admission(DrydockServer server) {
    this.server = server;
  }

  Api.Answer review(byte[] body, String rid) throws IOException {
    JsonNode review;
    try {
      review = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new Api.Refused(400, "malformed AdmissionReview JSON");
    }
    JsonNode request = review == null ? null : review.get("request");
    if (request == null || !request.hasNonNull("uid") || !"admission.k8s.io/v1".equals(review.path("apiVersion")
        .asText())) {
      throw new Api.Refused(400, "expected an admission.k8s.io/v1 AdmissionReview with a request");
    }
    String namespace = request.path("namespace").asText("default");
    JsonNode object = request.path("object");
    String kind = object.path("kind").asText(request.path("kind").path("kind").asText());
    List<String> images = images(kind, object);
    List<String> denied = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String image : images) {
      String[] d = decide(image, namespace);
      if (d[0].equals("deny")) {
        denied.add(image + ": " + d[1]);
      } else if (d[0].equals("warn")) {
        warnings.add(image + ": " + d[1]);
      }
    }
    boolean allowed = denied.isEmpty();
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("apiVersion", "admission.k8s.io/v1");
    out.put("kind", "AdmissionReview");
    ObjectNode response = out.putObject("response");
    response.put("uid", request.get("uid").asText());
    response.put("allowed", allowed);
    if (!allowed) {
      ObjectNode status = response.putObject("status");
      status.put("code", 403);
      status.put("reason", "Forbidden");
      status.put("message", "drydock: " + String.join("; ", denied));
    }
    if (!warnings.isEmpty()) {
      ArrayNode w = response.putArray("warnings");
      warnings.forEach(x -> w.add("drydock: " + x));
    }
    server.log.info(rid, "admission", "uid", request.get("uid").asText(), "namespace", namespace, "kind", kind,
        "name", object.path("metadata").path("name").asText(""), "images", String.join(",", images), "allowed",
        String.valueOf(allowed), "reasons", String.join("; ", denied.isEmpty() ? warnings : denied));
    return Api.Answer.json(200, out);
  }

  /** The container images of a Pod or of a workload's Pod template (init and ephemeral containers too). */
  static List<String> images(String kind, JsonNode object) {
    JsonNode spec = switch (kind) {
      case "Pod" -> object.path("spec");
      case "CronJob" -> object.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
      case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController" ->
          object.path("spec").path("template").path("spec");
      default -> null;
    };
    Set<String> out = new LinkedHashSet<>();
    if (spec != null) {
      for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
        spec.path(field).forEach(c -> {
          if (c.hasNonNull("image")) {
            out.add(c.get("image").asText());
          }
        });
      }
    }
    return List.copyOf(out);
  }

  /** {allow|warn|deny, reason} for one image in one namespace. */
  private String[] decide(String image, String namespace) {
    Optional<String> latest = server.jobs.latest(image);
    if (latest.isEmpty() && !withoutDockerHub(image).equals(image)) {
      latest = server.jobs.latest(withoutDockerHub(image));
    }
    if (latest.isEmpty()) {
      String why = "no drydock result for this image (scan it first)";
      return new String[] {server.config.admissionFailOpen() ? "warn" : "deny", why};
    }
    String baselineName = null;
    String text = null;
    for (String name : List.of("ns-" + namespace, "default")) {
      Optional<String> b = server.baseline(name);
      if (b.isPresent()) {
        baselineName = name;
        text = b.get();
        break;
      }
    }
    String key = image + "|" + latest.get() + "|" + baselineName + "|" + (text == null ? 0 : text.hashCode());
    String[] cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    String[] decision;
    try {
      ScanResult result = server.result(latest.get()).orElseThrow();
      Path file = null;
      try {
        if (text != null) {
          Path dir = Files.createDirectories(server.config.cacheDir().resolve("server-baselines"));
          file = Files.createTempFile(dir, baselineName + "-", ".yaml");
          Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        GateVerdict v = server.engine().gate(List.of(result), new Drydock.GatePolicy(file, null, null, false), null,
            null);
        String summary = v.summary().replaceFirst("^drydock: ", "") + " (baseline "
            + (baselineName == null ? "built-in" : baselineName) + ", scan " + latest.get() + ")";
        decision = new String[] {v.exitCode(false) == 0 ? "allow" : "deny", summary};
      } finally {
        if (file != null) {
          Files.deleteIfExists(file);
        }
      }
    } catch (DrydockException | IOException | java.util.NoSuchElementException e) {
      // the gate could not judge: fail closed unless told otherwise
      decision = new String[] {server.config.admissionFailOpen() ? "warn" : "deny", "cannot judge: " + e.getMessage()};
      return decision; // not cached: the next request tries again
    }
    if (cache.size() > 10_000) {
      cache.clear();
    }
    cache.put(key, decision);
    return decision;
  }

  /** {@code docker.io/library/x:1} as Docker writes it in RepoTags ({@code x:1}). */
  private static String withoutDockerHub(String image) {
    String s = image.startsWith("docker.io/") ? image.substring("docker.io/".length()) : image;
    return s.startsWith("library/") ? s.substring("library/".length()) : s;
  }
}
