package dev.drydock.version.gem;

/**
 * One run of a gem version: a number (digits without leading zeros) or letters. Letters sort below
 * numbers and among themselves by byte order, case-sensitively, as Ruby's String#<=> does.
 */
record Segment(String value, boolean isNumber) implements Comparable<Segment> {
  static final Segment ZERO = new Segment("0", true);

  static Segment number(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return new Segment(digits.substring(i), true);
  }

  static Segment text(String letters) {
    return new Segment(letters, false);
  }

  boolean isZero() {
    return isNumber && value.equals("0");
  }

  @Override
  public int compareTo(Segment o) {
    if (isNumber != o.isNumber) {
      return isNumber ? 1 : -1;
    }
    if (isNumber) {
      int byLength = Integer.compare(value.length(), o.value.length());
      return byLength != 0 ? byLength : value.compareTo(o.value);
    }
    return value.compareTo(o.value);
  }
}
