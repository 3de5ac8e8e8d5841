package dev.drydock.version.pep440;

/** A non-negative integer of any size, kept as its decimal digits without leading zeros. */
record Num(String digits) implements Comparable<Num> {
  static final Num ZERO = new Num("0");

  static Num of(String decimal) {
    int i = 0;
    while (i < decimal.length() - 1 && decimal.charAt(i) == '0') {
      i++;
    }
    return new Num(decimal.substring(i));
  }

  boolean isZero() {
    return digits.equals("0");
  }

  @Override
  public int compareTo(Num o) {
    int byLength = Integer.compare(digits.length(), o.digits.length());
    return byLength != 0 ? byLength : digits.compareTo(o.digits);
  }

  @Override
  public String toString() {
    return digits;
  }
}
