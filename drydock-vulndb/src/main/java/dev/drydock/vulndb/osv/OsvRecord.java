package dev.drydock.vulndb.osv;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One advisory in the OSV schema (https://ossf.github.io/osv-schema/), drydock's internal advisory model.
 * OSV feeds bind to it directly (Jackson); the Debian tracker and Alpine secdb importers convert their
 * records into it (ecosystems {@code Debian:12}, {@code Alpine:v3.18}; distribution status in
 * {@code affected[].ecosystem_specific}, see {@link OsvAffected}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OsvRecord(
    @JsonProperty("schema_version") String schemaVersion,
    String id,
    String modified,
    String published,
    String withdrawn,
    List<String> aliases,
    List<String> related,
    String summary,
    String details,
    List<OsvSeverity> severity,
    List<OsvAffected> affected,
    List<OsvReference> references,
    @JsonProperty("database_specific") JsonNode databaseSpecific) {

  public OsvRecord {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    related = related == null ? List.of() : List.copyOf(related);
    severity = severity == null ? List.of() : List.copyOf(severity);
    affected = affected == null ? List.of() : List.copyOf(affected);
    references = references == null ? List.of() : List.copyOf(references);
  }

  /**
   * Binding from OSV JSON/YAML: the schema's {@code upstream} (records this one derives from; Rocky Linux and
   * AlmaLinux name the CVEs an erratum fixes there) is kept with {@code related}, after it.
   */
  @JsonCreator
  static OsvRecord fromJson(@JsonProperty("schema_version") String schemaVersion, @JsonProperty("id") String id,
      @JsonProperty("modified") String modified, @JsonProperty("published") String published,
      @JsonProperty("withdrawn") String withdrawn, @JsonProperty("aliases") List<String> aliases,
      @JsonProperty("related") List<String> related, @JsonProperty("upstream") List<String> upstream,
      @JsonProperty("summary") String summary, @JsonProperty("details") String details,
      @JsonProperty("severity") List<OsvSeverity> severity, @JsonProperty("affected") List<OsvAffected> affected,
      @JsonProperty("references") List<OsvReference> references,
      @JsonProperty("database_specific") JsonNode databaseSpecific) {
    List<String> rel = related;
    if (upstream != null && !upstream.isEmpty()) {
      java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(related == null ? List.of() : related);
      all.addAll(upstream);
      rel = List.copyOf(all);
    }
    return new OsvRecord(schemaVersion, id, modified, published, withdrawn, aliases, rel, summary, details, severity,
        affected, references, databaseSpecific);
  }

  /** {@code severity[]}: type CVSS_V2 | CVSS_V3 | CVSS_V4 | Ubuntu, score = vector (or rating for Ubuntu). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record OsvSeverity(String type, String score) {}

  /** {@code references[]}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record OsvReference(String type, String url) {}

  /**
   * {@code affected[]}: one package and the versions of it that are affected.
   *
   * <p>For distribution feeds converted by drydock, {@code ecosystem_specific} carries
   * {@code {"status": "fixed|open|will_not_fix|end_of_life|not_affected|undetermined", "urgency": "...",
   * "note": "no-dsa: Minor issue"}}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OsvAffected(
      @JsonProperty("package") OsvPackage pkg,
      List<OsvRange> ranges,
      List<String> versions,
      @JsonProperty("ecosystem_specific") JsonNode ecosystemSpecific,
      @JsonProperty("database_specific") JsonNode databaseSpecific,
      List<OsvSeverity> severity) {

    public OsvAffected {
      ranges = ranges == null ? List.of() : List.copyOf(ranges);
      versions = versions == null ? List.of() : List.copyOf(versions);
      severity = severity == null ? List.of() : List.copyOf(severity);
    }
  }

  /** {@code affected[].package}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OsvPackage(String ecosystem, String name, String purl) {}

  /** {@code affected[].ranges[]}: type ECOSYSTEM | SEMVER | GIT. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OsvRange(String type, String repo, List<OsvEvent> events) {
    public OsvRange {
      events = events == null ? List.of() : List.copyOf(events);
    }
  }

  /** One event; exactly one field is set. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OsvEvent(
      String introduced,
      String fixed,
      @JsonProperty("last_affected") String lastAffected,
      String limit) {}
}
