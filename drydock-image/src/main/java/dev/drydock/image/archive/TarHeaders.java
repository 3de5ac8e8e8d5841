package dev.drydock.image.archive;

import java.nio.charset.StandardCharsets;

/** Reads the fields of 512-byte tar headers that the structure of an archive depends on. */
final class TarHeaders {
  static final int BLOCK = 512;

  private TarHeaders() {}

  /** Whether {@code h} is a complete header whose checksum is right. */
  static boolean isTarHeader(byte[] h) {
    return h.length >= BLOCK && checksumOk(h);
  }

  static boolean isZeroBlock(byte[] h) {
    for (int i = 0; i < BLOCK; i++) {
      if (h[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The stored checksum (octal, bytes 148-155) equals the sum of the header (signed or unsigned). */
  static boolean checksumOk(byte[] h) {
    long stored = 0;
    boolean digits = false;
    for (int i = 148; i < 156; i++) {
      int c = h[i] & 0xff;
      if (c >= '0' && c <= '7') {
        stored = stored * 8 + (c - '0');
        digits = true;
      } else if (c == 0 || c == ' ') {
        if (digits) {
          break;
        }
      } else {
        return false;
      }
    }
    if (!digits) {
      return false;
    }
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int b = (i >= 148 && i < 156) ? ' ' : h[i];
      unsigned += b & 0xff;
      signed += (byte) b;
    }
    return stored == unsigned || stored == signed;
  }

  /** The entry type flag (byte 156). */
  static char type(byte[] h) {
    return (char) (h[156] & 0xff);
  }

  /**
   * The size field (bytes 124-135): octal, or base-256 when the first byte has its high bit set.
   *
   * @return the size, or -1 when the field is not a number
   */
  static long size(byte[] h) {
    if ((h[124] & 0x80) != 0) {
      if ((h[124] & 0x40) != 0) {
        return -1; // negative
      }
      long v = h[124] & 0x3f;
      for (int i = 125; i < 136; i++) {
        if (v > (Long.MAX_VALUE >> 8)) {
          return -1;
        }
        v = (v << 8) | (h[i] & 0xff);
      }
      return v;
    }
    long v = 0;
    boolean digits = false;
    for (int i = 124; i < 136; i++) {
      int c = h[i] & 0xff;
      if (c >= '0' && c <= '7') {
        if (v > (Long.MAX_VALUE >> 3)) {
          return -1;
        }
        v = v * 8 + (c - '0');
        digits = true;
      } else if (c == 0 || c == ' ') {
        if (digits) {
          break;
        }
      } else {
        return -1;
      }
    }
    return v;
  }

  /** An old-GNU sparse header ({@code S}) is followed by extension headers while byte 482 is set. */
  static boolean hasSparseExtension(byte[] h) {
    return type(h) == 'S' && h[482] != 0;
  }

  /** In a sparse extension header, byte 504 says another one follows. */
  static boolean extensionContinues(byte[] h) {
    return h[504] != 0;
  }

  /** The name field, for messages (NUL-terminated, at most 100 bytes). */
  static String name(byte[] h) {
    int end = 0;
    while (end < 100 && h[end] != 0) {
      end++;
    }
    return new String(h, 0, end, StandardCharsets.UTF_8);
  }

  /**
   * The {@code size} record of a pax extended header's data ({@code "<len> size=<n>\n"}), or -1 when it
   * has none or it is not a number.
   */
  static long paxSize(byte[] data, int length) {
    int pos = 0;
    long found = -1;
    while (pos < length) {
      int sp = pos;
      long len = 0;
      while (sp < length && data[sp] >= '0' && data[sp] <= '9' && len < Integer.MAX_VALUE) {
        len = len * 10 + (data[sp] - '0');
        sp++;
      }
      if (sp >= length || data[sp] != ' ' || len <= 0 || pos + len > length) {
        return found;
      }
      int end = (int) (pos + len);
      String rec = new String(data, sp + 1, Math.max(0, end - sp - 2), StandardCharsets.UTF_8);
      if (rec.startsWith("size=")) {
        try {
          found = Long.parseLong(rec.substring(5));
        } catch (NumberFormatException e) {
          found = -2;
        }
      }
      pos = end;
    }
    return found;
  }
}
