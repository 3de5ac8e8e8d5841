package dev.drydock.vulndb.feed;

import java.nio.charset.StandardCharsets;

/** Helpers for content sniffing of feed heads. */
public final class Sniff {
  private Sniff() {}

  /** The head as text, without a UTF-8 byte order mark and leading whitespace. */
  public static String text(byte[] head) {
    String s = new String(head, StandardCharsets.UTF_8);
    if (s.startsWith("\uFEFF")) {
      s = s.substring(1);
    }
    return s.stripLeading();
  }

  /** Whether the head starts like a zip archive. */
  public static boolean isZip(byte[] head) {
    return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
  }
}
