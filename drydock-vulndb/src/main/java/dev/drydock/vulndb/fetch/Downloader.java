package dev.drydock.vulndb.fetch;

import dev.drydock.model.DrydockException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * retries with exponential backoff on timeouts, truncated bodies, HTTP 5xx and 429 (honouring
 * {@code Retry-After}), the body streamed to a temp file next to the destination with a size limit, an
 * optional SHA-256 check (given, or read from a {@code .sha256} sidecar URL), then an atomic rename. On any
 * failure the destination is left untouched. A progress bar goes to stderr only when
 * {@link System#console()} is not null.
 *
 * <p>A host (or proxy) that cannot be reached at all (its name does not resolve, the connection is refused,
 * or it does not answer within the connect timeout) is not retried: it is remembered as down for the rest of
 * this downloader's life, so that every further URL on it fails at once. {@link #probe} checks many hosts in
 * parallel before a run, so an offline machine fails within one connect timeout. {@code file:} URLs are
 * copied (checksums apply). Proxies come from the environment ({@link EnvProxies}); HTTP Basic credentials
 * from the feed configuration or netrc ({@link Credentials}) go only to the host they name: redirects are
 * followed here (at most 5, never from https to http), not by the HTTP client.
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

    /** 4 attempts, 1 s backoff base (1, 2, 4 s), 10 s connect, 60 s idle, 4 GiB limit. */
    public static Settings defaults() {
      return new Settings(4, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60), 4L << 30);
    }

    public Settings withConnectTimeout(Duration d) {
      return new Settings(maxAttempts, backoffBase, d, idleTimeout, maxBytes);
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
  public record Request(URI url, Path destination, String etag, String lastModified, String sha256, URI sha256Url,
      long maxBytes) {
    public Request {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(destination, "destination");
    }

    public static Request of(URI url, Path destination) {
      return new Request(url, destination, null, null, null, null, 0);
    }

    public Request conditional(String etag, String lastModified) {
      return new Request(url, destination, etag, lastModified, sha256, sha256Url, maxBytes);
    }

    public Request verified(String sha256, URI sha256Url) {
      return new Request(url, destination, etag, lastModified, sha256, sha256Url, maxBytes);
    }

    /** At most {@code n} bytes for this request (below {@link Settings#maxBytes()}); 0 for the settings' limit. */
    public Request limited(long n) {
      return new Request(url, destination, etag, lastModified, sha256, sha256Url, n);
    }
  }

  /** The byte limit of one request: its own, when set and lower than the settings'. */
  private long limit(Request req) {
    return req.maxBytes() > 0 ? Math.min(req.maxBytes(), settings.maxBytes()) : settings.maxBytes();
  }

  /**
   * The local file after a download: its validators as the server sent them (may be null), its SHA-256 (hex,
   * lower case) and size. {@code notModified} is true when the server answered 304 and the old file was kept
   * (etag/lastModified are then those of the request).
   */
  public record Result(Path path, String etag, String lastModified, String sha256, long bytes, boolean notModified) {}

  private static final int MAX_REDIRECTS = 5;

  private final HttpClient client;
  private final Settings settings;
  private final EnvProxies proxies;
  private final Credentials credentials;
  /** Connect targets ({@code host:port}, or the proxy) found unreachable, with the reason. */
  private final Map<String, String> down = new ConcurrentHashMap<>();

  public Downloader() {
    this(Settings.defaults());
  }

  public Downloader(Settings settings) {
    this(settings, NetworkEnv.system(), List.of());
  }

  /**
   * A downloader using the proxies and netrc of {@code env} and the {@code credentials} of a feed configuration.
   *
   * @throws DrydockException when a proxy variable is not a usable proxy URL
   */
  public Downloader(Settings settings, NetworkEnv env, List<FeedConfig.Credential> credentials) {
    this.settings = settings;
    this.proxies = new EnvProxies(env);
    this.credentials = new Credentials(credentials, env);
    HttpClient.Builder builder = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(proxies);
    if (proxies.hasCredentials()) {
      // only then: with an authenticator the JDK drops the headers set here and answers challenges itself
      builder.authenticator(new Challenges(proxies, this.credentials));
    }
    this.client = builder.build();
  }

  public Settings settings() {
    return settings;
  }

  /** Downloads {@code req.url()} to {@code req.destination()}; throws {@link DrydockException} on failure. */
  public Result download(Request req) {
    Path dest = req.destination();
    try {
      AtomicFiles.cleanStale(dest);
      if (isFile(req.url())) {
        return copyLocal(req);
      }
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
        HttpResponse<InputStream> response = send(url, etag, lastModified);
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
      } catch (Unreachable e) {
        throw new DrydockException("download from " + url + " failed: " + e.getMessage());
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

  /**
   * Installed only when a proxy variable carries credentials: answers the proxy's 407 with them (for https the
   * JDK asks here for the CONNECT, and uses Basic only when the JVM runs with
   * {@code jdk.http.auth.tunneling.disabledSchemes} not listing Basic: the CLI's {@code Main} clears it at start),
   * and a server's 401 with the host's credentials ({@link Credentials}).
   */
  private static final class Challenges extends java.net.Authenticator {
    private final EnvProxies proxies;
    private final Credentials credentials;

    Challenges(EnvProxies proxies, Credentials credentials) {
      this.proxies = proxies;
      this.credentials = credentials;
    }

    @Override
    protected java.net.PasswordAuthentication getPasswordAuthentication() {
      if (getRequestingURL() == null) {
        return null;
      }
      URI url;
      try {
        url = getRequestingURL().toURI();
      } catch (java.net.URISyntaxException e) {
        return null;
      }
      if (getRequestorType() == RequestorType.SERVER) {
        try {
          Credentials.Login l = credentials.login(url);
          return l == null ? null : new java.net.PasswordAuthentication(l.user(), l.password().toCharArray());
        } catch (DrydockException e) {
          return null; // the variable is unset: the request without credentials fails with 401
        }
      }
      EnvProxies.HttpProxy p = proxies.proxyFor(url);
      if (p == null || p.user() == null || !p.host().equalsIgnoreCase(getRequestingHost())
          || p.port() != getRequestingPort()) {
        return null;
      }
      return new java.net.PasswordAuthentication(p.user(), p.password().toCharArray());
    }
  }

  /** A connect target that cannot be reached; not worth another attempt in this run. */
  private static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreachable(String message) {
      super(message, null, false, false);
    }
  }

  /** Where a request to {@code url} connects: the host itself or its proxy. */
  private record Target(String host, int port, boolean proxy) {
    String key() {
      return (proxy ? "proxy " : "") + host + ":" + port;
    }

    String label() {
      return proxy ? "proxy " + host + ":" + port : host + ":" + port;
    }
  }

  private Target target(URI url) {
    for (Proxy p : proxies.select(url)) {
      if (p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress a) {
        return new Target(a.getHostString(), a.getPort(), true);
      }
    }
    return new Target(url.getHost(), EnvProxies.port(url), false);
  }

  /**
   * Sends a GET to {@code url}, following redirects itself so that credentials go only to their own host;
   * the caller closes the body.
   */
  private HttpResponse<InputStream> send(URI url, String etag, String lastModified)
      throws IOException, InterruptedException, Unreachable {
    URI current = url;
    for (int hop = 0; ; hop++) {
      Target target = target(current);
      String reason = down.get(target.key());
      if (reason != null) {
        throw new Unreachable(reason);
      }
      HttpRequest.Builder b = HttpRequest.newBuilder(current).GET().timeout(settings.idleTimeout())
          .header("User-Agent", "drydock");
      String auth = credentials.authorization(current);
      if (auth != null) {
        b.header("Authorization", auth);
      }
      EnvProxies.HttpProxy proxy = proxies.proxyFor(current);
      if (proxy != null && proxy.authorization() != null) {
        b.header("Proxy-Authorization", proxy.authorization());
      }
      if (etag != null) {
        b.header("If-None-Match", etag);
      }
      if (lastModified != null) {
        b.header("If-Modified-Since", lastModified);
      }
      HttpResponse<InputStream> response;
      try {
        response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (java.net.http.HttpConnectTimeoutException e) {
        throw markDown(target, "no answer from " + target.label() + " within "
            + settings.connectTimeout().toSeconds() + " s");
      } catch (ConnectException e) {
        throw markDown(target, connectFailure(target, e));
      } catch (IOException e) {
        if ("No credentials provided".equals(e.getMessage())) {
          // the authenticator had nothing to answer a 401 or 407 with
          throw new DrydockException("authentication required by " + (proxy != null ? proxy.label() : current.getHost())
              + " for " + url + " (credentials: see docs/feeds.md)");
        }
        throw e;
      }
      int status = response.statusCode();
      String location = response.headers().firstValue("Location").orElse(null);
      if (!(status == 301 || status == 302 || status == 303 || status == 307 || status == 308) || location == null) {
        return response;
      }
      response.body().close();
      if (hop + 1 > MAX_REDIRECTS) {
        throw new DrydockException("too many redirects from " + url + " (more than " + MAX_REDIRECTS + ")");
      }
      URI next;
      try {
        next = current.resolve(location.strip());
      } catch (IllegalArgumentException e) {
        throw new DrydockException("HTTP " + status + " from " + current + " redirects to a bad URL: " + location);
      }
      if ("https".equalsIgnoreCase(current.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
        throw new DrydockException("refusing the redirect from " + current + " to " + next + " (not https)");
      }
      current = next;
    }
  }

  private Unreachable markDown(Target target, String reason) {
    down.putIfAbsent(target.key(), reason);
    return new Unreachable(down.get(target.key()));
  }

  /** Why the client could not connect: an unresolvable name, or what a plain socket connect says. */
  private String connectFailure(Target target, ConnectException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.nio.channels.UnresolvedAddressException) {
        return "cannot resolve " + (target.proxy() ? "proxy host " : "host ") + target.host();
      }
    }
    String why = probeOne(target);
    return why != null ? why : "cannot connect to " + target.label()
        + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /**
   * Connects (TCP only, no request) to every distinct host or proxy that {@code urls} need, in parallel, each
   * bounded by the connect timeout; the unreachable ones are remembered, so that their downloads fail at
   * once. Returns the reasons by target. {@code file:} URLs are skipped.
   */
  public Map<String, String> probe(Collection<URI> urls) {
    Map<String, Target> targets = new LinkedHashMap<>();
    for (URI u : urls) {
      if (u != null && !isFile(u) && u.getHost() != null) {
        Target t = target(u);
        if (!down.containsKey(t.key())) {
          targets.putIfAbsent(t.key(), t);
        }
      }
    }
    if (targets.isEmpty()) {
      return Map.copyOf(down);
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(targets.size(), 8), r -> {
      Thread t = new Thread(r, "drydock-probe");
      t.setDaemon(true);
      return t;
    });
    try {
      Map<String, Future<String>> pending = new LinkedHashMap<>();
      targets.forEach((key, t) -> pending.put(key, pool.submit(() -> probeOne(t))));
      for (Map.Entry<String, Future<String>> e : pending.entrySet()) {
        try {
          String why = e.getValue().get();
          if (why != null) {
            down.putIfAbsent(e.getKey(), why);
          }
        } catch (ExecutionException ex) {
          // an unexpected probe failure decides nothing: the download will tell
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DrydockException("interrupted while checking which feed hosts can be reached", e);
    } finally {
      pool.shutdownNow();
    }
    return Map.copyOf(down);
  }

  /** Null when a TCP connection to {@code t} opens within the connect timeout, else why not. */
  private String probeOne(Target t) {
    InetSocketAddress address = new InetSocketAddress(t.host(), t.port());
    if (address.isUnresolved()) {
      return "cannot resolve " + (t.proxy() ? "proxy host " : "host ") + t.host();
    }
    try (Socket s = new Socket()) {
      s.connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis())));
      return null;
    } catch (SocketTimeoutException e) {
      return "no answer from " + t.label() + " within " + settings.connectTimeout().toSeconds() + " s";
    } catch (IOException e) {
      return "cannot connect to " + t.label() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage());
    }
  }

  private static boolean isFile(URI url) {
    return "file".equalsIgnoreCase(url.getScheme());
  }

  /** A {@code file:} feed: copied to a temp file beside the destination, verified, renamed into place. */
  private Result copyLocal(Request req) throws IOException {
    Path source;
    try {
      source = Path.of(req.url());
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      throw new DrydockException("cannot read " + req.url() + ": " + e.getMessage());
    }
    if (!Files.isRegularFile(source)) {
      throw new DrydockException("file " + source + " does not exist");
    }
    if (Files.size(source) > limit(req)) {
      throw new DrydockException(source + " is " + Files.size(source) + " bytes, over the limit of "
          + limit(req));
    }
    Path temp = AtomicFiles.newTemp(req.destination());
    try {
      MessageDigest sha = sha256();
      long n;
      try (InputStream in = Files.newInputStream(source)) {
        n = copy(in, temp, sha, null, req.url(), limit(req));
      } catch (RetryableException e) {
        throw new DrydockException(e.getMessage());
      }
      String actual = HexFormat.of().formatHex(sha.digest());
      String expected = expectedSha256(req);
      if (expected != null && !expected.equalsIgnoreCase(actual)) {
        throw new DrydockException("checksum mismatch for " + req.url() + ": expected " + expected + ", got " + actual);
      }
      AtomicFiles.commit(temp, req.destination());
      return new Result(req.destination(), null, null, actual, n, false);
    } finally {
      Files.deleteIfExists(temp);
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
    if (status == 401) {
      throw new DrydockException("HTTP 401 from " + req.url() + " (credentials for " + req.url().getHost()
          + " go in ~/.netrc or under credentials: in the feed configuration, see docs/feeds.md)");
    }
    if (status == 407) {
      throw new DrydockException("HTTP 407 from the proxy for " + req.url()
          + " (proxy credentials go in the proxy URL: http://user:password@host:port)");
    }
    if (status != 200) {
      throw new DrydockException("HTTP " + status + " from " + req.url());
    }
    OptionalLong length = response.headers().firstValueAsLong("Content-Length");
    if (length.isPresent() && length.getAsLong() > limit(req)) {
      throw new DrydockException(req.url() + " is " + length.getAsLong() + " bytes, over the limit of "
          + limit(req));
    }
    Path temp = AtomicFiles.newTemp(req.destination());
    boolean ok = false;
    try (ProgressBar bar = progressBar(req.destination().getFileName().toString(), length.orElse(-1))) {
      MessageDigest sha = sha256();
      long n = copy(response.body(), temp, sha, bar, req.url(), limit(req));
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

  private long copy(InputStream in, Path temp, MessageDigest sha, ProgressBar bar, URI url, long maxBytes)
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
        if (n > maxBytes) {
          throw new DrydockException(url + " is over the size limit of " + maxBytes + " bytes");
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
    if (isFile(req.sha256Url())) {
      return checkHex(readSidecar(req.sha256Url()), "checksum file " + req.sha256Url());
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

  private static String readSidecar(URI url) {
    try (InputStream in = Files.newInputStream(Path.of(url))) {
      String text = new String(in.readNBytes(SIDECAR_LIMIT), StandardCharsets.UTF_8);
      return text.strip().split("\\s+", 2)[0];
    } catch (IOException e) {
      throw new DrydockException("cannot read checksum file " + url + ": " + e.getMessage(), e);
    }
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
