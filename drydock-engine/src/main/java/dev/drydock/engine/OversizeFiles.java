package dev.drydock.engine;

import dev.drydock.analyzers.secret.SecretAnalyzer;
import dev.drydock.image.LayerVisitor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes a layer walk through to the analysis and notes the files the secret analyzer would read but for
 * their size. Such a file, written over a smaller one that held a secret, replaces it: the inventory must
 * know, although nothing in the new file was read.
 */
final class OversizeFiles implements LayerVisitor {
  private final LayerVisitor inner;
  private final List<String> paths = new ArrayList<>();

  OversizeFiles(LayerVisitor inner) {
    this.inner = inner;
  }

  List<String> paths() {
    return paths;
  }

  @Override
  public void entry(String path, EntryType type, long size, int mode, int uid, int gid) {
    if (type == EntryType.FILE && size > SecretAnalyzer.MAX_SIZE && SecretAnalyzer.covers(path)) {
      paths.add(path);
    }
    inner.entry(path, type, size, mode, uid, gid);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    return inner.wants(path, size, mode);
  }

  @Override
  public void file(String path, long size, int mode, InputStream content) throws IOException {
    inner.file(path, size, mode, content);
  }

  @Override
  public void whiteout(String path) {
    inner.whiteout(path);
  }

  @Override
  public void opaqueDir(String dir) {
    inner.opaqueDir(dir);
  }

  @Override
  public void link(String path, String target, boolean hard) {
    inner.link(path, target, hard);
  }
}
