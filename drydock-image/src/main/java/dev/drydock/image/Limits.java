package dev.drydock.image;

/**
 * Safety limits against decompression bombs and absurd archives. Exceeding one is bad input
 * ({@link dev.drydock.model.DrydockException}, exit code 2), named with target, layer and path.
 *
 * @param maxEntrySize largest single tar entry accepted (bytes)
 * @param maxLayerSize largest uncompressed layer accepted (bytes)
 * @param maxExpansionRatio largest uncompressed/compressed ratio accepted for a compressed layer, checked
 *     once more than {@code ratioGraceBytes} have been inflated
 * @param ratioGraceBytes uncompressed bytes allowed before the ratio is enforced
 */
public record Limits(long maxEntrySize, long maxLayerSize, double maxExpansionRatio, long ratioGraceBytes) {

  public static final Limits DEFAULT = new Limits(8L << 30, 64L << 30, 200.0, 64L << 20);
}
