package dev.drydock.gate.baseline;

import dev.drydock.gate.GateFinding;
import dev.drydock.model.Severity;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Conditions a finding must meet to count against a rule; a null field is not checked.
 *
 * @param severity the finding's severity is at least this
 * @param fixable the finding's fixability equals this
 * @param kev the finding's KEV flag equals this
 * @param epss the finding's EPSS is known and at least this
 * @param olderThanDays the finding was published at least this many days ago (unknown dates do not match)
 */
public record Thresholds(Severity severity, Boolean fixable, Boolean kev, Double epss, Integer olderThanDays) {

  /** No condition. */
  public static final Thresholds NONE = new Thresholds(null, null, null, null, null);

  /** These thresholds with every non-null field of {@code over} replacing the same field here. */
  public Thresholds with(Thresholds over) {
    return new Thresholds(
        over.severity != null ? over.severity : severity,
        over.fixable != null ? over.fixable : fixable,
        over.kev != null ? over.kev : kev,
        over.epss != null ? over.epss : epss,
        over.olderThanDays != null ? over.olderThanDays : olderThanDays);
  }

  /** Whether {@code f} meets every condition, on {@code today}. */
  public boolean matches(GateFinding f, LocalDate today) {
    if (severity != null && (f.severity() == null || f.severity().compareTo(severity) < 0)) {
      return false;
    }
    if (fixable != null && f.fixable() != fixable) {
      return false;
    }
    if (kev != null && f.kev() != kev) {
      return false;
    }
    if (epss != null && (f.epss() == null || f.epss() < epss)) {
      return false;
    }
    if (olderThanDays != null) {
      LocalDate published = date(f.published());
      return published != null && !published.isAfter(today.minusDays(olderThanDays));
    }
    return true;
  }

  private static LocalDate date(String text) {
    if (text == null || text.length() < 10) {
      return null;
    }
    try {
      return LocalDate.parse(text.substring(0, 10));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
