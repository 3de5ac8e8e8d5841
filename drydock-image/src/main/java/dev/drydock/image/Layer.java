package dev.drydock.image;

/**
 * One layer of a target.
 *
 * @param index 0 for the base layer
 * @param diffId {@code sha256:...} of the uncompressed tar, from the config's rootfs.diff_ids; null for
 *     a directory pseudo-layer
 * @param digest {@code sha256:...} of the blob as stored, from the manifest (equals diffId for
 *     uncompressed docker-archive layers); null for directories
 * @param mediaType blob media type from the manifest (null when the archive does not say)
 * @param size blob size in bytes (-1 if unknown)
 * @param createdBy history {@code created_by} of the non-empty history entry for this layer; null if unknown
 */
public record Layer(int index, String diffId, String digest, String mediaType, long size, String createdBy) {}
