package dev.drydock.analyzers.lang.java;

/**
 * Bounds on the work one outer archive may cause, so that a zip bomb inside a jar costs a bounded
 * amount of memory, disk and time. Passing any of them is treated as an attack, not as a reason to skip
 * content: the scan of the archive fails with a {@link dev.drydock.model.DrydockException}.
 *
 * @param maxNestedEntryBytes largest inflated size of one nested archive entry
 * @param maxDepth deepest nesting followed (the outer archive is depth 0)
 * @param maxTotalInflatedBytes inflated bytes read from all entries of one outer archive, nested levels
 *     included
 * @param maxNestedArchives nested archives opened per outer archive
 * @param inMemoryThreshold nested archives up to this size are held in memory, larger ones in a temp file
 * @param maxCompressionRatio a nested entry inflating to more than this many times its compressed size
 *     (and more than {@link #RATIO_FLOOR} bytes) is a zip bomb, stopped as soon as that is seen;
 *     archives inside archives barely compress, so legitimate ones stay far below it
 */
record ArchiveLimits(
    long maxNestedEntryBytes,
    int maxDepth,
    long maxTotalInflatedBytes,
    int maxNestedArchives,
    int inMemoryThreshold,
    long maxCompressionRatio) {

  static final ArchiveLimits DEFAULT =
      new ArchiveLimits(256L << 20, 8, 1L << 30, 10_000, 16 << 20, 100);

  /** Entries inflating to at most this many bytes are never judged by their compression ratio. */
  static final long RATIO_FLOOR = 1L << 20;

  /** Largest manifest or pom.properties read (they are a few KB in practice). */
  static final int MAX_METADATA_BYTES = 1 << 20;

  /**
   * The most bytes a nested entry of {@code compressedSize} (negative when unknown) may inflate to by
   * the compression-ratio rule; {@link Long#MAX_VALUE} when the rule does not apply.
   */
  long ratioCap(long compressedSize) {
    if (compressedSize >= 0 && compressedSize < Long.MAX_VALUE / maxCompressionRatio) {
      return Math.max(RATIO_FLOOR, compressedSize * maxCompressionRatio);
    }
    return Long.MAX_VALUE;
  }

  /** "256 MiB", "1 GiB", "300000 bytes": a limit as the user reads it. */
  static String describe(long bytes) {
    if (bytes > 0 && bytes % (1L << 30) == 0) {
      return (bytes >> 30) + " GiB";
    }
    if (bytes > 0 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    return bytes + " bytes";
  }
}
