package dev.drydock.image.archive;

import dev.drydock.image.BlobOrigin;
import dev.drydock.image.FileStamp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of an OCI layout directory. */
final class DirBlobs implements Blobs {
  private final Path root;

  DirBlobs(Path root) {
    this.root = root;
  }

  private Path resolve(String name) {
    String n = Blobs.clean(name);
    if (n.isEmpty() || n.equals("..") || n.startsWith("../") || n.contains("/../") || n.endsWith("/..")) {
      return null;
    }
    return root.resolve(n);
  }

  @Override
  public boolean has(String name) {
    Path p = resolve(name);
    return p != null && Files.isRegularFile(p);
  }

  @Override
  public long size(String name) {
    try {
      return has(name) ? Files.size(resolve(name)) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public InputStream open(String name) throws IOException {
    Path p = resolve(name);
    if (p == null) {
      throw new java.io.FileNotFoundException(name);
    }
    return Files.newInputStream(p);
  }

  @Override
  public BlobOrigin origin(String name, String expectedDigest) throws IOException {
    Path p = resolve(name);
    FileStamp stamp = p == null ? null : FileStamp.of(p);
    return stamp == null ? null : new BlobOrigin(stamp, "", expectedDigest);
  }

  @Override
  public void close() {}
}
