package dev.drydock.vulndb.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;

/** Publisher dates of imported data: parsing the forms feeds use, and a source's data date. */
public final class DataDates {
  private DataDates() {}

  /**
   * The instant of an ISO-8601 date ({@code 2025-08-25}, start of day UTC) or instant / offset date-time
   * ({@code 2025-08-25T15:01:51.7434Z}, {@code 2024-10-25T00:00:00+0000}); null when not one of these.
   */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      // not UTC with Z
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // not with an offset like +00:00
    }
    if (t.matches(".*[+-]\\d{4}$")) {
      try {
        return OffsetDateTime.parse(t.substring(0, t.length() - 2) + ":" + t.substring(t.length() - 2)).toInstant();
      } catch (DateTimeParseException e) {
        // fall through
      }
    }
    if (t.length() >= 10) {
      try {
        return LocalDate.parse(t.substring(0, 10)).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        // fall through
      }
    }
    return null;
  }

  /** The newest parseable date offered for one kind of data, as written. */
  static final class Latest {
    private String text;
    private Instant at;
    /** The last date offered: records of one feed often share it, and parsing it again changes nothing. */
    private String last;

    void offer(String date) {
      if (date != null && date.equals(last)) {
        return;
      }
      last = date;
      Instant i = parse(date);
      if (i != null && (at == null || i.isAfter(at))) {
        at = i;
        text = date.strip();
      }
    }
  }

  /** The oldest of the kinds' newest dates; null when there are none or a kind has no date. */
  static String of(Collection<Latest> kinds) {
    Latest oldest = null;
    for (Latest l : kinds) {
      if (l.at == null) {
        return null;
      }
      if (oldest == null || l.at.isBefore(oldest.at)) {
        oldest = l;
      }
    }
    return oldest == null ? null : oldest.text;
  }
}
