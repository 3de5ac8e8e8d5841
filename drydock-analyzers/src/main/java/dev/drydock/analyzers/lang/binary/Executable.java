package dev.drydock.analyzers.lang.binary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The layout of an ELF, PE or Mach-O executable as far as needed to find data by name or by virtual
 * address: its named sections and its file-backed address ranges. Only headers are read, through a
 * {@link BoundedReader}, so no offset or size found in the file is trusted. Shared by the readers of
 * data that toolchains embed in executables (Go build info, cargo-auditable dependency lists).
 */
public final class Executable {

  /** The container format. */
  public enum Format { ELF, PE, MACH_O }

  /**
   * A named section with file content (ELF {@code SHT_NULL} and {@code SHT_NOBITS} sections are left
   * out). {@code segment} is the Mach-O segment holding it ({@code __DATA}), empty for ELF and PE, whose
   * sections have no segment name. {@code writableData} marks sections holding initialised writable data.
   */
  public record Section(String segment, String name, long address, long offset, long size, boolean writableData) {}

  /** One architecture of a universal ("fat") Mach-O file: its CPU type and where its thin Mach-O lies. */
  public record Slice(int cpuType, long offset, long size) {}

  /** A range of virtual addresses backed by file bytes. */
  public record Mapping(long address, long offset, long size, boolean writable) {}

  private static final int MAX_SECTIONS = 4096;
  private static final int MAX_LOAD_COMMANDS = 4096;
  /**
   * Most architectures a universal header may list. Java class files share the magic {@code 0xcafebabe};
   * their next four bytes (minor and major version, major at least 45) read as a count of 45 or more.
   */
  private static final int MAX_SLICES = 32;

  private final Format format;
  private final List<Section> sections = new ArrayList<>();
  private final List<Mapping> mappings = new ArrayList<>();

  private Executable(Format format) {
    this.format = format;
  }

  /** True when {@code head} (the first bytes of a file) starts with the ELF magic. */
  public static boolean isElf(byte[] head) {
    return head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
  }

  /** True when {@code head} (the first bytes of a file) starts with an ELF, PE or Mach-O magic. */
  public static boolean hasExecutableMagic(byte[] head) {
    if (isElf(head)) {
      return true;
    }
    if (head.length >= 2 && head[0] == 'M' && head[1] == 'Z') {
      return true;
    }
    return head.length >= 4 && machOMagic(head) != 0;
  }

  /**
   * True when {@code head} (at least the first 8 bytes of a file) is a universal Mach-O header:
   * {@code 0xcafebabe} (or {@code 0xcafebabf}, 64-bit offsets) and 1 to 32 architectures.
   */
  public static boolean isUniversal(byte[] head) {
    if (head.length < 8) {
      return false;
    }
    ByteBuffer h = BoundedReader.wrap(head, true);
    long magic = u32(h, 0);
    long count = u32(h, 4);
    return (magic == 0xcafebabeL || magic == 0xcafebabfL) && count >= 1 && count <= MAX_SLICES;
  }

