package dev.drydock.model;

import java.util.Map;

/**
 * One layer of a scanned image, as reported.
 *
 * @param index 0 for the base layer
 * @param diffId sha256 of the uncompressed layer tar (the cache key); for a directory target a
 *     synthetic id
 * @param digest digest of the blob as stored (compressed) in the image
 * @param mediaType blob media type
 * @param size blob size in bytes
 * @param createdBy the history command that made the layer; null if unknown
 * @param cached true when no analyzer had to read this layer (every fact came from the cache)
 * @param analyzers per analyzer ({@code name@version}): {@code analysed} or {@code cache}
 */
public record LayerInfo(
    int index,
    String diffId,
    String digest,
    String mediaType,
    long size,
    String createdBy,
    boolean cached,
    Map<String, String> analyzers) {}
