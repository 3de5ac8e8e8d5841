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
      record = mapper.treeToValue(node, OsvRecord.class); // upstream ids join related (OsvRecord.of)
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
