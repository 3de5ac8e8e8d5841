package dev.drydock.engine;

import java.util.AbstractList;
import java.util.List;

/** A scan's warnings list that also tells the listener of each warning as it is added. */
final class Warnings extends AbstractList<String> {
  private final List<String> kept;
  private final Listener listener;

  /** @param kept where warnings are kept for the result (synchronized when shared between threads) */
  Warnings(List<String> kept, Listener listener) {
    this.kept = kept;
    this.listener = listener;
  }

  @Override
  public boolean add(String warning) {
    kept.add(warning);
    listener.warning(warning);
    return true;
  }

  @Override
  public String get(int index) {
    return kept.get(index);
  }

  @Override
  public int size() {
    return kept.size();
  }
}
