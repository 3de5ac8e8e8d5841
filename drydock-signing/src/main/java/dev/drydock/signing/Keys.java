package dev.drydock.signing;

import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** Reading signing keys from PEM files, and naming public keys by fingerprint. */
public final class Keys {
  /** A key file larger than this is not a key file. */
  static final long MAX_KEY_FILE = 1024 * 1024;

  private Keys() {}

  /** A public key with the file it came from and its fingerprint ({@link #fingerprint}). */
  public record NamedKey(PublicKey key, String source, String fingerprint) {}

  /**
   * The public keys in a PEM file: {@code PUBLIC KEY} blocks (SubjectPublicKeyInfo, what {@code cosign
   * generate-key-pair} writes to {@code cosign.pub}) and the keys of {@code CERTIFICATE} blocks.
   *
   * @throws DrydockException when the file is unreadable or holds no public key
   */
  public static List<NamedKey> publicKeys(Path file) {
    String text = readPem(file);
    List<NamedKey> keys = new ArrayList<>();
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      Object o;
      while ((o = parser.readObject()) != null) {
        SubjectPublicKeyInfo info = o instanceof SubjectPublicKeyInfo s ? s
            : o instanceof X509CertificateHolder c ? c.getSubjectPublicKeyInfo()
            : o instanceof PEMKeyPair kp ? kp.getPublicKeyInfo() : null;
        if (info != null) {
          PublicKey k = converter.getPublicKey(info);
          keys.add(new NamedKey(k, file.toString(), fingerprint(k)));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new DrydockException(file + ": malformed PEM (" + firstLine(e) + ")");
    }
    if (keys.isEmpty()) {
      throw new DrydockException(file + ": no public key (expected a -----BEGIN PUBLIC KEY----- block)");
    }
    return keys;
  }

  /**
   * The private key in a PEM file: {@code PRIVATE KEY} (PKCS#8), {@code EC PRIVATE KEY} (SEC 1),
   * {@code ENCRYPTED PRIVATE KEY} (PKCS#8, password-based encryption) or cosign's
   * {@code ENCRYPTED SIGSTORE PRIVATE KEY} / {@code ENCRYPTED COSIGN PRIVATE KEY}. {@code password} is asked
   * only for an encrypted key.
   *
   * @throws DrydockException when the file is unreadable, malformed, of another kind, or the password is wrong
   */
  public static PrivateKey privateKey(Path file, Supplier<char[]> password) {
    String text = readPem(file);
    PemObject pem;
    try (PemReader reader = new PemReader(new StringReader(text))) {
      pem = reader.readPemObject();
    } catch (IOException | RuntimeException e) {
      throw new DrydockException(file + ": malformed PEM (" + firstLine(e) + ")");
    }
    if (pem == null) {
      throw new DrydockException(file + ": no PEM block (expected -----BEGIN PRIVATE KEY----- or cosign's"
          + " -----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----)");
    }
    try {
      switch (pem.getType()) {
        case "ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY" -> {
          byte[] der = EncryptedCosignKey.decrypt(pem.getContent(), password(password, file), file.toString());
          return pkcs8(der, file);
        }
        case "PRIVATE KEY" -> {
          return pkcs8(pem.getContent(), file);
        }
        default -> {
          // EC PRIVATE KEY, ENCRYPTED PRIVATE KEY: BouncyCastle's PEM parser knows them
          try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
              return converter.getPrivateKey(kp.getPrivateKeyInfo());
            }
            if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
              PrivateKeyInfo info = enc.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                  .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                  .build(password(password, file)));
              return converter.getPrivateKey(info);
            }
          }
          throw new DrydockException(file + ": a '" + pem.getType() + "' PEM block is not a private key drydock"
              + " reads (expected PRIVATE KEY, EC PRIVATE KEY, ENCRYPTED PRIVATE KEY or ENCRYPTED SIGSTORE PRIVATE KEY)");
        }
      }
    } catch (PKCSException e) {
      throw new DrydockException(file + ": wrong password or unsupported encryption (" + firstLine(e) + ")");
    } catch (IOException | OperatorCreationException | RuntimeException e) {
      if (e instanceof DrydockException d) {
        throw d;
      }
      throw new DrydockException(file + ": malformed private key (" + firstLine(e) + ")");
    }
  }

  /** {@code sha256:<hex>} of the key's SubjectPublicKeyInfo DER: how baselines and results name a key. */
  public static String fingerprint(PublicKey key) {
    return Sha256.digest(key.getEncoded());
  }

  /** Whether {@code key} is an ECDSA key on P-256, the curve cosign signs with. */
  static boolean isP256(java.security.Key key) {
    java.security.spec.ECParameterSpec spec = key instanceof ECPublicKey p ? p.getParams()
        : key instanceof ECPrivateKey q ? q.getParams() : null;
    return spec != null && spec.getCurve().getField().getFieldSize() == 256;
  }

  private static PrivateKey pkcs8(byte[] der, Path file) {
    String algorithm;
    try {
      algorithm = switch (PrivateKeyInfo.getInstance(der).getPrivateKeyAlgorithm().getAlgorithm().getId()) {
        case "1.2.840.10045.2.1" -> "EC";
        case "1.2.840.113549.1.1.1" -> "RSA";
        case "1.3.101.112" -> "Ed25519";
        default -> null;
      };
    } catch (RuntimeException e) {
      throw new DrydockException(file + ": malformed PKCS#8 private key (" + firstLine(e) + ")");
    }
    if (algorithm == null) {
      throw new DrydockException(file + ": unsupported private key algorithm (expected EC, RSA or Ed25519)");
    }
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (java.security.GeneralSecurityException e) {
      throw new DrydockException(file + ": malformed " + algorithm + " private key (" + firstLine(e) + ")");
    }
  }

  private static char[] password(Supplier<char[]> password, Path file) {
    char[] p = password == null ? null : password.get();
    if (p == null) {
      throw new DrydockException(file + ": the key is encrypted and no password was given (set COSIGN_PASSWORD)");
    }
    return p;
  }

  private static String readPem(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new DrydockException(file + ": " + (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
            ? "not a regular file" : "no such file") + " (expected a PEM key file)");
      }
      if (Files.size(file) > MAX_KEY_FILE) {
        throw new DrydockException(file + ": larger than " + MAX_KEY_FILE + " bytes (expected a PEM key file)");
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (!text.contains("-----BEGIN ")) {
        throw new DrydockException(file + ": not PEM (no -----BEGIN line)");
      }
      return text;
    } catch (java.nio.charset.MalformedInputException e) {
      throw new DrydockException(file + ": not PEM (not UTF-8 text)");
    } catch (IOException e) {
      throw new DrydockException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  static String firstLine(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
