package dev.drydock.vulndb.feed.photon;

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
import dev.drydock.vulndb.osv.OsvRecord.OsvReference;
import dev.drydock.vulndb.store.SourceWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of VMware Photon OS's per-release CVE metadata files ({@code photon_cve_metadata/cve_data_photon<release>.json}):
 * a JSON array of {@code {"cve_id", "pkg", "cve_score", "aff_ver": "all versions before <v> are vulnerable",
 * "res_ver": "<v>" | "NA", "status": "Fixed" | "Not Affected" | ...}}, converted to one OSV record per id with one
 * affected entry per package in ecosystem {@code Photon OS:<release>} (osv.dev's name).
 *
 * <ul>
 *   <li>{@code status} "Not Affected": the package is not affected (status {@code not_affected}, no range);</li>
 *   <li>a {@code res_ver} other than "NA": affected before it, range introduced 0 / fixed {@code res_ver} in rpm
 *       order, status {@code fixed};</li>
 *   <li>{@code res_ver} "NA", empty or missing: affected in every version, no fix (status {@code open}).</li>
 * </ul>
 *
 * <p>The release is read from the file's name (last path segment of the location: {@code cve_data_photon5.0.json},
 * {@code photon-5.0.json}, i.e. {@code photon} then an optional {@code -}/{@code _} and {@code N.N}). A file named
 * otherwise gets the release from its data: the highest Photon dist tag {@code .phN} among the {@code res_ver}
 * values gives {@code N.0} (Photon's releases are N.0 and every build of release N carries {@code .phN}; a build
 * inherited from an older release carries a lower tag, never a higher one). Without either the file is refused.
 * Entries without {@code cve_id} or {@code pkg}, or that are not objects, are skipped one line each.
 * {@code cve_score} is a bare number without a vector and is not kept.
 */
public final class PhotonCveImporter implements FeedImporter {

  private static final Pattern ARRAY_OF_ENTRIES = Pattern.compile("^\\[\\s*\\{");
  private static final Pattern CVE_ID = Pattern.compile("\"cve_id\"\\s*:");
  private static final Pattern VERSION_FIELD = Pattern.compile("\"(res_ver|aff_ver)\"\\s*:");
  private static final Pattern RELEASE_IN_NAME = Pattern.compile("photon[-_]?(\\d+\\.\\d+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern DIST_TAG = Pattern.compile("\\.ph(\\d+)(?![0-9])");
  private static final ObjectMapper JSON = new ObjectMapper().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  @Override
  public String format() {
    return "photon-cve-json";
  }

  @Override
  public boolean recognises(String fileName, byte[] head) {
    String text = Sniff.text(head);
    return ARRAY_OF_ENTRIES.matcher(text).find() && CVE_ID.matcher(text).find() && VERSION_FIELD.matcher(text).find();
  }

  /** Photon's files are a few MiB; 256 MiB leaves room for growth and bounds the records held. */
  @Override
  public long maxBytes() {
    return 256L * 1024 * 1024;
  }

  /** One usable entry. */
  private record Entry(String pkg, String fixed, boolean notAffected) {}

  @Override
  public ImportResult importFrom(InputStream in, String location, SourceWriter out) throws IOException {
    List<Skipped> skipped = new ArrayList<>();
    Map<String, List<Entry>> byId = new LinkedHashMap<>();
    int highestTag = -1;
    try (JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new FeedException(location + ": not a Photon CVE metadata file (not a JSON array)");
      }
      int index = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw new FeedException(location + ": malformed JSON: the array is not closed (truncated file?)");
        }
        String where = location + " [" + index++ + "]";
        JsonNode entry = p.readValueAsTree();
        if (entry == null || !entry.isObject()) {
          skipped.add(new Skipped(where, "entry is not an object"));
          continue;
        }
        String id = text(entry, "cve_id");
        String pkg = text(entry, "pkg");
        if (id == null || pkg == null) {
          skipped.add(new Skipped(where, id == null && pkg == null ? "entry without cve_id and pkg"
              : id == null ? "entry without cve_id (pkg " + pkg + ")" : id + ": entry without pkg"));
          continue;
        }
        String res = text(entry, "res_ver");
        String fixed = res == null || res.equalsIgnoreCase("NA") ? null : res;
        String status = text(entry, "status");
        boolean notAffected = status != null
            && status.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", " ").equals("not affected");
        if (fixed != null) {
          Matcher m = DIST_TAG.matcher(fixed);
          while (m.find()) {
            highestTag = Math.max(highestTag, parseTag(m.group(1)));
          }
        }
        byId.computeIfAbsent(id, k -> new ArrayList<>()).add(new Entry(pkg, fixed, notAffected));
      }
    } catch (JsonProcessingException e) {
      throw FeedException.malformed(location, "JSON", e);
    }
    out.addSkipped(skipped.size());
    if (byId.isEmpty()) {
      return new ImportResult(format(), location, 0, skipped);
    }
    String release = releaseOf(location);
    if (release == null && highestTag >= 0) {
      release = highestTag + ".0";
    }
    if (release == null) {
      throw new FeedException(location + ": cannot tell the Photon OS release: the file name holds no photon<N.N>"
          + " and no res_ver carries a .phN tag");
    }
    String ecosystem = "Photon OS:" + release;
    out.dataDate("photon-cve", null);
    for (Map.Entry<String, List<Entry>> e : byId.entrySet()) {
      List<OsvAffected> affected = new ArrayList<>(e.getValue().size());
      for (Entry entry : e.getValue()) {
        affected.add(affected(ecosystem, entry));
      }
      List<OsvReference> refs = e.getKey().startsWith("CVE-")
          ? List.of(new OsvReference("WEB", "https://nvd.nist.gov/vuln/detail/" + e.getKey())) : List.of();
      out.addAdvisory(new OsvRecord(null, e.getKey(), null, null, null, null, null, null, null, null, affected,
          refs, null));
    }
    return new ImportResult(format(), location, byId.size(), skipped);
  }

  /** {@code 5.0} of {@code .../cve_data_photon5.0.json} or {@code photon-5.0.json}; null when the name holds none. */
  static String releaseOf(String location) {
    if (location == null) {
      return null;
    }
    String name = location.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    Matcher m = RELEASE_IN_NAME.matcher(name);
    return m.find() ? m.group(1) : null;
  }

  private static int parseTag(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The field's trimmed text, null when missing, null, not a scalar or blank. */
  private static String text(JsonNode entry, String field) {
    JsonNode n = entry.get(field);
    if (n == null || n.isNull() || !n.isValueNode()) {
      return null;
    }
    String s = n.asText().trim();
    return s.isEmpty() ? null : s;
  }

  private static OsvAffected affected(String ecosystem, Entry e) {
    ObjectNode specific = JsonNodeFactory.instance.objectNode();
    List<OsvRange> ranges;
    if (e.notAffected()) {
      specific.put("status", "not_affected");
      ranges = List.of();
    } else if (e.fixed() != null) {
      specific.put("status", "fixed");
      ranges = List.of(new OsvRange("ECOSYSTEM", null,
          List.of(new OsvEvent("0", null, null, null), new OsvEvent(null, e.fixed(), null, null))));
    } else {
      specific.put("status", "open");
      ranges = List.of();
    }
    return new OsvAffected(new OsvPackage(ecosystem, e.pkg(), null), ranges, null, specific, null, null);
  }
}
