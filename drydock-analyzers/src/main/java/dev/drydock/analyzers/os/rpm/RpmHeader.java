package dev.drydock.analyzers.os.rpm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An rpm header blob as stored in the package database: big-endian index count {@code il}, data
 * length {@code dl}, {@code il} 16-byte index entries (tag, type, offset, count) and {@code dl} bytes
 * of data. Every offset and count is checked against the blob before use; lookups of a tag with a bad
 * entry return null instead of failing.
 */
final class RpmHeader {
  static final int NAME = 1000;
  static final int VERSION = 1001;
  static final int RELEASE = 1002;
  static final int EPOCH = 1003;
  static final int VENDOR = 1011;
  static final int LICENSE = 1014;
  static final int ARCH = 1022;
  static final int OLDFILENAMES = 1027;
  static final int SOURCERPM = 1044;
  static final int DIRINDEXES = 1116;
  /** {@code name:stream:version:context} of the module a package was built in (RHEL 8+ modularity). */
  static final int MODULARITYLABEL = 5096;
  static final int BASENAMES = 1117;
  static final int DIRNAMES = 1118;

  private static final int TYPE_INT32 = 4;
  private static final int TYPE_STRING = 6;
  private static final int TYPE_STRING_ARRAY = 8;
  private static final int TYPE_I18NSTRING = 9;

  /** rpm's own sanity limits: at most 0xffff tags and 256 MiB of data. */
  private static final int MAX_TAGS = 0xffff;
  private static final int MAX_DATA = 0x0fffffff;

  private final byte[] blob;
  private final int dataStart;
  private final int dataLength;
  /** tag -> index entry number (first occurrence). */
  private final Map<Integer, Integer> entries;

  private RpmHeader(byte[] blob, int dataStart, int dataLength, Map<Integer, Integer> entries) {
    this.blob = blob;
    this.dataStart = dataStart;
    this.dataLength = dataLength;
    this.entries = entries;
  }

  /** Parses a header blob; null when the blob is not a plausible header. */
  static RpmHeader parse(byte[] blob) {
    if (blob == null || blob.length < 8) {
      return null;
    }
    long il = u32(blob, 0);
    long dl = u32(blob, 4);
    if (il < 1 || il > MAX_TAGS || dl > MAX_DATA || 8 + il * 16 + dl > blob.length) {
      return null;
    }
    int count = (int) il;
    Map<Integer, Integer> entries = new HashMap<>(count * 2);
    for (int i = 0; i < count; i++) {
      entries.putIfAbsent(s32(blob, 8 + i * 16), i);
    }
    return new RpmHeader(blob, 8 + count * 16, (int) dl, entries);
  }

  /** The first string of a STRING, I18NSTRING or STRING_ARRAY tag; null when absent or corrupt. */
  String string(int tag) {
    List<String> all = strings(tag, 1);
    return all == null || all.isEmpty() ? null : all.get(0);
  }

  /** All strings of a string tag; null when absent or corrupt. */
  List<String> strings(int tag) {
    return strings(tag, Integer.MAX_VALUE);
  }

  private List<String> strings(int tag, int limit) {
    Integer e = entries.get(tag);
    if (e == null) {
      return null;
    }
    int type = s32(blob, 8 + e * 16 + 4);
    long offset = u32(blob, 8 + e * 16 + 8);
    long count = u32(blob, 8 + e * 16 + 12);
    if (type != TYPE_STRING && type != TYPE_STRING_ARRAY && type != TYPE_I18NSTRING) {
      return null;
    }
    if (type == TYPE_STRING) {
      count = 1;
    }
    // Each string takes at least its NUL byte, so count cannot exceed the data length.
    if (offset >= dataLength || count > dataLength - offset) {
      return null;
    }
    int want = (int) Math.min(count, limit);
    List<String> out = new ArrayList<>(Math.min(want, 1024));
    int end = dataStart + dataLength;
    int pos = dataStart + (int) offset;
    for (int i = 0; i < want; i++) {
      int nul = pos;
      while (nul < end && blob[nul] != 0) {
        nul++;
      }
      if (nul >= end) {
        return null;
      }
      out.add(new String(blob, pos, nul - pos, StandardCharsets.UTF_8));
      pos = nul + 1;
    }
    return out;
  }

  /** The values of an INT32 tag; null when absent or corrupt. */
  int[] ints(int tag) {
    Integer e = entries.get(tag);
    if (e == null) {
      return null;
    }
    int type = s32(blob, 8 + e * 16 + 4);
    long offset = u32(blob, 8 + e * 16 + 8);
    long count = u32(blob, 8 + e * 16 + 12);
    if (type != TYPE_INT32 || offset > dataLength || count > (dataLength - offset) / 4) {
      return null;
    }
    int[] out = new int[(int) count];
    for (int i = 0; i < out.length; i++) {
      out[i] = s32(blob, dataStart + (int) offset + i * 4);
    }
    return out;
  }

  boolean has(int tag) {
    return entries.containsKey(tag);
  }

  /**
   * File paths without the leading '/': from BASENAMES/DIRNAMES/DIRINDEXES, or from the old
   * FILENAMES tag. Entries with an out-of-range directory index are dropped.
   */
  List<String> files() {
    List<String> base = strings(BASENAMES);
    if (base != null) {
      List<String> dirs = strings(DIRNAMES);
      int[] idx = ints(DIRINDEXES);
      if (dirs == null || idx == null || idx.length != base.size()) {
        return List.of();
      }
      List<String> out = new ArrayList<>(base.size());
      for (int i = 0; i < base.size(); i++) {
        if (idx[i] >= 0 && idx[i] < dirs.size()) {
          out.add(stripSlash(dirs.get(idx[i]) + base.get(i)));
        }
      }
      return out;
    }
    List<String> old = strings(OLDFILENAMES);
    if (old == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(old.size());
    for (String f : old) {
      out.add(stripSlash(f));
    }
    return out;
  }

  private static String stripSlash(String p) {
    int i = 0;
    while (i < p.length() && p.charAt(i) == '/') {
      i++;
    }
    return p.substring(i);
  }

  private static int s32(byte[] b, int off) {
    return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
  }

  private static long u32(byte[] b, int off) {
    return s32(b, off) & 0xffffffffL;
  }
}
