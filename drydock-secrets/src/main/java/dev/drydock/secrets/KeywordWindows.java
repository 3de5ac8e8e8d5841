package dev.drydock.secrets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Per rule: the merged keyword windows a scan round runs a regex in, or the keyword hit starts (anchored rules). */
final class KeywordWindows {
  private final List<int[]>[] windows;
  private final int[][] hits;
  private final int[] hitCount;

  @SuppressWarnings("unchecked")
  KeywordWindows(int rules) {
    windows = new List[rules];
    hits = new int[rules][];
    hitCount = new int[rules];
  }

  void add(int rule, int from, int to) {
    List<int[]> list = windows[rule];
    if (list == null) {
      list = new ArrayList<>();
      windows[rule] = list;
    }
    int[] last = list.isEmpty() ? null : list.get(list.size() - 1);
    if (last != null && from <= last[1]) {
      last[0] = Math.min(last[0], from);
      last[1] = Math.max(last[1], to);
    } else {
      list.add(new int[] {from, to});
    }
  }

  void hit(int rule, int start) {
    int[] h = hits[rule];
    if (h == null) {
      h = new int[16];
      hits[rule] = h;
    } else if (hitCount[rule] == h.length) {
      h = Arrays.copyOf(h, h.length * 2);
      hits[rule] = h;
    }
    h[hitCount[rule]++] = start;
  }

  List<int[]> windows(int rule) {
    return windows[rule];
  }

  /** Sorted hit starts, or null. */
  int[] hits(int rule) {
    if (hits[rule] == null) {
      return null;
    }
    int[] h = Arrays.copyOf(hits[rule], hitCount[rule]);
    Arrays.sort(h);
    return h;
  }
}
