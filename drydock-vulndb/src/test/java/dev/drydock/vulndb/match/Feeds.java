package dev.drydock.vulndb.match;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.Package;
import dev.drydock.vulndb.AdvisorySource;
import dev.drydock.vulndb.osv.OsvRecord;
import dev.drydock.vulndb.osv.OsvRecord.OsvAffected;
import dev.drydock.vulndb.osv.OsvRecord.OsvEvent;
import dev.drydock.vulndb.osv.OsvRecord.OsvPackage;
import dev.drydock.vulndb.osv.OsvRecord.OsvRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Loads the real feed records under src/test/resources/match/ and builds test inventories. */
final class Feeds {
  static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Feeds() {}

  /** The rows of {@code expected.tsv} in {@code dir} (an oracle's output), blank lines left out. */
  static List<String> expected(Path dir) throws java.io.IOException {
    return expected(dir, "expected.tsv");
  }

  static List<String> expected(Path dir, String file) throws java.io.IOException {
    return java.nio.file.Files.readAllLines(dir.resolve(file)).stream().filter(l -> !l.isBlank()).toList();
  }

  /**
   * The rows of the Python list {@code name} ({@code INVENTORY}, {@code PROBES}) in {@code dir/oracle.py}: one tuple
   * of strings per line, {@code ("9", "curl", "7.76.1-26.el9"),}, comments dropped; the oracle's own inventory, read
   * rather than copied so that the test and the oracle cannot drift apart.
   */
  static List<String[]> oracleRows(Path dir, String name) throws java.io.IOException {
    List<String[]> rows = new java.util.ArrayList<>();
    boolean in = false;
    for (String line : java.nio.file.Files.readAllLines(dir.resolve("oracle.py"))) {
      if (line.startsWith(name + " = [")) {
        in = true;
      } else if (in && line.startsWith("]")) {
        break;
      } else if (in && !line.replaceAll("#.*", "").isBlank()) {
        String[] f = line.replaceAll("#.*", "").trim().replaceAll("^\\(|\\),?$", "").split(",\\s*");
        for (int i = 0; i < f.length; i++) {
          f[i] = f[i].replace("\"", "").trim();
        }
        rows.add(f);
      }
    }
    return rows;
  }

