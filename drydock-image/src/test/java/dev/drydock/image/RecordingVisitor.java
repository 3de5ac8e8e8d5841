package dev.drydock.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Records every callback as a line, and the content of wanted files. */
final class RecordingVisitor implements LayerVisitor {
  final List<String> events = new ArrayList<>();
  final Map<String, String> contents = new LinkedHashMap<>();
  private final Predicate<String> wanted;

  RecordingVisitor(Predicate<String> wanted) {
    this.wanted = wanted;
  }

  static RecordingVisitor all() {
    return new RecordingVisitor(p -> true);
  }

  static RecordingVisitor none() {
    return new RecordingVisitor(p -> false);
  }

  @Override
  public void entry(String path, EntryType type, long size, int mode, int uid, int gid) {
    events.add("entry " + path + " " + type + " " + size + " " + Integer.toOctalString(mode) + " " + uid + ":" + gid);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    return wanted.test(path);
  }

  @Override
  public void file(String path, long size, int mode, InputStream content) throws IOException {
    contents.put(path, new String(content.readAllBytes(), StandardCharsets.UTF_8));
  }

  @Override
  public void whiteout(String path) {
    events.add("whiteout " + path);
  }

  @Override
  public void opaqueDir(String dir) {
    events.add("opaque " + dir);
  }

  @Override
  public void link(String path, String target, boolean hard) {
    events.add((hard ? "hardlink " : "symlink ") + path + " -> " + target);
  }
}
