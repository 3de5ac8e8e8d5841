package dev.drydock.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Copies a tar, editing or dropping entries, for negative tests. */
final class TarEdit {
  private TarEdit() {}

  static Path replace(Path in, Path out, String name, UnaryOperator<String> edit) throws IOException {
    return copy(in, out, n -> true, name, edit);
  }

  static Path drop(Path in, Path out, Predicate<String> dropped) throws IOException {
    return copy(in, out, dropped.negate(), null, null);
  }

  private static Path copy(Path in, Path out, Predicate<String> keep, String name, UnaryOperator<String> edit)
      throws IOException {
    try (InputStream fi = Files.newInputStream(in);
        TarArchiveInputStream tin = new TarArchiveInputStream(fi);
        OutputStream fo = Files.newOutputStream(out);
        TarArchiveOutputStream tout = new TarArchiveOutputStream(fo)) {
      tout.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry e;
      while ((e = tin.getNextEntry()) != null) {
        if (!keep.test(e.getName())) {
          continue;
        }
        byte[] data = tin.readAllBytes();
        if (e.getName().equals(name)) {
          data = edit.apply(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        TarArchiveEntry n = new TarArchiveEntry(e.getName());
        n.setSize(data.length);
        tout.putArchiveEntry(n);
        tout.write(data);
        tout.closeArchiveEntry();
      }
    }
    return out;
  }
}
