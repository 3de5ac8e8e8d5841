package dev.drydock.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha256 helpers producing OCI-style digests ({@code sha256:<64 hex>}). */
public final class Digests {
  private Digests() {}

  /** A fresh SHA-256 digester. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** {@code sha256:<hex>} of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    return format(newSha256().digest(bytes));
  }

  /** {@code sha256:<hex>} of a finished digest. */
  public static String format(byte[] digest) {
    return "sha256:" + HexFormat.of().formatHex(digest);
  }

  /** Whether {@code s} looks like {@code sha256:<64 lowercase hex>}. */
  public static boolean isSha256(String s) {
    return s != null && s.matches("sha256:[0-9a-f]{64}");
  }

  /** {@code sha256:} plus the first 12 hex digits, for messages; the input itself when it is not a digest. */
  public static String shortForm(String digest) {
    if (digest == null) {
      return null;
    }
    int colon = digest.indexOf(':');
    return colon >= 0 && digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
  }
}
