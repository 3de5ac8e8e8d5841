package dev.drydock.image.archive;

/** Recognises a tar archive by the checksum of its first 512-byte header. */
final class TarHeaders {
  private TarHeaders() {}

  static boolean isTarHeader(byte[] h) {
    if (h.length < 512) {
      return false;
    }
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
    for (int i = 0; i < 512; i++) {
      int b = (i >= 148 && i < 156) ? ' ' : h[i];
      unsigned += b & 0xff;
      signed += (byte) b;
    }
    return stored == unsigned || stored == signed;
  }
}
