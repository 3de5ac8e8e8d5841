package dev.drydock.vulndb.feed.suse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.vulndb.feed.CsafArchive;
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
import dev.drydock.vulndb.osv.OsvRecord.OsvSeverity;
import dev.drydock.vulndb.store.SourceWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SUSE CSAF VEX document (https://ftp.suse.com/pub/projects/security/csaf-vex/, one per CVE), converted to one
 * OSV record per {@code vulnerabilities[]} entry, with SUSE's status of every package in every product.
 *
 * <p>A product id in {@code product_status} ({@code SUSE Linux Enterprise Server 15 SP3:mailx-12.5-1.87}) is a
 * relationship of {@code product_tree}: a binary rpm ({@code product_reference}) of a product
 * ({@code relates_to_product_reference}). The product becomes an ecosystem through {@link SuseProducts}
 * ({@code SUSE:Linux Enterprise 15 SP3}, {@code openSUSE:Leap 15.5}); packages are named by binary rpm name, as
 * SUSE names them. Statuses: {@code recommended} and {@code fixed} / {@code first_fixed} name the fixed build
 * {@code <name>-<version>-<release>} and become range introduced 0 / fixed {@code <version>-<release>};
 * {@code known_affected} is {@code open} (or {@code will_not_fix} after a {@code no_fix_planned} remediation);
 * {@code under_investigation} is {@code undetermined}; {@code known_not_affected} is {@code not_affected}.
 *
 * <p>As one ecosystem gathers several SUSE products of one release (a module, the server, its LTSS phase), the
 * statuses of one package in one ecosystem are merged: a fixed build in any of them decides (the package is
 * fixed in that service pack's code stream, and the other products' "affected" means only that they have not
 * shipped it), else "affected" (one product's "not affected" does not hide another's "affected"), else "not
 * affected". The document's {@code threats[]} impact (low, moderate, important, critical) is the urgency; CVSS
 * vectors of {@code scores[]} are the severity. Unknown product ids are skipped with a reason; the rest of the
 * document is imported.
 */
public final class SuseCsafImporter implements FeedImporter {

  private static final ObjectMapper JSON = new ObjectMapper().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
  private static final Pattern CATEGORY = Pattern.compile("\"category\"\\s*:\\s*\"csaf_vex\"");
  /** SUSE's publisher namespace or name, or its CVE pages: any of them in the head marks a SUSE document. */
  private static final Pattern SUSE = Pattern.compile("\"namespace\"\\s*:\\s*\"https://www\\.suse\\.com/\""
      + "|\"SUSE Product Security Team\"|https://www\\.suse\\.com/security/cve/");
  /** Red Hat's publisher (a Red Hat document may cite SUSE's pages): never a SUSE document. */
  private static final Pattern OTHER_PUBLISHER = Pattern.compile(
      "\"(?:name|namespace)\"\\s*:\\s*\"(?:Red Hat Product Security|https://www\\.redhat\\.com)");
  /** {@code name-version-release}: version and release hold no '-'. */
  private static final Pattern NVR = Pattern.compile("^(.+)-([^-]+)-([^-]+)$");
  private static final List<String> FIXED = List.of("recommended", "fixed", "first_fixed");
  private static final List<String> LISTS = List.of("recommended", "fixed", "first_fixed", "known_affected",
      "under_investigation", "known_not_affected");

  @Override
  public String format() {
    return "suse-csaf-vex";
  }

  @Override
  public boolean recognises(String fileName, byte[] head) {
    String text = Sniff.text(head);
    return text.startsWith("{") && CATEGORY.matcher(text).find() && SUSE.matcher(text).find()
        && !OTHER_PUBLISHER.matcher(text).find();
  }

  /** SUSE's largest VEX documents (kernel CVEs) are a few MiB. */
  @Override
  public long maxBytes() {
    return 256L * 1024 * 1024;
  }

  @Override
  public ImportResult importFrom(InputStream in, String location, SourceWriter out) throws IOException {
    JsonNode doc = CsafArchive.readVexDocument(in, location);
    Map<String, String> names = new HashMap<>();
    productNames(doc.path("product_tree").path("branches"), names, 0);
    Map<String, String[]> relationships = new HashMap<>();
    for (JsonNode r : doc.path("product_tree").path("relationships")) {
      String id = r.path("full_product_name").path("product_id").asText(null);
      String ref = r.path("product_reference").asText(null);
      String to = r.path("relates_to_product_reference").asText(null);
      if (id != null && ref != null && to != null) {
        relationships.put(id, new String[] {ref, names.getOrDefault(to, to)});
      }
    }
    String date = doc.path("document").path("tracking").path("current_release_date").asText(null);
    out.dataDate("suse-csaf-vex", date);
    List<Skipped> skipped = new ArrayList<>();
    long written = 0;
    int index = 0;
    for (JsonNode v : doc.path("vulnerabilities")) {
      String where = location + " vulnerabilities[" + index++ + "]";
      OsvRecord r = record(v, relationships, date, where, skipped);
      if (r != null) {
        out.addAdvisory(r);
        written++;
      }
    }
    if (index == 0) {
      throw new FeedException(location + ": CSAF VEX document without vulnerabilities");
    }
    out.addSkipped(skipped.size());
    return new ImportResult(format(), location, written, skipped);
  }

  private static void productNames(JsonNode branches, Map<String, String> names, int depth) {
    if (depth > 32) {
      return;
    }
    for (JsonNode b : branches) {
      JsonNode p = b.path("product");
      String id = p.path("product_id").asText(null);
      if (id != null && "product_name".equals(b.path("category").asText())) {
        names.put(id, p.path("name").asText(id));
      }
      productNames(b.path("branches"), names, depth + 1);
    }
  }

  /** What SUSE says of one package in one ecosystem, merged over the ecosystem's products. */
  private static final class Verdict {
    final TreeSet<String> fixed = new TreeSet<>();
    String unfixed; // open, will_not_fix or undetermined
    boolean notAffected;
    final TreeSet<String> products = new TreeSet<>();
  }

  private static OsvRecord record(JsonNode v, Map<String, String[]> relationships, String date, String where,
      List<Skipped> skipped) {
    String cve = v.path("cve").asText("");
    if (!cve.startsWith("CVE-")) {
      skipped.add(new Skipped(where, "vulnerability without a CVE id"));
      return null;
    }
    Map<String, String> remedies = new HashMap<>();
    for (JsonNode rem : v.path("remediations")) {
      for (JsonNode id : rem.path("product_ids")) {
        remedies.putIfAbsent(id.asText(), rem.path("category").asText(""));
      }
    }
    String urgency = null;
    for (JsonNode t : v.path("threats")) {
      if ("impact".equals(t.path("category").asText()) && t.hasNonNull("details")) {
        urgency = t.path("details").asText();
      }
    }
    List<OsvSeverity> severity = new ArrayList<>();
    for (JsonNode s : v.path("scores")) {
      for (String kind : List.of("cvss_v3", "cvss_v2")) {
        String vector = s.path(kind).path("vectorString").asText(null);
        if (vector != null && severity.stream().noneMatch(x -> x.score().equals(vector))) {
          severity.add(new OsvSeverity(kind.equals("cvss_v3") ? "CVSS_V3" : "CVSS_V2", vector));
        }
      }
    }
    // ecosystem -> package -> verdict, in document order
    Map<String, Map<String, Verdict>> verdicts = new LinkedHashMap<>();
    JsonNode status = v.path("product_status");
    for (String list : LISTS) {
      for (JsonNode idNode : status.path(list)) {
        String id = idNode.asText("");
        String[] rel = relationships.get(id);
        if (rel == null) {
          skipped.add(new Skipped(where + " " + cve + " " + id, "unknown product id (not in product_tree)"));
          continue;
        }
        String name = rel[0];
        String fixedVersion = null;
        if (FIXED.contains(list)) {
          Matcher m = NVR.matcher(rel[0]);
          if (!m.matches()) {
            skipped.add(new Skipped(where + " " + cve + " " + id, list
                + " package is not a name-version-release"));
            continue;
          }
          name = m.group(1);
          fixedVersion = m.group(2) + "-" + m.group(3);
        }
        Verdict d = verdicts.computeIfAbsent(SuseProducts.ecosystem(rel[1]), k -> new LinkedHashMap<>())
            .computeIfAbsent(name, k -> new Verdict());
        d.products.add(rel[1]);
        switch (list) {
          case "known_not_affected" -> d.notAffected = true;
          case "known_affected" -> d.unfixed = "no_fix_planned".equals(remedies.get(id)) ? "will_not_fix"
              : d.unfixed == null || d.unfixed.equals("undetermined") ? "open" : d.unfixed;
          case "under_investigation" -> d.unfixed = d.unfixed == null ? "undetermined" : d.unfixed;
          default -> d.fixed.add(fixedVersion);
        }
      }
    }
    List<OsvAffected> affected = new ArrayList<>();
    for (Map.Entry<String, Map<String, Verdict>> eco : verdicts.entrySet()) {
      for (Map.Entry<String, Verdict> e : eco.getValue().entrySet()) {
        affected.addAll(affected(eco.getKey(), e.getKey(), e.getValue(), urgency));
      }
    }
    List<OsvReference> refs = new ArrayList<>();
    for (JsonNode id : v.path("ids")) {
      String url = id.path("text").asText("");
      if (url.startsWith("https://")) {
        refs.add(new OsvReference("ADVISORY", url));
      }
    }
    String title = v.path("title").asText(null);
    return new OsvRecord(null, cve, date, v.path("release_date").asText(null), null, null, null, title, null,
        severity, affected, refs, null);
  }

  private static List<OsvAffected> affected(String ecosystem, String name, Verdict d, String urgency) {
    List<OsvAffected> out = new ArrayList<>();
    if (!d.fixed.isEmpty()) {
      for (String fixed : d.fixed) {
        OsvRange range = new OsvRange("ECOSYSTEM", null,
            List.of(new OsvEvent("0", null, null, null), new OsvEvent(null, fixed, null, null)));
        out.add(new OsvAffected(new OsvPackage(ecosystem, name, null), List.of(range), null,
            specific("fixed", d, urgency), null, null));
      }
      return out;
    }
    String s = d.unfixed != null ? d.unfixed : "not_affected";
    out.add(new OsvAffected(new OsvPackage(ecosystem, name, null), List.of(), null, specific(s, d, urgency), null,
        null));
    return out;
  }

  private static ObjectNode specific(String status, Verdict d, String urgency) {
    ObjectNode specific = JsonNodeFactory.instance.objectNode();
    specific.put("status", status);
    if (urgency != null) {
      specific.put("urgency", urgency.toLowerCase(Locale.ROOT));
    }
    specific.put("products", String.join("; ", d.products));
    if (status.equals("will_not_fix")) {
      specific.put("note", "SUSE: no fix planned");
    }
    return specific;
  }
}
