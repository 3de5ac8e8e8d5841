package dev.drydock.image.archive;

import dev.drydock.image.BlobOrigin;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** Named files of an archive or layout directory ({@code manifest.json}, {@code blobs/sha256/...}). */
interface Blobs extends Closeable {

  boolean has(String name);

  /** Size in bytes, -1 when absent. */
  long size(String name);

  /** A fresh stream over the named file; safe to call from several threads. */
  InputStream open(String name) throws IOException;

  /**
   * The file holding the named blob, stat'ed now; null when it cannot be stat'ed with unix attributes.
   *
   * @param expectedDigest what the blob's bytes must hash to, or null when the archive does not say
   */
  BlobOrigin origin(String name, String expectedDigest) throws IOException;

  /** Normalises a name as written in a manifest: no leading {@code ./} or {@code /}. */
  static String clean(String name) {
    String n = name;
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.startsWith("./") ? n.substring(2) : n.substring(1);
    }
    while (n.endsWith("/")) {
      n = n.substring(0, n.length() - 1);
    }
    return n;
  }
}
