package dev.drydock.gate.eval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.gate.GateFinding;
import dev.drydock.gate.GateFindings;
import dev.drydock.model.ScanResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Predicate;

/** The demo image's real scan result (fixtures/gate/FIXTURES.md) as gate findings. */
final class DemoScan {
  private DemoScan() {}

  static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  static final List<GateFinding> FINDINGS = GateFindings.of(scan());

  /** The scan result as stored. */
  static ScanResult scan() {
    return JSON.convertValue(tree(), ScanResult.class);
  }

  /**
   * The scan result without the vulnerabilities of packages whose purl contains one of {@code purlParts}: an
   * older release, for drift.
   */
  static ScanResult scanWithout(String... purlParts) {
    ObjectNode doc = tree();
    ArrayNode kept = JSON.createArrayNode();
    for (JsonNode v : doc.withArray("vulnerabilities")) {
      if (List.of(purlParts).stream().noneMatch(p -> v.path("purl").asText().contains(p))) {
        kept.add(v);
      }
    }
    doc.set("vulnerabilities", kept);
    return JSON.convertValue(doc, ScanResult.class);
  }

  private static ObjectNode tree() {
    try (InputStream in = DemoScan.class.getResourceAsStream("/fixtures/gate/demo-app-scan.json")) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<GateFinding> where(Predicate<GateFinding> p) {
    return FINDINGS.stream().filter(p).toList();
  }

  static GateFinding byId(String id) {
    return FINDINGS.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
  }

  static Predicate<GateFinding> purlContains(String s) {
    return f -> f.purl() != null && f.purl().contains(s);
  }
}
