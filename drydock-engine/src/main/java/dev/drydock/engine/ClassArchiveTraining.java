package dev.drydock.engine;

import com.sun.net.httpserver.HttpServer;
import dev.drydock.model.DrydockException;
import dev.drydock.registry.RegistryClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The launcher's class-data-sharing archive is recorded from one training scan of the bundled example (a local
 * archive), which never loads the registry client's classes: the JDK's HTTP client and TLS set-up, about 600 classes
 * a scan by registry reference then parses at every start. {@link #exerciseRegistryClient()} loads them in that
 * training run by asking a loopback HTTP server of its own for a manifest (it answers 404), so they are archived too.
 * Used only when the launcher trains ({@code DRYDOCK_CDS_TRAINING=1}); nothing leaves the machine.
 */
public final class ClassArchiveTraining {
  private ClassArchiveTraining() {}

  /** Fetches a manifest from a throwaway loopback server; returns the status line drydock reported (for tests). */
  public static String exerciseRegistryClient() {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      return "no loopback server: " + e.getMessage();
    }
    server.createContext("/v2/", ex -> {
      boolean base = ex.getRequestURI().getPath().equals("/v2/");
      byte[] body = (base ? "{}" : "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"training\"}]}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(base ? 200 : 404, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      String host = "127.0.0.1:" + server.getAddress().getPort();
      RegistryAccess access = new RegistryAccess(null, null, null, List.of(), List.of(host), List.of(), 0, null);
      RegistryClient client = new RegistryClient(access.options());
      try {
        client.manifest(host, "training/image", "1");
        return "answered";
      } catch (DrydockException e) {
        return e.getMessage();
      }
    } finally {
      server.stop(0);
    }
  }
}
