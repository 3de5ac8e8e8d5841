package dev.drydock.vulndb.feed.amazon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Amazon Linux Security Advisories (ALAS) as Amazon publishes them for yum/dnf: the repository's
 * {@code updateinfo.xml} (gzip-compressed or plain), and the same records one per JSON file as mirrored by
 * aquasecurity/vuln-list ({@code amazon/<release>/ALAS*.json}: {@code id, title, severity, packages[], references[],
 * cveids[]}).
 *
 * <p>Each advisory becomes one OSV record: id the ALAS id, aliases its CVEs, one {@code affected} entry per fixed
 * binary package name (source rpms, arch {@code src}, are left out: installed packages are binaries) with ecosystem
 * {@code Amazon Linux:<release>}, range introduced 0 / fixed at the listed {@code [epoch:]version-release},
 * status {@code fixed} and the advisory's severity (Low, Medium, Important, Critical) as urgency. The release comes
 * from the id: {@code ALAS2-} is Amazon Linux 2, {@code ALAS2023-} 2023, {@code ALAS2022-} the 2022 preview.
 * Amazon Linux 2 Extras advisories ({@code ALAS2GOLANG1.19-}, {@code ALAS2KERNEL-5.10-}, ...) and Amazon Linux AMI
 * (1) advisories ({@code ALAS-}) are skipped with a reason: an installed rpm does not record which Extras topic it
 * came from, and matching a core package against a topic's versions would be wrong.
 */
public final class AmazonAlasImporter implements FeedImporter {

  private static final Pattern CORE = Pattern.compile("^ALAS(2|2022|2023)-\\d{4}-\\d+$");
  private static final Pattern EXTRAS = Pattern.compile("^ALAS2([A-Z][A-Z0-9._-]*?)-\\d{4}-\\d+$");
  private static final Pattern AMI = Pattern.compile("^ALAS-\\d{4}-\\d+$");
  private static final Pattern CVE = Pattern.compile("^CVE-\\d{4}-\\d{4,}$");
  private static final Pattern JSON_ID = Pattern.compile("\"id\"\\s*:\\s*\"ALAS[0-9A-Z._]*-\\d{4}-\\d+\"");
  private static final Pattern XML_ROOT = Pattern.compile("<updates[\\s>/]");

  private static final ObjectMapper JSON = new ObjectMapper().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  @Override
  public String format() {
    return "amazon-alas";
  }

  /** updateinfo.xml (root {@code <updates>}, gzip is read through by the caller) or one vuln-list ALAS JSON. */
  @Override
  public boolean recognises(String fileName, byte[] head) {
    String text = Sniff.text(head);
    if (text.startsWith("{")) {
      return JSON_ID.matcher(text).find() && text.contains("\"packages\"");
    }
    return (text.startsWith("<?xml") || text.startsWith("<updates")) && XML_ROOT.matcher(text).find();
  }

  /** The AL2 updateinfo.xml is about 40 MiB uncompressed; 1 GiB leaves room and bounds a hostile file. */
  @Override
  public long maxBytes() {
    return 1L << 30;
  }

  /** One advisory as read from either form. */
  record Advisory(String id, String type, String title, String severity, List<String> cves,
      List<String[]> packages, String where) {}

