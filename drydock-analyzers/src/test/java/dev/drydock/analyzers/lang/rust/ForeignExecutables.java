package dev.drydock.analyzers.lang.rust;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Small but well-formed PE32+ and Mach-O executables, built byte by byte, carrying a {@code .dep-v0}
 * section the way cargo-auditable's linked output does. Field layouts follow the Microsoft PE/COFF
 * specification (DOS stub pointer at 0x3c, COFF header, PE32+ optional header with 16 data directories,
 * 40-byte section headers) and Apple's mach-o/loader.h and mach-o/fat.h ({@code mach_header_64},
 * {@code segment_command_64}, {@code section_64}, {@code LC_MAIN}, {@code fat_header}/{@code fat_arch},
 * always big-endian). The files were checked with {@code llvm-readobj --file-headers --sections} and
 * {@code llvm-objdump --macho --universal-headers}, which read them without complaint (see FIXTURES.md).
 */
final class ForeignExecutables {

  static final int CPU_X86_64 = 0x01000007;
  static final int CPU_ARM64 = 0x0100000c;

  /** File offset of the PE section table (e_lfanew 0x80 + 4 + COFF header 20 + optional header 240). */
  static final int PE_SECTION_TABLE = 0x80 + 24 + 240;
  /** File offset of the .dep-v0 section header in {@link #pe} (the second one). */
  static final int PE_DEP_HEADER = PE_SECTION_TABLE + 40;
  /** File offset of the .dep-v0 {@code section_64} in {@link #machO} (after __PAGEZERO, __TEXT, __DATA's __data). */
  static final int MACHO_DEP_HEADER = 32 + 72 + (72 + 80) + 72 + 80;

  private ForeignExecutables() {}

  /** A Windows x86-64 console executable with sections .text and .dep-v0 (read-only initialised data). */
  static byte[] pe(byte[] depV0) {
    int rawSize = align(depV0.length, 0x200);
    ByteBuffer b = le(0x600 + rawSize);
    b.put(0, (byte) 'M').put(1, (byte) 'Z');
    b.putInt(0x3c, 0x80); // e_lfanew
    int pe = 0x80;
    b.put(pe, (byte) 'P').put(pe + 1, (byte) 'E');
    int coff = pe + 4;
    b.putShort(coff, (short) 0x8664); // IMAGE_FILE_MACHINE_AMD64
    b.putShort(coff + 2, (short) 2); // NumberOfSections
    b.putInt(coff + 4, 0x65f1a2b0); // TimeDateStamp
    b.putShort(coff + 16, (short) 240); // SizeOfOptionalHeader
    b.putShort(coff + 18, (short) 0x0022); // EXECUTABLE_IMAGE | LARGE_ADDRESS_AWARE
    int opt = coff + 20;
    b.putShort(opt, (short) 0x20b); // PE32+
    b.put(opt + 2, (byte) 14);
    b.putInt(opt + 4, 0x200); // SizeOfCode
    b.putInt(opt + 8, rawSize); // SizeOfInitializedData
    b.putInt(opt + 16, 0x1000); // AddressOfEntryPoint
    b.putInt(opt + 20, 0x1000); // BaseOfCode
    b.putLong(opt + 24, 0x140000000L); // ImageBase
    b.putInt(opt + 32, 0x1000); // SectionAlignment
    b.putInt(opt + 36, 0x200); // FileAlignment
    b.putShort(opt + 40, (short) 6); // MajorOperatingSystemVersion
    b.putShort(opt + 48, (short) 6); // MajorSubsystemVersion
    b.putInt(opt + 56, 0x2000 + align(depV0.length, 0x1000)); // SizeOfImage
    b.putInt(opt + 60, 0x400); // SizeOfHeaders
    b.putShort(opt + 68, (short) 3); // IMAGE_SUBSYSTEM_WINDOWS_CUI
    b.putShort(opt + 70, (short) 0x8160); // DYNAMIC_BASE, HIGH_ENTROPY_VA, NX_COMPAT, TERMINAL_SERVER_AWARE
    b.putLong(opt + 72, 0x100000); // SizeOfStackReserve
    b.putLong(opt + 80, 0x1000);
    b.putLong(opt + 88, 0x100000);
    b.putLong(opt + 96, 0x1000);
    b.putInt(opt + 108, 16); // NumberOfRvaAndSizes (all directories empty)
    peSection(b, PE_SECTION_TABLE, ".text", 1, 0x1000, 0x200, 0x400, 0x60000020); // code, execute, read
    peSection(b, PE_DEP_HEADER, ".dep-v0", depV0.length, 0x2000, rawSize, 0x600, 0x40000040); // init. data, read
    b.put(0x400, (byte) 0xc3); // ret
    b.put(0x600, depV0);
    return b.array();
  }

  private static void peSection(ByteBuffer b, int at, String name, int vsize, int rva, int rawSize, int rawPtr,
      int characteristics) {
    b.put(at, name.getBytes(StandardCharsets.US_ASCII));
    b.putInt(at + 8, vsize);
    b.putInt(at + 12, rva);
    b.putInt(at + 16, rawSize);
    b.putInt(at + 20, rawPtr);
    b.putInt(at + 36, characteristics);
  }

