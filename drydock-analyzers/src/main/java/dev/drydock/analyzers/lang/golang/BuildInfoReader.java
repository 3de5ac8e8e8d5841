package dev.drydock.analyzers.lang.golang;

import dev.drydock.analyzers.lang.binary.BoundedReader;
import dev.drydock.analyzers.lang.binary.Executable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Finds the Go build information blob in an executable and returns the Go version and the raw module
 * information text.
 *
 * <p>The blob starts with the 14-byte magic {@code "\xff Go buildinf:"}, aligned to 16 bytes, followed
 * by the pointer size and a flags byte. With flag 0x2 (Go 1.18 and later) the version and the module
 * text follow the 32-byte header inline, each prefixed by an unsigned varint length. Without it (Go
 * 1.13 to 1.17) the header holds two pointers to Go string headers (data pointer, length) that are
 * resolved through the executable's virtual address mapping; flag 0x1 marks big-endian pointers.
 */
final class BuildInfoReader {

  /** What the blob says: the Go version ("go1.21.0") and the module text (may be empty). */
  record BuildInfo(String goVersion, String modInfo) {}

  static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
  private static final int HEADER = 32;
  private static final long NAMED_SECTION_SEARCH = 64 * 1024;
  private static final long DATA_SEARCH = 1024 * 1024;
  /** Upper bound for the version and module strings. */
  static final long MAX_STRING = 4L * 1024 * 1024;

  private BuildInfoReader() {}

  /** The build info, or null when there is none (not a Go binary) or it cannot be read. */
  static BuildInfo read(BoundedReader in, Executable image) throws IOException {
    long magicAt = findMagic(in, image);
    if (magicAt < 0) {
      return null;
    }
    byte[] header = in.read(magicAt, HEADER);
    if (header == null) {
      return null;
    }
    int ptrSize = header[14] & 0xff;
    int flags = header[15] & 0xff;
    if ((flags & 0x2) != 0) {
      return readInline(in, magicAt + HEADER);
    }
    if (ptrSize != 4 && ptrSize != 8) {
      return null;
    }
    return readPointers(in, image, header, ptrSize, (flags & 0x1) != 0);
  }

  private static long findMagic(BoundedReader in, Executable image) throws IOException {
    for (String name : new String[] {".go.buildinfo", "__go_buildinfo"}) {
      Executable.Section s = image.section(name);
      if (s != null) {
        long at = search(in, s.offset(), Math.min(s.size(), NAMED_SECTION_SEARCH));
        if (at >= 0) {
          return at;
        }
      }
    }
    for (Executable.Section s : image.sections()) {
      if (s.writableData()) {
        long at = search(in, s.offset(), Math.min(s.size(), DATA_SEARCH));
        if (at >= 0) {
          return at;
        }
      }
    }
    if (image.sections().isEmpty()) { // headers stripped: try the first writable segment
      for (Executable.Mapping m : image.mappings()) {
        if (m.writable()) {
          return search(in, m.offset(), Math.min(m.size(), DATA_SEARCH));
        }
      }
    }
    return -1;
  }

  /** File offset of the magic at a 16-byte aligned position (relative to {@code start}), or -1. */
  private static long search(BoundedReader in, long start, long length) throws IOException {
    if (length < HEADER) {
      return -1;
    }
    byte[] data = in.readUpTo(start, length);
    if (data == null) {
      return -1;
    }
    for (int i = 0; i + HEADER <= data.length; i += 16) {
      if (startsWith(data, i, MAGIC)) {
        return start + i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] data, int at, byte[] prefix) {
    for (int k = 0; k < prefix.length; k++) {
      if (data[at + k] != prefix[k]) {
        return false;
      }
    }
    return true;
  }

  private static BuildInfo readInline(BoundedReader in, long offset) throws IOException {
    long[] pos = {offset};
    String version = readVarintString(in, pos);
    if (version == null) {
      return null;
    }
    String mod = readVarintString(in, pos);
    return new BuildInfo(version, mod == null ? "" : mod);
  }

  private static String readVarintString(BoundedReader in, long[] pos) throws IOException {
    byte[] prefix = in.readUpTo(pos[0], 10);
    if (prefix == null) {
      return null;
    }
    long value = 0;
    int shift = 0;
    int i = 0;
    while (true) {
      if (i >= prefix.length || shift > 63) {
        return null;
      }
      int b = prefix[i++] & 0xff;
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    if (value < 0 || value > MAX_STRING) {
      return null;
    }
    byte[] bytes = in.read(pos[0] + i, value);
    if (bytes == null) {
      return null;
    }
    pos[0] += i + value;
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static BuildInfo readPointers(
      BoundedReader in, Executable image, byte[] header, int ptrSize, boolean bigEndian)
      throws IOException {
    ByteBuffer h = BoundedReader.wrap(header, bigEndian);
    long versionPtr = pointer(h, 16, ptrSize);
    long modPtr = pointer(h, 16 + ptrSize, ptrSize);
    String version = readGoString(in, image, versionPtr, ptrSize, bigEndian);
    if (version == null) {
      return null;
    }
    String mod = readGoString(in, image, modPtr, ptrSize, bigEndian);
    return new BuildInfo(version, mod == null ? "" : mod);
  }

  /** Reads a Go string header (data pointer, length) at {@code address} and then its bytes. */
  private static String readGoString(
      BoundedReader in, Executable image, long address, int ptrSize, boolean bigEndian)
      throws IOException {
    long headerAt = image.offsetOf(address, 2L * ptrSize);
    if (headerAt < 0) {
      return null;
    }
    byte[] sh = in.read(headerAt, 2L * ptrSize);
    if (sh == null) {
      return null;
    }
    ByteBuffer b = BoundedReader.wrap(sh, bigEndian);
    long dataPtr = pointer(b, 0, ptrSize);
    long length = pointer(b, ptrSize, ptrSize);
    if (length < 0 || length > MAX_STRING) {
      return null;
    }
    if (length == 0) {
      return "";
    }
    long dataAt = image.offsetOf(dataPtr, length);
    if (dataAt < 0) {
      return null;
    }
    byte[] bytes = in.read(dataAt, length);
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static long pointer(ByteBuffer b, int at, int ptrSize) {
    return ptrSize == 8 ? b.getLong(at) : b.getInt(at) & 0xffffffffL;
  }
}
