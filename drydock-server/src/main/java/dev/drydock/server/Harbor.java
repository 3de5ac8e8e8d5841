package dev.drydock.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.engine.Version;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.Vulnerability;
import dev.drydock.report.Reports;
import dev.drydock.report.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Harbor's Pluggable Scanner API v1.2 ({@code /api/v1/metadata}, {@code /api/v1/scan},
 * {@code /api/v1/scan/{id}/report}), so Harbor can use drydock as its scanner. Scan requests name an artifact by
 * repository and digest; until drydock reads registries, the artifact is taken from {@code harbor-images}: an
 * archive {@code <dir>/sha256-<hex>.tar} or an OCI layout {@code <dir>/sha256-<hex>/} (a replication target), and a
 * request for any other artifact is refused with 422 naming the file looked for.
 */
final class Harbor {
  static final String METADATA = "application/vnd.scanner.adapter.metadata+json; version=1.1";
  static final String SCAN_RESPONSE = "application/vnd.scanner.adapter.scan.response+json; version=1.0";
  static final String ERROR = "application/vnd.scanner.adapter.error+json; version=1.0";
  static final String VULN_1_1 = "application/vnd.security.vulnerability.report; version=1.1";
  static final String VULN_HARBOR = "application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0";
  static final String RAW = "application/vnd.scanner.adapter.vuln.report.raw";
  static final String SBOM = "application/vnd.security.sbom.report+json; version=1.0";
  static final List<String> CONSUMES = List.of("application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json");
  /** Seconds Harbor is told to wait before asking again for a report that is not ready. */
  static final int REFRESH_AFTER = 5;

  private final DrydockServer server;

  Harbor(DrydockServer server) {
    this.server = server;
  }

