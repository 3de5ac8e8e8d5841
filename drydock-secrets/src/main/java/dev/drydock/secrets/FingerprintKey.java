package dev.drydock.secrets;

import dev.drydock.model.DrydockException;
import dev.drydock.model.InputFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of secret fingerprints. A fingerprint is hex HMAC-SHA256, under this key, of the unkeyed digest
 * {@code sha256(ruleId:path:line:sha256(secret))}: whoever holds a report but not the key cannot confirm a
 * guessed secret offline. Keying the unkeyed digest (rather than the text it is made of) lets a finding computed
 * without the key be keyed later ({@link #apply(String)}) and still equal one computed with it.
 *
 * <p>A key is the UTF-8 bytes of a short text: the installation key ({@link #installation(Path)}: 32 random bytes
 * in hex, kept in {@value #FILE} in drydock's cache directory, created with mode 0600 on first use), or a text the
 * project shares (a file, or the {@value #ENV} environment variable) so that baselines keyed on fingerprints stay
 * stable across machines. {@link #none()} gives the unkeyed digests drydock printed before keys existed.
 * Immutable; no state outside the instance.
 */
public final class FingerprintKey {
  /** Environment variable whose value, when set and not blank, is the key text. */
  public static final String ENV = "DRYDOCK_FINGERPRINT_KEY";
  /** The installation key's file name in the cache directory. */
  public static final String FILE = "secrets-fingerprint.key";
  /** Largest key file read. */
  static final int MAX_KEY_BYTES = 4096;

  private static final FingerprintKey NONE = new FingerprintKey(null, "none", null);

  /** The key; for the installation key, read (or created) on first use. */
  private byte[] key;
  private final String source;
  /** The cache directory of an installation key not read yet; null once read, and for other keys. */
  private Path pendingCache;

  private FingerprintKey(byte[] key, String source, Path pendingCache) {
    this.key = key;
    this.source = source;
    this.pendingCache = pendingCache;
  }

  /** No key: plain SHA-256 digests, as drydock printed before fingerprints were keyed. */
  public static FingerprintKey none() {
    return NONE;
  }

  /** A key from its text (surrounding blanks removed); the text must not be blank. */
  public static FingerprintKey ofText(String text, String source) {
    String t = text.strip();
    if (t.isEmpty()) {
      throw new DrydockException(source + ": the fingerprint key is empty");
    }
    return new FingerprintKey(t.getBytes(StandardCharsets.UTF_8), source, null);
  }

  /** The key in {@code file} (its text, surrounding blanks removed); a regular file of at most 4 KiB. */
  public static FingerprintKey fromFile(Path file) {
    return ofText(InputFiles.readText(file, "fingerprint key", MAX_KEY_BYTES), file.toString());
  }

  /**
   * The key for one run: {@code file} when given, else the {@value #ENV} text from {@code env} when set and not
   * blank, else the installation key in {@code cacheDir}.
   */
  public static FingerprintKey choose(Path file, String env, Path cacheDir) {
    if (file != null) {
      return fromFile(file);
    }
    if (env != null && !env.isBlank()) {
      return ofText(env, ENV);
    }
    return installation(cacheDir);
  }

  /**
   * The installation key: {@code cacheDir/}{@value #FILE}, created on first use with 32 random bytes in hex,
   * mode 0600 (written to a temp file, then linked into place, so two processes starting at once agree on one key).
   * The file is read, or created, when the first fingerprint is made: a run that finds nothing does not touch the
   * cache directory.
   *
   * @throws DrydockException (from {@link #apply}) the key cannot be read or created (one line naming the file)
   */
  public static FingerprintKey installation(Path cacheDir) {
    return new FingerprintKey(null, cacheDir.resolve(FILE).toString(), cacheDir);
  }

  private synchronized byte[] key() {
    if (pendingCache != null) {
      Path file = pendingCache.resolve(FILE);
      if (!Files.exists(file)) {
        create(pendingCache, file);
      }
      key = fromFile(file).key;
      pendingCache = null;
    }
    return key;
  }

  private static void create(Path cacheDir, Path file) {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    byte[] text = (HexFormat.of().formatHex(random) + "\n").getBytes(StandardCharsets.US_ASCII);
    Path tmp = null;
    try {
      Files.createDirectories(cacheDir);
      boolean posix = cacheDir.getFileSystem().supportedFileAttributeViews().contains("posix");
      FileAttribute<?>[] attrs = posix
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
          : new FileAttribute<?>[0];
      tmp = Files.createTempFile(cacheDir, FILE, ".tmp", attrs);
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write(text);
      }
      try {
        Files.createLink(file, tmp);
      } catch (FileAlreadyExistsException e) {
        // another process created it first: use theirs
      } catch (UnsupportedOperationException e) {
        try {
          Files.move(tmp, file);
          tmp = null;
        } catch (FileAlreadyExistsException e2) {
          // another process created it first
        }
      }
    } catch (IOException e) {
      throw new DrydockException("cannot create the secret fingerprint key " + file + ": " + e.getMessage()
          + " (set " + ENV + " or give a key file)", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a leftover temp file is harmless; the key is in place
        }
      }
    }
  }

  /** Whether fingerprints are keyed. */
  public boolean keyed() {
    return this != NONE;
  }

  /** Where the key came from (a file, {@value #ENV}, or {@code none}); never the key. */
  public String source() {
    return source;
  }

  /** The fingerprint of {@code secret} found by {@code ruleId} at {@code path:line}. */
  public String fingerprint(String ruleId, String path, int line, String secret) {
    return apply(unkeyed(ruleId, path, line, secret));
  }

  /** Keys an unkeyed digest ({@code sha256(ruleId:path:line:sha256(secret))}); the identity without a key. */
  public String apply(String unkeyed) {
    if (this == NONE) {
      return unkeyed;
    }
    byte[] k = key();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(k, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(unkeyed.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 not available", e);
    }
  }

  /** The unkeyed digest. */
  public static String unkeyed(String ruleId, String path, int line, String secret) {
    return Hashes.sha256(ruleId + ":" + path + ":" + line + ":" + Hashes.sha256(secret));
  }

  @Override
  public String toString() {
    return "FingerprintKey[" + source + "]";
  }
}
