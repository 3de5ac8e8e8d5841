package dev.drydock.analyzers.lang.java;

/** Inflated bytes and nested archives still allowed for one outer archive. Not thread-safe. */
final class Budget {
  private long bytesLeft;
  private int archivesLeft;

  Budget(ArchiveLimits limits) {
    this.bytesLeft = limits.maxTotalInflatedBytes();
    this.archivesLeft = limits.maxNestedArchives();
  }

  /** Spends {@code n} bytes; false once the budget is exhausted. */
  boolean spend(long n) {
    bytesLeft -= n;
    return bytesLeft >= 0;
  }

  long bytesLeft() {
    return Math.max(0, bytesLeft);
  }

  boolean takeArchive() {
    return archivesLeft-- > 0;
  }
}
