package dev.drydock.image;

/**
 * Where the stored bytes of a layer live, for recognising them again without reading them.
 *
 * @param file the file holding the bytes (a tar archive, the gzip'd file a tar was decompressed from,
 *     or a blob file of a layout directory), stat'ed when the target was opened
 * @param entry the blob's name inside {@code file}; empty when the file is the blob itself
 * @param expectedDigest the digest the manifest (or the blob's name) promises for the bytes; null when
 *     the archive does not say (legacy docker-archive {@code <id>/layer.tar})
 */
public record BlobOrigin(FileStamp file, String entry, String expectedDigest) {}
