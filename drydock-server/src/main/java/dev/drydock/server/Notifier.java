package dev.drydock.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Vulnerability;
import dev.drydock.report.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tells subscribers what an advisory update changed: one summary per image (findings added and fixed since the
 * image's previous result, the first {@value #PAGE} of each in the body, the counts and a link to the full results),
 * delivered to each webhook URL as a JSON POST signed with HMAC-SHA256 of the body
 * ({@code X-Drydock-Signature: sha256=<hex>}), retried with exponential backoff up to {@code webhook-attempts}
 * times, every attempt recorded in the {@code deliveries} table; and appended, one line each, to the
 * {@code notify-file}.
 */
final class Notifier implements AutoCloseable {
  static final int PAGE = 100;
  private final DrydockServer server;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final ExecutorService senders = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "drydock-webhooks");
    t.setDaemon(true);
    return t;
  });

  Notifier(DrydockServer server) {
    this.server = server;
  }

  /** The change between an image's previous and new result; null when nothing changed. */
  static ObjectNode summary(String image, String previousScan, String scan, ScanResult before, ScanResult after) {
    Map<String, Vulnerability> old = keyed(before);
    Map<String, Vulnerability> now = keyed(after);
    List<Vulnerability> added = now.entrySet().stream().filter(e -> !old.containsKey(e.getKey()))
        .map(Map.Entry::getValue).toList();
    List<Vulnerability> fixed = old.entrySet().stream().filter(e -> !now.containsKey(e.getKey()))
        .map(Map.Entry::getValue).toList();
    if (added.isEmpty() && fixed.isEmpty()) {
      return null;
    }
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("type", "drydock.findings.changed");
    n.put("image", image);
    n.put("scan", scan);
    n.put("previousScan", previousScan);
    n.put("at", Instant.now().toString());
    n.put("addedCount", added.size());
    n.put("fixedCount", fixed.size());
    list(n.putArray("added"), added);
    list(n.putArray("fixed"), fixed);
    n.put("truncated", added.size() > PAGE || fixed.size() > PAGE);
    n.put("details", "/v1/drift?from=" + previousScan + "&to=" + scan);
    return n;
  }

  private static void list(ArrayNode out, List<Vulnerability> vs) {
    for (Vulnerability v : vs.subList(0, Math.min(PAGE, vs.size()))) {
      ObjectNode o = out.addObject();
      o.put("id", v.id());
      v.aliases().forEach(a -> o.withArray("aliases").add(a));
      o.put("package", v.packageName());
      o.put("version", v.installedVersion());
      o.put("purl", v.purl());
      o.put("severity", v.severity() == null ? "UNKNOWN" : v.severity().name());
      o.put("kev", v.kev());
    }
  }

  private static Map<String, Vulnerability> keyed(ScanResult r) {
    Map<String, Vulnerability> out = new LinkedHashMap<>();
    for (Vulnerability v : r.vulnerabilities()) {
      out.putIfAbsent(v.id() + "|" + v.purl(), v);
    }
    return out;
  }

  /** Appends the summary to the notify file and queues one signed delivery per webhook URL. */
  void publish(ObjectNode summary) {
    byte[] body;
    try {
      body = Json.mapper().copy().disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsBytes(summary);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Path file = server.config.notifyFile();
    if (file != null) {
      synchronized (this) {
        try {
          byte[] line = new byte[body.length + 1];
          System.arraycopy(body, 0, line, 0, body.length);
          line[body.length] = '\n';
          Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
          server.log.warn(null, "cannot append to notify file", "file", file.toString(), "error", e.getMessage());
        }
      }
    }
    for (String url : server.config.webhooks()) {
      String delivery = UUID.randomUUID().toString();
      long row = record(delivery, url, summary.path("image").asText());
      senders.submit(() -> deliver(row, delivery, url, body));
    }
  }

  private void deliver(long row, String delivery, String url, byte[] body) {
    int max = server.config.webhookAttempts();
    long backoff = server.config.webhookBackoffMillis();
    String signature = "sha256=" + hmac(server.config.webhookSecret(), body);
    for (int attempt = 1; attempt <= max; attempt++) {
      Integer status = null;
      String error = null;
      try {
        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json").header("X-Drydock-Delivery", delivery)
            .header("X-Drydock-Signature", signature).header("User-Agent", "drydock-server")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
        status = r.statusCode();
      } catch (IOException e) {
        error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        update(row, "pending", attempt, null, "interrupted (server stopping)");
        return;
      }
      boolean ok = status != null && status >= 200 && status < 300;
      boolean last = attempt == max;
      update(row, ok ? "delivered" : last ? "failed" : "retrying", attempt, status, error);
      if (ok) {
        return;
      }
      if (!last) {
        try {
          Thread.sleep(backoff << (attempt - 1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    server.log.warn(null, "webhook delivery failed", "delivery", delivery, "url", url, "attempts", max);
  }

  static String hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private long record(String delivery, String url, String image) {
    try (Connection c = server.db.connection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO deliveries(delivery, url, image, state, attempts, created_at) VALUES (?,?,?, 'pending', 0, ?)",
        new String[] {"id"})) {
      ps.setString(1, delivery);
      ps.setString(2, url);
      ps.setString(3, image);
      ps.setLong(4, System.currentTimeMillis());
      ps.executeUpdate();
      try (var keys = ps.getGeneratedKeys()) {
        return keys.next() ? keys.getLong(1) : -1;
      }
    } catch (SQLException e) {
      throw new DrydockException("cannot record a delivery in " + server.db.where() + ": " + e.getMessage(), e);
    }
  }

  private void update(long row, String state, int attempts, Integer status, String error) {
    try (Connection c = server.db.connection(); PreparedStatement ps = c.prepareStatement(
        "UPDATE deliveries SET state=?, attempts=?, last_status=?, last_error=?, finished_at=? WHERE id=?")) {
      ps.setString(1, state);
      ps.setInt(2, attempts);
      if (status == null) {
        ps.setNull(3, java.sql.Types.INTEGER);
      } else {
        ps.setInt(3, status);
      }
      ps.setString(4, error);
      if (state.equals("delivered") || state.equals("failed")) {
        ps.setLong(5, System.currentTimeMillis());
      } else {
        ps.setNull(5, java.sql.Types.BIGINT);
      }
      ps.setLong(6, row);
      ps.executeUpdate();
    } catch (SQLException e) {
      server.log.warn(null, "cannot update the delivery log", "error", e.getMessage());
    }
  }

  /** Lets queued deliveries finish for a moment, then stops. */
  @Override
  public void close() {
    senders.shutdown();
    try {
      senders.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    senders.shutdownNow();
  }

}
