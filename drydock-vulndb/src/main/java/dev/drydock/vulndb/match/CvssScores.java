package dev.drydock.vulndb.match;

import dev.drydock.model.Severity;
import dev.drydock.model.Vulnerability.Cvss;
import dev.drydock.vulndb.osv.OsvRecord.OsvSeverity;
import java.util.Comparator;
import java.util.Optional;
import us.springett.cvss.Score;

/** CVSS vectors of OSV {@code severity[]} entries, scored with cvss-calculator. */
final class CvssScores {
  private CvssScores() {}

  /** Newest CVSS version first, then the higher score. */
  static final Comparator<Cvss> NEWEST_FIRST = Comparator
      .comparing((Cvss c) -> versionKey(c.version())).reversed()
      .thenComparing(Comparator.comparingDouble(Cvss::score).reversed())
      .thenComparing(Cvss::vector);

  /** The scored vector, or empty when the entry is no CVSS vector or the vector does not parse. */
  static Optional<Cvss> score(OsvSeverity s, String source) {
    if (s == null || s.score() == null || s.type() == null || !s.type().startsWith("CVSS_")) {
      return Optional.empty();
    }
    String vector = s.score().trim();
    String version;
    if (vector.startsWith("CVSS:3.1/")) {
      version = "3.1";
    } else if (vector.startsWith("CVSS:3.0/")) {
      version = "3.0";
    } else if (vector.startsWith("CVSS:4.0/")) {
      version = "4.0";
    } else if ("CVSS_V2".equals(s.type())) {
      version = "2.0";
    } else {
      return Optional.empty();
    }
    try {
      us.springett.cvss.Cvss parsed = us.springett.cvss.Cvss.fromVector(vector);
      if (parsed == null) {
        return Optional.empty();
      }
      Score score = parsed.calculateScore();
      return Optional.of(new Cvss(version, vector, score.getBaseScore(), source));
    } catch (RuntimeException e) {
      // a malformed vector in a feed is skipped, not fatal
      return Optional.empty();
    }
  }

  /** The qualitative rating of a score of the given CVSS version (v2 has no CRITICAL). */
  static Severity rating(Cvss c) {
    if ("2.0".equals(c.version())) {
      return c.score() >= 7.0 ? Severity.HIGH : c.score() >= 4.0 ? Severity.MEDIUM : Severity.LOW;
    }
    return Severity.ofScore(c.score());
  }

  private static int versionKey(String v) {
    return switch (v) {
      case "4.0" -> 40;
      case "3.1" -> 31;
      case "3.0" -> 30;
      default -> 20;
    };
  }
}
