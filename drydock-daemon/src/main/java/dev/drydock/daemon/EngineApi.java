package dev.drydock.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The few Docker Engine API calls drydock makes ({@code /_ping}, {@code /version}, {@code /images/{name}/json},
 * {@code /images/{name}/get}), spoken over HTTP/1.1 by Jetty's client on a unix socket (JDK 16+ unix-domain
 * channels: no native library) or on a loopback TCP port. Podman's Docker-compatible service answers the same
 * calls. One instance per daemon, closed after use.
 *
 * <p>API versions: the calls drydock makes exist unchanged from {@link #MIN_VERSION} to {@link #MAX_VERSION};
 * {@link #negotiate} picks the highest version both sides know (the daemon's {@code Api-Version} from
 * {@code /_ping}, its {@code MinAPIVersion} from {@code /version}) and every later path carries it, so no path is
 * sent that the daemon refuses.
 */
final class EngineApi implements AutoCloseable {
  /** The oldest API version whose {@code /images/{name}/get} and {@code /images/{name}/json} drydock reads. */
  static final ApiVersion MIN_VERSION = ApiVersion.parse("1.24");
  /** The newest API version drydock knows (Docker 28); the calls it makes are the same in every version between. */
  static final ApiVersion MAX_VERSION = ApiVersion.parse("1.48");
  /** Bodies of JSON answers larger than this are refused. */
  static final int MAX_JSON = 16 << 20;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Endpoint endpoint;
  private final String daemonName;
  private final Duration timeout;
  private final Duration connectTimeout;
  private final HttpClient client;
  private ApiVersion version;

  private EngineApi(Endpoint endpoint, String daemonName, Duration connectTimeout, Duration timeout,
      HttpClient client) {
    this.endpoint = endpoint;
    this.daemonName = daemonName;
    this.connectTimeout = connectTimeout;
    this.timeout = timeout;
    this.client = client;
  }

  /**
   * A client for the daemon at {@code endpoint}. A unix socket that does not exist or cannot be opened is refused
   * here, with one line naming it; nothing is sent yet.
   *
   * @param connectTimeout how long connecting may take
   * @param timeout how long an answer may stall (the first bytes, and between reads)
   */
  static EngineApi open(Endpoint endpoint, String daemonName, Duration connectTimeout, Duration timeout) {
    if (endpoint.socket() != null) {
      requireSocket(endpoint, daemonName);
    }
    ClientConnector connector = new ClientConnector();
    connector.setConnectTimeout(connectTimeout);
    connector.setIdleTimeout(timeout);
    QueuedThreadPool threads = new QueuedThreadPool(8, 1);
    threads.setName("drydock-" + daemonName);
    threads.setDaemon(true);
    connector.setExecutor(threads);
    HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
    client.setExecutor(threads);
    client.setFollowRedirects(false);
    client.setUserAgentField(new org.eclipse.jetty.http.HttpField(HttpHeader.USER_AGENT, "drydock"));
    client.setMaxConnectionsPerDestination(2);
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the HTTP client: " + e, e);
    }
    return new EngineApi(endpoint, daemonName, connectTimeout, timeout, client);
  }

  private static void requireSocket(Endpoint e, String daemonName) {
    java.nio.file.Path s = e.socket();
    String from = e.origin().equals("default") ? "" : " (from " + e.origin() + ")";
    if (!Files.exists(s, LinkOption.NOFOLLOW_LINKS) && !Files.exists(s)) {
      throw new DrydockException(daemonName + ": no socket at " + s + from + ": is the daemon running?");
    }
    if (Files.isDirectory(s) || Files.isRegularFile(s)) {
      throw new DrydockException(daemonName + ": " + s + from + " is not a socket");
    }
    if (!Files.isWritable(s) || !Files.isReadable(s)) {
      throw new DrydockException(daemonName + ": permission denied on " + s + from
          + " (run as a user in the socket's group, or point " + (daemonName.equals("docker") ? "DOCKER_HOST" : "CONTAINER_HOST")
          + " at a socket you may open)");
    }
  }

  Endpoint endpoint() {
    return endpoint;
  }

  /** The version chosen by {@link #negotiate}. */
  ApiVersion version() {
    return version;
  }

  /**
   * Asks the daemon which API versions it speaks and picks the highest both know.
   *
   * @throws DrydockException when the daemon does not answer, answers something that is not the Docker API, or
   *     speaks no version drydock knows
   */
  ApiVersion negotiate() {
    Answer ping = get("/_ping", 1024);
    if (ping.status() != 200) {
      throw refused("/_ping", ping);
    }
    String header = ping.apiVersion();
    JsonNode v = json(get("/version", MAX_JSON), "/version");
    String max = header != null ? header : text(v, "ApiVersion");
    String min = text(v, "MinAPIVersion");
    if (max == null) {
      throw new DrydockException(where() + " answered /_ping and /version without an API version: not a Docker API");
    }
    ApiVersion daemonMax = parseVersion(max, "/version ApiVersion");
    ApiVersion daemonMin = min == null ? MIN_VERSION : parseVersion(min, "/version MinAPIVersion");
    ApiVersion chosen = daemonMax.compareTo(MAX_VERSION) < 0 ? daemonMax : MAX_VERSION;
    if (chosen.compareTo(MIN_VERSION) < 0) {
      throw new DrydockException(where() + " speaks API versions up to " + daemonMax + "; drydock needs at least "
          + MIN_VERSION + " (upgrade the daemon)");
    }
    if (daemonMin.compareTo(chosen) > 0) {
      throw new DrydockException(where() + " refuses API versions below " + daemonMin + "; drydock speaks "
          + MIN_VERSION + " to " + MAX_VERSION);
    }
    version = chosen;
    return chosen;
  }

  /** {@code /images/{name}/json}, or empty when the daemon has no such image. */
  java.util.Optional<JsonNode> inspect(String name) {
    String path = versioned("/images/" + name + "/json");
    Answer a = get(path, MAX_JSON);
    if (a.status() == 404) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(json(a, "/images/" + name + "/json"));
  }

  /**
   * Starts {@code /images/{name}/get}: the image as a {@code docker save} tar stream. The caller reads and closes
   * it; a stream cut short by the daemon fails its reads with an {@link IOException}.
   */
  InputStream export(String name) {
    String path = versioned("/images/" + name + "/get");
    Exchange x = send(path);
    if (x.response().getStatus() != 200) {
      Answer a = x.readAll(MAX_JSON);
      throw refused("/images/" + name + "/get", a);
    }
    return x.body();
  }

  private String versioned(String path) {
    if (version == null) {
      throw new IllegalStateException("negotiate() first");
    }
    return "/v" + version + path;
  }

  /** One answer, read whole (bounded). */
  record Answer(int status, String apiVersion, byte[] body) {
    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private record Exchange(Response response, InputStream body, InputStreamResponseListener listener) {
    Answer readAll(int max) {
      try (InputStream in = body) {
        byte[] b = in.readNBytes(max + 1);
        return new Answer(response.getStatus(), response.getHeaders().get("Api-Version"), b);
      } catch (IOException e) {
        return new Answer(response.getStatus(), response.getHeaders().get("Api-Version"), new byte[0]);
      }
    }
  }

  private Answer get(String path, int max) {
    Exchange x = send(path);
    try (InputStream in = x.body()) {
      byte[] b = in.readNBytes(max + 1);
      if (b.length > max) {
        throw new DrydockException(where() + ": answer to " + path + " is larger than " + max + " bytes");
      }
      return new Answer(x.response().getStatus(), x.response().getHeaders().get("Api-Version"), b);
    } catch (IOException e) {
      throw new DrydockException(where() + ": answer to " + path + " was cut off (" + reason(e) + ")", e);
    }
  }

  private Exchange send(String path) {
    InputStreamResponseListener listener = new InputStreamResponseListener();
    Request request = client.newRequest(endpoint.base() + path)
        .idleTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .headers(h -> h.put(HttpHeader.CONNECTION, "close"));
    if (endpoint.socket() != null) {
      request.transport(new Transport.TCPUnix(endpoint.socket()));
    }
    request.send(listener);
    try {
      Response response = listener.get(connectTimeout.plus(timeout).toMillis(), TimeUnit.MILLISECONDS);
      return new Exchange(response, listener.getInputStream(), listener);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      request.abort(e);
      throw new DrydockException("interrupted while waiting for " + where());
    } catch (TimeoutException e) {
      request.abort(e);
      throw new DrydockException(where() + ": no answer to " + path + " within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      throw new DrydockException(where() + ": " + failure(e.getCause(), path), e.getCause());
    }
  }

  private String failure(Throwable c, String path) {
    String r = reason(c);
    String lower = r.toLowerCase(Locale.ROOT);
    if (c instanceof ConnectException || lower.contains("connection refused")) {
      return "connection refused (is the daemon running?)";
    }
    if (c instanceof AccessDeniedException || lower.contains("permission denied")) {
      return "permission denied (run as a user in the socket's group)";
    }
    if (c instanceof java.net.SocketTimeoutException || c instanceof TimeoutException) {
      return "no answer to " + path + " within " + timeout.toSeconds() + " s";
    }
    if (c instanceof org.eclipse.jetty.http.BadMessageException || lower.contains("bad message")
        || lower.contains("badmessage")) {
      return "not an HTTP answer to " + path + " (" + r + ")";
    }
    return "request " + path + " failed (" + r + ")";
  }

  static String reason(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c && (c.getMessage() == null || c.getMessage().isBlank())) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return m == null || m.isBlank() ? c.getClass().getSimpleName() : m;
  }

  private JsonNode json(Answer a, String what) {
    if (a.status() != 200) {
      throw refused(what, a);
    }
    try {
      JsonNode n = MAPPER.readTree(a.body());
      if (n == null || !n.isObject()) {
        throw new DrydockException(where() + ": malformed answer to " + what + " (not a JSON object)");
      }
      return n;
    } catch (IOException e) {
      throw new DrydockException(where() + ": malformed answer to " + what + " (not JSON: "
          + firstLine(e.getMessage()) + ")");
    }
  }

  /** A non-2xx answer as one line: the daemon's {@code message} when it sent one. */
  private DrydockException refused(String what, Answer a) {
    String message = null;
    try {
      JsonNode n = MAPPER.readTree(a.body());
      if (n != null && n.isObject()) {
        message = text(n, "message");
        if (message == null) {
          message = text(n, "cause");
        }
      }
    } catch (IOException e) {
      // not JSON: say the status alone
    }
    String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (a.status() == 400 && lower.contains("client version")) {
      return new DrydockException(where() + " refuses API version " + version + ": " + firstLine(message));
    }
    return new DrydockException(where() + " answered " + what + " with HTTP " + a.status()
        + (message == null ? "" : ": " + firstLine(message)));
  }

  private ApiVersion parseVersion(String s, String what) {
    try {
      return ApiVersion.parse(s);
    } catch (IllegalArgumentException e) {
      throw new DrydockException(where() + ": malformed answer to " + what + " ('" + firstLine(s) + "' is not an API version)");
    }
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String line = s.lines().findFirst().orElse("").strip();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  /** {@code docker at unix:///var/run/docker.sock}. */
  String where() {
    return daemonName + " at " + endpoint.display();
  }

  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      // threads are daemon threads; nothing is left half-written by a client that failed to stop
    }
  }

  /** A Docker API version, {@code major.minor}. */
  record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    static ApiVersion parse(String s) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,4})\\.(\\d{1,4})").matcher(s.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException("not an API version: " + s);
      }
      return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public int compareTo(ApiVersion o) {
      return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
      return major + "." + minor;
    }
  }
}
