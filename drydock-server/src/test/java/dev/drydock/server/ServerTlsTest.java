package dev.drydock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over TLS from a key store made by the JDK's own keytool: a client that trusts the certificate gets answers,
 * plain http to the same port gets none, a TLS 1.1 client is refused, and a wrong password or a store without a key
 * is one clear line at start.
 */
class ServerTlsTest {
  @TempDir Path tmp;

  private Path keystore(String name, String password) throws Exception {
    Path ks = tmp.resolve(name);
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "drydock", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", password)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return ks;
  }

  private static HttpClient trusting(Path ks, String password, String... protocols) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, password.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    HttpClient.Builder b = HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5));
    if (protocols.length > 0) {
      SSLParameters params = ctx.getDefaultSSLParameters();
      params.setProtocols(protocols);
      b.sslParameters(params);
    }
    return b.build();
  }

  @Test
  void theApiAnswersOnlyOverTls() throws Exception {
    Path ks = keystore("server.p12", "ks-pass-1234");
    ServerConfig config = ServerConfig.parse(List.of("--listen", "127.0.0.1:0", "--cache-dir",
        tmp.resolve("cache").toString(), "--tls-keystore", ks.toString()),
        Map.of("DRYDOCK_SERVER_TLS_KEYSTORE_PASSWORD", "ks-pass-1234"));
    assertThat(config.toString()).doesNotContain("ks-pass-1234");
    try (DrydockServer server = DrydockServer.start(config, Log.none())) {
      int port = server.address().getPort();
      HttpResponse<String> ok = trusting(ks, "ks-pass-1234").send(HttpRequest.newBuilder(
          URI.create("https://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      HttpResponse<String> noToken = trusting(ks, "ks-pass-1234").send(HttpRequest.newBuilder(
          URI.create("https://127.0.0.1:" + port + "/v1/images")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(noToken.statusCode()).isEqualTo(401);
      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> trusting(ks, "ks-pass-1234", "TLSv1.1").send(HttpRequest.newBuilder(
          URI.create("https://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aWrongPasswordOrAStoreWithoutKeyIsOneLineAtStart() throws Exception {
    Path ks = keystore("server.p12", "right-pass-99");
    ServerConfig wrong = ServerConfig.parse(List.of("--listen", "127.0.0.1:0", "--cache-dir",
        tmp.resolve("cache").toString(), "--tls-keystore", ks.toString(), "--tls-keystore-password", "nope"), Map.of());
    assertThatThrownBy(() -> DrydockServer.start(wrong, Log.none())).isInstanceOf(DrydockException.class)
        .hasMessage("--tls-keystore " + ks + ": wrong password (--tls-keystore-password or"
            + " DRYDOCK_SERVER_TLS_KEYSTORE_PASSWORD)");
    Path empty = tmp.resolve("empty.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, "pw-123456".toCharArray());
    try (var out = Files.newOutputStream(empty)) {
      store.store(out, "pw-123456".toCharArray());
    }
    ServerConfig noKey = ServerConfig.parse(List.of("--listen", "127.0.0.1:0", "--cache-dir",
        tmp.resolve("cache2").toString(), "--tls-keystore", empty.toString(), "--tls-keystore-password",
        "pw-123456"), Map.of());
    assertThatThrownBy(() -> DrydockServer.start(noKey, Log.none())).isInstanceOf(DrydockException.class)
        .hasMessage("--tls-keystore " + empty + ": expected one private key with its certificate, found 0");
    Path text = Files.writeString(tmp.resolve("notes.p12"), "not a key store\n");
    ServerConfig garbage = ServerConfig.parse(List.of("--listen", "127.0.0.1:0", "--cache-dir",
        tmp.resolve("cache3").toString(), "--tls-keystore", text.toString()), Map.of());
    assertThatThrownBy(() -> DrydockServer.start(garbage, Log.none())).isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("--tls-keystore " + text + ": ").hasMessageNotContaining("\n");
  }
}
