package dev.drydock.vulndb.feed.redhat;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Red Hat CSAF VEX document (https://security.access.redhat.com/data/csaf/v2/vex/, one per CVE), converted
 * to one OSV record per {@code vulnerabilities[]} entry.
 *
 * <p>Products: every product id in {@code product_status} is resolved through {@code product_tree.relationships}
 * to a component ({@code product_reference}) of a product ({@code relates_to_product_reference}) whose
 * {@code product_identification_helper.cpe} names the Red Hat product. A component of a module (the product
 * reference of a relationship that is itself a component of a product) is named
 * {@code <module>:<stream>/<package>}, the way Red Hat names unfixed module components
 * ({@code nodejs:18/nodejs}); so is a component whose purl has the {@code rpmmod} qualifier
 * ({@code pkg:rpm/redhat/nodejs?arch=src&rpmmod=nodejs:22}, product {@code nodejs.src-nodejs:22}). CPEs map to the OSV ecosystem {@code Red Hat:<cpe after "redhat:">}, except
 * the main RHEL streams ({@code cpe:/o:redhat:enterprise_linux:9}, {@code ...:9::baseos},
 * {@code cpe:/a:redhat:enterprise_linux:9::appstream}, ...), which all map to {@code Red Hat:enterprise_linux:9}
 * (the repository is kept in {@code ecosystem_specific.repository}): that is the ecosystem an RHEL / UBI 9
 * image's packages are matched in.
 *
 * <p>Statuses ({@code ecosystem_specific.status}): {@code fixed} components (source rpm NEVRAs; binary rpms are
 * skipped, images are matched by source package) become range introduced 0 / fixed {@code [epoch:]version-release};
 * {@code known_affected} is {@code open}, or {@code will_not_fix} / {@code end_of_life} / {@code deferred} after
 * the remediation {@code no_fix_planned} ("Will not fix", "Out of support scope") or {@code none_available}
 * ("Deferred"); {@code known_not_affected} is {@code not_affected}, with the product's CSAF flag label
 * ({@code vulnerable_code_not_present}, ...) as {@code justification}; {@code under_investigation} is
 * {@code undetermined}. The remediation's details are the note; the {@code threats[]} impact (Red Hat's
 * severity: Low, Moderate, Important, Critical) is the urgency; CVSS vectors of {@code scores[]} are the
 * record's severity. Unknown product ids are skipped with a reason; the rest of the document is imported.
 */
public final class RedHatCsafImporter implements FeedImporter {

  private static final ObjectMapper JSON = new ObjectMapper().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
  private static final Pattern CATEGORY = Pattern.compile("\"category\"\\s*:\\s*\"csaf_vex\"");
  private static final Pattern CSAF = Pattern.compile("\"(csaf_version|product_tree)\"\\s*:");
  /** {@code name-epoch:version-release.arch}. */
  private static final Pattern NEVRA = Pattern.compile("^(.+)-(\\d+):([^-:]+)-([^-:]+)\\.([A-Za-z0-9_]+)$");
  /** The main RHEL streams, {@code enterprise_linux:9} with an optional {@code ::baseos} / {@code ::appstream}. */
  private static final Pattern RHEL = Pattern.compile("^enterprise_linux:(\\d+)(?:::([a-z_0-9]+))?$");

  @Override
  public String format() {
    return "redhat-csaf-vex";
  }

  @Override
  public boolean recognises(String fileName, byte[] head) {
    String text = Sniff.text(head);
    return text.startsWith("{") && CATEGORY.matcher(text).find() && CSAF.matcher(text).find();
  }

  /** The largest real Red Hat VEX documents (kernel) are some tens of MiB. */
  @Override
  public long maxBytes() {
    return 256L * 1024 * 1024;
  }