  @Override
  public ImportResult importFrom(InputStream raw, String location, SourceWriter out) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    InputStream data = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    data.mark(64);
    byte[] head = data.readNBytes(64);
    data.reset();
    List<Skipped> skipped = new ArrayList<>();
    int[] written = {0};
    java.util.function.Consumer<Advisory> sink = a -> {
      if (write(a, skipped, out)) {
        written[0]++;
      }
    };
    out.dataDate("amazon-alas", null);
    if (Sniff.text(head).startsWith("{")) {
      readJson(data, location, sink);
    } else {
      readXml(data, location, skipped, sink);
    }
    out.addSkipped(skipped.size());
    return new ImportResult(format(), location, written[0], skipped);
  }

  /** One vuln-list ALAS JSON file. */
  private static void readJson(InputStream in, String location, java.util.function.Consumer<Advisory> sink)
      throws IOException {
    JsonNode doc;
    try {
      doc = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw FeedException.malformed(location, "JSON", e);
    }
    if (doc == null || !doc.isObject() || !doc.path("id").isTextual()) {
      throw new FeedException(location + ": not an Amazon Linux advisory (no id)");
    }
    List<String> cves = new ArrayList<>();
    doc.path("cveids").forEach(c -> cves.add(c.asText("")));
    for (JsonNode ref : doc.path("references")) {
      if ("cve".equalsIgnoreCase(ref.path("type").asText(""))) {
        cves.add(ref.path("id").asText(""));
      }
    }
    List<String[]> pkgs = new ArrayList<>();
    for (JsonNode p : doc.path("packages")) {
      pkgs.add(new String[] {text(p, "name"), text(p, "epoch"), text(p, "version"), text(p, "release"),
          text(p, "arch")});
    }
    String id = doc.path("id").asText();
    sink.accept(new Advisory(id, null, text(doc, "title"), text(doc, "severity"), cves, pkgs, location + " " + id));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isValueNode() && !v.isNull() ? v.asText() : null;
  }

  /** updateinfo.xml, streamed; a malformed or truncated file keeps the advisories read before the fault. */
  private static void readXml(InputStream in, String location, List<Skipped> skipped,
      java.util.function.Consumer<Advisory> sink) {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    int count = 0;
    XMLStreamReader r = null;
    try {
      r = f.createXMLStreamReader(in);
      boolean root = false;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        if (!root) {
          if (!"updates".equals(r.getLocalName())) {
            throw new FeedException(location + ": not a yum updateinfo file (root <" + r.getLocalName() + ">)");
          }
          root = true;
          continue;
        }
        if ("update".equals(r.getLocalName())) {
          String where = location + " update " + (count + 1) + " (line " + r.getLocation().getLineNumber() + ")";
          sink.accept(update(r, where));
          count++;
        }
      }
      if (!root) {
        throw new FeedException(location + ": not a yum updateinfo file (no <updates>)");
      }
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
      String msg = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ");
      int cut = msg.indexOf("Message: ");
      msg = cut >= 0 ? msg.substring(cut + 9) : msg;
      if (count == 0) {
        throw new FeedException(location + ": malformed XML" + (line > 0 ? " at line " + line : "") + ": "
            + (msg.length() > 200 ? msg.substring(0, 200) : msg));
      }
      skipped.add(new Skipped(location + (line > 0 ? " line " + line : ""), "malformed XML after " + count
          + " updates, the rest of the file is not read: " + (msg.length() > 200 ? msg.substring(0, 200) : msg)));
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing held
        }
      }
    }
  }

  /** Reads one {@code <update>} element (the reader is on its start tag) to its end tag. */
  private static Advisory update(XMLStreamReader r, String where) throws XMLStreamException {
    String type = r.getAttributeValue(null, "type");
    String id = null;
    String title = null;
    String severity = null;
    List<String> cves = new ArrayList<>();
    List<String[]> pkgs = new ArrayList<>();
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
        continue;
      }
      if (ev != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      String name = r.getLocalName();
      switch (name) {
        case "id" -> id = r.getElementText().strip();
        case "title" -> title = r.getElementText().strip();
        case "severity" -> severity = r.getElementText().strip();
        case "description" -> r.getElementText();
        case "reference" -> {
          if ("cve".equalsIgnoreCase(r.getAttributeValue(null, "type"))) {
            cves.add(r.getAttributeValue(null, "id"));
          }
          depth++;
        }
        case "package" -> {
          pkgs.add(new String[] {r.getAttributeValue(null, "name"), r.getAttributeValue(null, "epoch"),
              r.getAttributeValue(null, "version"), r.getAttributeValue(null, "release"),
              r.getAttributeValue(null, "arch")});
          depth++;
        }
        default -> depth++;
      }
    }
    return new Advisory(id, type, title, severity, cves, pkgs, id == null ? where : where + " " + id);
  }

  /** Writes one advisory; false (with a reason in {@code skipped}) when it is not used. */
  private static boolean write(Advisory a, List<Skipped> skipped, SourceWriter out) {
    if (a.id() == null || a.id().isBlank()) {
      skipped.add(new Skipped(a.where(), "advisory without id"));
      return false;
    }
    if (a.type() != null && !"security".equals(a.type())) {
      skipped.add(new Skipped(a.where(), "not a security update (type " + a.type() + ")"));
      return false;
    }
    String release = release(a.id());
    if (release == null) {
      Matcher extras = EXTRAS.matcher(a.id());
      String reason = extras.matches()
          ? "Amazon Linux 2 Extras advisory (topic " + extras.group(1).toLowerCase(Locale.ROOT)
              + "): not matched, an installed rpm does not record which topic it came from"
          : AMI.matcher(a.id()).matches() ? "Amazon Linux AMI (1) advisory: that release is not matched"
          : "unknown Amazon Linux release in advisory id";
      skipped.add(new Skipped(a.where(), reason));
      return false;
    }
    String ecosystem = "Amazon Linux:" + release;
    ObjectNode specific = JsonNodeFactory.instance.objectNode();
    specific.put("status", "fixed");
    if (a.severity() != null && !a.severity().isBlank()) {
      specific.put("urgency", capitalised(a.severity()));
    }
    Map<String, Set<String>> fixedByName = new LinkedHashMap<>();
    int bad = 0;
    for (String[] p : a.packages()) {
      if ("src".equals(p[4])) {
        continue;
      }
      if (blank(p[0]) || blank(p[2]) || blank(p[3])) {
        bad++;
        continue;
      }
      String epoch = blank(p[1]) || p[1].strip().equals("0") ? "" : p[1].strip() + ":";
      fixedByName.computeIfAbsent(p[0].strip(), k -> new LinkedHashSet<>())
          .add(epoch + p[2].strip() + "-" + p[3].strip());
    }
    if (bad > 0) {
      skipped.add(new Skipped(a.where(), bad + " package" + (bad == 1 ? "" : "s")
          + " without name, version or release left out"));
    }
    if (fixedByName.isEmpty()) {
      skipped.add(new Skipped(a.where(), "no fixed binary package listed"));
      return false;
    }
    List<OsvAffected> affected = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : fixedByName.entrySet()) {
      for (String fixed : e.getValue()) {
        affected.add(new OsvAffected(new OsvPackage(ecosystem, e.getKey(), null),
            List.of(new OsvRange("ECOSYSTEM", null,
                List.of(new OsvEvent("0", null, null, null), new OsvEvent(null, fixed, null, null)))),
            null, specific, null, null));
      }
    }
    Set<String> aliases = new java.util.TreeSet<>();
    for (String c : a.cves()) {
      if (c != null && CVE.matcher(c.strip()).matches()) {
        aliases.add(c.strip());
      }
    }
    String page = "https://alas.aws.amazon.com/" + ("2".equals(release) ? "AL2" : "AL" + release) + "/ALAS-"
        + a.id().substring(a.id().indexOf('-') + 1) + ".html";
    out.addAdvisory(new OsvRecord(null, a.id(), null, null, null, List.copyOf(aliases), null, a.title(), null, null,
        affected, List.of(new OsvReference("ADVISORY", page)), null));
    return true;
  }

  /** {@code 2}, {@code 2022} or {@code 2023} for an ALAS id of that release; null otherwise. */
  static String release(String id) {
    Matcher m = CORE.matcher(id.strip());
    return m.matches() ? m.group(1) : null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String capitalised(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    return t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1);
  }
}
