package dev.drydock.checks.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audited host's file system seen from its root directory, as a process chrooted there would see it:
 * absolute symbolic links ({@code /var/run -> /run}) are followed inside the root, never out of it, so an
 * audit of a mounted host image reads nothing of the machine drydock runs on.
 */
final class HostRoot {
  /** Largest text file read (daemon.json, unit files, audit rules). */
  static final long MAX_TEXT = 1024 * 1024;
  private static final int MAX_HOPS = 40;

  private final Path root;
  private final List<String> errors = new ArrayList<>();

  HostRoot(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Whether this is the running system's own root ({@code /}). */
  boolean live() {
    return root.getParent() == null;
  }

  /** How a host path is shown: the root's path joined with it ({@code /mnt/host/etc/docker/daemon.json}). */
  String display(String hostPath) {
    return root.resolve(hostPath.substring(1)).toString();
  }

  /** The real file behind host path {@code hostPath} (absolute), links resolved inside the root; empty if it loops. */
  Optional<Path> resolve(String hostPath) {
    Deque<String> todo = new ArrayDeque<>(List.of(hostPath.split("/")));
    List<String> done = new ArrayList<>();
    int hops = 0;
    try {
      while (!todo.isEmpty()) {
        String c = todo.pollFirst();
        if (c.isEmpty() || c.equals(".")) {
          continue;
        }
        if (c.equals("..")) {
          if (!done.isEmpty()) {
            done.remove(done.size() - 1);
          }
          continue;
        }
        Path candidate = join(done).resolve(c);
        if (Files.isSymbolicLink(candidate)) {
          if (++hops > MAX_HOPS) {
            return Optional.empty();
          }
          String target = Files.readSymbolicLink(candidate).toString();
          if (target.startsWith("/")) {
            done.clear();
          }
          String[] parts = target.split("/");
          for (int i = parts.length - 1; i >= 0; i--) {
            todo.addFirst(parts[i]);
          }
        } else {
          done.add(c);
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(join(done));
  }

  private Path join(List<String> parts) {
    Path p = root;
    for (String s : parts) {
      p = p.resolve(s);
    }
    return p;
  }

  /** Owner, group and mode of a file. */
  record Stat(String hostPath, int uid, int gid, int mode, boolean directory, boolean regular) {}

  /** The owner, group and mode of host path {@code hostPath}; empty if it does not exist. */
  Optional<Stat> stat(String hostPath) {
    Optional<Path> p = resolve(hostPath);
    if (p.isEmpty() || !Files.exists(p.get(), LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      Map<String, Object> a = Files.readAttributes(p.get(), "unix:uid,gid,mode,isDirectory,isRegularFile",
          LinkOption.NOFOLLOW_LINKS);
      return Optional.of(new Stat(hostPath, (Integer) a.get("uid"), (Integer) a.get("gid"),
          ((Integer) a.get("mode")) & 07777, (Boolean) a.get("isDirectory"), (Boolean) a.get("isRegularFile")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + display(hostPath) + ": " + e.getMessage(), e);
    }
  }

  boolean exists(String hostPath) {
    return stat(hostPath).isPresent();
  }

  /**
   * The text of the regular file at {@code hostPath}; empty if there is none, or if it cannot be read, which
   * {@link #errors()} then records (the audit goes on with the other files).
   */
  Optional<String> read(String hostPath) {
    Optional<Path> p = resolve(hostPath);
    if (p.isEmpty() || !Files.isRegularFile(p.get(), LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      if (Files.size(p.get()) > MAX_TEXT) {
        return unreadable(hostPath, "larger than " + MAX_TEXT + " bytes");
      }
      byte[] bytes = Files.readAllBytes(p.get());
      if (bytes.length > MAX_TEXT) { // files of /proc report size 0
        return unreadable(hostPath, "larger than " + MAX_TEXT + " bytes");
      }
      return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return unreadable(hostPath, "cannot read: " + e.getMessage());
    }
  }

  private Optional<String> unreadable(String hostPath, String why) {
    String line = display(hostPath) + ": " + why;
    if (!errors.contains(line)) {
      errors.add(line);
    }
    return Optional.empty();
  }

  /** Files that exist but could not be read, one line each ({@code file: reason}). */
  List<String> errors() {
    return errors;
  }

  /** Host paths of the entries of directory {@code hostDir} whose names end with {@code suffix}, sorted. */
  List<String> list(String hostDir, String suffix) {
    Optional<Path> p = resolve(hostDir);
    List<String> out = new ArrayList<>();
    if (p.isEmpty() || !Files.isDirectory(p.get(), LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(p.get())) {
      for (Path e : ds) {
        String name = e.getFileName().toString();
        if (name.endsWith(suffix)) {
          out.add(hostDir + "/" + name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + display(hostDir) + ": " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }

  /** Host paths of every regular file below {@code hostDir} (following no links), sorted. */
  List<String> walkFiles(String hostDir) {
    Optional<Path> p = resolve(hostDir);
    List<String> out = new ArrayList<>();
    if (p.isEmpty() || !Files.isDirectory(p.get(), LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    Path base = p.get();
    try (var s = Files.walk(base)) {
      s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
          .forEach(f -> out.add(hostDir + "/" + base.relativize(f).toString().replace('\\', '/')));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + display(hostDir) + ": " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }
}
