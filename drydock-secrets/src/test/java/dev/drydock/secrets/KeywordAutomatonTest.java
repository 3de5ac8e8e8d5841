package dev.drydock.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeywordAutomatonTest {
  private static List<String> hits(KeywordAutomaton a, List<String> keywords, String text) {
    List<String> out = new ArrayList<>();
    a.scan(text.toCharArray(), text.length(), (k, start, end) -> out.add(keywords.get(k) + "@" + start + "-" + end));
    return out;
  }

  @Test
  void findsOverlappingKeywordsCaseInsensitively() {
    List<String> kw = List.of("he", "she", "his", "hers", "xoxb-", "ü_key");
    KeywordAutomaton a = new KeywordAutomaton(kw);
    assertThat(hits(a, kw, "uSHErs xOxB-1 Ü_KEY")).containsExactly("she@1-4", "he@2-4", "hers@2-6", "xoxb-@7-12",
        "ü_key@14-19");
  }

  @Test
  void agreesWithNaiveSearchOnRandomText() {
    List<String> kw = List.of("ab", "abc", "bca", "c", "aaa", "a-b");
    KeywordAutomaton a = new KeywordAutomaton(kw);
    Random r = new Random(3);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      sb.append("aAbBc-\n".charAt(r.nextInt(7)));
    }
    String text = sb.toString();
    List<String> expected = new ArrayList<>();
    String lower = text.toLowerCase(Locale.ROOT);
    for (int end = 1; end <= text.length(); end++) {
      for (String k : kw) {
        if (end >= k.length() && lower.startsWith(k, end - k.length())) {
          expected.add(k + "@" + (end - k.length()) + "-" + end);
        }
      }
    }
    assertThat(hits(a, kw, text)).containsExactlyInAnyOrderElementsOf(expected);
    int[] nl = a.scan(text.toCharArray(), text.length(), (k, s, e) -> { });
    assertThat(nl).hasSize((int) text.chars().filter(c -> c == '\n').count());
    for (int p : nl) {
      assertThat(text.charAt(p)).isEqualTo('\n');
    }
  }
}
