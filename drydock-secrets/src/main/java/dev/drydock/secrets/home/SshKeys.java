package dev.drydock.secrets.home;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tells unencrypted private keys from encrypted ones, in PEM, PKCS#8 and OpenSSH formats. */
final class SshKeys {
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----\\r?\\n(.*?)-----END \\1-----",
      Pattern.DOTALL);
  private static final byte[] OPENSSH_MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

  private SshKeys() {}

  /** A private key in {@code text} without a passphrase: its offset and base64 body; null if none. */
  static Matcher unencrypted(String text) {
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      String type = m.group(1);
      String body = m.group(2);
      if (type.startsWith("ENCRYPTED") || body.contains("Proc-Type: 4,ENCRYPTED")) {
        continue;
      }
      if (type.startsWith("OPENSSH") && !opensshUnencrypted(body)) {
        continue;
      }
      return m;
    }
    return null;
  }

  /** The openssh-key-v1 container names its cipher first: {@code none} means no passphrase. */
  static boolean opensshUnencrypted(String body) {
    byte[] raw;
    try {
      raw = Base64.getMimeDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (raw.length < OPENSSH_MAGIC.length + 8) {
      return false;
    }
    for (int i = 0; i < OPENSSH_MAGIC.length; i++) {
      if (raw[i] != OPENSSH_MAGIC[i]) {
        return false;
      }
    }
    ByteBuffer b = ByteBuffer.wrap(raw, OPENSSH_MAGIC.length, raw.length - OPENSSH_MAGIC.length);
    int len = b.getInt();
    if (len < 0 || len > b.remaining()) {
      return false;
    }
    byte[] cipher = new byte[len];
    b.get(cipher);
    return new String(cipher, StandardCharsets.US_ASCII).equals("none");
  }
}
