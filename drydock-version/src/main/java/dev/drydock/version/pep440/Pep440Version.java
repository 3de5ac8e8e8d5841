package dev.drydock.version.pep440;

import java.util.List;

/**
 * A parsed PEP 440 version. {@code pre}, {@code post}, {@code dev} and {@code local} are null when absent.
 */
record Pep440Version(Num epoch, List<Num> release, Pre pre, Num post, Num dev, List<String> local)
    implements Comparable<Pep440Version> {

  /** A pre-release: label {@code a}, {@code b} or {@code rc} (which sort alphabetically) and number. */
  record Pre(String label, Num number) implements Comparable<Pre> {
    @Override
    public int compareTo(Pre o) {
      int c = label.compareTo(o.label);
      return c != 0 ? c : number.compareTo(o.number);
    }
  }

  @Override
  public int compareTo(Pep440Version o) {
    int c = epoch.compareTo(o.epoch);
    if (c == 0) {
      c = compareRelease(release, o.release);
    }
    if (c == 0) {
      c = Integer.compare(preRank(), o.preRank());
      if (c == 0 && pre != null) {
        c = pre.compareTo(o.pre);
      }
    }
    if (c == 0) {
      c = compareAbsentLowest(post, o.post);
    }
    if (c == 0) {
      // a version without a dev part sorts after every dev release of it
      c = dev == null ? (o.dev == null ? 0 : 1) : (o.dev == null ? -1 : dev.compareTo(o.dev));
    }
    if (c == 0) {
      c = compareLocal(local, o.local);
    }
    return c;
  }

  /**
   * Where the pre-release part puts this version: 0 for a bare dev release ({@code 1.0.dev1} sorts
   * before {@code 1.0a1}), 1 for a pre-release, 2 for no pre-release.
   */
  private int preRank() {
    if (pre != null) {
      return 1;
    }
    return post == null && dev != null ? 0 : 2;
  }

  private static int compareAbsentLowest(Num a, Num b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }

  private static int compareRelease(List<Num> a, List<Num> b) {
    int n = Math.max(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      Num x = i < a.size() ? a.get(i) : Num.ZERO;
      Num y = i < b.size() ? b.get(i) : Num.ZERO;
      int c = x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** No local part sorts first; segments compare numeric above alphanumeric, then a shorter prefix first. */
  private static int compareLocal(List<String> a, List<String> b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = compareLocalSegment(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareLocalSegment(String x, String y) {
    boolean xn = isDigits(x);
    boolean yn = isDigits(y);
    if (xn && yn) {
      return Num.of(x).compareTo(Num.of(y));
    }
    if (xn != yn) {
      return xn ? 1 : -1;
    }
    return x.compareTo(y);
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (!epoch.isZero()) {
      sb.append(epoch).append('!');
    }
    for (int i = 0; i < release.size(); i++) {
      sb.append(i == 0 ? "" : ".").append(release.get(i));
    }
    if (pre != null) {
      sb.append(pre.label()).append(pre.number());
    }
    if (post != null) {
      sb.append(".post").append(post);
    }
    if (dev != null) {
      sb.append(".dev").append(dev);
    }
    if (local != null) {
      sb.append('+').append(String.join(".", local));
    }
    return sb.toString();
  }
}
