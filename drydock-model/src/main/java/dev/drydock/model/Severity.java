package dev.drydock.model;

/** Severity ratings, lowest first (CVSS v3/v4 qualitative ratings plus UNKNOWN). */
public enum Severity {
  UNKNOWN,
  NONE,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The rating of a CVSS v3/v4 base score. */
  public static Severity ofScore(double score) {
    if (score >= 9.0) {
      return CRITICAL;
    }
    if (score >= 7.0) {
      return HIGH;
    }
    if (score >= 4.0) {
      return MEDIUM;
    }
    if (score > 0.0) {
      return LOW;
    }
    return NONE;
  }

  /** Parses a vendor rating ("Important", "moderate", "high", "unimportant", ...); UNKNOWN if not known. */
  public static Severity parse(String text) {
    if (text == null) {
      return UNKNOWN;
    }
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "critical" -> CRITICAL;
      case "high", "important" -> HIGH;
      case "medium", "moderate" -> MEDIUM;
      case "low", "unimportant", "negligible" -> LOW;
      case "none" -> NONE;
      default -> UNKNOWN;
    };
  }
}
