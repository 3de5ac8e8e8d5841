package dev.drydock.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Sends GET and HEAD requests to one origin, and nothing else: every URL is checked against the origin first,
 * redirects are not followed by the client (the spider decides), every request has a deadline that covers the
 * headers and the whole body (a server trickling one byte a second is cut at the deadline), and a body is read
 * up to a limit and then dropped. Requests are spaced by the rate limit. Not thread-safe: one spider uses it.
 */
final class Fetcher implements AutoCloseable {

  /** Why a request gave no page. */
  static final class FetchException extends Exception {
    FetchException(String message) {
      super(message);
    }
  }

  private final Origin origin;
  private final WebOptions options;
  private final Deadline deadline;
  private final ExecutorService executor;
  private final HttpClient client;
  private final List<String> log = new ArrayList<>();
  private long lastRequest;
  private int requests;

  Fetcher(Origin origin, WebOptions options, Deadline deadline, SSLContext ssl) {
    this.origin = origin;
    this.options = options;
    this.deadline = deadline;
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "drydock-web");
      t.setDaemon(true); // a request cut at the deadline must not keep the JVM alive
      return t;
    });
    HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).executor(executor)
        .connectTimeout(options.requestTimeout());
    if (ssl != null) {
      b.sslContext(ssl);
    }
    this.client = b.build();
  }

  int requests() {
    return requests;
  }

  /** {@code METHOD URL} of every request sent, in order. */
  List<String> log() {
    return List.copyOf(log);
  }

  /** GETs {@code url} (on the origin); the page, or why there is none. */
  Page get(URI url) throws FetchException {
    return send("GET", url, Map.of());
  }

  Page head(URI url) throws FetchException {
    return send("HEAD", url, Map.of());
  }

  /** A request with more headers (the CORS probe's {@code Origin}). */
  Page send(String method, URI url, Map<String, String> extra) throws FetchException {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new IllegalArgumentException("drydock web sends GET and HEAD only, not " + method);
    }
    if (!origin.contains(url)) {
      throw new IllegalStateException("not on " + origin + ": " + url); // the spider checks first: a bug
    }
    pace();
    Duration left = deadline.remaining();
    if (left.isZero()) {
      throw new FetchException("max-duration reached");
    }
    Duration timeout = left.compareTo(options.requestTimeout()) < 0 ? left : options.requestTimeout();
    HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(timeout).method(method,
        HttpRequest.BodyPublishers.noBody()).header("User-Agent", options.userAgent());
    options.headers().forEach(h -> rb.header(h.name(), h.value()));
    if (!options.cookies().isEmpty()) {
      rb.header("Cookie", String.join("; ", options.cookies()));
    }
    extra.forEach(rb::header);
    HttpRequest request;
    try {
      request = rb.build();
    } catch (IllegalArgumentException e) {
      throw new FetchException("cannot request " + url + ": " + e.getMessage());
    }
    requests++;
    log.add(method + " " + url);
    long limit = options.maxBodyBytes();
    CompletableFuture<HttpResponse<Bounded.Body>> f = client.sendAsync(request,
        info -> new Bounded(limit));
    try {
      HttpResponse<Bounded.Body> r = f.get(timeout.toMillis() + 50, TimeUnit.MILLISECONDS);
      Bounded.Body body = r.body();
      return new Page(url, method, r.statusCode(), r.headers().map(), body.bytes(), body.truncated());
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new FetchException(url + ": no complete response within " + timeout.toMillis() + " ms (cut)");
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new FetchException(url + ": interrupted");
    } catch (ExecutionException e) {
      throw new FetchException(url + ": " + describe(e.getCause()));
    }
  }

  static String describe(Throwable t) {
    if (t instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    }
    if (t instanceof HttpTimeoutException) {
      return "timed out";
    }
    if (t instanceof SSLException) {
      return "TLS error: " + t.getMessage();
    }
    if (t instanceof java.net.ConnectException) {
      return "unreachable (connection refused)";
    }
    if (t instanceof IOException) {
      Throwable c = t.getCause();
      if (c instanceof SSLException) {
        return "TLS error: " + c.getMessage();
      }
      return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
    return String.valueOf(t);
  }

  /** Sleeps so that requests are at least the rate limit's interval apart (never past the deadline). */
  private void pace() {
    long gap = options.minInterval().toNanos();
    long wait = lastRequest + gap - System.nanoTime();
    if (lastRequest != 0 && wait > 0) {
      long ms = Math.min(TimeUnit.NANOSECONDS.toMillis(wait) + 1, deadline.remaining().toMillis());
      try {
        Thread.sleep(Math.max(0, ms));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lastRequest = System.nanoTime();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** A body subscriber that keeps at most {@code limit} bytes and then cancels the rest of the body. */
  static final class Bounded implements HttpResponse.BodySubscriber<Bounded.Body> {
    record Body(byte[] bytes, boolean truncated) {}

    private final long limit;
    private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private boolean truncated;

    Bounded(long limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<Body> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        int room = (int) Math.min(limit - buf.size(), b.remaining());
        byte[] chunk = new byte[room];
        b.get(chunk);
        buf.write(chunk, 0, room);
        if (b.hasRemaining() || buf.size() >= limit && b.hasRemaining()) {
          truncated = true;
        }
      }
      if (truncated) {
        subscription.cancel(); // the rest of a 10 MB response is never read
        result.complete(new Body(buf.toByteArray(), true));
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(new Body(buf.toByteArray(), truncated));
    }
  }
}
