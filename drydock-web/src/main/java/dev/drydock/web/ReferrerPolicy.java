package dev.drydock.web;

import java.util.List;
import java.util.Locale;

/** Referrer-Policy values as browsers read them: the last one they know wins. */
final class ReferrerPolicy {
  private ReferrerPolicy() {}

  static final List<String> PRIVATE = List.of("no-referrer", "same-origin", "strict-origin",
      "strict-origin-when-cross-origin");
  static final List<String> UNSAFE = List.of("origin", "origin-when-cross-origin", "unsafe-url",
      "no-referrer-when-downgrade");

  /** The policy in force (the last known token), null when none is valid. */
  static String effective(String header) {
    String found = null;
    for (String t : header.split(",")) {
      String v = t.strip().toLowerCase(Locale.ROOT);
      if (PRIVATE.contains(v) || UNSAFE.contains(v)) {
        found = v;
      }
    }
    return found;
  }

  static boolean unsafe(String header) {
    String e = effective(header);
    return e == null || UNSAFE.contains(e);
  }
}