  @Override
  public ImportResult importFrom(InputStream in, String location, SourceWriter out) throws IOException {
    JsonNode doc = CsafArchive.readVexDocument(in, location);
    List<Skipped> skipped = new ArrayList<>();
    Products products = Products.of(doc.path("product_tree"));
    String date = doc.path("document").path("tracking").path("current_release_date").asText(null);
    out.dataDate("redhat-csaf-vex", date);
    String self = null;
    for (JsonNode ref : doc.path("document").path("references")) {
      if ("self".equals(ref.path("category").asText())) {
        self = ref.path("url").asText(null);
      }
    }
    long written = 0;
    int index = 0;
    for (JsonNode v : doc.path("vulnerabilities")) {
      String where = location + " vulnerabilities[" + index++ + "]";
      OsvRecord r = record(v, products, self, date, where, skipped);
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

  private static OsvRecord record(JsonNode v, Products products, String self, String date, String where,
      List<Skipped> skipped) {
    String cve = v.path("cve").asText("");
    if (!cve.startsWith("CVE-")) {
      skipped.add(new Skipped(where, "vulnerability without a CVE id"));
      return null;
    }
    Map<String, Remedy> remedies = new HashMap<>();
    Set<String> links = new LinkedHashSet<>();
    if (self != null) {
      links.add(self);
    }
    for (JsonNode rem : v.path("remediations")) {
      String category = rem.path("category").asText("");
      String details = rem.path("details").asText(null);
      if (rem.hasNonNull("url")) {
        links.add(rem.path("url").asText());
      }
      for (JsonNode id : rem.path("product_ids")) {
        Remedy old = remedies.get(id.asText());
        // a vendor_fix / no_fix_planned / none_available decides over a workaround
        if (old == null || "workaround".equals(old.category)) {
          remedies.put(id.asText(), new Remedy(category, details));
        }
      }
    }
    Map<String, String> impact = new HashMap<>();
    for (JsonNode t : v.path("threats")) {
      if ("impact".equals(t.path("category").asText())) {
        for (JsonNode id : t.path("product_ids")) {
          impact.put(id.asText(), t.path("details").asText(null));
        }
      }
    }
    // CSAF flags: the vendor's justification of known_not_affected (vulnerable_code_not_present, ...)
    Map<String, String> justification = new HashMap<>();
    for (JsonNode f : v.path("flags")) {
      String label = f.path("label").asText(null);
      for (JsonNode id : f.path("product_ids")) {
        if (label != null) {
          justification.putIfAbsent(id.asText(), label);
        }
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
    Map<String, OsvAffected> affected = new LinkedHashMap<>();
    JsonNode status = v.path("product_status");
    for (String list : List.of("fixed", "known_affected", "known_not_affected", "under_investigation")) {
      for (JsonNode idNode : status.path(list)) {
        String id = idNode.asText("");
        Products.Component c = products.component(id);
        if (c == null) {
          skipped.add(new Skipped(where + " " + cve + " " + id, "unknown product id (not in product_tree)"));
          continue;
        }
        if (c.cpe() == null) {
          skipped.add(new Skipped(where + " " + cve + " " + id, "product without a CPE"));
          continue;
        }
        OsvAffected a = affected(list, c, remedies.get(id), impact.get(id), justification.get(id),
            where + " " + cve + " " + id, skipped);
        if (a != null) {
          String key = a.pkg().ecosystem() + "\u0000" + a.pkg().name() + "\u0000" + a.ecosystemSpecific() + a.ranges();
          affected.putIfAbsent(key, a);
        }
      }
    }
    List<OsvReference> refs = links.stream().map(u -> new OsvReference("ADVISORY", u)).toList();
    String title = v.path("title").asText(null);
    return new OsvRecord(null, cve, date, v.path("release_date").asText(null), null, null, null, title, null,
        severity, new ArrayList<>(affected.values()), refs, null);
  }

  private static OsvAffected affected(String list, Products.Component c, Remedy remedy, String impact,
      String justification, String where, List<Skipped> skipped) {
    String[] eco = ecosystem(c.cpe());
    ObjectNode specific = JsonNodeFactory.instance.objectNode();
    String name;
    List<OsvRange> ranges = List.of();
    if (list.equals("fixed")) {
      Matcher m = NEVRA.matcher(c.reference());
      if (!m.matches()) {
        skipped.add(new Skipped(where, "fixed component is not a name-epoch:version-release.arch"));
        return null;
      }
      if (!"src".equals(m.group(5))) {
        return null; // binary rpms of the same fix: images are matched by source package
      }
      name = m.group(1);
      String evr = ("0".equals(m.group(2)) ? "" : m.group(2) + ":") + m.group(3) + "-" + m.group(4);
      ranges = List.of(new OsvRange("ECOSYSTEM", null,
          List.of(new OsvEvent("0", null, null, null), new OsvEvent(null, evr, null, null))));
      specific.put("status", "fixed");
    } else {
      // Red Hat lists unfixed source packages both bare (curl) and as curl.src
      name = c.reference().endsWith(".src") ? c.reference().substring(0, c.reference().length() - 4) : c.reference();
      specific.put("status", switch (list) {
        case "known_not_affected" -> "not_affected";
        case "under_investigation" -> "undetermined";
        default -> unfixed(remedy);
      });
    }
    if (c.module() != null) {
      name = c.module() + "/" + name;
    }
    if (eco[1] != null) {
      specific.put("repository", eco[1]);
    }
    specific.put("cpe", c.cpe());
    if (impact != null) {
      specific.put("urgency", impact);
    }
    if (justification != null && list.equals("known_not_affected")) {
      specific.put("justification", justification);
    }
    if (remedy != null && remedy.details != null && !list.equals("known_not_affected")
        && !"vendor_fix".equals(remedy.category)) {
      specific.put("note", remedy.details.strip());
    }
    return new OsvAffected(new OsvPackage(eco[0], name, null), ranges, null, specific, null, null);
  }

  private static String unfixed(Remedy remedy) {
    if (remedy == null) {
      return "open";
    }
    String details = remedy.details == null ? "" : remedy.details.toLowerCase(Locale.ROOT);
    return switch (remedy.category) {
      case "no_fix_planned" -> details.contains("out of support") ? "end_of_life" : "will_not_fix";
      case "none_available" -> details.contains("deferred") ? "deferred" : "open";
      default -> "open";
    };
  }

  /** {@code [ecosystem, repository or null]} of a Red Hat CPE. */
  static String[] ecosystem(String cpe) {
    int at = cpe.indexOf(":redhat:");
    String tail = at < 0 ? cpe : cpe.substring(at + ":redhat:".length());
    Matcher m = RHEL.matcher(tail);
    if (m.matches()) {
      return new String[] {"Red Hat:enterprise_linux:" + m.group(1), m.group(2)};
    }
    return new String[] {"Red Hat:" + tail, null};
  }

  private record Remedy(String category, String details) {}
}
