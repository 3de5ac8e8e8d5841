package dev.drydock.model;

import java.util.List;

/**
 * One finding of any kind: what the gate, every report and {@code drydock convert} can say about a finding
 * without knowing its kind. Each kind is a record with its own fields (its JSON is that record's, see
 * docs/json-format.md); the accessors here that are not record components are not written to JSON.
 *
 * <p>A consumer treats findings generically through these accessors and, where one kind needs more (the
 * vulnerability table's installed and fixed versions, a secret's redacted value), switches on
 * {@link #kind()}. Adding a kind (as web alerts were) means: a record implementing this interface, its entry in
 * {@code permits} and in {@link FindingKind}, its list in {@link ScanResult}, and code only in the renderers
 * that want columns of their own.
 */
public sealed interface Finding permits Vulnerability, Misconfiguration, ExposedSecret, WebAlert {

  /** Which kind of finding this is. */
  FindingKind kind();

  /**
   * The id a baseline, an ignore file and a SARIF rule name it by: the advisory id of a vulnerability (CVE,
   * GHSA, ...), the rule id ({@code DD-DF-001}, {@code DD-SEC-002}, ...) of the other kinds.
   */
  String ruleId();

  /** Its severity; may be null in a result read from a file (consumers read null as {@code UNKNOWN}). */
  Severity severity();

  /** One line saying what was found. */
  String title();

  /**
   * Where it is, as one line for people: {@code package@version} for a vulnerability, {@code file:line} (or
   * {@code file} when it has no line) for a misconfiguration or a secret.
   */
  String location();

  /** The image layer it came from ({@code sha256:...}), null when none. */
  String layerDiffId();

  /** Compliance controls it is evidence against ({@code cis-docker:4.1}, ...); empty when none. */
  List<String> controls();

  /** {@code file:line}, or {@code file} when the line is not known (0). */
  static String fileLine(String file, int line) {
    return line > 0 ? file + ":" + line : file;
  }
}
