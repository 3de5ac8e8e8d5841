package dev.drydock.gate.score;

import java.util.Locale;

/** Letter grades of a score, best first (docs/baseline.md, "Score and grade"). */
public enum Grade {
  A_PLUS("A+", 100),
  A("A", 90),
  B("B", 75),
  C("C", 60),
  D("D", 45),
  E("E", 25),
  F("F", 0);

  private final String label;
  private final int min;

  Grade(String label, int min) {
    this.label = label;
    this.min = min;
  }

  /** {@code A+}, {@code A}, ... */
  public String label() {
    return label;
  }

  /** The lowest score with this grade. */
  public int min() {
    return min;
  }

  /** The grade of {@code score}. */
  public static Grade of(int score) {
    for (Grade g : values()) {
      if (score >= g.min) {
        return g;
      }
    }
    return F;
  }

  /** Parses {@code A+} ... {@code F}. */
  public static Grade parse(String label) {
    for (Grade g : values()) {
      if (g.label.equals(label.trim().toUpperCase(Locale.ROOT))) {
        return g;
      }
    }
    throw new IllegalArgumentException("not a grade: " + label);
  }

  /** Whether this grade is {@code other} or better. */
  public boolean atLeast(Grade other) {
    return ordinal() <= other.ordinal();
  }
}
