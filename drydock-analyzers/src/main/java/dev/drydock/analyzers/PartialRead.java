package dev.drydock.analyzers;

import dev.drydock.model.Fact;
import java.io.IOException;
import java.util.List;

/**
 * An analyzer read part of a file and stopped at a bound (the secret scanner's time per file): the facts found
 * before it are kept and the message is reported as one of the layer's warnings, naming the file.
 */
public final class PartialRead extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient List<Fact> facts;

  /** @param message what stopped the read, without the file's path (the caller adds layer and path) */
  public PartialRead(List<Fact> facts, String message) {
    super(message);
    this.facts = List.copyOf(facts);
  }

  /** What was found before the bound. */
  public List<Fact> facts() {
    return facts;
  }
}
