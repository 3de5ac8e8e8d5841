package dev.drydock.analyzers.lang.java;

/**
 * Bounds on the work one outer archive may cause, so that a zip bomb inside a jar costs a bounded
 * amount of memory, disk and time.
 *
 * @param maxNestedEntryBytes largest inflated size of one nested archive entry; larger ones are skipped
 * @param maxDepth deepest nesting followed (the outer archive is depth 0)
 * @param maxTotalInflatedBytes inflated bytes read from all entries of one outer archive, nested levels
 *     included; once spent, further nested archives are skipped
 * @param maxNestedArchives nested archives opened per outer archive
 * @param inMemoryThreshold nested archives up to this size are held in memory, larger ones in a temp file
 */
record ArchiveLimits(
    long maxNestedEntryBytes,
    int maxDepth,
    long maxTotalInflatedBytes,
    int maxNestedArchives,
    int inMemoryThreshold) {

  static final ArchiveLimits DEFAULT =
      new ArchiveLimits(256L << 20, 8, 1L << 30, 10_000, 16 << 20);

  /** Largest manifest or pom.properties read (they are a few KB in practice). */
  static final int MAX_METADATA_BYTES = 1 << 20;
}
