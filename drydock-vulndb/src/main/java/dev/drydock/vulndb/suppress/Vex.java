package dev.drydock.vulndb.suppress;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.DrydockException;
import dev.drydock.model.InputFiles;
import dev.drydock.model.Vulnerability;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A VEX document: OpenVEX JSON (https://openvex.dev) or a CycloneDX BOM JSON with
 * {@code vulnerabilities[].analysis}. The format is recognised by content.
 *
 * <p>A statement applies to a finding when one of its vulnerability ids equals the finding's id or one
 * of its aliases, and one of its product purls matches the finding's purl (qualifiers ignored; a purl
 * without a version matches every version). When several statements of one document apply, the latest
 * (by timestamp, then by position) decides.
 */
public final class Vex {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The largest VEX document read, in bytes (32 MiB): vendor VEX files for a whole product line run to a few
   * megabytes; this leaves room for those and keeps the parsed tree small enough for the default heap.
   */
  static final long MAX_BYTES = 32L * 1024 * 1024;

  /** The two VEX formats read. */
  public enum Format {
    OPENVEX,
    CYCLONEDX
  }

  /**
   * One VEX statement, flattened.
   *
   * @param ids the vulnerability name/id followed by its aliases
   * @param purls the purls of the products (and subcomponents / affected components) it is about
   * @param status the status as written ({@code not_affected}, {@code exploitable}, ...)
   * @param suppresses true for {@code not_affected}/{@code fixed} (OpenVEX) and
   *     {@code not_affected}/{@code false_positive}/{@code resolved} (CycloneDX)
   * @param justification the justification label, null if none
   * @param detail free text (OpenVEX {@code impact_statement} or {@code action_statement}, CycloneDX
   *     {@code detail}), null if none
   * @param timestamp when it was made (own or the document's), null if unknown
   */
  public record Statement(List<String> ids, List<String> purls, String status, boolean suppresses,
      String justification, String detail, Instant timestamp) {
    public Statement {
      ids = List.copyOf(ids);
      purls = List.copyOf(purls);
    }

    /** The status with justification and detail, as shown for a suppressed finding. */
    public String reason() {
      StringBuilder sb = new StringBuilder(status);
      if (justification != null) {
        sb.append(" (").append(justification).append(')');
      }
      if (detail != null) {
        sb.append(": ").append(detail);
      }
      return sb.toString();
    }

    boolean appliesTo(Vulnerability finding) {
      boolean idMatch = ids.stream().anyMatch(id -> id.equalsIgnoreCase(finding.id())
          || finding.aliases().stream().anyMatch(id::equalsIgnoreCase));
      return idMatch && purls.stream().anyMatch(p -> PurlMatch.matches(p, finding.purl()));
    }
  }

  private final Path path;
  private final Format format;
  private final List<Statement> statements;

  Vex(Path path, Format format, List<Statement> statements) {
    this.path = path;
    this.format = format;
    this.statements = List.copyOf(statements);
  }

  /** Reads {@code file}; a file that is neither OpenVEX nor CycloneDX VEX is a {@link DrydockException}. */
  public static Vex load(Path file) {
    return parse(file, InputFiles.readText(file, "VEX file", MAX_BYTES));
  }

  static Vex parse(Path file, String text) {
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("<")) {
      throw new DrydockException(file + ": XML VEX documents are not supported"
          + " (expected OpenVEX JSON or CycloneDX VEX JSON)");
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      String line = where != null && where.getLineNr() > 0 ? ":" + where.getLineNr() : "";
      throw new DrydockException(file + line + ": invalid JSON: " + oneLine(e.getOriginalMessage())
          + " (expected OpenVEX JSON or CycloneDX VEX JSON)");
    }
    if (root != null && root.isObject()) {
      JsonNode context = root.get("@context");
      if (context != null && context.isTextual()
          && context.asText().toLowerCase(Locale.ROOT).contains("openvex")) {
        return new Vex(file, Format.OPENVEX, OpenVexReader.statements(file.toString(), root));
      }
      if ("CycloneDX".equals(root.path("bomFormat").asText())) {
        return new Vex(file, Format.CYCLONEDX, CycloneDxVexReader.statements(file.toString(), root));
      }
      if (root.path("document").has("csaf_version")) {
        throw new DrydockException(file + ": CSAF VEX documents are not supported"
            + " (expected OpenVEX JSON or CycloneDX VEX JSON)");
      }
    }
    throw new DrydockException(file + ": not a VEX document: no OpenVEX @context and no"
        + " \"bomFormat\": \"CycloneDX\" (expected OpenVEX JSON or CycloneDX VEX JSON)");
  }

  /**
   * The statement that decides about {@code finding}: of those that apply, the one with the latest
   * timestamp; among equal or unknown timestamps the last in the document.
   */
  Optional<Statement> decide(Vulnerability finding) {
    Statement best = null;
    for (Statement s : statements) {
      if (s.appliesTo(finding) && (best == null || notEarlier(s, best))) {
        best = s;
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean notEarlier(Statement a, Statement b) {
    return a.timestamp() == null || b.timestamp() == null || !a.timestamp().isBefore(b.timestamp());
  }

  static String oneLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    String m = message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }

  /** The file this was read from. */
  public Path path() {
    return path;
  }

  public Format format() {
    return format;
  }

  /** The statements in document order. */
  public List<Statement> statements() {
    return statements;
  }
}
