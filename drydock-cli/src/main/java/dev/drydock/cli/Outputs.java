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

/** Writing a report to standard output, or to a file through a temporary file renamed into place. */
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
      Path dir = target.getParent();
      if (dir != null && !Files.isDirectory(dir)) {
        throw new DrydockException("cannot write " + output + ": directory " + dir + " does not exist");
      }
      Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try {
        try (OutputStream os = Files.newOutputStream(tmp)) {
          body.write(os);
        }
        try {
          // a report is for others to read: not the owner-only mode of a temporary file
          Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: keep what it gave
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
}
