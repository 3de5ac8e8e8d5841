package dev.drydock.vulndb.feed.debian;

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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Debian security tracker's advisory lists, {@code data/DSA/list} (Debian Security Advisories) and
 * {@code data/DLA/list} (Debian LTS Advisories): per advisory a header {@code [date] DSA-NNNN-N package - title},
 * an optional {@code {CVE-... CVE-...}} line, and one {@code [release] - source-package version} line per
 * release it fixed ({@code <not-affected>}, {@code <end-of-life>} or {@code <unfixed>} instead of a version,
 * an urgency in parentheses may follow), and {@code NOTE:} lines.
 *
 * <p>Converted like the tracker JSON ({@link DebianTrackerImporter}): one OSV record per CVE with one
 * {@code affected} entry per (release, source package, advisory) in {@code Debian:<number>}
 * ({@code Debian:3.0} for woody, {@code Debian:3.1} for sarge), status {@code fixed} with range (introduced 0,
 * fixed version), {@code end_of_life} or {@code open}; {@code <not-affected>} gives no entry. The advisory id
 * is in {@code related}, in {@code ecosystem_specific.advisory} and in the references. An advisory that names
 * no CVE (a regression update, an old DSA) becomes one record with its own id. Because the records carry the
 * CVE ids the tracker JSON uses, a CVE known from both is one finding, not two.
 */
public final class DebianAdvisoryListImporter implements FeedImporter {

  private static final Pattern HEADER =
      Pattern.compile("^\\[(\\d{1,2} [A-Z][a-z]{2} \\d{4})\\] ((?:DSA|DLA|DTSA)-\\d+(?:-\\d+)?)\\s*(.*)$");
  private static final Pattern SHAPE =
      Pattern.compile("^\\[\\d{1,2} [A-Z][a-z]{2} \\d{4}\\] (?:DSA|DLA|DTSA)-\\d+");
  private static final Pattern IDS = Pattern.compile("^\\s+\\{([^}]*)\\}\\s*$");
  private static final Pattern RELEASE =
      Pattern.compile("^\\s+\\[([a-z-]+)\\] - (\\S+)(?:\\s+(<[a-z-]+>|[^\\s(]+))?(?:\\s+\\(([^)]*)\\))?\\s*$");
  private static final Pattern NOTE = Pattern.compile("^\\s+NOTE:.*$");

  private static final Map<String, String> RELEASES = Map.ofEntries(
      Map.entry("woody", "3.0"), Map.entry("sarge", "3.1"), Map.entry("etch", "4"), Map.entry("lenny", "5"),
      Map.entry("squeeze", "6"), Map.entry("wheezy", "7"), Map.entry("jessie", "8"), Map.entry("stretch", "9"),
      Map.entry("buster", "10"), Map.entry("bullseye", "11"), Map.entry("bookworm", "12"),
      Map.entry("trixie", "13"), Map.entry("forky", "14"), Map.entry("duke", "15"), Map.entry("sid", "unstable"));

  @Override
  public String format() {
    return "debian-advisory-list";
  }

  @Override
  public boolean recognises(String fileName, byte[] head) {
    return SHAPE.matcher(Sniff.text(head)).find();
  }

  /** One advisory as read: id, date, title, the ids it fixes, and its release lines. */
  private static final class Advisory {
    final String id;
    final String date;
    final String title;
    final List<String> ids = new ArrayList<>();
    final List<Row> rows = new ArrayList<>();

    Advisory(String id, String date, String title) {
      this.id = id;
      this.date = date;
      this.title = title;
    }
  }

  private record Row(String ecosystem, String pkg, String status, String fixed, String urgency) {}

  /** What one record (a CVE, or an advisory without CVEs) collects. */
  private static final class Entry {
    final List<OsvAffected> affected = new ArrayList<>();
    final Set<String> advisories = new LinkedHashSet<>();
    final List<String> lines = new ArrayList<>();
  }

