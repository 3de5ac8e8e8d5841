package dev.drydock.vulndb.feed.alpine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.drydock.vulndb.feed.FeedException;
import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.feed.Skipped;
import dev.drydock.vulndb.feed.Sniff;
import dev.drydock.vulndb.osv.OsvRecord;
import dev.drydock.vulndb.osv.OsvRecord.OsvAffected;
import dev.drydock.vulndb.osv.OsvRecord.OsvEvent;
import dev.drydock.vulndb.osv.OsvRecord.OsvPackage;
import dev.drydock.vulndb.osv.OsvRecord.OsvRange;
import dev.drydock.vulndb.store.SourceWriter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One Alpine secdb file, JSON or YAML ({@code {distroversion: v3.18, reponame: main, packages: [{pkg:
 * {name: <origin>, secfixes: {"<fixed version>": ["CVE-..."]}}}]}}), converted to one OSV record per
 * id with ecosystem {@code Alpine:<distroversion>}, name the origin package, range introduced 0 /
 * fixed version and status {@code fixed}; the secfixes key {@code 0} means not affected in that branch
 * (status {@code not_affected}, no range). An entry string may hold several ids
 * separated by spaces, and notes in parentheses, which are dropped. Wolfi's and Chainguard's secdb (the same
 * format without {@code distroversion}, see {@link #rollingDistribution}) become ecosystem {@code Wolfi} /
 * {@code Chainguard}.
 */
public final class AlpineSecdbImporter implements FeedImporter {

  private static final Pattern JSON_SHAPE = Pattern.compile("\"packages\"\\s*:");
  private static final Pattern JSON_BRANCH = Pattern.compile("\"(distroversion|reponame)\"\\s*:");
  private static final Pattern YAML_SHAPE = Pattern.compile("(?m)^packages:");
  private static final Pattern YAML_BRANCH = Pattern.compile("(?m)^(distroversion|reponame):");

  /** A parenthesised note after an id, e.g. {@code CVE-2018-14879 (tcpdump -V)}. */
  private static final Pattern NOTE = Pattern.compile("\\([^)]*\\)");

  private static final ObjectMapper JSON = new ObjectMapper().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  @Override
  public String format() {
    return "alpine-secdb";
  }

  @Override
  public boolean recognises(String fileName, byte[] head) {
    String text = Sniff.text(head);
    if (text.startsWith("{")) {
      return JSON_SHAPE.matcher(text).find() && JSON_BRANCH.matcher(text).find();
    }
    return YAML_SHAPE.matcher(text).find() && YAML_BRANCH.matcher(text).find();
  }

  /** Alpine secdb files are under 1 MiB; 64 MiB leaves room for growth and bounds the records held per file. */
  @Override
  public long maxBytes() {
    return 64L * 1024 * 1024;
  }

  /**
   * Streams the file: one {@code packages} entry is read as a tree at a time, so memory follows the records kept,
   * not the file's size. {@code distroversion} may come before or after {@code packages}.
   */
  @Override
  public ImportResult importFrom(InputStream raw, String location, SourceWriter out) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(64);
    byte[] head = in.readNBytes(64);
    in.reset();
    boolean json = Sniff.text(head).startsWith("{");
    String branch = null;
    String urlPrefix = null;
    boolean sawPackages = false;
    List<Skipped> skipped = new ArrayList<>();
    // id -> (name, fixed version) in file order; the ecosystem is known only once distroversion is read
    Map<String, List<String[]>> byId = new LinkedHashMap<>();
    try (JsonParser p = (json ? JSON : YAML).createParser(in)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new FeedException(location + ": not an Alpine secdb file (no packages list)");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("distroversion") && value.isScalarValue()) {
          branch = p.getValueAsString("");
        } else if (field.equals("urlprefix") && value.isScalarValue()) {
          urlPrefix = p.getValueAsString("");
        } else if (field.equals("packages") && value == JsonToken.START_ARRAY) {
          sawPackages = true;
          int index = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonNode entry = p.readValueAsTree();
            entry(entry == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : entry,
                location + " packages[" + index++ + "]", skipped, byId);
          }
        } else {
          if (field.equals("packages")) {
            sawPackages = false;
          }
          p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw FeedException.malformed(location, json ? "JSON" : "YAML", e);
    }
    if (!sawPackages) {
      throw new FeedException(location + ": not an Alpine secdb file (no packages list)");
    }
    String rolling = rollingDistribution(urlPrefix);
    if (rolling == null && (branch == null || branch.isBlank())) {
      throw new FeedException(location + ": Alpine secdb file without distroversion");
    }
    String ecosystem = rolling != null ? rolling : "Alpine:" + branch;
    out.dataDate(rolling != null ? rolling.toLowerCase(java.util.Locale.ROOT) + "-secdb" : "alpine-secdb", null);
    for (Map.Entry<String, List<String[]>> e : byId.entrySet()) {
      List<OsvAffected> affected = new ArrayList<>(e.getValue().size());
      for (String[] nv : e.getValue()) {
        affected.add(affected(ecosystem, nv[0], nv[1]));
      }
      out.addAdvisory(new OsvRecord(null, e.getKey(), null, null, null, null, null, null, null, null,
          affected, null, null));
    }
    out.addSkipped(skipped.size());
    return new ImportResult(format(), location, byId.size(), skipped);
  }

  /**
   * {@code Wolfi} / {@code Chainguard} for the secdb of those rolling distributions (same format, no
   * {@code distroversion}, recognised by {@code urlprefix}: https://packages.wolfi.dev,
   * https://packages.cgr.dev); null otherwise.
   */
  static String rollingDistribution(String urlPrefix) {
    if (urlPrefix == null) {
      return null;
    }
    if (urlPrefix.contains("packages.wolfi.dev")) {
      return "Wolfi";
    }
    if (urlPrefix.contains("packages.cgr.dev") || urlPrefix.contains("chainguard")) {
      return "Chainguard";
    }
    return null;
  }

  /** One {@code packages} entry. */
  private static void entry(JsonNode entry, String where, List<Skipped> skipped, Map<String, List<String[]>> byId) {
    JsonNode pkg = entry.path("pkg");
    String name = pkg.path("name").asText("");
    if (name.isBlank()) {
      skipped.add(new Skipped(where, "package without name"));
      return;
    }
    JsonNode secfixes = pkg.path("secfixes");
    if (secfixes.isMissingNode() || secfixes.isNull()) {
      return;
    }
    if (!secfixes.isObject()) {
      skipped.add(new Skipped(where + " " + name, "secfixes is not a mapping"));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = secfixes.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> fix = it.next();
      String version = fix.getKey().trim();
      JsonNode listed = fix.getValue();
      if (!listed.isArray() || listed.isEmpty()) {
        skipped.add(new Skipped(where + " " + name + " " + version, "no ids listed for the fixed version"));
        continue;
      }
      for (JsonNode idNode : listed) {
        String ids = NOTE.matcher(idNode.asText("")).replaceAll(" ").trim();
        for (String id : ids.split("\\s+")) {
          if (id.isEmpty()) {
            continue;
          }
          byId.computeIfAbsent(id, k -> new ArrayList<>()).add(new String[] {name, version});
        }
      }
    }
  }

  private static OsvAffected affected(String ecosystem, String name, String version) {
    ObjectNode specific = JsonNodeFactory.instance.objectNode();
    List<OsvRange> ranges;
    if ("0".equals(version)) {
      specific.put("status", "not_affected");
      ranges = List.of();
    } else {
      specific.put("status", "fixed");
      ranges = List.of(new OsvRange("ECOSYSTEM", null,
          List.of(new OsvEvent("0", null, null, null), new OsvEvent(null, version, null, null))));
    }
    return new OsvAffected(new OsvPackage(ecosystem, name, null), ranges, null, specific, null, null);
  }
}
