package dev.drydock.secrets;

import dev.drydock.model.ExposedSecret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Finds secrets in file contents. One Aho-Corasick automaton over every rule's keywords selects the
 * rules worth running; each selected rule's regex runs only on a window of lines around its keyword
 * hits. Thread-safe once built.
 */
public final class SecretScanner {
  /** Files with a NUL byte in this many leading bytes are treated as binary and skipped. */
  static final int BINARY_PROBE = 8192;
  /** Characters added on each side of a keyword hit's line before the regex runs. */
  static final int WINDOW = 300;
  /** Marker that suppresses findings on its line. */
  static final String ALLOW_MARKER = "drydock:allow";

  private final List<Rule> rules;
  private final Map<String, List<Integer>> rulesByKeyword = new HashMap<>();
  private final Trie trie;

  /** A scanner over the built-in rules. */
  public SecretScanner() {
    this(BuiltinRules.all());
  }

  /** A scanner over the given rules; overlapping matches go to the rule listed first. */
  public SecretScanner(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    Trie.TrieBuilder builder = Trie.builder().ignoreCase();
    for (int i = 0; i < this.rules.size(); i++) {
      for (String keyword : this.rules.get(i).keywords()) {
        List<Integer> ids = rulesByKeyword.computeIfAbsent(keyword, k -> new ArrayList<>());
        if (ids.isEmpty()) {
          builder.addKeyword(keyword);
        }
        if (!ids.contains(i)) {
          ids.add(i);
        }
      }
    }
    this.trie = builder.build();
  }

  /** The secrets in one file, in order of position; empty for binary content. */
  public List<ExposedSecret> scan(String path, byte[] content) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    if (isBinary(content)) {
      return List.of();
    }
    String text = new String(content, StandardCharsets.UTF_8);
    int[] lineStarts = lineStarts(text);
    Map<Integer, List<int[]>> windows = new LinkedHashMap<>();
    List<Emit> emits = new ArrayList<>(trie.parseText(text));
    emits.sort(Comparator.comparingInt(Emit::getStart));
    for (Emit emit : emits) {
      List<Integer> ids = rulesByKeyword.get(emit.getKeyword().toLowerCase(java.util.Locale.ROOT));
      if (ids == null) {
        continue;
      }
      int[] window = window(text, emit.getStart(), emit.getEnd() + 1);
      for (int id : ids) {
        addWindow(windows.computeIfAbsent(id, k -> new ArrayList<>()), window);
      }
    }
    List<int[]> claimed = new ArrayList<>();
    List<Hit> hits = new ArrayList<>();
    for (int id = 0; id < rules.size(); id++) {
      List<int[]> ruleWindows = windows.get(id);
      if (ruleWindows == null) {
        continue;
      }
      Rule rule = rules.get(id);
      for (int[] w : ruleWindows) {
        Matcher m = rule.regex().matcher(text);
        m.region(w[0], w[1]);
        m.useTransparentBounds(true);
        while (m.find()) {
          int group = m.group(rule.secretGroup()) != null ? rule.secretGroup() : 0;
          String secret = m.group(group);
          int start = m.start(group);
          int end = m.end(group);
          if (accepted(rule, secret) && !overlaps(claimed, start, end)) {
            int line = lineOf(lineStarts, m.start());
            if (!allowedInline(text, lineStarts, line)) {
              claimed.add(new int[] {start, end});
              hits.add(new Hit(rule, m.start(), line, m.start() - lineStarts[line - 1] + 1, secret));
            }
          }
        }
      }
    }
    hits.sort(Comparator.comparingInt(Hit::offset).thenComparing(h -> h.rule().id()));
    List<ExposedSecret> findings = new ArrayList<>(hits.size());
    for (Hit h : hits) {
      findings.add(
          ExposedSecret.inFile(h.rule().id(), h.rule().severity(), h.rule().description(), path, h.line(), h.column(),
              redact(h.secret()), fingerprint(h.rule().id(), path, h.line(), h.secret())));
    }
    return List.copyOf(findings);
  }

  static boolean isBinary(byte[] content) {
    int n = Math.min(content.length, BINARY_PROBE);
    for (int i = 0; i < n; i++) {
      if (content[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** First 4 characters and "****"; only "****" when the secret is 8 characters or less. */
  static String redact(String secret) {
    return (secret.length() > 8 ? secret.substring(0, 4) : "") + "****";
  }

  static String fingerprint(String ruleId, String path, int line, String secret) {
    return Hashes.sha256(ruleId + ":" + path + ":" + line + ":" + Hashes.sha256(secret));
  }

  private static boolean accepted(Rule rule, String secret) {
    if (rule.entropy() != null && Entropy.shannon(secret) < rule.entropy()) {
      return false;
    }
    return !rule.allowed(secret);
  }

  private static boolean overlaps(List<int[]> claimed, int start, int end) {
    for (int[] c : claimed) {
      if (start < c[1] && c[0] < end) {
        return true;
      }
    }
    return false;
  }

  /** From the start of the line holding hitStart - WINDOW to the end of the line holding hitEnd + WINDOW. */
  private static int[] window(String text, int hitStart, int hitEnd) {
    int from = Math.max(0, hitStart - WINDOW);
    int to = Math.min(text.length(), hitEnd + WINDOW);
    int start = text.lastIndexOf('\n', from - 1) + 1;
    int nl = text.indexOf('\n', to);
    int end = nl < 0 ? text.length() : nl;
    return new int[] {start, end};
  }

  private static void addWindow(List<int[]> windows, int[] w) {
    if (!windows.isEmpty()) {
      int[] last = windows.get(windows.size() - 1);
      if (w[0] <= last[1]) {
        last[1] = Math.max(last[1], w[1]);
        return;
      }
    }
    windows.add(new int[] {w[0], w[1]});
  }

  private static int[] lineStarts(String text) {
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    return Arrays.copyOf(starts, n);
  }

  /** 1-based line holding the offset. */
  private static int lineOf(int[] lineStarts, int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return i >= 0 ? i + 1 : -i - 1;
  }

  private static boolean allowedInline(String text, int[] lineStarts, int line) {
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] : text.length();
    return text.substring(start, end).contains(ALLOW_MARKER);
  }

  private record Hit(Rule rule, int offset, int line, int column, String secret) {}
}
