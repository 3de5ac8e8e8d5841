package dev.drydock.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * cosign's password-protected private key ({@code -----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----}, formerly
 * {@code ENCRYPTED COSIGN PRIVATE KEY}): the PEM body is a JSON document naming an scrypt key derivation
 * ({@code kdf.params.N/r/p}, {@code kdf.salt}) and a NaCl secretbox ({@code cipher.nonce}, {@code ciphertext}:
 * the 16-byte Poly1305 tag followed by the XSalsa20-encrypted PKCS#8 DER of the key). The secretbox is built
 * here from BouncyCastle's XSalsa20 and Poly1305 as NaCl defines it: the first 32 bytes of the XSalsa20 key
 * stream are the one-time Poly1305 key, the rest encrypts the message.
 */
final class EncryptedCosignKey {
  /** scrypt cost bounds: cosign writes N = 32768 or 65536, r = 8, p = 1; more is refused, not computed. */
  static final int MAX_N = 1 << 20;
  static final int MAX_R = 32;
  static final int MAX_P = 16;

  private EncryptedCosignKey() {}

  /**
   * The PKCS#8 DER of the key in {@code json} (the PEM body), opened with {@code password}.
   *
   * @param where the file, for messages
   * @throws DrydockException when the document is malformed, its parameters are out of bounds, or the
   *     password does not open it
   */
  static byte[] decrypt(byte[] json, char[] password, String where) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new DrydockException(where + ": encrypted cosign key is not valid JSON (" + e.getMessage().lines()
          .findFirst().orElse("") + ")");
    }
    if (root == null || !"scrypt".equals(root.path("kdf").path("name").asText())
        || !"nacl/secretbox".equals(root.path("cipher").path("name").asText())) {
      throw new DrydockException(where + ": unsupported encrypted key (expected kdf scrypt and cipher nacl/secretbox)");
    }
    JsonNode params = root.path("kdf").path("params");
    int n = params.path("N").asInt(-1);
    int r = params.path("r").asInt(-1);
    int p = params.path("p").asInt(-1);
    if (n < 2 || n > MAX_N || Integer.bitCount(n) != 1 || r < 1 || r > MAX_R || p < 1 || p > MAX_P) {
      throw new DrydockException(where + ": scrypt parameters N=" + n + " r=" + r + " p=" + p
          + " out of bounds (expected N a power of two up to " + MAX_N + ", r up to " + MAX_R + ", p up to " + MAX_P + ")");
    }
    byte[] salt = base64(root.path("kdf").path("salt"), "kdf.salt", where);
    byte[] nonce = base64(root.path("cipher").path("nonce"), "cipher.nonce", where);
    byte[] box = base64(root.path("ciphertext"), "ciphertext", where);
    if (nonce.length != 24 || box.length < 16) {
      throw new DrydockException(where + ": malformed secretbox (expected a 24-byte nonce and a 16-byte tag)");
    }
    byte[] pass = utf8(password);
    byte[] key = SCrypt.generate(pass, salt, n, r, p, 32);
    Arrays.fill(pass, (byte) 0);
    byte[] plain = open(box, nonce, key);
    Arrays.fill(key, (byte) 0);
    if (plain == null) {
      throw new DrydockException(where + ": wrong password (the encrypted key does not open with it; set "
          + "COSIGN_PASSWORD or type the key's password)");
    }
    return plain;
  }

  /** NaCl {@code crypto_secretbox_open}: the message, or null when the tag does not match. */
  static byte[] open(byte[] box, byte[] nonce, byte[] key) {
    XSalsa20Engine salsa = new XSalsa20Engine();
    salsa.init(false, new ParametersWithIV(new KeyParameter(key), nonce));
    byte[] polyKey = new byte[32];
    salsa.processBytes(new byte[32], 0, 32, polyKey, 0);
    Poly1305 poly = new Poly1305();
    poly.init(new KeyParameter(polyKey));
    poly.update(box, 16, box.length - 16);
    byte[] tag = new byte[16];
    poly.doFinal(tag, 0);
    if (!MessageDigest.isEqual(tag, Arrays.copyOf(box, 16))) {
      return null;
    }
    byte[] plain = new byte[box.length - 16];
    salsa.processBytes(box, 16, plain.length, plain, 0);
    return plain;
  }

  /** NaCl {@code crypto_secretbox}: tag followed by the encrypted message. */
  static byte[] seal(byte[] message, byte[] nonce, byte[] key) {
    XSalsa20Engine salsa = new XSalsa20Engine();
    salsa.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    byte[] polyKey = new byte[32];
    salsa.processBytes(new byte[32], 0, 32, polyKey, 0);
    byte[] box = new byte[16 + message.length];
    salsa.processBytes(message, 0, message.length, box, 16);
    Poly1305 poly = new Poly1305();
    poly.init(new KeyParameter(polyKey));
    poly.update(box, 16, message.length);
    poly.doFinal(box, 0);
    return box;
  }

  private static byte[] base64(JsonNode node, String field, String where) {
    try {
      return Base64.getDecoder().decode(node.asText(""));
    } catch (IllegalArgumentException e) {
      throw new DrydockException(where + ": " + field + " is not base64");
    }
  }

  private static byte[] utf8(char[] password) {
    ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
