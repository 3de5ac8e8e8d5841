package dev.drydock.secrets;

/**
 * A view of a character array whose {@code charAt} checks a deadline every few thousand calls, so a regex that runs
 * too long (a backtracking pattern, a huge window) is stopped by an exception instead of hanging the scan.
 */
final class DeadlineText implements CharSequence {
  /** Thrown when the deadline has passed. */
  static final class TimedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TimedOut() {
      super("time limit reached", null, false, false);
    }
  }

  /** A per-file deadline in {@link System#nanoTime()} terms; one per scan call, not shared across threads. */
  static final class Deadline {
    private final long at;
    private int ticks;

    Deadline(long at) {
      this.at = at;
    }

    void check() {
      if (System.nanoTime() - at > 0) {
        throw new TimedOut();
      }
    }

    void tick() {
      if ((++ticks & 0xFFF) == 0) {
        check();
      }
    }
  }

  private final char[] text;
  private final int offset;
  private final int length;
  private final Deadline deadline;

  /** The first {@code length} characters of {@code text} (not copied: the caller must not change them). */
  DeadlineText(char[] text, int length, Deadline deadline) {
    this(text, 0, length, deadline);
  }

  private DeadlineText(char[] text, int offset, int length, Deadline deadline) {
    this.text = text;
    this.offset = offset;
    this.length = length;
    this.deadline = deadline;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    deadline.tick();
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException(index);
    }
    return text[offset + index];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    if (start < 0 || end > length || start > end) {
      throw new IndexOutOfBoundsException(start + ".." + end + " of " + length);
    }
    return new DeadlineText(text, offset + start, end - start, deadline);
  }

  /** Characters {@code [start, end)} as a string, without a deadline check. */
  String substring(int start, int end) {
    if (start < 0 || end > length || start > end) {
      throw new IndexOutOfBoundsException(start + ".." + end + " of " + length);
    }
    return new String(text, offset + start, end - start);
  }

  @Override
  public String toString() {
    return new String(text, offset, length);
  }
}
