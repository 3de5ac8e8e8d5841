package dev.drydock.secrets.crypto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The keyword prefilter: finds every occurrence of a fixed set of ASCII literals, ignoring ASCII case. With the
 * 15-30 literals a language has, one ASCII-lowercased copy of the text plus {@link String#indexOf(String, int)}
 * per literal (a vectorised intrinsic) measured about three times faster than the Aho-Corasick library on the
 * Python standard library, so this is what runs. Offsets are those of the original text.
 */
final class Keywords {
  private final List<String> literals;

  Keywords(Set<String> literals) {
    for (String l : literals) {
      if (l.isEmpty() || !l.chars().allMatch(c -> c < 128) || !l.equals(l.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("keywords must be non-empty lowercase ASCII: " + l);
      }
    }
    this.literals = List.copyOf(literals);
  }

  /** Offsets of each literal that occurs in the text, ascending; literals that do not occur are absent. */
  Map<String, List<Integer>> find(String text) {
    String lower = lower(text);
    Map<String, List<Integer>> found = new HashMap<>();
    for (String literal : literals) {
      int i = lower.indexOf(literal);
      if (i < 0) {
        continue;
      }
      List<Integer> at = new ArrayList<>();
      for (; i >= 0; i = lower.indexOf(literal, i + 1)) {
        at.add(i);
      }
      found.put(literal, at);
    }
    return found;
  }

  /**
   * A lowercase copy with the same offsets: {@link String#toLowerCase} (fast on Latin-1 text) unless it changed
   * the length (a dotted capital I becomes two chars), then ASCII-only lowercasing.
   */
  static String lower(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.length() == text.length() ? lower : asciiLower(text);
  }

  /** Lowercases ASCII letters only, so every offset stays where it was. */
  static String asciiLower(String text) {
    int first = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        first = i;
        break;
      }
    }
    if (first < 0) {
      return text;
    }
    char[] chars = text.toCharArray();
    for (int i = first; i < chars.length; i++) {
      char c = chars[i];
      if (c >= 'A' && c <= 'Z') {
        chars[i] = (char) (c + ('a' - 'A'));
      }
    }
    return new String(chars);
  }
}
