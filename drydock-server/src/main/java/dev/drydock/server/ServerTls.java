package dev.drydock.server;

import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The API's TLS: the server's key and certificate from a key store ({@code tls-keystore}), TLS 1.2 and 1.3 only. */
final class ServerTls {
  private ServerTls() {}

  /**
   * An SSL context serving the one private key in {@code file}.
   *
   * @throws DrydockException when the file cannot be read, the password is wrong, or it holds no (or more than one)
   *     private key with a certificate
   */
  static SSLContext context(Path file, String password) {
    char[] pass = password == null ? new char[0] : password.toCharArray();
    KeyStore ks;
    try (InputStream in = Files.newInputStream(file)) {
      ks = KeyStore.getInstance(file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jks")
          ? "JKS" : "PKCS12");
      ks.load(in, pass);
    } catch (IOException e) {
      Throwable cause = e.getCause();
      if (cause instanceof java.security.UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
        throw new DrydockException("--tls-keystore " + file + ": wrong password (--tls-keystore-password or"
            + " DRYDOCK_SERVER_TLS_KEYSTORE_PASSWORD)");
      }
      throw new DrydockException("--tls-keystore " + file + ": cannot read it as a key store: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    } catch (GeneralSecurityException e) {
      throw new DrydockException("--tls-keystore " + file + ": not a usable key store: " + e.getMessage());
    }
    try {
      int keys = 0;
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate cert) {
          keys++;
          cert.checkValidity();
        }
      }
      if (keys != 1) {
        throw new DrydockException("--tls-keystore " + file + ": expected one private key with its certificate, found "
            + keys);
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pass);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (java.security.cert.CertificateExpiredException | java.security.cert.CertificateNotYetValidException e) {
      throw new DrydockException("--tls-keystore " + file + ": its certificate is not valid now: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new DrydockException("--tls-keystore " + file + ": " + e.getMessage());
    }
  }
}
