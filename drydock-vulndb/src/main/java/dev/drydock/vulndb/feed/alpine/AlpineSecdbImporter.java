package dev.drydock.vulndb.feed.alpine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
 * separated by spaces, and notes in parentheses, which are dropped.
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

  @Override
  public ImportResult importFrom(InputStream in, String location, SourceWriter out) throws IOException {
    byte[] bytes = in.readAllBytes();
    boolean json = Sniff.text(bytes.length > 64 ? java.util.Arrays.copyOf(bytes, 64) : bytes).startsWith("{");
    JsonNode root;
    try {
      root = (json ? JSON : YAML).readTree(bytes);
    } catch (JsonProcessingException e) {
      throw FeedException.malformed(location, json ? "JSON" : "YAML", e);
    }
    if (root == null || !root.isObject() || !root.path("packages").isArray()) {
      throw new FeedException(location + ": not an Alpine secdb file (no packages list)");
    }
    String branch = root.path("distroversion").asText("");
    if (branch.isBlank()) {
      throw new FeedException(location + ": Alpine secdb file without distroversion");
    }
    String ecosystem = "Alpine:" + branch;
    List<Skipped> skipped = new ArrayList<>();
    Map<String, List<OsvAffected>> byId = new LinkedHashMap<>();
    int index = 0;
    for (JsonNode entry : root.path("packages")) {
      String where = location + " packages[" + index++ + "]";
      JsonNode pkg = entry.path("pkg");
      String name = pkg.path("name").asText("");
      if (name.isBlank()) {
        skipped.add(new Skipped(where, "package without name"));
        continue;
      }
      JsonNode secfixes = pkg.path("secfixes");
      if (secfixes.isMissingNode() || secfixes.isNull()) {
        continue;
      }
      if (!secfixes.isObject()) {
        skipped.add(new Skipped(where + " " + name, "secfixes is not a mapping"));
        continue;
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
            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(affected(ecosystem, name, version));
          }
        }
      }
    }
    out.dataDate("alpine-secdb", null); // secdb files carry no date of their own
    for (Map.Entry<String, List<OsvAffected>> e : byId.entrySet()) {
      out.addAdvisory(new OsvRecord(null, e.getKey(), null, null, null, null, null, null, null, null,
          e.getValue(), null, null));
    }
    out.addSkipped(skipped.size());
    return new ImportResult(format(), location, byId.size(), skipped);
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