  /**
   * The architectures of a universal Mach-O file, or null when it is none. Entries whose range lies
   * outside the file are left out; each slice is a thin Mach-O file to read through {@link
   * BoundedReader#slice} and {@link #parse}.
   */
  public static List<Slice> slices(BoundedReader in) throws IOException {
    byte[] head = in.read(0, 8);
    if (head == null || !isUniversal(head)) {
      return null;
    }
    ByteBuffer h = BoundedReader.wrap(head, true);
    boolean wide = u32(h, 0) == 0xcafebabfL;
    int count = (int) u32(h, 4);
    int entrySize = wide ? 32 : 20;
    byte[] table = in.read(8, (long) entrySize * count);
    if (table == null) {
      return null;
    }
    ByteBuffer t = BoundedReader.wrap(table, true);
    List<Slice> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int b = i * entrySize;
      int cpu = t.getInt(b);
      long offset = wide ? t.getLong(b + 8) : u32(t, b + 8);
      long size = wide ? t.getLong(b + 16) : u32(t, b + 12);
      if (offset >= 8 + table.length && size > 0 && offset <= in.size() - size) {
        out.add(new Slice(cpu, offset, size));
      }
    }
    return out;
  }

  /** Parses the headers, or returns null when the file is not a supported executable. */
  public static Executable parse(BoundedReader in) throws IOException {
    byte[] head = in.readUpTo(0, 64);
    if (head == null || head.length < 4) {
      return null;
    }
    Executable image;
    boolean ok;
    if (isElf(head)) {
      image = new Executable(Format.ELF);
      ok = image.parseElf(in, head);
    } else if (head[0] == 'M' && head[1] == 'Z') {
      image = new Executable(Format.PE);
      ok = image.parsePe(in);
    } else if (machOMagic(head) != 0) {
      image = new Executable(Format.MACH_O);
      ok = image.parseMachO(in, head);
    } else {
      return null;
    }
    return ok ? image : null;
  }

  public Format format() {
    return format;
  }

  /** Sections in header order. */
  public List<Section> sections() {
    return Collections.unmodifiableList(sections);
  }

  /**
   * File-backed address ranges: ELF {@code PT_LOAD} segments (or, without them, the sections at
   * non-zero addresses), PE sections, Mach-O segments.
   */
  public List<Mapping> mappings() {
    return Collections.unmodifiableList(mappings);
  }

  /** The first section called {@code name}, or null. */
  public Section section(String name) {
    for (Section s : sections) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** The first section called {@code name} in Mach-O segment {@code segment}, or null. */
  public Section section(String segment, String name) {
    for (Section s : sections) {
      if (s.segment().equals(segment) && s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** The file offset holding virtual address {@code address} with at least {@code length} bytes, or -1. */
  public long offsetOf(long address, long length) {
    for (Mapping m : mappings) {
      if (Long.compareUnsigned(address, m.address()) >= 0) {
        long delta = address - m.address();
        if (delta >= 0 && delta < m.size() && length <= m.size() - delta) {
          return m.offset() + delta;
        }
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- ELF

  private boolean parseElf(BoundedReader in, byte[] head) throws IOException {
    boolean is64 = head[4] == 2;
    if (!is64 && head[4] != 1 || head.length < (is64 ? 64 : 52)) {
      return false;
    }
    boolean big = head[5] == 2;
    ByteBuffer h = BoundedReader.wrap(head, big);
    long phoff = is64 ? h.getLong(32) : u32(h, 28);
    long shoff = is64 ? h.getLong(40) : u32(h, 32);
    int phentsize = u16(h, is64 ? 54 : 42);
    int phnum = u16(h, is64 ? 56 : 44);
    int shentsize = u16(h, is64 ? 58 : 46);
    int shnum = u16(h, is64 ? 60 : 48);
    int shstrndx = u16(h, is64 ? 62 : 50);

    if (phoff > 0 && phentsize >= (is64 ? 56 : 32) && phnum > 0) {
      byte[] ph = in.read(phoff, (long) phentsize * phnum);
      if (ph != null) {
        ByteBuffer p = BoundedReader.wrap(ph, big);
        for (int i = 0; i < phnum; i++) {
          int b = i * phentsize;
          if (p.getInt(b) != 1) { // PT_LOAD
            continue;
          }
          long flags = is64 ? u32(p, b + 4) : u32(p, b + 24);
          long offset = is64 ? p.getLong(b + 8) : u32(p, b + 4);
          long vaddr = is64 ? p.getLong(b + 16) : u32(p, b + 8);
          long filesz = is64 ? p.getLong(b + 32) : u32(p, b + 16);
          if (filesz > 0 && offset >= 0) {
            mappings.add(new Mapping(vaddr, offset, filesz, (flags & 2) != 0));
          }
        }
      }
    }

    if (shoff > 0 && shentsize >= (is64 ? 64 : 40) && shnum > 0 && shnum <= MAX_SECTIONS && shstrndx < shnum) {
      byte[] sh = in.read(shoff, (long) shentsize * shnum);
      if (sh != null) {
        ByteBuffer s = BoundedReader.wrap(sh, big);
        int sb = shstrndx * shentsize;
        long strOff = is64 ? s.getLong(sb + 24) : u32(s, sb + 16);
        long strSize = is64 ? s.getLong(sb + 32) : u32(s, sb + 20);
        byte[] names = strSize > 0 && strSize < (1 << 24) ? in.read(strOff, strSize) : null;
        for (int i = 0; i < shnum && names != null; i++) {
          int b = i * shentsize;
          int type = s.getInt(b + 4);
          if (type == 8 || type == 0) { // SHT_NOBITS, SHT_NULL
            continue;
          }
          long flags = is64 ? s.getLong(b + 8) : u32(s, b + 8);
          long addr = is64 ? s.getLong(b + 16) : u32(s, b + 12);
          long offset = is64 ? s.getLong(b + 24) : u32(s, b + 16);
          long size = is64 ? s.getLong(b + 32) : u32(s, b + 20);
          String name = cString(names, (int) Math.min(u32(s, b), Integer.MAX_VALUE));
          sections.add(new Section("", name, addr, offset, size, (flags & 1) != 0));
        }
      }
    }
    if (mappings.isEmpty()) {
      for (Section s : sections) {
        if (s.address() != 0) {
          mappings.add(new Mapping(s.address(), s.offset(), s.size(), s.writableData()));
        }
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- PE

  private boolean parsePe(BoundedReader in) throws IOException {
    byte[] lfa = in.read(0x3c, 4);
    if (lfa == null) {
      return false;
    }
    long peOff = u32(BoundedReader.wrap(lfa, false), 0);
    byte[] coff = in.read(peOff, 24);
    if (coff == null || coff[0] != 'P' || coff[1] != 'E' || coff[2] != 0 || coff[3] != 0) {
      return false;
    }
    ByteBuffer c = BoundedReader.wrap(coff, false);
    int nsect = u16(c, 6);
    int optSize = u16(c, 20);
    byte[] opt = in.read(peOff + 24, Math.max(optSize, 32));
    if (opt == null || nsect > MAX_SECTIONS) {
      return false;
    }
    ByteBuffer o = BoundedReader.wrap(opt, false);
    int magic = u16(o, 0);
    long imageBase;
    if (magic == 0x20b) {
      imageBase = o.getLong(24);
    } else if (magic == 0x10b) {
      imageBase = u32(o, 28);
    } else {
      return false;
    }
    byte[] table = in.read(peOff + 24 + optSize, 40L * nsect);
    if (table == null) {
      return false;
    }
    ByteBuffer t = BoundedReader.wrap(table, false);
    for (int i = 0; i < nsect; i++) {
      int b = i * 40;
      String name = cString(table, b, 8);
      long vsize = u32(t, b + 8);
      long rva = u32(t, b + 12);
      long rawSize = u32(t, b + 16);
      long rawPtr = u32(t, b + 20);
      long chars = u32(t, b + 36);
      long size = vsize == 0 ? rawSize : Math.min(vsize, rawSize);
      boolean data = (chars & 0x40L) != 0 && (chars & 0x40000000L) != 0 && (chars & 0x80000000L) != 0;
      sections.add(new Section("", name, imageBase + rva, rawPtr, size, data));
      if (size > 0) {
        mappings.add(new Mapping(imageBase + rva, rawPtr, size, (chars & 0x80000000L) != 0));
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- Mach-O

  /** 32 or 64 for a thin Mach-O header (negated when big-endian), 0 otherwise. */
  private static int machOMagic(byte[] h) {
    int le = (h[0] & 0xff) | (h[1] & 0xff) << 8 | (h[2] & 0xff) << 16 | (h[3] & 0xff) << 24;
    int be = (h[3] & 0xff) | (h[2] & 0xff) << 8 | (h[1] & 0xff) << 16 | (h[0] & 0xff) << 24;
    if (le == 0xfeedface) {
      return 32;
    }
    if (le == 0xfeedfacf) {
      return 64;
    }
    if (be == 0xfeedface) {
      return -32;
    }
    if (be == 0xfeedfacf) {
      return -64;
    }
    return 0;
  }

  private boolean parseMachO(BoundedReader in, byte[] head) throws IOException {
    int kind = machOMagic(head);
    boolean big = kind < 0;
    boolean is64 = Math.abs(kind) == 64;
    if (head.length < 32) {
      return false;
    }
    ByteBuffer h = BoundedReader.wrap(head, big);
    long ncmds = u32(h, 16);
    long sizeofcmds = u32(h, 20);
    if (ncmds > MAX_LOAD_COMMANDS || sizeofcmds > (1 << 24)) {
      return false;
    }
    byte[] cmds = in.read(is64 ? 32 : 28, sizeofcmds);
    if (cmds == null) {
      return false;
    }
    ByteBuffer c = BoundedReader.wrap(cmds, big);
    int pos = 0;
    for (long i = 0; i < ncmds; i++) {
      if (pos + 8 > cmds.length) {
        break;
      }
      long cmd = u32(c, pos);
      long cmdsize = u32(c, pos + 4);
      if (cmdsize < 8 || pos + cmdsize > cmds.length) {
        break;
      }
      if ((cmd == 0x19 && is64 && cmdsize >= 72) || (cmd == 0x1 && !is64 && cmdsize >= 56)) {
        String segname = cString(cmds, pos + 8, 16);
        long vmaddr = is64 ? c.getLong(pos + 24) : u32(c, pos + 24);
        long fileoff = is64 ? c.getLong(pos + 40) : u32(c, pos + 32);
        long filesize = is64 ? c.getLong(pos + 48) : u32(c, pos + 36);
        long initprot = u32(c, pos + (is64 ? 60 : 44));
        long nsects = u32(c, pos + (is64 ? 64 : 48));
        if (filesize > 0) {
          mappings.add(new Mapping(vmaddr, fileoff, filesize, (initprot & 2) != 0));
        }
        int sectSize = is64 ? 80 : 68;
        int sp = pos + (is64 ? 72 : 56);
        for (long s = 0; s < nsects && sp + sectSize <= pos + cmdsize; s++, sp += sectSize) {
          String sectname = cString(cmds, sp, 16);
          String sectSegname = cString(cmds, sp + 16, 16);
          int type = (int) (u32(c, sp + (is64 ? 64 : 56)) & 0xff);
          if (type == 0x1 || type == 0xc || type == 0x12) { // S_ZEROFILL, S_GB_ZEROFILL, S_THREAD_LOCAL_ZEROFILL
            continue;
          }
          long addr = is64 ? c.getLong(sp + 32) : u32(c, sp + 32);
          long size = is64 ? c.getLong(sp + 40) : u32(c, sp + 36);
          long offset = u32(c, sp + (is64 ? 48 : 40));
          boolean data = segname.equals("__DATA") && sectname.equals("__data");
          sections.add(new Section(sectSegname, sectname, addr, offset, size, data));
        }
      }
      pos += (int) cmdsize;
    }
    return true;
  }

  // ---------------------------------------------------------------- helpers

  private static long u32(ByteBuffer b, int at) {
    return b.getInt(at) & 0xffffffffL;
  }

  private static int u16(ByteBuffer b, int at) {
    return b.getShort(at) & 0xffff;
  }

  private static String cString(byte[] bytes, int at) {
    if (at < 0 || at >= bytes.length) {
      return "";
    }
    return cString(bytes, at, bytes.length - at);
  }

  private static String cString(byte[] bytes, int at, int max) {
    int end = at;
    int limit = Math.min(bytes.length, at + max);
    while (end < limit && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, at, end - at, StandardCharsets.ISO_8859_1);
  }
}
