package dev.drydock.vulndb.feed;

import dev.drydock.model.DrydockException;

/** A feed file that cannot be read at all (a record-level problem is a skip, not this). */
public class FeedException extends DrydockException {
  private static final long serialVersionUID = 1L;

  public FeedException(String message) {
    super(message);
  }

  public FeedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Longest parser message kept in {@link #malformed}. */
  private static final int MAX_REASON = 160;

  /**
   * {@code <location>: malformed <what> at line N: <the parser's message>}, on one line: YAML and JSON parsers
   * write several lines (a snippet of the input and a caret), which would fill the terminal.
   */
  public static FeedException malformed(String location, String what, com.fasterxml.jackson.core.JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    return new FeedException(location + ": malformed " + what + line(e) + ": " + oneLine(message), e);
  }

  private static String line(com.fasterxml.jackson.core.JsonProcessingException e) {
    com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() <= 0 ? "" : " at line " + at.getLineNr();
  }

  /** The first line of {@code message}, at most {@value #MAX_REASON} characters. */
  public static String oneLine(String message) {
    String s = message == null ? "" : message.strip();
    int newline = s.indexOf('\n');
    if (newline >= 0) {
      s = s.substring(0, newline).strip();
    }
    return s.length() > MAX_REASON ? s.substring(0, MAX_REASON - 3) + "..." : s;
  }
}
