package dev.drydock.model.archfixture;

import dev.drydock.engine.Scanner;

/**
 * A deliberate upward import (the model reaching the engine) for ModuleArrowsTest to catch. Test code only:
 * never on the main class path.
 */
public final class UpwardImport {
  private UpwardImport() {}

  public static Class<?> reachUp() {
    return Scanner.class;
  }
}
