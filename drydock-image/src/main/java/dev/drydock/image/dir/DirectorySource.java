package dev.drydock.image.dir;

import dev.drydock.image.ImageSource;
import dev.drydock.image.Layer;
import dev.drydock.image.LayerVisitor;
import dev.drydock.image.LayerVisitor.EntryType;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ImageConfig;
import dev.drydock.model.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** A directory walked as one pseudo-layer; symlinks are reported, never followed. */
final class DirectorySource implements ImageSource {
  private final Path root;
  private final Target target;
  private final List<Layer> layers = List.of(new Layer(0, null, null, null, -1, null));

  DirectorySource(Path root, String kind) {
    this.root = root;
    this.target = new Target(kind, root.toString(), null, null, List.of(), null);
  }

  @Override
  public Target target() {
    return target;
  }

  @Override
  public ImageConfig config() {
    return null;
  }

  @Override
  public List<Layer> layers() {
    return layers;
  }

  @Override
  public String walk(Layer layer, LayerVisitor visitor) throws IOException {
    if (!layers.get(0).equals(layer)) {
      throw new IllegalArgumentException("layer " + layer.index() + " does not belong to " + target.name());
    }
    Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            if (!dir.equals(root)) {
              if (isKernelFilesystem(dir)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              report(dir, attrs, visitor);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            report(file, attrs, visitor);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            throw new DrydockException("cannot read " + (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
                ? "directory " : "") + file + ": " + Directories.reason(e));
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null) {
              throw new DrydockException("cannot read directory " + dir + ": " + Directories.reason(e));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return null; // a directory has no digest to verify
  }

  /**
   * A live system's {@code proc}, {@code sys} and {@code dev} hold no packages and endless pseudo-files; a
   * root filesystem scan skips them (only directly below the root, only for root filesystems).
   */
  private boolean isKernelFilesystem(Path dir) {
    if (!target.kind().equals("rootfs") || !root.equals(dir.getParent())) {
      return false;
    }
    String name = dir.getFileName().toString();
    return name.equals("proc") || name.equals("sys") || name.equals("dev");
  }

  private void report(Path p, BasicFileAttributes attrs, LayerVisitor visitor) throws IOException {
    String path = relative(p);
    EntryType type = attrs.isSymbolicLink() ? EntryType.SYMLINK
        : attrs.isDirectory() ? EntryType.DIRECTORY
        : attrs.isRegularFile() ? EntryType.FILE
        : EntryType.OTHER;
    int[] owner = ownership(p, type);
    long size = type == EntryType.FILE ? attrs.size() : 0;
    visitor.entry(path, type, size, owner[0], owner[1], owner[2]);
    try {
      if (type == EntryType.SYMLINK) {
        visitor.link(path, Files.readSymbolicLink(p).toString(), false);
      } else if (type == EntryType.FILE && visitor.wants(path, size, owner[0])) {
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
          visitor.file(path, size, owner[0], new NonClosing(in));
        }
      }
    } catch (java.nio.file.AccessDeniedException e) {
      throw new DrydockException("cannot read " + p + ": permission denied");
    }
  }

  private String relative(Path p) {
    StringBuilder sb = new StringBuilder();
    for (Path part : root.relativize(p)) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  /** mode (permission and setuid/setgid/sticky bits), uid, gid; defaults where the OS does not say. */
  private static int[] ownership(Path p, EntryType type) {
    try {
      Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
      return new int[] {((Integer) a.get("mode")) & 07777, (Integer) a.get("uid"), (Integer) a.get("gid")};
    } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
      // fall through to the portable views
    }
    try {
      PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      int mode = 0;
      for (PosixFilePermission perm : a.permissions()) {
        mode |= 1 << (8 - perm.ordinal());
      }
      return new int[] {mode, 0, 0};
    } catch (UnsupportedOperationException | IOException e) {
      return new int[] {type == EntryType.DIRECTORY ? 0755 : 0644, 0, 0};
    }
  }

  /** Shields the file stream from the visitor closing it. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
