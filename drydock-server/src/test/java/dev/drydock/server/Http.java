package dev.drydock.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client for tests, on loopback. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  final String base;

  Http(String hostPort) {
    this.base = "http://" + hostPort;
  }

  HttpResponse<String> send(String method, String path, String token, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(String method, String path, String token, String body, int expected)
      throws IOException, InterruptedException {
    HttpResponse<String> r = send(method, path, token, body);
    if (r.statusCode() != expected) {
      throw new AssertionError(method + " " + path + ": expected " + expected + ", got " + r.statusCode() + ": "
          + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** Polls a scan until it is done or failed (at most {@code seconds}). */
  JsonNode await(String id, String token, int seconds) throws IOException, InterruptedException {
    long until = System.currentTimeMillis() + seconds * 1000L;
    while (true) {
      JsonNode st = json("GET", "/v1/scans/" + id, token, null, 200);
      String s = st.get("status").asText();
      if (s.equals("done") || s.equals("failed")) {
        return st;
      }
      if (System.currentTimeMillis() > until) {
        throw new AssertionError("scan " + id + " still " + s + " after " + seconds + " s");
      }
      Thread.sleep(100);
    }
  }
}
