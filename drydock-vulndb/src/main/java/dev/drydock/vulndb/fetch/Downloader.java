package dev.drydock.vulndb.fetch;

import dev.drydock.model.DrydockException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Downloads one URL to a local file, safely: conditional GET (ETag / Last-Modified, 304 keeps the old file),
 * retries with exponential backoff on connection errors, timeouts, truncated bodies, HTTP 5xx and 429
 * (honouring {@code Retry-After}), the body streamed to a temp file next to the destination with a size
 * limit, an optional SHA-256 check (given, or read from a {@code .sha256} sidecar URL), then an atomic rename.
 * On any failure the destination is left untouched. A progress bar goes to stderr only when
 * {@link System#console()} is not null.
 *
 * <p>Not safe for two processes writing the same destination at once (stale temp files of that destination
 * are deleted first); {@link FeedSync} holds a directory lock for that.
 */
public final class Downloader {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
  private static final int SIDECAR_LIMIT = 64 * 1024;
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "drydock-download-watchdog");
    t.setDaemon(true);
    return t;
  });

  /**
   * Tunables. {@code idleTimeout} bounds both the wait for response headers and any stall while reading the
   * body; {@code maxBytes} caps a body.
   */
  public record Settings(int maxAttempts, Duration backoffBase, Duration connectTimeout, Duration idleTimeout,
      long maxBytes) {
    public Settings {
      if (maxAttempts < 1 || maxBytes < 1) {
        throw new IllegalArgumentException("maxAttempts and maxBytes must be positive");
      }
      Objects.requireNonNull(backoffBase);
      Objects.requireNonNull(connectTimeout);
      Objects.requireNonNull(idleTimeout);
    }

    /** 4 attempts, 1 s backoff base (1, 2, 4 s), 30 s connect, 60 s idle, 4 GiB limit. */
    public static Settings defaults() {
      return new Settings(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), 4L << 30);
    }

    public Settings withMaxAttempts(int n) {
      return new Settings(n, backoffBase, connectTimeout, idleTimeout, maxBytes);
    }

    public Settings withBackoffBase(Duration d) {
      return new Settings(maxAttempts, d, connectTimeout, idleTimeout, maxBytes);
    }

    public Settings withIdleTimeout(Duration d) {
      return new Settings(maxAttempts, backoffBase, connectTimeout, d, maxBytes);
    }

    public Settings withMaxBytes(long n) {
      return new Settings(maxAttempts, backoffBase, connectTimeout, idleTimeout, n);
    }
  }

  /**
   * What to fetch. {@code etag}/{@code lastModified} (from the previous download) are sent as
   * If-None-Match / If-Modified-Since only when {@code destination} exists. {@code sha256} (hex) or
   * {@code sha256Url} (a sidecar whose first token is the hex digest) enable verification; both may be null.
   */
  public record Request(URI url, Path destination, String etag, String lastModified, String sha256, URI sha256Url) {
    public Request {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(destination, "destination");
    }

    public static Request of(URI url, Path destination) {
      return new Request(url, destination, null, null, null, null);
    }

    public Request conditional(String etag, String lastModified) {
      return new Request(url, destination, etag, lastModified, sha256, sha256Url);
    }

    public Request verified(String sha256, URI sha256Url) {
      return new Request(url, destination, etag, lastModified, sha256, sha256Url);
    }
  }

  /**
   * The local file after a download: its validators as the server sent them (may be null), its SHA-256 (hex,
   * lower case) and size. {@code notModified} is true when the server answered 304 and the old file was kept
   * (etag/lastModified are then those of the request).
   */
  public record Result(Path path, String etag, String lastModified, String sha256, long bytes, boolean notModified) {}

  private final HttpClient client;
  private final Settings settings;

  public Downloader() {
    this(Settings.defaults());
  }

  public Downloader(Settings settings) {
    this.settings = settings;
    this.client = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  public Settings settings() {
    return settings;
  }

  /** Downloads {@code req.url()} to {@code req.destination()}; throws {@link DrydockException} on failure. */
  public Result download(Request req) {
    Path dest = req.destination();
    try {
      AtomicFiles.cleanStale(dest);
      boolean haveOld = Files.isRegularFile(dest);
      String etag = haveOld ? req.etag() : null;
      String lastModified = haveOld ? req.lastModified() : null;
      boolean conditional = etag != null || lastModified != null;
      Fetched fetched = withRetries(req.url(), etag, lastModified,
          (response, attempt) -> receive(req, response, conditional));
      if (fetched.temp == null) {
        return new Result(dest, req.etag(), req.lastModified(), sha256Of(dest), Files.size(dest), true);
      }
      try {
        String expected = expectedSha256(req);
        if (expected != null && !expected.equalsIgnoreCase(fetched.sha256)) {
          throw new DrydockException("checksum mismatch for " + req.url() + ": expected " + expected.toLowerCase(Locale.ROOT)
              + ", got " + fetched.sha256);
        }
        AtomicFiles.commit(fetched.temp, dest);
      } finally {
        Files.deleteIfExists(fetched.temp);
      }
      return new Result(dest, fetched.etag, fetched.lastModified, fetched.sha256, fetched.bytes, false);
    } catch (IOException e) {
      throw new DrydockException("cannot write " + dest + ": " + e.getMessage(), e);
    }
  }

  /** A 200 body saved to {@code temp}, or a 304 ({@code temp == null}). */
  private record Fetched(Path temp, String etag, String lastModified, String sha256, long bytes) {}

  private interface Handler<T> {
    T handle(HttpResponse<InputStream> response, int attempt) throws IOException, RetryableException;
  }

  /** A failure worth another attempt. */
  private static final class RetryableException extends Exception {
    private static final long serialVersionUID = 1L;

    RetryableException(String message) {
      super(message, null, false, false);
    }
  }

  private <T> T withRetries(URI url, String etag, String lastModified, Handler<T> handler) {
    String last = null;
    for (int attempt = 1; ; attempt++) {
      Duration delay = settings.backoffBase().multipliedBy(1L << Math.min(attempt - 1, 20));
      try {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).GET().timeout(settings.idleTimeout())
            .header("User-Agent", "drydock");
        if (etag != null) {
          b.header("If-None-Match", etag);
        }
        if (lastModified != null) {
          b.header("If-Modified-Since", lastModified);
        }
        HttpResponse<InputStream> response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
          int status = response.statusCode();
          if (status == 429 || status >= 500) {
            Duration asked = retryAfter(response);
            if (asked != null) {
              delay = asked;
            }
            throw new RetryableException("HTTP " + status + " from " + url);
          }
          return handler.handle(response, attempt);
        } finally {
          response.body().close(); // releases the connection whatever the handler read
        }
      } catch (RetryableException e) {
        last = e.getMessage();
      } catch (IOException e) {
        last = describe(url, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DrydockException("download of " + url + " interrupted", e);
      }
      if (attempt >= settings.maxAttempts()) {
        throw new DrydockException(settings.maxAttempts() == 1 ? last
            : last + " (gave up after " + attempt + " attempts)");
      }
      sleep(delay);
    }
  }

  private Fetched receive(Request req, HttpResponse<InputStream> response, boolean conditional)
      throws IOException, RetryableException {
    int status = response.statusCode();
    if (status == 304 && !conditional) {
      throw new DrydockException("HTTP 304 from " + req.url() + " to an unconditional request");
    }
    if (status == 304) {
      return new Fetched(null, null, null, null, 0);
    }
    if (status != 200) {
      throw new DrydockException("HTTP " + status + " from " + req.url());
    }
    OptionalLong length = response.headers().firstValueAsLong("Content-Length");
    if (length.isPresent() && length.getAsLong() > settings.maxBytes()) {
      throw new DrydockException(req.url() + " is " + length.getAsLong() + " bytes, over the limit of "
          + settings.maxBytes());
    }
    Path temp = AtomicFiles.newTemp(req.destination());
    boolean ok = false;
    try (ProgressBar bar = progressBar(req.destination().getFileName().toString(), length.orElse(-1))) {
      MessageDigest sha = sha256();
      long n = copy(response.body(), temp, sha, bar, req.url());
      if (length.isPresent() && n != length.getAsLong()) {
        throw new RetryableException("truncated download from " + req.url() + ": expected "
            + length.getAsLong() + " bytes, got " + n);
      }
      ok = true;
      return new Fetched(temp, response.headers().firstValue("ETag").orElse(null),
          response.headers().firstValue("Last-Modified").orElse(null), HexFormat.of().formatHex(sha.digest()), n);
    } finally {
      if (!ok) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private long copy(InputStream in, Path temp, MessageDigest sha, ProgressBar bar, URI url)
      throws IOException, RetryableException {
    AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    long idleNanos = settings.idleTimeout().toNanos();
    boolean[] stalled = {false};
    long period = Math.max(10, Math.min(1000, settings.idleTimeout().toMillis() / 4));
    ScheduledFuture<?> watch = WATCHDOG.scheduleAtFixedRate(() -> {
      if (System.nanoTime() - lastProgress.get() > idleNanos) {
        stalled[0] = true;
        try {
          in.close();
        } catch (IOException ignored) {
          // closing is only to unblock the reader
        }
      }
    }, period, period, TimeUnit.MILLISECONDS);
    long n = 0;
    try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
      byte[] buf = new byte[1 << 16];
      int r;
      while ((r = in.read(buf)) != -1) {
        n += r;
        if (n > settings.maxBytes()) {
          throw new DrydockException(url + " is over the size limit of " + settings.maxBytes() + " bytes");
        }
        out.write(buf, 0, r);
        sha.update(buf, 0, r);
        lastProgress.set(System.nanoTime());
        if (bar != null) {
          bar.stepTo(n);
        }
      }
      out.getChannel().force(true);
    } catch (IOException e) {
      String why = stalled[0] ? "no data for " + settings.idleTimeout().toMillis() + " ms" : e.getMessage();
      throw new RetryableException("download from " + url + " broke off after " + n + " bytes: " + why);
    } finally {
      watch.cancel(false);
    }
    return n;
  }

  private String expectedSha256(Request req) {
    if (req.sha256() != null) {
      return checkHex(req.sha256().strip(), "configured sha256 for " + req.url());
    }
    if (req.sha256Url() == null) {
      return null;
    }
    String text = withRetries(req.sha256Url(), null, null, (response, attempt) -> {
      if (response.statusCode() != 200) {
        throw new DrydockException("HTTP " + response.statusCode() + " from " + req.sha256Url());
      }
      byte[] bytes = response.body().readNBytes(SIDECAR_LIMIT);
      return new String(bytes, StandardCharsets.UTF_8);
    });
    String token = text.strip().split("\\s+", 2)[0];
    return checkHex(token, "checksum file " + req.sha256Url());
  }

  private static String checkHex(String hex, String what) {
    if (!HEX64.matcher(hex).matches()) {
      throw new DrydockException(what + " is not a hex SHA-256 digest: '"
          + (hex.length() > 80 ? hex.substring(0, 80) + "..." : hex) + "'");
    }
    return hex.toLowerCase(Locale.ROOT);
  }

  static Duration retryAfter(HttpResponse<?> response) {
    String value = response.headers().firstValue("Retry-After").orElse(null);
    if (value == null) {
      return null;
    }
    Duration d;
    try {
      d = Duration.ofSeconds(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      try {
        d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.strip(),
            DateTimeFormatter.RFC_1123_DATE_TIME));
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
    if (d.isNegative()) {
      return Duration.ZERO;
    }
    return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
  }

  private static String describe(URI url, IOException e) {
    String kind = e instanceof java.net.http.HttpTimeoutException ? "timed out"
        : e instanceof java.net.ConnectException ? "connection failed" : "failed";
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "download from " + url + " " + kind + ": " + msg;
  }

  private static ProgressBar progressBar(String name, long length) {
    if (System.console() == null) {
      return null;
    }
    return new ProgressBarBuilder().setTaskName(name).setInitialMax(length)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUnit("MiB", 1 << 20).showSpeed().build();
  }

  static String sha256Of(Path file) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int r;
      while ((r = in.read(buf)) != -1) {
        sha.update(buf, 0, r);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DrydockException("download interrupted");
    }
  }
}
