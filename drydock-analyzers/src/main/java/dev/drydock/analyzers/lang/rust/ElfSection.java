package dev.drydock.analyzers.lang.rust;

import dev.drydock.analyzers.lang.binary.BoundedReader;
import dev.drydock.analyzers.lang.binary.Executable;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * One named section of an ELF file, found through the shared header reader {@link Executable}. PE and
 * Mach-O files have no such section here.
 */
final class ElfSection {

  /** File offset and size of a section. */
  record Location(long offset, long size) {}

  private ElfSection() {}

  static boolean isElf(byte[] head) {
    return Executable.isElf(head);
  }

  /**
   * The first section called {@code name}, or null when the file is no ELF, has no such section or the
   * section lies outside the file.
   */
  static Location find(FileChannel ch, String name) throws IOException {
    BoundedReader in = new BoundedReader(ch); // not closed: the caller owns the channel
    Executable exe = Executable.parse(in);
    if (exe == null || exe.format() != Executable.Format.ELF) {
      return null;
    }
    Executable.Section s = exe.section(name);
    if (s == null || s.offset() < 0 || s.size() < 0 || s.offset() > in.size() - s.size()) {
      return null;
    }
    return new Location(s.offset(), s.size());
  }

  /** {@code length} bytes at {@code offset}, or null when out of range of the file or of {@code fileSize}. */
  static byte[] read(FileChannel ch, long fileSize, long offset, long length) throws IOException {
    if (length >= 0 && offset > fileSize - length) {
      return null;
    }
    return new BoundedReader(ch).read(offset, length); // bounds-checked against the file itself
  }
}
