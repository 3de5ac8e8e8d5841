package dev.drydock.registry;

import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context: the system's trusted CAs plus the PEM certificates of {@code --registry-ca} and, per registry
 * host, the {@code *.crt} files of its certs.d directory ({@link #certsD}).
 */
final class Tls {
  private Tls() {}

  static SSLContext context(List<Path> caFiles) {
    return context(caFiles, List.of());
  }

  /**
   * The {@code *.crt} files (CA certificates, in name order) of {@code host}'s directory in the first certs.d root
   * that has one ({@code ROOT/<host[:port]>/}, the port exactly as in the reference), or none. Client certificates
   * ({@code *.cert}, {@code *.key}) are not read.
   */
  static List<Path> certsD(List<Path> roots, String host) {
    if (host == null || host.isEmpty() || host.contains("/") || host.contains("\\") || host.startsWith(".")) {
      return List.of();
    }
    for (Path root : roots) {
      Path dir = root.resolve(host);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (java.util.stream.Stream<Path> files = Files.list(dir)) {
        return files.filter(f -> f.getFileName().toString().endsWith(".crt") && Files.isRegularFile(f)).sorted()
            .toList();
      } catch (IOException e) {
        throw new DrydockException(dir + ": cannot list the registry's certs.d directory: " + e.getMessage());
      }
    }
    return List.of();
  }

  /** @param hostCaFiles CA files from a certs.d directory (named so in messages) */
  static SSLContext context(List<Path> caFiles, List<Path> hostCaFiles) {
    try {
      if (caFiles.isEmpty() && hostCaFiles.isEmpty()) {
        return SSLContext.getDefault();
      }
      KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
      extra.load(null, null);
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      int n = 0;
      List<Path> all = new ArrayList<>(caFiles);
      all.addAll(hostCaFiles);
      for (Path file : all) {
        String label = caFiles.contains(file) ? "--registry-ca " + file : "certs.d CA " + file;
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
          certs = cf.generateCertificates(in);
        } catch (IOException e) {
          throw new DrydockException(label + ": cannot read it: " + e.getMessage());
        } catch (CertificateException e) {
          throw new DrydockException(label + ": not a PEM certificate");
        }
        if (certs.isEmpty()) {
          throw new DrydockException(label + ": holds no certificate");
        }
        for (Certificate c : certs) {
          extra.setCertificateEntry("ca" + n++, c);
        }
      }
      X509TrustManager system = trustManager(null);
      X509TrustManager custom = trustManager(extra);
      X509TrustManager both = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
          system.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
          try {
            custom.checkServerTrusted(chain, authType);
          } catch (CertificateException e) {
            system.checkServerTrusted(chain, authType);
          }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          List<X509Certificate> all = new ArrayList<>(List.of(system.getAcceptedIssuers()));
          all.addAll(List.of(custom.getAcceptedIssuers()));
          return all.toArray(new X509Certificate[0]);
        }
      };
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {both}, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new DrydockException("cannot set up TLS: " + e.getMessage());
    }
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(store);
    for (TrustManager tm : f.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }
}
