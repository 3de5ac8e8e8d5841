package dev.drydock.image.archive;

import dev.drydock.image.Layer;

/**
 * Where a layer's blob lives and what its bytes must hash to.
 *
 * @param blobName file name inside the archive or layout
 * @param expectedBlobDigest digest the stored bytes must have; null when the archive does not say
 *     (legacy docker-archive {@code <id>/layer.tar}), in which case only the diffID is verified
 */
record LayerRef(Layer layer, String blobName, String expectedBlobDigest) {}
