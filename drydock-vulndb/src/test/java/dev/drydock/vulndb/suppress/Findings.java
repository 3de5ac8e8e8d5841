package dev.drydock.vulndb.suppress;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.Severity;
import dev.drydock.model.Vulnerability;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Builds findings and locates fixtures for the suppression tests. */
final class Findings {
  private Findings() {}

  static Vulnerability finding(String id, List<String> aliases, String purl, String... locations) {
    return finding(id, aliases, purl, Severity.HIGH, Vulnerability.Status.FIXED, List.of(locations));
  }

  static Vulnerability finding(String id, Severity severity, Vulnerability.Status status) {
    return finding(id, List.of(), "pkg:npm/lodash@4.17.20", severity, status, List.of("app/package-lock.json"));
  }

  static Vulnerability finding(String id, List<String> aliases, String purl, Severity severity,
      Vulnerability.Status status, List<String> locations) {
    return new Vulnerability(id, aliases, purl, Ecosystem.MAVEN, "name", "1.0", List.of(), status, severity,
        List.of(), null, null, null, false, null, 0.0, "title", null, 0, null, null, locations, List.of(),
        List.of(), null, null);
  }

  static Path fixture(String name) {
    try {
      return Path.of(Findings.class.getResource("/suppress/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
