package dev.drydock.daemon;

import dev.drydock.image.LayerVisitor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Records the paths a walk visits. */
final class RecordingEntries implements LayerVisitor {
  final List<String> paths = new ArrayList<>();

  @Override
  public void entry(String path, EntryType type, long size, int mode, int uid, int gid) {
    paths.add(path);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    return false;
  }

  @Override
  public void file(String path, long size, int mode, InputStream content) {}
}
