package dev.drydock.vulndb.feed.osv;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.drydock.vulndb.feed.FeedException;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.feed.Skipped;
import dev.drydock.vulndb.osv.OsvRecord;
import dev.drydock.vulndb.store.SourceWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Binding and checking of OSV records from JSON or YAML, shared by the OSV importers. */
final class OsvRecords {

  static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  /** Ecosystems (the part before any ':') drydock can match. */
  private static final Set<String> KNOWN_ECOSYSTEMS = Set.of("Maven", "npm", "PyPI", "Go", "RubyGems",
      "crates.io", "NuGet", "Packagist", "Debian", "Ubuntu", "Alpine", "Wolfi", "Chainguard", "Red Hat",
      "Rocky Linux", "AlmaLinux", "SUSE", "openSUSE", "Photon OS", "Mariner", "Azure Linux");

  private OsvRecords() {}

  /**
   * Reads one record or an array of records from {@code in} and writes the usable ones.
   *
   * @throws FeedException if the text is not well-formed JSON/YAML
   */
  static ImportResult importStream(ObjectMapper mapper, String format, InputStream in, String location,
      SourceWriter out) throws IOException {
    List<Skipped> skipped = new ArrayList<>();
    long records = 0;
    try (JsonParser p = mapper.getFactory().createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_OBJECT) {
        records += bindAndAdd(mapper, p, location, out, skipped);
      } else if (first == JsonToken.START_ARRAY) {
        int index = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
          records += bindAndAdd(mapper, p, location + "[" + index++ + "]", out, skipped);
        }
      } else {
        throw new FeedException(location + ": not an OSV record (expected a JSON/YAML object)");
      }
    } catch (JsonProcessingException e) {
      throw FeedException.malformed(location, mapper == YAML ? "YAML" : "JSON", e);
    }
    out.addSkipped(skipped.size());
    return new ImportResult(format, location, records, skipped);
  }

  private static int bindAndAdd(ObjectMapper mapper, JsonParser p, String location, SourceWriter out,
      List<Skipped> skipped) throws IOException {
    int line = p.currentLocation().getLineNr();
    OsvRecord record;
    com.fasterxml.jackson.databind.JsonNode node = mapper.readTree(p); // not well-formed: the whole file is unreadable
    try {
      record = mapper.treeToValue(ubuntuUpstream(node), OsvRecord.class);
    } catch (com.fasterxml.jackson.databind.JsonMappingException | IllegalArgumentException e) {
      // the text is well-formed but a field has the wrong shape; the parser is past this record
      String why = e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? m.getOriginalMessage()
          : e.getMessage();
      skipped.add(new Skipped(location + " (line " + line + ")", "not a valid OSV record: "
          + FeedException.oneLine(why)));
      return 0;
    }
    String problem = check(record);
    if (problem != null) {
      String where = record.id() == null ? location + " (line " + line + ")" : location + " " + record.id();
      skipped.add(new Skipped(where, problem));
      return 0;
    }
    out.addAdvisory(record);
    out.dataDate("osv", record.modified()); // the feed's date: its newest modified
    return 1;
  }

  /**
   * An Ubuntu CVE record of OSV schema 1.7 names its CVE in {@code upstream} ({@code "upstream": ["CVE-2025-0395"]},
   * {@code "related": ["USN-7259-1"]}), older ones in {@code related}: the upstream ids are added to {@code related},
   * which the matcher reads as the record's aliases, so that the finding is the CVE.
   */
  static com.fasterxml.jackson.databind.JsonNode ubuntuUpstream(com.fasterxml.jackson.databind.JsonNode node) {
    if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) || !node.path("upstream").isArray()
        || !node.path("id").asText("").startsWith("UBUNTU-CVE-")) {
      return node;
    }
    com.fasterxml.jackson.databind.JsonNode related = o.get("related");
    com.fasterxml.jackson.databind.node.ArrayNode all = related instanceof com.fasterxml.jackson.databind.node.ArrayNode a
        ? a : o.putArray("related");
    java.util.Set<String> have = new java.util.HashSet<>();
    all.forEach(x -> have.add(x.asText()));
    for (com.fasterxml.jackson.databind.JsonNode u : node.path("upstream")) {
      if (u.isTextual() && have.add(u.asText())) {
        all.add(u.asText());
      }
    }
    return node;
  }

  /** Why a record cannot be used, or null. */
  static String check(OsvRecord r) {
    if (r.id() == null || r.id().isBlank()) {
      return "OSV record without id";
    }
    if (r.affected().isEmpty()) {
      return null;
    }
    Set<String> unknown = new TreeSet<>();
    for (OsvRecord.OsvAffected a : r.affected()) {
      if (a.pkg() == null || a.pkg().ecosystem() == null || a.pkg().name() == null) {
        continue;
      }
      String eco = a.pkg().ecosystem();
      int colon = eco.indexOf(':');
      if (KNOWN_ECOSYSTEMS.contains(colon < 0 ? eco : eco.substring(0, colon))) {
        return null;
      }
      unknown.add(eco);
    }
    return unknown.isEmpty() ? "no affected package has an ecosystem and name"
        : "unknown ecosystem " + String.join(", ", unknown);
  }
}
