package dev.drydock.secrets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A case-insensitive Aho-Corasick automaton compiled to a dense transition table (one array lookup per
 * character), for the keyword prefilter. ASCII letters are folded to lower case; other characters of the
 * keywords get their own symbols, every other character maps to a symbol no keyword uses. Immutable.
 */
final class KeywordAutomaton {
  /** Receives keyword hits. */
  @FunctionalInterface
  interface Hits {
    /** Keyword {@code keyword} occupies {@code [start, end)}. */
    void hit(int keyword, int start, int end);
  }

  private final int[] lengths;
  private final int alphabet;
  private final Map<Character, Integer> extra = new HashMap<>();
  /**
   * Transitions: {@code delta[state * alphabet + symbol]} is the next state times the alphabet size, negated
   * minus one when the next state ends a keyword.
   */
  private final int[] delta;
  private final int[][] outputs;
  private final byte[] fold = new byte[128];

  /** An automaton over lower-case keywords; the index of a keyword in the list is its id. */
  KeywordAutomaton(List<String> keywords) {
    lengths = keywords.stream().mapToInt(String::length).toArray();
    // Symbol 0: every character no keyword uses; then one symbol per (lower-cased) keyword character.
    int symbols = 1;
    for (String k : keywords) {
      for (char c : k.toCharArray()) {
        if (c < 128) {
          if (fold[c] == 0) {
            fold[c] = (byte) symbols++;
          }
        } else if (!extra.containsKey(Character.toLowerCase(c))) {
          extra.put(Character.toLowerCase(c), symbols++);
        }
      }
    }
    for (int c = 'A'; c <= 'Z'; c++) {
      fold[c] = fold[c + 32];
    }
    alphabet = symbols;
    List<int[]> go = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    go.add(filled(alphabet));
    out.add(new ArrayList<>());
    for (int k = 0; k < keywords.size(); k++) {
      int s = 0;
      for (char c : keywords.get(k).toCharArray()) {
        int sym = symbol(c);
        if (go.get(s)[sym] < 0) {
          go.get(s)[sym] = go.size();
          go.add(filled(alphabet));
          out.add(new ArrayList<>());
        }
        s = go.get(s)[sym];
      }
      out.get(s).add(k);
    }
    int n = go.size();
    int[] fail = new int[n];
    delta = new int[n * alphabet];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int a = 0; a < alphabet; a++) {
      int t = go.get(0)[a];
      delta[a] = t < 0 ? 0 : t;
      if (t > 0) {
        fail[t] = 0;
        queue.add(t);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      out.get(s).addAll(out.get(fail[s]));
      for (int a = 0; a < alphabet; a++) {
        int t = go.get(s)[a];
        if (t >= 0) {
          fail[t] = delta[fail[s] * alphabet + a];
          delta[s * alphabet + a] = t;
          queue.add(t);
        } else {
          delta[s * alphabet + a] = delta[fail[s] * alphabet + a];
        }
      }
    }
    outputs = new int[n][];
    for (int s = 0; s < n; s++) {
      outputs[s] = out.get(s).isEmpty() ? null : out.get(s).stream().mapToInt(Integer::intValue).distinct().toArray();
    }
    for (int i = 0; i < delta.length; i++) {
      int t = delta[i];
      delta[i] = outputs[t] == null ? t * alphabet : -(t * alphabet) - 1;
    }
  }

  /**
   * Reports every keyword occurrence in the first {@code len} characters, in order of end position, and
   * returns the positions of the newlines (one pass over the text does both).
   */
  int[] scan(char[] chars, int len, Hits hits) {
    int s = 0;
    int[] d = delta;
    byte[] f = fold;
    boolean noExtra = extra.isEmpty();
    int[] nl = new int[64];
    int lines = 0;
    for (int i = 0; i < len; i++) {
      char c = chars[i];
      if (c == '\n') {
        if (lines == nl.length) {
          nl = Arrays.copyOf(nl, lines * 2);
        }
        nl[lines++] = i;
      }
      int sym = c < 128 ? f[c] : noExtra ? 0 : symbol(c);
      int t = d[s + sym];
      if (t >= 0) {
        s = t;
      } else {
        s = -t - 1;
        int end = i + 1;
        for (int k : outputs[s / alphabet]) {
          hits.hit(k, end - lengths[k], end);
        }
      }
    }
    return Arrays.copyOf(nl, lines);
  }

  private int symbol(char c) {
    if (c < 128) {
      return fold[c];
    }
    Integer e = extra.get(Character.toLowerCase(c));
    return e == null ? 0 : e;
  }

  private static int[] filled(int n) {
    int[] a = new int[n];
    Arrays.fill(a, -1);
    return a;
  }
}
