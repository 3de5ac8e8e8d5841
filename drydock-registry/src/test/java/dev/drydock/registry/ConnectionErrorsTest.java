package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.drydock.model.DrydockException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a user reads when the registry cannot be used, one line each: a name that does not resolve (the reserved
 * {@code .invalid} domain, RFC 2606), a port nothing listens on, and a registry that answers 403 for the
 * repository.
 */
class ConnectionErrorsTest {
  private static RegistryClient client(String insecureHost) {
    // anonymous, no credential files (an empty auth file path is absent), no retries
    return new RegistryClient(new RegistryOptions(null, null, Path.of("/nonexistent/auth.json"), List.of(),
        Set.of(insecureHost), Map.of(), 0, 0, Duration.ZERO, Map.of(), null, null, List.of()));
  }

  @Test
  void aNameThatDoesNotResolveIsSaidSoNotConnectionRefused() {
    assertThatThrownBy(() -> client("registry.drydock.invalid:5000")
        .manifest("registry.drydock.invalid:5000", "team/app", "1.0"))
        .isInstanceOf(DrydockException.class)
        .hasMessage("cannot reach registry registry.drydock.invalid:5000: unknown host registry.drydock.invalid"
            + " (the name does not resolve)");
  }

  @Test
  void aClosedPortIsConnectionRefused() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String host = "127.0.0.1:" + port;
    assertThatThrownBy(() -> client(host).manifest(host, "team/app", "1.0"))
        .hasMessage("cannot reach registry " + host + " (http://" + host + "): connection refused");
  }

  @Test
  void forbiddenIsOneLineNamingTheRepository() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v2/", ex -> {
      byte[] body = "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(403, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      String host = "127.0.0.1:" + server.getAddress().getPort();
      assertThatThrownBy(() -> client(host).manifest(host, "team/app", "1.0"))
          .isInstanceOf(DrydockException.class)
          .hasMessageContaining("team/app")
          .hasMessageContaining("403")
          .hasMessageNotContaining("\n");
    } finally {
      server.stop(0);
    }
  }
}
