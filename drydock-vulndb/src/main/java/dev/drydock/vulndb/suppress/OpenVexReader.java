package dev.drydock.vulndb.suppress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.DrydockException;
import dev.drydock.vulndb.suppress.Vex.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the statements of an OpenVEX document (spec v0.2.0; the older string forms of
 * {@code vulnerability} and {@code products} are accepted too).
 */
final class OpenVexReader {
  private OpenVexReader() {}

  private static final Set<String> STATUSES = Set.of("not_affected", "affected", "fixed", "under_investigation");

  static List<Statement> statements(String file, JsonNode doc) {
    Instant documentTime = VexJson.instant(doc, "timestamp");
    List<Statement> out = new ArrayList<>();
    JsonNode statements = VexJson.array(file, "document", doc, "statements");
    for (int i = 0; i < statements.size(); i++) {
      JsonNode st = statements.get(i);
      String where = "statement " + (i + 1);
      if (!st.isObject()) {
        throw new DrydockException(file + ": " + where + " is not an object (expected a JSON object)");
      }
      List<String> ids = ids(file, where, st.get("vulnerability"));
      String status = VexJson.text(file, where, st, "status");
      if (status == null || !STATUSES.contains(status)) {
        throw new DrydockException(file + ": " + where + ": status '" + status
            + "' (expected not_affected, affected, fixed or under_investigation)");
      }
      Set<String> purls = new LinkedHashSet<>();
      JsonNode products = VexJson.array(file, where, st, "products");
      for (JsonNode product : products) {
        addComponent(purls, product);
        if (product.isObject()) {
          for (JsonNode sub : VexJson.array(file, where, product, "subcomponents")) {
            addComponent(purls, sub);
          }
        }
      }
      // v0.0.x put subcomponents next to products
      for (JsonNode sub : VexJson.array(file, where, st, "subcomponents")) {
        addComponent(purls, sub);
      }
      String detail = VexJson.text(file, where, st, "impact_statement");
      if (detail == null) {
        detail = VexJson.text(file, where, st, "action_statement");
      }
      if (detail == null) {
        detail = VexJson.text(file, where, st, "status_notes");
      }
      Instant time = VexJson.instant(st, "timestamp");
      out.add(new Statement(ids, new ArrayList<>(purls), status,
          status.equals("not_affected") || status.equals("fixed"),
          VexJson.text(file, where, st, "justification"), detail, time != null ? time : documentTime));
    }
    return out;
  }

  private static List<String> ids(String file, String where, JsonNode vulnerability) {
    Set<String> ids = new LinkedHashSet<>();
    if (vulnerability != null && vulnerability.isTextual()) {
      ids.add(vulnerability.asText().strip());
    } else if (vulnerability != null && vulnerability.isObject()) {
      String name = VexJson.text(file, where, vulnerability, "name");
      if (name != null) {
        ids.add(name);
      }
      String iri = VexJson.text(file, where, vulnerability, "@id");
      if (iri != null) {
        ids.add(iri);
        // an IRI such as https://nvd.nist.gov/vuln/detail/CVE-2019-17571 names the id in its last segment
        int slash = iri.lastIndexOf('/');
        if (slash >= 0 && slash < iri.length() - 1) {
          ids.add(iri.substring(slash + 1));
        }
      }
      for (JsonNode alias : VexJson.array(file, where, vulnerability, "aliases")) {
        if (alias.isTextual() && !alias.asText().isBlank()) {
          ids.add(alias.asText().strip());
        }
      }
    }
    ids.remove("");
    if (ids.isEmpty()) {
      throw new DrydockException(file + ": " + where + ": no vulnerability"
          + " (expected \"vulnerability\": {\"name\": \"CVE-...\"})");
    }
    return new ArrayList<>(ids);
  }

  private static void addComponent(Set<String> purls, JsonNode component) {
    if (component.isTextual()) {
      addPurl(purls, component.asText());
    } else if (component.isObject()) {
      addPurl(purls, component.path("@id").asText(""));
      addPurl(purls, component.path("identifiers").path("purl").asText(""));
    }
  }

  private static void addPurl(Set<String> purls, String value) {
    String v = value.strip();
    if (v.startsWith("pkg:")) {
      purls.add(v);
    }
  }
}
