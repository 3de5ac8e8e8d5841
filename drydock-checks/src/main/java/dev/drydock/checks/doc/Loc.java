package dev.drydock.checks.doc;

/** A 1-based line and column in a checked file. */
public record Loc(int line, int column) {
  public static final Loc START = new Loc(1, 1);
}