  static Path dir(String sub) {
    try {
      return Path.of(Feeds.class.getResource("/match/" + sub).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The OSV records (ghsa, tool fixtures, PyPA, Go), in the order expected.py reads them. */
  static List<OsvRecord> osvRecords() {
    List<OsvRecord> out = new ArrayList<>();
    out.addAll(read(dir("ghsa"), ".json", JSON));
    out.addAll(read(dir("osv-tool-fixtures"), ".json", JSON));
    out.addAll(read(dir("pypa"), ".yaml", YAML));
    out.addAll(read(dir("go"), ".json", JSON));
    return out;
  }

  private static List<OsvRecord> read(Path dir, String ext, ObjectMapper mapper) {
    try (Stream<Path> files = Files.walk(dir)) {
      // expected.py sorts paths as strings; "pypa/<pkg>/<file>" sorts the same way
      List<Path> list = files.filter(p -> p.toString().endsWith(ext)).sorted().toList();
      List<OsvRecord> out = new ArrayList<>();
      for (Path p : list) {
        out.add(mapper.readValue(p.toFile(), OsvRecord.class));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CISA KEV excerpt, by CVE. */
  static Map<String, AdvisorySource.Kev> kev() {
    try {
      JsonNode root = JSON.readTree(dir("kev").resolve("known_exploited_vulnerabilities.excerpt.json").toFile());
      Map<String, AdvisorySource.Kev> out = new HashMap<>();
      for (JsonNode v : root.get("vulnerabilities")) {
        out.put(v.get("cveID").asText(), new AdvisorySource.Kev(v.get("cveID").asText(), v.get("dateAdded").asText(),
            v.get("dueDate").asText(), "Known".equals(v.get("knownRansomwareCampaignUse").asText()),
            v.get("vendorProject").asText(), v.get("product").asText(), v.get("requiredAction").asText()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A package as an analyzer would report it, from an OSV ecosystem and name. */
  static InstalledPackage pkg(String ecosystem, String name, String version) {
    Package p = switch (ecosystem) {
      case "Maven" -> Package.of(Ecosystem.MAVEN, name.split(":")[0], name.split(":")[1], version,
          "app/lib/" + name.split(":")[1] + "-" + version + ".jar");
      case "npm" -> name.startsWith("@")
          ? Package.of(Ecosystem.NPM, name.substring(0, name.indexOf('/')), name.substring(name.indexOf('/') + 1),
              version, "app/node_modules/" + name + "/package.json")
          : Package.of(Ecosystem.NPM, null, name, version, "app/node_modules/" + name + "/package.json");
      case "PyPI" -> Package.of(Ecosystem.PYPI, null, name, version,
          "usr/lib/python3/site-packages/" + name + "-" + version + ".dist-info/METADATA");
      // the Go analyzer reports the toolchain as "stdlib" with a version without "v"
      case "Go" -> Package.of(Ecosystem.GOLANG, null, name,
          "stdlib".equals(name) ? version.substring(1) : version, "usr/local/bin/app");
      default -> throw new IllegalArgumentException(ecosystem);
    };
    return new InstalledPackage("pkg:" + p.ecosystem().purlType() + "/" + name + "@" + version, p, 2,
        "sha256:" + "ab".repeat(32), "COPY app /app", List.of(p.location()));
  }

  /** OS package (dpkg binary from a source package / apk with an origin). */
  static InstalledPackage osPkg(Ecosystem eco, String name, String source, String version) {
    Package p = new Package(eco, null, name, version, source, version, "amd64", List.of(),
        eco == Ecosystem.DEB ? "var/lib/dpkg/status" : "lib/apk/db/installed", Map.of());
    return new InstalledPackage("pkg:" + eco.purlType() + "/" + name + "@" + version, p, 0,
        "sha256:" + "cd".repeat(32), "ADD rootfs.tar /", List.of(p.location()));
  }

  // ---- distribution feeds, converted the way the store's importers do ----

  private static final Map<String, String> DEBIAN_RELEASES = Map.of("jessie", "8", "stretch", "9", "buster", "10",
      "bullseye", "11", "bookworm", "12", "trixie", "13");

  /**
   * Debian tracker JSON ({package: {CVE: {releases: {codename: {status, fixed_version, urgency, nodsa,
   * nodsa_reason}}}}}) to one OsvRecord per CVE with one affected entry per (package, release):
   * resolved + fixed_version "0" -> not_affected; resolved -> fixed with range [0, fixed); open/undetermined
   * -> open/undetermined with range [0, ...); nodsa -> note "no-dsa: reason" (status will_not_fix when the
   * reason is "ignored"); sid and unknown codenames are skipped.
   */
  static List<OsvRecord> debian(JsonNode tracker) {
    Map<String, List<OsvAffected>> byCve = new LinkedHashMap<>();
    Map<String, String> details = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> pkgs = tracker.fields(); pkgs.hasNext(); ) {
      Map.Entry<String, JsonNode> pkg = pkgs.next();
      for (Iterator<Map.Entry<String, JsonNode>> cves = pkg.getValue().fields(); cves.hasNext(); ) {
        Map.Entry<String, JsonNode> cve = cves.next();
        details.putIfAbsent(cve.getKey(), cve.getValue().path("description").asText(null));
        JsonNode releases = cve.getValue().path("releases");
        if (!releases.isObject()) {
          continue; // the feed has "releases": [] for some entries
        }
        for (Iterator<Map.Entry<String, JsonNode>> rs = releases.fields(); rs.hasNext(); ) {
          Map.Entry<String, JsonNode> rel = rs.next();
          String version = DEBIAN_RELEASES.get(rel.getKey());
          if (version == null) {
            continue;
          }
          JsonNode r = rel.getValue();
          String fixed = r.path("fixed_version").asText(null);
          ObjectNode es = JsonNodeFactory.instance.objectNode();
          List<OsvEvent> events = new ArrayList<>();
          events.add(new OsvEvent("0", null, null, null));
          String st = r.path("status").asText();
          if ("resolved".equals(st)) {
            if ("0".equals(fixed)) {
              es.put("status", "not_affected");
            } else {
              es.put("status", "fixed");
              events.add(new OsvEvent(null, fixed, null, null));
            }
          } else {
            es.put("status", "undetermined".equals(st) ? "undetermined" : "open");
          }
          if (r.hasNonNull("nodsa")) {
            String reason = r.path("nodsa_reason").asText("");
            es.put("note", ("no-dsa: " + r.path("nodsa").asText() + (reason.isEmpty() ? "" : " (" + reason + ")")).trim());
            if ("ignored".equals(reason)) {
              es.put("status", "will_not_fix");
            }
          }
          if (r.hasNonNull("urgency")) {
            es.put("urgency", r.get("urgency").asText());
          }
          byCve.computeIfAbsent(cve.getKey(), k -> new ArrayList<>()).add(new OsvAffected(
              new OsvPackage("Debian:" + version, pkg.getKey(), null),
              List.of(new OsvRange("ECOSYSTEM", null, events)), List.of(), es, null, List.of()));
        }
      }
    }
    List<OsvRecord> out = new ArrayList<>();
    byCve.forEach((cve, affected) -> out.add(new OsvRecord("1.6.0", cve, null, null, null, List.of(), List.of(),
        null, details.get(cve), List.of(), affected,
        List.of(new OsvRecord.OsvReference("ADVISORY", "https://security-tracker.debian.org/tracker/" + cve)),
        null)));
    return out;
  }

  /**
   * Alpine secdb JSON to one OsvRecord per id: ecosystem "Alpine:v3.x", range [0, fixed), status fixed
   * (fixed version "0" -> not_affected). Entries whose id list is not a list are skipped.
   */
  static List<OsvRecord> alpine(JsonNode secdb) {
    String branch = secdb.path("distroversion").asText();
    Map<String, List<OsvAffected>> byId = new LinkedHashMap<>();
    for (JsonNode p : secdb.path("packages")) {
      String name = p.path("pkg").path("name").asText();
      for (Iterator<Map.Entry<String, JsonNode>> it = p.path("pkg").path("secfixes").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> fix = it.next();
        if (!(fix.getValue() instanceof ArrayNode ids)) {
          continue;
        }
        for (JsonNode idNode : ids) {
          for (String id : idNode.asText().trim().split("\\s+")) {
            ObjectNode es = JsonNodeFactory.instance.objectNode();
            List<OsvEvent> events = new ArrayList<>();
            events.add(new OsvEvent("0", null, null, null));
            if ("0".equals(fix.getKey())) {
              es.put("status", "not_affected");
            } else {
              es.put("status", "fixed");
              events.add(new OsvEvent(null, fix.getKey(), null, null));
            }
            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(new OsvAffected(
                new OsvPackage("Alpine:" + branch, name, null), List.of(new OsvRange("ECOSYSTEM", null, events)),
                List.of(), es, null, List.of()));
          }
        }
      }
    }
    List<OsvRecord> out = new ArrayList<>();
    byId.forEach((id, affected) -> out.add(new OsvRecord("1.6.0", id, null, null, null, List.of(), List.of(),
        null, null, List.of(), affected, List.of(), null)));
    return out;
  }

  static JsonNode json(Path p) {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
