package dev.drydock.web;

import java.util.Locale;

/** One Set-Cookie header's name and security attributes. */
record SetCookie(String name, boolean secure, boolean httpOnly, String sameSite) {

  /** The cookie, or null when the header has no {@code name=} part (malformed: ignored). */
  static SetCookie parse(String header) {
    String[] parts = header.split(";");
    int eq = parts[0].indexOf('=');
    if (eq <= 0) {
      return null;
    }
    String name = parts[0].substring(0, eq).strip();
    boolean secure = false;
    boolean httpOnly = false;
    String sameSite = null;
    for (int i = 1; i < parts.length; i++) {
      String a = parts[i].strip();
      int e = a.indexOf('=');
      String key = (e < 0 ? a : a.substring(0, e)).strip().toLowerCase(Locale.ROOT);
      switch (key) {
        case "secure" -> secure = true;
        case "httponly" -> httpOnly = true;
        case "samesite" -> sameSite = e < 0 ? "" : a.substring(e + 1).strip();
        default -> { }
      }
    }
    return new SetCookie(name, secure, httpOnly, sameSite);
  }
}