  static Api.Answer error(int status, String message) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.putObject("error").put("message", message);
    try {
      return new Api.Answer(status, ERROR, Json.mapper().writeValueAsBytes(n), Map.of());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Api.Answer json(int status, String type, Object value) {
    try {
      return new Api.Answer(status, type, Json.mapper().writeValueAsBytes(value), Map.of());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Api.Answer metadata() {
    ObjectNode n = Json.mapper().createObjectNode();
    ObjectNode s = n.putObject("scanner");
    s.put("name", "drydock");
    s.put("vendor", "drydock");
    s.put("version", Version.current());
    ArrayNode caps = n.putArray("capabilities");
    ObjectNode vuln = caps.addObject();
    vuln.put("type", "vulnerability");
    CONSUMES.forEach(vuln.putArray("consumes_mime_types")::add);
    vuln.putArray("produces_mime_types").add(VULN_HARBOR).add(VULN_1_1).add(RAW);
    ObjectNode sbom = caps.addObject();
    sbom.put("type", "sbom");
    CONSUMES.forEach(sbom.putArray("consumes_mime_types")::add);
    sbom.putArray("produces_mime_types").add(SBOM);
    sbom.putObject("additional_attributes").putArray("sbom_media_types").add("application/spdx+json")
        .add("application/vnd.cyclonedx+json");
    ObjectNode props = n.putObject("properties");
    props.put("harbor.scanner-adapter/scanner-type", "os-package-vulnerability");
    // Basic: Harbor hands each scan a robot account's name and secret, which the registry client uses as it uses
    // any credentials (token challenge included)
    props.put("harbor.scanner-adapter/registry-authorization-type", "Basic");
    return json(200, METADATA, n);
  }

  Api.Answer scan(byte[] body) {
    JsonNode req;
    try {
      req = Json.mapper().readTree(body);
    } catch (IOException e) {
      return error(400, "malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (req == null || !req.isObject() || !req.path("artifact").isObject() || !req.path("registry").isObject()) {
      return error(400, "expected a scan request with 'registry' and 'artifact' objects");
    }
    JsonNode artifact = req.get("artifact");
    String digest = artifact.path("digest").asText("");
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      return error(422, "artifact.digest must be sha256:<64 hex digits>, not '" + digest + "'");
    }
    String mime = artifact.path("mime_type").asText("");
    if (!mime.isEmpty() && !CONSUMES.contains(mime)) {
      return error(501, "cannot scan artifacts of type " + mime + " (only " + String.join(", ", CONSUMES) + ")");
    }
    Path local = local(digest);
    ObjectNode stored = Json.mapper().createObjectNode();
    if (local != null) {
      stored.put("target", local.toString());
    } else {
      Api.Answer refused = fromRegistry(req.get("registry"), artifact.path("repository").asText(""), digest, stored);
      if (refused != null) {
        return refused;
      }
    }
    ObjectNode h = stored.putObject("harbor");
    h.put("repository", artifact.path("repository").asText(""));
    h.put("digest", digest);
    h.put("tag", artifact.path("tag").asText(""));
    h.put("mime_type", mime.isEmpty() ? CONSUMES.get(0) : mime);
    String id = server.submit(stored.toString());
    return json(202, SCAN_RESPONSE, Map.of("id", id));
  }

  /**
   * Fills {@code stored} with the registry image Harbor names ({@code registry.url} + repository @ digest) and the
   * robot account's credentials; returns the refusal when the request cannot be served that way.
   */
  private Api.Answer fromRegistry(JsonNode registry, String repository, String digest, ObjectNode stored) {
    String url = registry.path("url").asText("");
    java.net.URI uri;
    try {
      uri = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(String.valueOf(uri.getScheme()))) {
      return error(400, "registry.url must be an http(s) URL, not '" + url + "'");
    }
    String host = uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost();
    host = uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    if (!server.config.registries().allows(host)) {
      return error(422, "artifact " + repository + "@" + digest + " is not in the harbor-images directory and registry "
          + host + " is not allowed on this server (start it with --allow-registry " + host + ")");
    }
    if (uri.getScheme().equals("http") && !server.config.registries().insecure().contains(host)) {
      return error(422, "registry " + host + " is plain http; name it with --insecure-registry " + host
          + " to pull from it");
    }
    if (!repository.matches("[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*")) {
      return error(400, "artifact.repository is not a repository name: '" + repository + "'");
    }
    stored.put("image", host + "/" + repository + "@" + digest);
    String authorization = registry.path("authorization").asText("");
    if (!authorization.isEmpty()) {
      if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
        return error(400, "registry.authorization must be Basic credentials (this scanner declares"
            + " registry-authorization-type Basic)");
      }
      String decoded;
      try {
        decoded = new String(java.util.Base64.getDecoder().decode(authorization.substring(6).trim()),
            java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = "";
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return error(400, "registry.authorization: Basic credentials must be base64 of name:secret");
      }
      ObjectNode auth = stored.putObject("auth");
      auth.put("username", decoded.substring(0, colon));
      auth.put("password", decoded.substring(colon + 1));
    }
    return null;
  }

  private Path local(String digest) {
    Path dir = server.config.harborImages();
    if (dir == null) {
      return null;
    }
    String name = "sha256-" + digest.substring("sha256:".length());
    for (Path p : List.of(dir.resolve(name + ".tar"), dir.resolve(name))) {
      if (Files.exists(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    return null;
  }

  Api.Answer report(String id, String accept, String sbomMediaType) throws IOException {
    String want = accept == null || accept.isBlank() || accept.trim().equals("*/*") ? VULN_HARBOR : normal(accept);
    if (!List.of(normal(VULN_HARBOR), normal(VULN_1_1), normal(RAW), normal(SBOM)).contains(want)) {
      return error(501, "cannot produce " + accept + " (one of: " + String.join(", ", VULN_HARBOR, VULN_1_1, RAW,
          SBOM) + ")");
    }
    if (want.equals(normal(SBOM)) && (sbomMediaType == null
        || !List.of("application/spdx+json", "application/vnd.cyclonedx+json").contains(sbomMediaType))) {
      return error(400, "an SBOM report needs ?sbom_media_type=application/spdx+json or"
          + " application/vnd.cyclonedx+json");
    }
    Jobs.Job job = server.jobs.get(id).orElse(null);
    if (job == null) {
      return new Api.Answer(404, ERROR, new byte[0], Map.of());
    }
    if (job.state().equals("failed")) {
      return error(500, "scan failed: " + job.error());
    }
    ScanResult result = server.result(id).orElse(null);
    if (result == null) {
      return new Api.Answer(302, "text/plain", new byte[0], Map.of("Refresh-After", String.valueOf(REFRESH_AFTER)));
    }
    JsonNode request = Json.mapper().readTree(job.target());
    ObjectNode artifact = request.path("harbor").isObject() ? ((ObjectNode) request.get("harbor")).deepCopy()
        : Json.mapper().createObjectNode().put("repository", DrydockServer.imageName(result, "image"));
    if (want.equals(normal(RAW))) {
      return new Api.Answer(200, RAW, Json.mapper().writeValueAsBytes(result), Map.of());
    }
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("generated_at", Instant.now().toString());
    n.set("artifact", artifact);
    ObjectNode s = n.putObject("scanner");
    s.put("name", "drydock");
    s.put("vendor", "drydock");
    s.put("version", Version.current());
    if (want.equals(normal(SBOM))) {
      String format = sbomMediaType.equals("application/spdx+json") ? "spdx" : "cyclonedx";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Reports.byName(format).write(result, out);
      n.put("media_type", sbomMediaType);
      n.set("sbom", Json.mapper().readTree(out.toByteArray()));
      return json(200, SBOM, n);
    }
    Severity worst = Severity.UNKNOWN;
    ArrayNode items = Json.mapper().createArrayNode();
    for (Vulnerability v : result.vulnerabilities()) {
      Severity sev = v.severity() == null ? Severity.UNKNOWN : v.severity();
      worst = sev.compareTo(worst) > 0 ? sev : worst;
      ObjectNode i = items.addObject();
      i.put("id", v.id());
      i.put("package", v.packageName());
      i.put("version", v.installedVersion());
      if (!v.fixedVersions().isEmpty()) {
        i.put("fix_version", v.fixedVersions().get(0));
      }
      i.put("severity", severity(sev));
      if (v.title() != null) {
        i.put("description", v.title());
      }
      ArrayNode links = i.putArray("links");
      v.links().stream().filter(l -> l.startsWith("http")).forEach(links::add);
      for (Vulnerability.Cvss c : v.cvss()) {
        if (c.version() != null && c.version().startsWith("3")) {
          i.putObject("preferred_cvss").put("score_v3", c.score()).put("vector_v3", c.vector());
          break;
        }
      }
      ObjectNode attrs = i.putObject("vendor_attributes");
      attrs.put("purl", v.purl());
      attrs.put("kev", v.kev());
      if (v.epss() != null) {
        attrs.put("epss", v.epss());
      }
      attrs.put("layer_diff_id", v.layerDiffId());
    }
    n.put("severity", severity(worst));
    n.set("vulnerabilities", items);
    return json(200, want.equals(normal(VULN_1_1)) ? VULN_1_1 : VULN_HARBOR, n);
  }

  /** Harbor's severity scale; NONE maps to Negligible. */
  static String severity(Severity s) {
    return switch (s) {
      case CRITICAL -> "Critical";
      case HIGH -> "High";
      case MEDIUM -> "Medium";
      case LOW -> "Low";
      case NONE -> "Negligible";
      default -> "Unknown";
    };
  }

  /** A media type compared without spaces or case ({@code a/b;version=1.0}). */
  static String normal(String media) {
    return media.replace(" ", "").toLowerCase(Locale.ROOT);
  }

}
