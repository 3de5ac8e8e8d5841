package dev.drydock.report.sarif;

import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.LogicalLocation;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import dev.drydock.model.AdvisoryData;
import dev.drydock.model.Coverage;
import dev.drydock.model.ScanResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Coverage in SARIF: one result of rule {@code DD-DATA-001} (level {@code error}) per package family no
 * advisory data covered, located at the family as a logical location of kind {@code module}; and, in the
 * run's properties, {@code advisoryData} and {@code coverage} as the JSON result has them.
 */
final class SarifCoverage {
  static final String RULE = "DD-DATA-001";

  private SarifCoverage() {}

  static void notChecked(ScanResult result, Map<String, Integer> index, List<ReportingDescriptor> rules,
      List<Result> results) {
    List<Coverage> missing = result.notChecked();
    if (missing.isEmpty()) {
      return;
    }
    String title = "No advisory data for a package family: its packages were not checked";
    PropertyBag properties = new PropertyBag()
        .withTags(new LinkedHashSet<>(List.of("vulnerability", "security", "coverage")));
    properties.setAdditionalProperty("security-severity", "7.0");
    index.put(RULE, rules.size());
    rules.add(new ReportingDescriptor()
        .withId(RULE)
        .withShortDescription(new MultiformatMessageString().withText(title))
        .withFullDescription(new MultiformatMessageString().withText(title))
        .withHelp(new MultiformatMessageString().withText("drydock had no advisory data for these packages, so"
            + " their vulnerabilities are unknown, not absent. Import data for the family ('drydock db update',"
            + " 'drydock db import') or use an image whose distribution drydock matches (docs/baseline.md)."))
        .withProperties(properties));
    for (Coverage c : missing) {
      PropertyBag bag = new PropertyBag();
      bag.setAdditionalProperty("family", c.family());
      bag.setAdditionalProperty("packages", c.packages());
      results.add(new Result()
          .withRuleId(RULE)
          .withRuleIndex(index.get(RULE))
          .withLevel(Result.Level.ERROR)
          .withMessage(new Message().withText(c.reason() != null ? c.reason() : "not checked: " + c.family()))
          .withLocations(List.of(new Location().withLogicalLocations(new LinkedHashSet<>(List.of(
              new LogicalLocation().withName(c.family()).withKind("module"))))))
          .withPartialFingerprints(new PartialFingerprints()
              .withAdditionalProperty(SarifReport.FINGERPRINT, sha256(RULE + "\n" + c.family())))
          .withProperties(bag));
    }
  }

  static final String SIGNATURE_RULE = "DD-SIG-001";

  /**
   * A signature asked for ({@code scan --verify-key}) and not verified: one result of rule {@value #SIGNATURE_RULE}
   * (level {@code error}) with the reason, located at the image's digest (else its name), so that SARIF consumers
   * see the failure as the other formats say it (fail closed).
   */
  static void unverifiedSignature(ScanResult result, Map<String, Integer> index, List<ReportingDescriptor> rules,
      List<Result> results) {
    dev.drydock.model.SignatureCheck c = result.signature();
    if (c == null || c.verified()) {
      return;
    }
    String title = "Image signature not verified";
    PropertyBag properties = new PropertyBag()
        .withTags(new LinkedHashSet<>(List.of("signature", "security")));
    properties.setAdditionalProperty("security-severity", "7.0");
    if (!index.containsKey(SIGNATURE_RULE)) {
      index.put(SIGNATURE_RULE, rules.size());
      rules.add(new ReportingDescriptor()
          .withId(SIGNATURE_RULE)
          .withShortDescription(new MultiformatMessageString().withText(title))
          .withFullDescription(new MultiformatMessageString().withText(title))
          .withHelp(new MultiformatMessageString().withText("The image was scanned with --verify-key and no"
              + " signature by one of the keys verified: it may have been swapped or changed after signing, or never"
              + " signed (docs/signing.md)."))
          .withProperties(properties));
    }
    String where = c.imageDigest() != null ? c.imageDigest()
        : result.target() != null && result.target().name() != null ? result.target().name() : "image";
    results.add(new Result()
        .withRuleId(SIGNATURE_RULE)
        .withRuleIndex(index.get(SIGNATURE_RULE))
        .withLevel(Result.Level.ERROR)
        .withMessage(new Message().withText("image signature not verified: " + c.reason()))
        .withLocations(List.of(new Location().withLogicalLocations(new LinkedHashSet<>(List.of(
            new LogicalLocation().withName(where).withKind("module"))))))
        .withPartialFingerprints(new PartialFingerprints()
            .withAdditionalProperty(SarifReport.FINGERPRINT, sha256(SIGNATURE_RULE + "\n" + where))));
  }

  /** {@code advisoryData} and {@code coverage} run properties (left out when the result has none). */
  static void runProperties(ScanResult result, PropertyBag bag) {
    if (!result.advisoryData().isEmpty()) {
      List<Map<String, Object>> data = new ArrayList<>();
      for (AdvisoryData d : result.advisoryData()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", d.source());
        m.put("dataDate", d.dataDate());
        m.put("importedAt", d.importedAt());
        m.put("records", d.records());
        m.put("digest", d.digest());
        data.add(m);
      }
      bag.setAdditionalProperty("advisoryData", data);
    }
    if (!result.coverage().isEmpty()) {
      List<Map<String, Object>> coverage = new ArrayList<>();
      for (Coverage c : result.coverage()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", c.family());
        m.put("packages", c.packages());
        m.put("checked", c.checked());
        m.put("reason", c.reason());
        coverage.add(m);
      }
      bag.setAdditionalProperty("coverage", coverage);
    }
  }

  private static String sha256(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
