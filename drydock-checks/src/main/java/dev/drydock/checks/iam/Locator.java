package dev.drydock.checks.iam;

import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.doc.Loc;

/**
 * Where a JSON pointer of a policy document is in the checked file. A policy document that a template
 * gives as a JSON string has no locations of its own: all of it is reported where the string is.
 */
public interface Locator {
  /** Where the value at {@code pointer} starts. */
  Loc at(String pointer);

  /** Where the key naming the value at {@code pointer} starts (the value's location for list items). */
  Loc keyAt(String pointer);

  /** Locations from a parsed document. */
  static Locator of(Doc doc) {
    return new Locator() {
      @Override
      public Loc at(String pointer) {
        return doc.at(pointer);
      }

      @Override
      public Loc keyAt(String pointer) {
        return doc.keyAt(pointer);
      }
    };
  }

  /** Every pointer at one place. */
  static Locator fixed(Loc loc) {
    return new Locator() {
      @Override
      public Loc at(String pointer) {
        return loc;
      }

      @Override
      public Loc keyAt(String pointer) {
        return loc;
      }
    };
  }
}
