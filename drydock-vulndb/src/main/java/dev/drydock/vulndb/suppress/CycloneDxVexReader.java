package dev.drydock.vulndb.suppress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.DrydockException;
import dev.drydock.vulndb.suppress.Vex.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the VEX statements of a CycloneDX BOM (JSON, spec 1.4+): every {@code vulnerabilities[]} entry
 * with an {@code analysis.state}. {@code affects[].ref} is a purl or a {@code bom-ref} of a component of
 * the same BOM (also in BOM-Link form {@code urn:cdx:<serial>/<version>#<bom-ref>}).
 */
final class CycloneDxVexReader {
  private CycloneDxVexReader() {}

  private static final Set<String> STATES = Set.of("resolved", "resolved_with_pedigree", "exploitable",
      "in_triage", "false_positive", "not_affected");
  private static final Set<String> SUPPRESSING = Set.of("resolved", "resolved_with_pedigree",
      "false_positive", "not_affected");

  static List<Statement> statements(String file, JsonNode bom) {
    Map<String, String> purlByRef = new HashMap<>();
    collect(bom.path("metadata").path("component"), purlByRef);
    for (JsonNode component : VexJson.array(file, "bom", bom, "components")) {
      collect(component, purlByRef);
    }
    Instant bomTime = VexJson.instant(bom.path("metadata"), "timestamp");
    List<Statement> out = new ArrayList<>();
    JsonNode vulnerabilities = VexJson.array(file, "bom", bom, "vulnerabilities");
    for (int i = 0; i < vulnerabilities.size(); i++) {
      JsonNode v = vulnerabilities.get(i);
      String where = "vulnerabilities[" + i + "]";
      JsonNode analysis = v.get("analysis");
      if (analysis == null || !analysis.isObject() || VexJson.text(file, where, analysis, "state") == null) {
        continue; // a plain vulnerability listing, no exploitability statement
      }
      String state = VexJson.text(file, where, analysis, "state");
      if (!STATES.contains(state)) {
        throw new DrydockException(file + ": " + where + ": analysis state '" + state + "' (expected one of"
            + " not_affected, false_positive, resolved, resolved_with_pedigree, exploitable, in_triage)");
      }
      Set<String> ids = new LinkedHashSet<>();
      String id = VexJson.text(file, where, v, "id");
      if (id == null) {
        throw new DrydockException(file + ": " + where + ": no id (expected \"id\": \"CVE-...\")");
      }
      ids.add(id);
      for (JsonNode ref : VexJson.array(file, where, v, "references")) {
        String alias = ref.path("id").asText("").strip();
        if (!alias.isEmpty()) {
          ids.add(alias);
        }
      }
      Set<String> purls = new LinkedHashSet<>();
      for (JsonNode affect : VexJson.array(file, where, v, "affects")) {
        String purl = resolve(affect.path("ref").asText("").strip(), purlByRef);
        if (purl != null) {
          purls.add(purl);
        }
      }
      Instant time = VexJson.instant(analysis, "lastUpdated");
      if (time == null) {
        time = VexJson.instant(v, "updated");
      }
      out.add(new Statement(new ArrayList<>(ids), new ArrayList<>(purls), state, SUPPRESSING.contains(state),
          VexJson.text(file, where, analysis, "justification"), VexJson.text(file, where, analysis, "detail"),
          time != null ? time : bomTime));
    }
    return out;
  }

  private static String resolve(String ref, Map<String, String> purlByRef) {
    if (ref.isEmpty()) {
      return null;
    }
    String purl = purlByRef.get(ref);
    if (purl != null) {
      return purl;
    }
    if (ref.startsWith("urn:cdx:") && ref.indexOf('#') > 0) {
      String local = ref.substring(ref.indexOf('#') + 1);
      purl = purlByRef.get(java.net.URLDecoder.decode(local, java.nio.charset.StandardCharsets.UTF_8));
      if (purl != null) {
        return purl;
      }
    }
    return ref.startsWith("pkg:") ? ref : null;
  }

  private static void collect(JsonNode component, Map<String, String> purlByRef) {
    if (!component.isObject()) {
      return;
    }
    String ref = component.path("bom-ref").asText("").strip();
    String purl = component.path("purl").asText("").strip();
    if (!ref.isEmpty() && purl.startsWith("pkg:")) {
      purlByRef.put(ref, purl);
    }
    for (JsonNode child : component.path("components")) {
      collect(child, purlByRef);
    }
  }
}
