package dev.drydock.vulndb.feed.debian;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Debian security tracker JSON ({@code https://security-tracker.debian.org/tracker/data/json}:
 * source package -> CVE -> {description, releases: {codename: {status, fixed_version, urgency, nodsa,
 * nodsa_reason, repositories}}}), converted to one OSV record per CVE with one {@code affected} entry
 * per (release, source package), ecosystem {@code Debian:<number>} ({@code Debian:unstable} for sid).
 *
 * <p>Statuses (in {@code ecosystem_specific.status}): {@code resolved} with a fixed version ->
 * {@code fixed} (range introduced 0, fixed v); {@code resolved} with fixed version {@code 0} -> not
 * affected, no entry; {@code open} -> {@code open} (range introduced 0), or {@code will_not_fix} when
 * {@code nodsa_reason} is {@code ignored}, or {@code end_of_life} when the urgency is
 * {@code end-of-life}; {@code undetermined} -> {@code undetermined}. {@code nodsa} becomes the note
 * ({@code no-dsa: }, {@code ignored: } or {@code postponed: } + reason).
 */
public final class DebianTrackerImporter implements FeedImporter {

  private static final Pattern SHAPE =
      Pattern.compile("^\\{\\s*\"[^\"]*\"\\s*:\\s*\\{\\s*\"((CVE|TEMP)-[^\"]*)\"\\s*:\\s*\\{");

  private static final Map<String, String> RELEASES = Map.of(
      "jessie", "8", "stretch", "9", "buster", "10", "bullseye", "11", "bookworm", "12",
      "trixie", "13", "forky", "14", "duke", "15", "sid", "unstable");

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  @Override
  public String format() {
    return "debian-tracker";
  }

  @Override
  public boolean recognises(String fileName, byte[] head) {
    String text = Sniff.text(head);
    return SHAPE.matcher(text).find() && text.contains("\"releases\"");
  }

  /** One converted (release, package) row, kept small until the CVE's record is written. */
  private record Row(String ecosystem, String pkg, String status, String fixed, String urgency,
      String note) {}

  private static final class Cve {
    String description;
    final List<Row> rows = new ArrayList<>();
  }

  @Override
  public ImportResult importFrom(InputStream in, String location, SourceWriter out) throws IOException {
    Map<String, Cve> cves = new LinkedHashMap<>();
    List<Skipped> skipped = new ArrayList<>();
    Map<String, Integer> unknownReleases = new TreeMap<>();
    try (JsonParser p = MAPPER.getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new FeedException(location + ": not a Debian security tracker JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String pkg = p.currentName();
        int line = p.currentLocation().getLineNr();
        p.nextToken();
        JsonNode byCve = MAPPER.readTree(p);
        if (!byCve.isObject()) {
          skipped.add(new Skipped(location + " package " + pkg + " (line " + line + ")",
              "not an object of CVEs"));
          continue;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = byCve.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          convert(pkg, e.getKey(), e.getValue(), cves, skipped, unknownReleases, location);
        }
      }
    } catch (JsonProcessingException e) {
      throw FeedException.malformed(location, "JSON", e);
    }
    unknownReleases.forEach((release, n) ->
        skipped.add(new Skipped(location, "unknown Debian release " + release + " (" + n + " entries)")));
    long records = 0;
    out.dataDate("debian-tracker", null); // the tracker's JSON carries no date of its own
    for (Map.Entry<String, Cve> e : cves.entrySet()) {
      if (e.getValue().rows.isEmpty()) {
        continue; // not affected anywhere
      }
      out.addAdvisory(toRecord(e.getKey(), e.getValue()));
      records++;
    }
    out.addSkipped(skipped.size());
    return new ImportResult(format(), location, records, skipped);
  }

  private static void convert(String pkg, String cveId, JsonNode entry, Map<String, Cve> cves,
      List<Skipped> skipped, Map<String, Integer> unknownReleases, String location) {
    Cve cve = cves.computeIfAbsent(cveId, k -> new Cve());
    if (cve.description == null && entry.path("description").isTextual()
        && !entry.path("description").asText().isBlank()) {
      cve.description = entry.path("description").asText();
    }
    JsonNode releases = entry.path("releases");
    if (!releases.isObject()) {
      return; // the tracker writes [] for CVEs without release data
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = releases.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      String number = RELEASES.get(r.getKey());
      if (number == null) {
        unknownReleases.merge(r.getKey(), 1, Integer::sum);
        continue;
      }
      JsonNode rel = r.getValue();
      String status = text(rel, "status");
      String fixed = text(rel, "fixed_version");
      String urgency = text(rel, "urgency");
      String nodsa = text(rel, "nodsa");
      String reason = text(rel, "nodsa_reason");
      String note = null;
      if (nodsa != null || reason != null) {
        String kind = reason == null ? "no-dsa" : reason;
        note = kind + ": " + (nodsa == null ? "" : nodsa);
      }
      String converted;
      if ("resolved".equals(status)) {
        if (fixed == null) {
          skipped.add(new Skipped(location + " " + pkg + " " + cveId + " " + r.getKey(),
              "resolved without fixed_version"));
          continue;
        }
        if ("0".equals(fixed)) {
          continue; // never affected in this release
        }
        converted = "fixed";
      } else if ("open".equals(status)) {
        fixed = null;
        if ("ignored".equals(reason)) {
          converted = "will_not_fix";
        } else if ("end-of-life".equals(urgency)) {
          converted = "end_of_life";
        } else {
          converted = "open";
        }
      } else if ("undetermined".equals(status)) {
        fixed = null;
        converted = "undetermined";
      } else {
        skipped.add(new Skipped(location + " " + pkg + " " + cveId + " " + r.getKey(),
            "unknown status " + status));
        continue;
      }
      cve.rows.add(new Row(("Debian:" + number).intern(), pkg.intern(), converted,
          fixed, urgency == null ? null : urgency.intern(), note));
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }

  private static OsvRecord toRecord(String id, Cve cve) {
    List<OsvAffected> affected = new ArrayList<>(cve.rows.size());
    for (Row row : cve.rows) {
      List<OsvEvent> events = new ArrayList<>(2);
      events.add(new OsvEvent("0", null, null, null));
      if (row.fixed() != null) {
        events.add(new OsvEvent(null, row.fixed(), null, null));
      }
      ObjectNode specific = JsonNodeFactory.instance.objectNode();
      specific.put("status", row.status());
      if (row.urgency() != null) {
        specific.put("urgency", row.urgency());
      }
      if (row.note() != null) {
        specific.put("note", row.note());
      }
      affected.add(new OsvAffected(new OsvPackage(row.ecosystem(), row.pkg(), null),
          List.of(new OsvRange("ECOSYSTEM", null, events)), null, specific, null, null));
    }
    List<OsvRecord.OsvReference> refs = List.of(new OsvRecord.OsvReference("ADVISORY",
        "https://security-tracker.debian.org/tracker/" + id));
    return new OsvRecord(null, id, null, null, null, null, null, null, cve.description, null, affected,
        refs, null);
  }
}
