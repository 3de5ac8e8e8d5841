package dev.drydock.analyzers.lang.rust;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Finds one named section in an ELF file by reading only its header, section header table and
 * section name table. Every offset read from the file is checked against the file size.
 */
final class ElfSection {

  /** File offset and size of a section. */
  record Location(long offset, long size) {}

  private static final int MAX_SECTIONS = 4096;

  private ElfSection() {}

  static boolean isElf(byte[] head) {
    return head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
  }

  /** The section called {@code name}, or null when the file is no ELF or has no such section. */
  static Location find(FileChannel ch, String name) throws IOException {
    long fileSize = ch.size();
    byte[] head = read(ch, fileSize, 0, 64);
    if (head == null || !isElf(head) || (head[4] != 1 && head[4] != 2)) {
      return null;
    }
    boolean is64 = head[4] == 2;
    ByteBuffer h = ByteBuffer.wrap(head).order(head[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    long shoff = is64 ? h.getLong(40) : u32(h, 32);
    int shentsize = u16(h, is64 ? 58 : 46);
    int shnum = u16(h, is64 ? 60 : 48);
    int shstrndx = u16(h, is64 ? 62 : 50);
    if (shentsize < (is64 ? 64 : 40) || shnum == 0 || shnum > MAX_SECTIONS || shstrndx >= shnum) {
      return null;
    }
    byte[] table = read(ch, fileSize, shoff, (long) shentsize * shnum);
    if (table == null) {
      return null;
    }
    ByteBuffer t = ByteBuffer.wrap(table).order(h.order());
    Location strtab = entry(t, shstrndx * shentsize, is64);
    byte[] names = strtab.size() < (1 << 24) ? read(ch, fileSize, strtab.offset(), strtab.size()) : null;
    if (names == null) {
      return null;
    }
    byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < shnum; i++) {
      int b = i * shentsize;
      long nameOff = u32(t, b);
      if (t.getInt(b + 4) != 8 && nameMatches(names, nameOff, wanted)) { // not SHT_NOBITS
        Location loc = entry(t, b, is64);
        if (loc.offset() >= 0 && loc.size() >= 0 && loc.offset() <= fileSize - loc.size()) {
          return loc;
        }
        return null;
      }
    }
    return null;
  }

  /** {@code length} bytes at {@code offset}, or null when out of range. */
  static byte[] read(FileChannel ch, long fileSize, long offset, long length) throws IOException {
    if (offset < 0 || length < 0 || length > Integer.MAX_VALUE - 8 || offset > fileSize - length) {
      return null;
    }
    ByteBuffer buf = ByteBuffer.allocate((int) length);
    long pos = offset;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        return null;
      }
      pos += n;
    }
    return buf.array();
  }

  private static Location entry(ByteBuffer t, int b, boolean is64) {
    long offset = is64 ? t.getLong(b + 24) : u32(t, b + 16);
    long size = is64 ? t.getLong(b + 32) : u32(t, b + 20);
    return new Location(offset, size);
  }

  private static boolean nameMatches(byte[] names, long at, byte[] wanted) {
    if (at < 0 || at + wanted.length >= names.length) {
      return false;
    }
    for (int k = 0; k < wanted.length; k++) {
      if (names[(int) at + k] != wanted[k]) {
        return false;
      }
    }
    return names[(int) at + wanted.length] == 0;
  }

  private static long u32(ByteBuffer b, int at) {
    return b.getInt(at) & 0xffffffffL;
  }

  private static int u16(ByteBuffer b, int at) {
    return b.getShort(at) & 0xffff;
  }
}