  @Override
  public ImportResult importFrom(InputStream in, String location, SourceWriter out) throws IOException {
    List<Skipped> skipped = new ArrayList<>();
    Map<String, Integer> unknownReleases = new TreeMap<>();
    Map<String, Entry> records = new LinkedHashMap<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    Advisory current = null;
    int advisories = 0;
    String line;
    int n = 0;
    while ((line = r.readLine()) != null) {
      n++;
      if (line.isBlank() || NOTE.matcher(line).matches()) {
        continue;
      }
      Matcher m = HEADER.matcher(line);
      if (m.matches()) {
        flush(current, records);
        current = new Advisory(m.group(2), m.group(1), m.group(3).strip());
        advisories++;
        continue;
      }
      if (current == null) {
        throw new FeedException(location + ":" + n + ": not a Debian DSA/DLA list (expected '[date] DSA-...')");
      }
      m = IDS.matcher(line);
      if (m.matches()) {
        for (String token : m.group(1).strip().split("\\s+")) {
          String id = token.strip(); // split's \s is ASCII; strip() and isBlank() know the other spaces (found by fuzzing)
          if (!id.isBlank() && !current.ids.contains(id)) {
            current.ids.add(id);
          }
        }
        continue;
      }
      m = RELEASE.matcher(line);
      if (m.matches()) {
        String number = RELEASES.get(m.group(1));
        if (number == null) {
          unknownReleases.merge(m.group(1), 1, Integer::sum);
          continue;
        }
        String version = m.group(3);
        String urgency = m.group(4);
        String where = location + ":" + n + " " + current.id;
        if (version == null) {
          skipped.add(new Skipped(where, "no version for " + m.group(2) + " in " + m.group(1)));
          continue;
        }
        String status;
        String fixed = null;
        switch (version) {
          case "<not-affected>" -> {
            continue;
          }
          case "<end-of-life>" -> status = "end_of_life";
          case "<unfixed>" -> status = "open";
          default -> {
            if (version.startsWith("<")) {
              skipped.add(new Skipped(where, "unknown state " + version));
              continue;
            }
            status = "fixed";
            fixed = version;
          }
        }
        current.rows.add(new Row("Debian:" + number, m.group(2), status, fixed,
            urgency == null || urgency.isBlank() || !"fixed".equals(status) && !"open".equals(status) ? null
                : urgency.strip()));
        continue;
      }
      skipped.add(new Skipped(location + ":" + n, "unrecognised line in " + current.id));
    }
    flush(current, records);
    if (advisories == 0) {
      throw new FeedException(location + ": no DSA/DLA entry");
    }
    unknownReleases.forEach((release, count) ->
        skipped.add(new Skipped(location, "unknown Debian release " + release + " (" + count + " entries)")));
    long written = 0;
    for (Map.Entry<String, Entry> e : records.entrySet()) {
      out.addAdvisory(toRecord(e.getKey(), e.getValue()));
      written++;
    }
    out.addSkipped(skipped.size());
    return new ImportResult(format(), location, written, skipped);
  }

  /** Adds one advisory's rows to the records of the ids it fixes. */
  private static void flush(Advisory a, Map<String, Entry> records) {
    if (a == null || a.rows.isEmpty()) {
      return; // only not-affected lines, or none: nothing to match
    }
    List<String> ids = a.ids.isEmpty() ? List.of(a.id) : a.ids;
    for (String id : ids) {
      Entry entry = records.computeIfAbsent(id, k -> new Entry());
      entry.advisories.add(a.id);
      entry.lines.add(a.id + " (" + a.date + "): " + a.title);
      for (Row row : a.rows) {
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
        specific.put("advisory", a.id);
        entry.affected.add(new OsvAffected(new OsvPackage(row.ecosystem(), row.pkg(), null),
            List.of(new OsvRange("ECOSYSTEM", null, events)), null, specific, null, null));
      }
    }
  }

  private static OsvRecord toRecord(String id, Entry e) {
    List<OsvRecord.OsvReference> refs = new ArrayList<>();
    for (String advisory : e.advisories) {
      refs.add(new OsvRecord.OsvReference("ADVISORY", "https://security-tracker.debian.org/tracker/" + advisory));
    }
    if (!e.advisories.contains(id)) {
      refs.add(new OsvRecord.OsvReference("ADVISORY", "https://security-tracker.debian.org/tracker/" + id));
    }
    List<String> related = e.advisories.stream().filter(a -> !a.equals(id)).toList();
    return new OsvRecord(null, id, null, null, null, null, related, null, String.join("\n", e.lines), null,
        e.affected, refs, null);
  }
}
