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
 * @param maxCompressionRatio a nested entry inflating to more than this many times its compressed size
 *     (and more than {@link #RATIO_FLOOR} bytes) is a zip bomb and is skipped as soon as that is seen;
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

  /** The most bytes a nested entry of {@code compressedSize} (negative when unknown) may inflate to. */
  long entryCap(long compressedSize) {
    long cap = maxNestedEntryBytes;
    if (compressedSize >= 0 && compressedSize < Long.MAX_VALUE / maxCompressionRatio) {
      cap = Math.min(cap, Math.max(RATIO_FLOOR, compressedSize * maxCompressionRatio));
    }
    return cap;
  }

  /** Largest manifest or pom.properties read (they are a few KB in practice). */
  static final int MAX_METADATA_BYTES = 1 << 20;
}