  /**
   * A 64-bit little-endian macOS executable: __PAGEZERO, __TEXT (__text), __DATA (__data, .dep-v0) and
   * LC_MAIN. {@code segment} names the segment recorded in the .dep-v0 section header ({@code __DATA} as
   * cargo-auditable writes it).
   */
  static byte[] machO(int cpuType, byte[] depV0, String segment) {
    int dataFileSize = align(8 + depV0.length, 0x1000);
    ByteBuffer b = le(0x1000 + dataFileSize);
    int ncmds = 4;
    int sizeofcmds = 72 + (72 + 80) + (72 + 2 * 80) + 24;
    b.putInt(0, 0xfeedfacf); // MH_MAGIC_64
    b.putInt(4, cpuType);
    b.putInt(8, cpuType == CPU_X86_64 ? 3 : 0); // CPU_SUBTYPE_X86_64_ALL / CPU_SUBTYPE_ARM64_ALL
    b.putInt(12, 2); // MH_EXECUTE
    b.putInt(16, ncmds);
    b.putInt(20, sizeofcmds);
    b.putInt(24, 0x00200085); // NOUNDEFS | DYLDLINK | TWOLEVEL | PIE
    int at = 32;
    at = segment(b, at, "__PAGEZERO", 0, 0x100000000L, 0, 0, 0, 0);
    int text = at;
    at = segment(b, at, "__TEXT", 0x100000000L, 0x1000, 0, 0x1000, 5, 1);
    section(b, text + 72, "__text", "__TEXT", 0x100000800L, 1, 0x800, 2, 0x80000400);
    int data = at;
    at = segment(b, at, "__DATA", 0x100001000L, dataFileSize, 0x1000, dataFileSize, 3, 2);
    section(b, data + 72, "__data", "__DATA", 0x100001000L, 8, 0x1000, 3, 0);
    section(b, data + 72 + 80, ".dep-v0", segment, 0x100001008L, depV0.length, 0x1008, 0, 0);
    b.putInt(at, 0x80000028); // LC_MAIN
    b.putInt(at + 4, 24);
    b.putLong(at + 8, 0x800); // entryoff
    at += 24;
    if (at != 32 + sizeofcmds || data + 72 + 80 != MACHO_DEP_HEADER) {
      throw new IllegalStateException("load command layout");
    }
    b.put(0x800, (byte) 0xc3);
    b.put(0x1008, depV0);
    return b.array();
  }

  private static int segment(ByteBuffer b, int at, String name, long vmaddr, long vmsize, long fileoff,
      long filesize, int prot, int nsects) {
    int size = 72 + 80 * nsects;
    b.putInt(at, 0x19); // LC_SEGMENT_64
    b.putInt(at + 4, size);
    b.put(at + 8, name.getBytes(StandardCharsets.US_ASCII));
    b.putLong(at + 24, vmaddr);
    b.putLong(at + 32, vmsize);
    b.putLong(at + 40, fileoff);
    b.putLong(at + 48, filesize);
    b.putInt(at + 56, prot); // maxprot
    b.putInt(at + 60, prot); // initprot
    b.putInt(at + 64, nsects);
    return at + size;
  }

  private static void section(ByteBuffer b, int at, String name, String segment, long addr, long size, int offset,
      int align, int flags) {
    b.put(at, name.getBytes(StandardCharsets.US_ASCII));
    b.put(at + 16, segment.getBytes(StandardCharsets.US_ASCII));
    b.putLong(at + 32, addr);
    b.putLong(at + 40, size);
    b.putInt(at + 48, offset);
    b.putInt(at + 52, align);
    b.putInt(at + 64, flags);
  }

  /** A universal file of thin Mach-O files, each aligned as {@code lipo} does (2^12 for x86-64, 2^14 for arm64). */
  static byte[] universal(int[] cpuTypes, byte[]... thin) {
    int[] offsets = new int[thin.length];
    int end = 8 + 20 * thin.length;
    for (int i = 0; i < thin.length; i++) {
      int alignLog = cpuTypes[i] == CPU_ARM64 ? 14 : 12;
      offsets[i] = align(end, 1 << alignLog);
      end = offsets[i] + thin[i].length;
    }
    ByteBuffer b = ByteBuffer.allocate(end).order(ByteOrder.BIG_ENDIAN);
    b.putInt(0, 0xcafebabe); // FAT_MAGIC
    b.putInt(4, thin.length);
    for (int i = 0; i < thin.length; i++) {
      int e = 8 + 20 * i;
      b.putInt(e, cpuTypes[i]);
      b.putInt(e + 4, cpuTypes[i] == CPU_X86_64 ? 3 : 0);
      b.putInt(e + 8, offsets[i]);
      b.putInt(e + 12, thin[i].length);
      b.putInt(e + 16, cpuTypes[i] == CPU_ARM64 ? 14 : 12);
      b.put(offsets[i], thin[i]);
    }
    return b.array();
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.wrap(new byte[size]).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static int align(int n, int to) {
    return (n + to - 1) / to * to;
  }
}
