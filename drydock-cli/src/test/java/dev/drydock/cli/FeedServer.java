package dev.drydock.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A loopback HTTP server (127.0.0.1, ephemeral port) serving feed files like a CDN does: ETag and
 * Last-Modified on every 200, 304 to a matching If-None-Match / If-Modified-Since. Every request is logged
 * with its conditional headers. A path can be throttled (slow body) to catch a client mid-download.
 */
final class FeedServer implements AutoCloseable {
  static final Path OSV_DIR = Path.of("../examples/advisories/osv");
  static final Path KEV = Path.of("../examples/advisories/known_exploited_vulnerabilities.json");

  /** One request as the server saw it. */
  record Hit(String path, String ifNoneMatch, String ifModifiedSince, int status) {
    boolean conditional() {
      return ifNoneMatch != null || ifModifiedSince != null;
    }
  }

  private record Content(byte[] body, String etag, String lastModified, int chunk, long pauseMillis) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "feed-server");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Content> files = new ConcurrentHashMap<>();
  private final List<Hit> hits = new CopyOnWriteArrayList<>();
  private int version;

  FeedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Serves {@code body} at {@code path} with a fresh ETag and Last-Modified. */
  synchronized void put(String path, byte[] body) {
    putThrottled(path, body, 0, 0);
  }

  /** Serves {@code body} in {@code chunk}-byte pieces with {@code pauseMillis} between them. */
  synchronized void putThrottled(String path, byte[] body, int chunk, long pauseMillis) {
    version++;
    String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        Instant.parse("2025-08-25T00:00:00Z").plusSeconds(3600L * version).atZone(ZoneOffset.UTC));
    files.put(path, new Content(body, "\"" + sha256(body).substring(0, 16) + "\"", lastModified, chunk, pauseMillis));
  }

  List<Hit> hits() {
    return List.copyOf(hits);
  }

  void clearHits() {
    hits.clear();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String inm = ex.getRequestHeaders().getFirst("If-None-Match");
      String ims = ex.getRequestHeaders().getFirst("If-Modified-Since");
      Content c = files.get(path);
      if (c == null) {
        hits.add(new Hit(path, inm, ims, 404));
        ex.sendResponseHeaders(404, -1);
        return;
      }
      ex.getResponseHeaders().set("ETag", c.etag());
      ex.getResponseHeaders().set("Last-Modified", c.lastModified());
      boolean fresh = inm != null ? inm.equals(c.etag()) : ims != null && ims.equals(c.lastModified());
      if (fresh) {
        hits.add(new Hit(path, inm, ims, 304));
        ex.sendResponseHeaders(304, -1);
        return;
      }
      hits.add(new Hit(path, inm, ims, 200));
      ex.sendResponseHeaders(200, c.body().length);
      OutputStream out = ex.getResponseBody();
      if (c.chunk() <= 0) {
        out.write(c.body());
        return;
      }
      for (int off = 0; off < c.body().length; off += c.chunk()) {
        out.write(c.body(), off, Math.min(c.chunk(), c.body().length - off));
        out.flush();
        Thread.sleep(c.pauseMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away (killed mid-download): nothing to answer
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  // ---- feed builders ----

  /** The real OSV records of examples/advisories/osv, minus the named files. */
  static List<Path> osvFiles(String... except) {
    try (Stream<Path> s = Files.list(OSV_DIR)) {
      List<String> skip = List.of(except);
      return s.filter(p -> p.getFileName().toString().endsWith(".json"))
          .filter(p -> !skip.contains(p.getFileName().toString())).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An OSV all.zip like osv-vulnerabilities.storage.googleapis.com serves: one {@code <id>.json} per record. */
  static byte[] osvZip(List<Path> records) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Path p : records) {
        zip.putNextEntry(new ZipEntry(p.getFileName().toString()));
        zip.write(Files.readAllBytes(p));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /**
   * A large OSV zip: {@code n} copies of one real record (GHSA-58pp-9c76-5625, jackson-databind) under new
   * ids {@code DRYDOCK-TEST-<n>}, so that importing it takes seconds.
   */
  static byte[] bigOsvZip(int n) throws IOException {
    String record = Files.readString(OSV_DIR.resolve("GHSA-58pp-9c76-5625.json"), StandardCharsets.UTF_8);
    if (!record.contains("\"id\": \"GHSA-58pp-9c76-5625\"")) {
      throw new IllegalStateException("unexpected layout of GHSA-58pp-9c76-5625.json");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(n * 1200);
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setLevel(1);
      for (int i = 0; i < n; i++) {
        String id = String.format("DRYDOCK-TEST-%06d", i);
        zip.putNextEntry(new ZipEntry(id + ".json"));
        zip.write(record.replace("\"id\": \"GHSA-58pp-9c76-5625\"", "\"id\": \"" + id + "\"")
            .getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** EPSS rows (cve, score, percentile) used by the tests: TEST VALUES in the real file's layout, not real scores. */
  static final List<String[]> EPSS_ROWS = List.of(
      new String[] {"CVE-2021-44228", "0.94400", "0.99990"},
      new String[] {"CVE-2021-45046", "0.94300", "0.99950"},
      new String[] {"CVE-2020-8203", "0.01200", "0.78000"},
      new String[] {"CVE-2021-44906", "0.00500", "0.65000"});

  /** {@link #EPSS_ROWS} as epss_scores-current.csv.gz (comment line, header, rows), gzip-compressed. */
  static byte[] epssCsvGz() throws IOException {
    StringBuilder csv = new StringBuilder("#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000\n"
        + "cve,epss,percentile\n");
    for (String[] r : EPSS_ROWS) {
      csv.append(String.join(",", r)).append('\n');
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  /** A feed configuration (docs/feeds.md) listing {@code name format path} triples served here. */
  Path config(Path file, String... nameFormatPath) throws IOException {
    List<String> lines = new ArrayList<>(List.of("max-age-days: 7", "feeds:"));
    for (int i = 0; i < nameFormatPath.length; i += 3) {
      lines.add("  - name: " + nameFormatPath[i]);
      lines.add("    format: " + nameFormatPath[i + 1]);
      lines.add("    url: " + url(nameFormatPath[i + 2]));
    }
    return Files.write(file, lines);
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
