package dev.drydock.cli;

import dev.drydock.model.DrydockException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writing a report to standard output, or to a file through a temporary file renamed into place. What
 * {@code --output} names is respected: a symbolic link is written through (the link stays), a device, FIFO
 * or socket is written to, never replaced, and a replaced file keeps its mode, owner and group.
 */
final class Outputs {
  private Outputs() {}

  interface Body {
    void write(OutputStream out) throws IOException;
  }

  static void write(Path output, Body body, PrintWriter stdoutWriter) {
    try {
      if (output == null) {
        stdoutWriter.flush();
        OutputStream stdout = new FilterOutputStream(System.out) {
          @Override
          public void close() throws IOException {
            flush();
          }
        };
        body.write(stdout);
        stdout.flush();
        return;
      }
      Path target = output.toAbsolutePath();
      if (Files.isSymbolicLink(target)) {
        // write where the link points and keep the link: replacing it would silently cut what it served
        if (!Files.exists(target)) {
          throw new DrydockException("cannot write " + output + ": it is a symbolic link to a missing file");
        }
        target = target.toRealPath();
      }
      if (Files.isDirectory(target)) {
        throw new DrydockException("cannot write " + output + ": it is a directory");
      }
      if (Files.exists(target) && !Files.isRegularFile(target)) {
        // a device, FIFO or socket (-o /dev/null, -o /dev/stdout, a named pipe): write through it, never
        // replace it with a regular file
        try (OutputStream os = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
          body.write(os);
        }
        return;
      }
      Path dir = target.getParent();
      if (dir != null && !Files.isDirectory(dir)) {
        throw new DrydockException("cannot write " + output + ": directory " + dir + " does not exist");
      }
      PosixFileAttributes previous = posixAttributes(target);
      Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try {
        try (OutputStream os = Files.newOutputStream(tmp)) {
          body.write(os);
        }
        if (!keepOwnerAndMode(tmp, previous)) {
          // the replaced file's owner cannot be given to a new file (we are not root): write into it instead
          // of handing someone else's report to us
          try (OutputStream os = Files.newOutputStream(target, StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
            Files.copy(tmp, os);
          }
          return;
        }
        try {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new DrydockException("cannot write " + (output == null ? "standard output" : output) + ": " + e.getMessage(), e);
    }
  }

  private static PosixFileAttributes posixAttributes(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Files.readAttributes(file, PosixFileAttributes.class);
    } catch (UnsupportedOperationException e) {
      return null; // not a POSIX file system
    }
  }

  /**
   * Gives {@code tmp} the mode, owner and group of the file it replaces ({@code previous}), or a report's
   * usual 0644 for a new file. False when the owner cannot be kept.
   */
  private static boolean keepOwnerAndMode(Path tmp, PosixFileAttributes previous) throws IOException {
    try {
      if (previous == null) {
        // a report is for others to read: not the owner-only mode of a temporary file
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        return true;
      }
      Files.setPosixFilePermissions(tmp, previous.permissions());
      PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
      PosixFileAttributes now = view.readAttributes();
      try {
        if (!now.owner().equals(previous.owner())) {
          view.setOwner(previous.owner());
        }
        if (!now.group().equals(previous.group())) {
          view.setGroup(previous.group());
        }
      } catch (IOException e) {
        return false;
      }
      return true;
    } catch (UnsupportedOperationException e) {
      return true; // not a POSIX file system: keep what it gave
    }
  }
}
