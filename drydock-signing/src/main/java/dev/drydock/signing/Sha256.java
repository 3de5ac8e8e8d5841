package dev.drydock.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha256 digests in OCI form. */
final class Sha256 {
  private Sha256() {}

  /** {@code sha256:<hex>} of {@code bytes}. */
  static String digest(byte[] bytes) {
    return "sha256:" + hex(bytes);
  }

  static String hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
