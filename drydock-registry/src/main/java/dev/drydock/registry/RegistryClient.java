package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.Digests;
import dev.drydock.model.DrydockException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * A client of the OCI distribution API ({@code /v2/}) on {@link HttpClient}: one instance per job, shared by
 * the threads that fetch layers. It answers 401 challenges (Basic with the registry's login, Bearer by asking
 * the token service the challenge names for the repository's scope, with the login when there is one) and
 * reuses tokens until they expire; it retries 429, 502, 503 and 504 answers and requests cut before an answer,
 * with exponential backoff or the {@code Retry-After} the registry asks for; it follows redirects itself so that
 * credentials never go to another host. Every failure is one line naming the registry; no credential is ever
 * part of a message or a debug line.
 */
public final class RegistryClient {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String ACCEPT = String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST);
  /** Largest manifest or index accepted (containerd's bound). */
  static final int MAX_MANIFEST = 4 << 20;
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

  private final RegistryOptions options;
  private final HttpClient http;
  /** Clients of hosts with a certs.d directory (their CAs trusted besides {@code --registry-ca}). */
  private final Map<String, HttpClient> hostClients = new ConcurrentHashMap<>();
  private final Credentials credentials;
  /** Authorization header values per host and scope ({@code host|scope}), with their expiry. */
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final AtomicLong blobFetches = new AtomicLong();

  private record Token(String header, Instant expires) {}

  /** A fetched document (manifest or config): its bytes, their digest and its media type. */
  public record Document(byte[] bytes, String digest, String mediaType) {
    public JsonNode json(String what) {
      try {
        JsonNode n = MAPPER.readTree(bytes);
        if (n == null || !n.isObject()) {
          throw new DrydockException(what + " is not a JSON object");
        }
        return n;
      } catch (IOException e) {
        throw new DrydockException(what + " is not valid JSON");
      }
    }
  }

  public RegistryClient(RegistryOptions options) {
    this.options = options;
    this.credentials = new Credentials(options);
    this.http = httpClient(Tls.context(options.caFiles()));
  }

  private static HttpClient httpClient(javax.net.ssl.SSLContext tls) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(20))
        .sslContext(tls)
        .build();
  }

  /**
   * The client for {@code host}: with the CA certificates of its certs.d directory (Docker's
   * {@code /etc/docker/certs.d/<host:port>/ca.crt} convention) when it has one, else the shared one.
   */
  private HttpClient http(String host) {
    if (options.insecure(host)) {
      return http;
    }
    return hostClients.computeIfAbsent(host, h -> {
      List<java.nio.file.Path> cas = Tls.certsD(options.certsDirs(), h);
      if (cas.isEmpty()) {
        return http;
      }
      options.debug().accept("trusting the CA certificates of " + cas.get(0).getParent() + " for " + h);
      return httpClient(Tls.context(options.caFiles(), cas));
    });
  }

  public RegistryOptions options() {
    return options;
  }

  /** Layer and config blobs fetched by this client so far (GET requests answered 200). */
  public long blobFetches() {
    return blobFetches.get();
  }

  /** The base URI of a registry host: Docker Hub's API host for docker.io, http only for hosts named insecure. */
  URI base(String host) {
    String h = host.equals("docker.io") ? "registry-1.docker.io" : host;
    return URI.create((options.insecure(host) ? "http://" : "https://") + h);
  }

  /** The hosts to try for {@code host}: its mirrors in order, then itself. */
  List<String> endpoints(String host) {
    List<String> out = new ArrayList<>(options.mirrorsOf(host));
    out.add(host);
    return out;
  }

  // ------------------------------------------------------------------------------------------- documents

  /**
   * The manifest or index {@code reference} (a tag or a digest) of {@code repository}, tried on the mirrors
   * of {@code host} first. Its bytes are verified: against the digest when the reference is one, else against
   * the {@code Docker-Content-Digest} the registry sent, if it sent one.
   */
  public Document manifest(String host, String repository, String reference) {
    return withMirrors(host, endpoint -> fetchManifest(endpoint, host, repository, reference));
  }

  private Document fetchManifest(String endpoint, String host, String repository, String reference) {
    String path = "/v2/" + repository + "/manifests/" + reference;
    String what = "manifest " + display(host, repository) + (reference.contains(":") ? "@" : ":") + reference;
    HttpResponse<InputStream> r = send(endpoint, repository, "pull", "GET", path, null, null, ACCEPT, what);
    byte[] bytes = readAll(r, endpoint, what, MAX_MANIFEST);
    String digest = Digests.sha256(bytes);
    String expected = reference.startsWith("sha256:") ? reference
        : r.headers().firstValue("Docker-Content-Digest").filter(Digests::isSha256).orElse(null);
    if (expected != null && !expected.equals(digest)) {
      throw new DrydockException("registry " + endpoint + ": " + what + ": digest mismatch: expected " + expected
          + ", got " + digest);
    }
    String type = r.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse("");
    String bodyType = new Document(bytes, digest, type).json(what).path("mediaType").asText("");
    if (!bodyType.isEmpty()) {
      type = bodyType;
    }
    return new Document(bytes, digest, type);
  }

  /** A small blob (an image config) read whole and verified against {@code digest}. */
  public Document blob(String host, String repository, String digest, long maxSize, String what) {
    return withMirrors(host, endpoint -> {
      HttpResponse<InputStream> r = send(endpoint, repository, "pull", "GET", "/v2/" + repository + "/blobs/" + digest,
          null, null, null, what);
      byte[] bytes = readAll(r, endpoint, what, maxSize);
      blobFetches.incrementAndGet();
      String got = Digests.sha256(bytes);
      if (!got.equals(digest)) {
        throw new DrydockException("registry " + endpoint + ": " + what + ": digest mismatch: expected " + digest
            + ", got " + got);
      }
      return new Document(bytes, got, null);
    });
  }

  /**
   * A layer blob as a stream of its stored bytes, not verified here (the layer walker verifies the digest after
   * the last byte). Reading more than {@code size} bytes (when known) fails; a connection lost while reading is
   * one line naming the registry and the blob.
   */
  public InputStream blobStream(String host, String repository, String digest, long size, String what) {
    return withMirrors(host, endpoint -> {
      HttpResponse<InputStream> r = send(endpoint, repository, "pull", "GET", "/v2/" + repository + "/blobs/" + digest,
          null, null, null, what);
      if (r.statusCode() != 200) {
        throw statusError(r, endpoint, what);
      }
      blobFetches.incrementAndGet();
      return new Bounded(r.body(), size, endpoint, what);
    });
  }

  /** Whether the blob exists in the repository (HEAD). */
  public boolean hasBlob(String host, String repository, String digest) {
    HttpResponse<InputStream> r = send(host, repository, "pull,push", "HEAD", "/v2/" + repository + "/blobs/" + digest,
        null, null, null, "blob " + digest);
    discard(r);
    if (r.statusCode() != 200 && r.statusCode() != 404) {
      throw statusError(r, host, "blob " + digest);
    }
    return r.statusCode() == 200;
  }

  /** Uploads a blob (monolithic: a POST opens the upload, one PUT sends it), unless it is there already. */
  public String pushBlob(String host, String repository, byte[] bytes, String what) {
    return pushBlob(host, repository, Digests.sha256(bytes), HttpRequest.BodyPublishers.ofByteArray(bytes), what);
  }

  /** Uploads a file as a blob, streamed, unless a blob with its digest is there already; returns the digest. */
  public String pushBlob(String host, String repository, java.nio.file.Path file, String what) {
    String digest;
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      java.security.MessageDigest md = Digests.newSha256();
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) >= 0) {
        md.update(buf, 0, n);
      }
      digest = Digests.format(md.digest());
      return pushBlob(host, repository, digest, HttpRequest.BodyPublishers.ofFile(file), what);
    } catch (IOException e) {
      throw new DrydockException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private String pushBlob(String host, String repository, String digest, HttpRequest.BodyPublisher body,
      String what) {
    if (hasBlob(host, repository, digest)) {
      return digest;
    }
    HttpResponse<InputStream> start = send(host, repository, "pull,push", "POST", "/v2/" + repository + "/blobs/uploads/",
        null, null, null, what);
    discard(start);
    if (start.statusCode() != 202) {
      throw statusError(start, host, what);
    }
    String location = start.headers().firstValue("Location")
        .orElseThrow(() -> new DrydockException("registry " + host + ": " + what + ": upload without a Location"));
    URI uri = base(host).resolve(location);
    String query = uri.getRawQuery();
    String put = uri.getRawPath() + "?" + (query == null ? "" : query + "&") + "digest="
        + URLEncoder.encode(digest, StandardCharsets.UTF_8);
    HttpResponse<InputStream> done = send(host, repository, "pull,push", "PUT", put, body,
        "application/octet-stream", null, what);
    if (done.statusCode() != 201) {
      throw statusError(done, host, what);
    }
    discard(done);
    return digest;
  }

  /** Puts a manifest under {@code reference} (a tag) and returns its digest. */
  public String pushManifest(String host, String repository, String reference, byte[] bytes, String mediaType) {
    String what = "manifest " + display(host, repository) + ":" + reference;
    HttpResponse<InputStream> r = send(host, repository, "pull,push", "PUT", "/v2/" + repository + "/manifests/" + reference,
        HttpRequest.BodyPublishers.ofByteArray(bytes), mediaType, null, what);
    if (r.statusCode() != 201) {
      throw statusError(r, host, what);
    }
    discard(r);
    return Digests.sha256(bytes);
  }

  // ------------------------------------------------------------------------------------------- optional reads

  /**
   * {@link #manifest}, but empty when the registry answers 404 (no such tag or digest in the repository). The
   * bytes are verified as {@link #manifest}'s are.
   */
  public Optional<Document> findManifest(String host, String repository, String reference) {
    try {
      return Optional.of(manifest(host, repository, reference));
    } catch (NotFound e) {
      return Optional.empty();
    }
  }

  /** {@link #blob}, but empty when the registry answers 404; a blob that does not match its digest is an error. */
  public Optional<Document> findBlob(String host, String repository, String digest, long maxSize, String what) {
    try {
      return Optional.of(blob(host, repository, digest, maxSize, what));
    } catch (NotFound e) {
      return Optional.empty();
    }
  }

  /**
   * The OCI 1.1 referrers of {@code digest} ({@code GET /v2/<name>/referrers/<digest>}): the image index the
   * registry answers, or empty when the registry has no referrers API (404, 400, 405 or 406, or an answer that is
   * not an image index), in which case the client falls back to the referrers tag {@code sha256-<hex>}. The answer
   * is made by the registry, so it has no digest to verify; each referrer it lists is verified when read.
   */
  public Optional<Document> referrers(String host, String repository, String digest) {
    if (!Digests.isSha256(digest)) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
    String what = "referrers of " + display(host, repository) + "@" + digest;
    HttpResponse<InputStream> r = send(host, repository, "pull", "GET", "/v2/" + repository + "/referrers/" + digest,
        null, null, OCI_INDEX, what);
    int s = r.statusCode();
    if (s == 404 || s == 400 || s == 405 || s == 406) {
      discard(r);
      return Optional.empty();
    }
    byte[] bytes = readAll(r, host, what, MAX_MANIFEST);
    String type = r.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse("");
    if (!type.equals(OCI_INDEX)) {
      return Optional.empty(); // not the API (a proxy's page, say): fall back to the tag
    }
    return Optional.of(new Document(bytes, Digests.sha256(bytes), type));
  }

  /**
   * What a manifest PUT answered: the manifest's digest, and the {@code OCI-Subject} header (the subject's digest
   * when the registry keeps referrers itself; null when the client must update the referrers tag).
   */
  public record PutManifest(String digest, String subject) {}

  /** Puts a manifest under {@code reference} (a tag or its own digest); tells whether the registry took its subject. */
  public PutManifest putManifest(String host, String repository, String reference, byte[] bytes, String mediaType) {
    String what = "manifest " + display(host, repository) + (reference.startsWith("sha256:") ? "@" : ":") + reference;
    HttpResponse<InputStream> r = send(host, repository, "pull,push", "PUT", "/v2/" + repository + "/manifests/"
        + reference, HttpRequest.BodyPublishers.ofByteArray(bytes), mediaType, null, what);
    if (r.statusCode() != 201) {
      throw statusError(r, host, what);
    }
    discard(r);
    String digest = Digests.sha256(bytes);
    String sent = r.headers().firstValue("Docker-Content-Digest").orElse(null);
    if (sent != null && Digests.isSha256(sent) && !sent.equals(digest)) {
      throw new DrydockException("registry " + host + ": " + what + ": the registry stored digest " + sent
          + ", not " + digest);
    }
    return new PutManifest(digest, r.headers().firstValue("OCI-Subject").orElse(null));
  }

  /** A 404 answer (the caller of a find method makes it empty). */
  private static final class NotFound extends DrydockException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  // ------------------------------------------------------------------------------------------- plumbing

  private interface Attempt<T> {
    T run(String endpoint);
  }

  private <T> T withMirrors(String host, Attempt<T> attempt) {
    List<String> endpoints = endpoints(host);
    DrydockException last = null;
    for (String endpoint : endpoints) {
      try {
        return attempt.run(endpoint);
      } catch (DrydockException e) {
        if (endpoint.equals(host)) {
          throw e;
        }
        options.debug().accept("mirror " + endpoint + " of " + host + " failed, trying the next: " + e.getMessage());
        last = e;
      }
    }
    throw last;
  }

  private static String display(String host, String repository) {
    return host + "/" + repository;
  }

  /**
   * Sends a request to {@code host} (with {@code path} relative to its base), answering one authentication
   * challenge and retrying what may pass on a retry. Returns any answer but a challenge or a retryable status
   * (the caller judges it); connection failures are one line.
   */
  private HttpResponse<InputStream> send(String host, String repository, String actions, String method, String path,
      HttpRequest.BodyPublisher body, String contentType, String accept, String what) {
    String scope = "repository:" + repository + ":" + actions;
    String key = host + "|" + scope;
    boolean challenged = false;
    int redirects = 0;
    URI uri = base(host).resolve(path);
    boolean sameHost = true;
    for (int attempt = 0; ; attempt++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
          .header("User-Agent", "drydock");
      if (accept != null) {
        b.header("Accept", accept);
      }
      if (contentType != null) {
        b.header("Content-Type", contentType);
      }
      Token token = tokens.get(key);
      if (token != null && sameHost && token.expires().isAfter(Instant.now())) {
        b.header("Authorization", token.header());
      }
      b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
      HttpResponse<InputStream> r;
      try {
        r = http(host).send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        DrydockException failure = connectionError(host, uri, e, what);
        if (failure != null || attempt >= options.maxRetries()) {
          throw failure != null ? failure : new DrydockException("registry " + host + ": " + what + ": "
              + oneLine(e) + " (after " + (attempt + 1) + " attempts)");
        }
        options.debug().accept(method + " " + uri + " -> " + oneLine(e) + ", retrying");
        sleep(backoff(attempt));
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DrydockException("registry " + host + ": interrupted");
      }
      int status = r.statusCode();
      options.debug().accept(method + " " + uri + " -> " + status);
      if (status == 401 && !challenged && sameHost) {
        challenged = true;
        Challenge c = Challenge.parse(r.headers().firstValue("WWW-Authenticate").orElse(null));
        discard(r);
        authorize(host, repository, scope, key, c, what);
        attempt--; // the challenge is not a retry
        continue;
      }
      if (status == 401) {
        discard(r);
        Optional<Credentials.Login> login = credentials.find(registryOf(host), repository);
        throw new DrydockException("registry " + host + ": authentication failed for " + what + " (HTTP 401)"
            + login.map(l -> ": the registry refused the user " + l.username() + " from " + l.source())
                .orElse(": no credentials found; log in (docker login, podman login) or pass --registry-user"));
      }
      if ((status == 429 || status == 502 || status == 503 || status == 504)) {
        Duration wait = retryAfter(r.headers()).orElse(backoff(attempt));
        discard(r);
        if (attempt >= options.maxRetries() || wait.compareTo(options.maxRetryWait()) > 0) {
          throw new DrydockException("registry " + host + ": " + what + ": HTTP " + status
              + (status == 429 ? " too many requests (rate limited)" : " service unavailable")
              + (retryAfter(r.headers()).isPresent() ? ", retry after " + wait.toSeconds() + " s" : "")
              + " (gave up after " + (attempt + 1) + " attempt" + (attempt == 0 ? "" : "s") + ")");
        }
        options.debug().accept("HTTP " + status + ": waiting " + wait.toMillis() + " ms before retrying");
        sleep(wait);
        continue;
      }
      if (status >= 300 && status < 400 && status != 304 && r.headers().firstValue("Location").isPresent()) {
        discard(r);
        if (++redirects > 5) {
          throw new DrydockException("registry " + host + ": " + what + ": more than 5 redirects");
        }
        URI next = uri.resolve(r.headers().firstValue("Location").get());
        sameHost = sameHost && next.getHost() != null && next.getHost().equalsIgnoreCase(base(host).getHost())
            && next.getPort() == base(host).getPort() && next.getScheme().equals(base(host).getScheme());
        uri = next;
        attempt--;
        continue;
      }
      return r;
    }
  }

  /** The registry a host stands for in credential files (mirrors have their own entries). */
  private static String registryOf(String host) {
    return host;
  }

  private void authorize(String host, String repository, String scope, String key, Challenge c, String what) {
    Optional<Credentials.Login> login = credentials.find(registryOf(host), repository);
    login.ifPresent(l -> options.debug().accept("credentials for " + host + ": user " + l.username() + " from "
        + l.source()));
    if (c != null && c.basic()) {
      if (login.isEmpty()) {
        throw new DrydockException("registry " + host + ": " + what + " needs a login (HTTP 401, Basic) and no"
            + " credentials were found; log in (docker login, podman login) or pass --registry-user");
      }
      tokens.put(key, new Token(login.get().basic(), Instant.now().plus(Duration.ofDays(1))));
      return;
    }
    if (c == null || !c.bearer() || c.params().get("realm") == null) {
      throw new DrydockException("registry " + host + ": " + what + ": HTTP 401 without a usable WWW-Authenticate"
          + " challenge");
    }
    URI realm;
    try {
      realm = URI.create(c.params().get("realm"));
    } catch (IllegalArgumentException e) {
      throw new DrydockException("registry " + host + ": invalid token realm in its challenge");
    }
    if (!"https".equals(realm.getScheme()) && !("http".equals(realm.getScheme()) && options.insecure(host))) {
      throw new DrydockException("registry " + host + ": token realm " + realm + " is not https (name the registry"
          + " with --insecure-registry to allow plain http)");
    }
    StringBuilder q = new StringBuilder();
    String service = c.params().get("service");
    if (service != null) {
      q.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8));
    }
    String wanted = c.params().getOrDefault("scope", scope);
    for (String s : wanted.split(" ")) {
      q.append(q.length() == 0 ? "" : "&").append("scope=").append(URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
    URI tokenUri = URI.create(realm + (realm.getRawQuery() == null ? "?" : "&") + q);
    HttpRequest.Builder b = HttpRequest.newBuilder(tokenUri).timeout(Duration.ofSeconds(60)).GET()
        .header("User-Agent", "drydock");
    login.ifPresent(l -> b.header("Authorization", l.basic()));
    HttpResponse<byte[]> r;
    try {
      r = http(host).send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      DrydockException failure = connectionError(realm.getAuthority(), tokenUri, e, "token for " + host);
      throw failure != null ? failure : new DrydockException("token service " + realm.getAuthority() + " of registry "
          + host + ": " + oneLine(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DrydockException("registry " + host + ": interrupted");
    }
    options.debug().accept("GET " + tokenUri + " -> " + r.statusCode());
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      throw new DrydockException("registry " + host + ": authentication failed for " + what + " (token service "
          + realm.getAuthority() + " answered HTTP " + r.statusCode() + ")"
          + login.map(l -> ": it refused the user " + l.username() + " from " + l.source())
              .orElse(": no credentials found; log in (docker login, podman login) or pass --registry-user"));
    }
    if (r.statusCode() != 200) {
      throw new DrydockException("registry " + host + ": token service " + realm.getAuthority() + " answered HTTP "
          + r.statusCode());
    }
    JsonNode answer;
    try {
      answer = MAPPER.readTree(r.body());
    } catch (IOException e) {
      answer = null;
    }
    String token = answer == null ? "" : answer.path("token").asText(answer.path("access_token").asText(""));
    if (token.isEmpty()) {
      throw new DrydockException("registry " + host + ": token service " + realm.getAuthority()
          + " answered without a token");
    }
    long expiresIn = answer.path("expires_in").asLong(60);
    tokens.put(key, new Token("Bearer " + token, Instant.now().plusSeconds(Math.max(10, expiresIn) - 5)));
  }

  private static DrydockException connectionError(String host, URI uri, IOException e, String what) {
    // a name that does not resolve comes wrapped in a ConnectException: say so before "connection refused"
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
        return new DrydockException("cannot reach registry " + host + ": unknown host " + uri.getHost()
            + " (the name does not resolve)");
      }
    }
    Throwable t = e;
    while (t != null) {
      if (t instanceof ConnectException && !(t instanceof HttpConnectTimeoutException)) {
        return new DrydockException("cannot reach registry " + host + " (" + uri.getScheme() + "://"
            + uri.getAuthority() + "): connection refused");
      }
      if (t instanceof HttpConnectTimeoutException) {
        return new DrydockException("cannot reach registry " + host + ": connection timed out");
      }
      if (t instanceof SSLHandshakeException || t instanceof SSLException) {
        String m = String.valueOf(t.getMessage());
        String why = m.contains("PKIX") || m.contains("certification path")
            ? "its certificate is not signed by a trusted CA"
            : m.contains("No subject alternative") || m.contains("No name matching")
                ? "its certificate does not name " + uri.getHost()
                : m.contains("plaintext") || m.contains("Unsupported or unrecognized SSL message")
                    ? "it does not speak TLS (name it with --insecure-registry if it is plain http)"
                    : oneLine(t).replaceAll("[a-z]+(\\.[a-z]+)+\\.[A-Za-z]*Exception: ", "");
        return new DrydockException("registry " + host + ": TLS failure: " + why
            + (why.startsWith("its certificate") ? " (trust its CA with --registry-ca FILE, or put it in"
                + " /etc/docker/certs.d/" + host + "/ca.crt)" : ""));
      }
      t = t.getCause();
    }
    return null;
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl >= 0 ? m.substring(0, nl) : m;
  }

  private static Duration backoff(int attempt) {
    return FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt, 6));
  }

  /** {@code Retry-After} in seconds or as an HTTP date. */
  static Optional<Duration> retryAfter(HttpHeaders headers) {
    Optional<String> v = headers.firstValue("Retry-After");
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String s = v.get().trim();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(s))));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(Instant.now(), at.toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (RuntimeException e2) {
        return Optional.empty();
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DrydockException("interrupted while waiting to retry");
    }
  }

  private static void discard(HttpResponse<InputStream> r) {
    try (InputStream in = r.body()) {
      in.skip(1 << 16);
    } catch (IOException e) {
      // nothing to keep
    }
  }

  private static byte[] readAll(HttpResponse<InputStream> r, String host, String what, long max) {
    if (r.statusCode() != 200) {
      throw statusError(r, host, what);
    }
    try (InputStream in = r.body()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (bytes.length > max) {
        throw new DrydockException("registry " + host + ": " + what + " is larger than " + max + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new DrydockException("registry " + host + ": " + what + ": connection lost: " + oneLine(e));
    }
  }

  private static DrydockException statusError(HttpResponse<InputStream> r, String host, String what) {
    String code = errorCode(r);
    discard(r);
    int s = r.statusCode();
    String meaning = switch (s) {
      case 404 -> "not found";
      case 403 -> "access denied";
      case 400 -> "bad request";
      default -> "unexpected answer";
    };
    String message = "registry " + host + ": " + what + ": HTTP " + s + " " + meaning
        + (code == null ? "" : " (" + code + ")");
    return s == 404 ? new NotFound(message) : new DrydockException(message);
  }

  /** The first error code of an OCI error body ({@code {"errors":[{"code":"MANIFEST_UNKNOWN",...}]}}). */
  private static String errorCode(HttpResponse<InputStream> r) {
    try (InputStream in = r.body()) {
      byte[] b = in.readNBytes(64 * 1024);
      JsonNode n = MAPPER.readTree(b);
      String code = n == null ? null : n.path("errors").path(0).path("code").asText(null);
      return code != null && code.matches("[A-Z_]{1,64}") ? code : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A blob's body: at most {@code size} bytes; read failures are one line naming registry and blob. */
  private static final class Bounded extends FilterInputStream {
    private final long size;
    private final String host;
    private final String what;
    private long count;

    Bounded(InputStream in, long size, String host, String what) {
      super(in);
      this.size = size;
      this.host = host;
      this.what = what;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = in.read(b, off, len);
      } catch (IOException e) {
        throw new DrydockException("registry " + host + ": " + what + ": connection lost while reading: "
            + oneLine(e));
      }
      if (n > 0) {
        count += n;
        if (size >= 0 && count > size) {
          throw new DrydockException("registry " + host + ": " + what + ": more bytes than the " + size
              + " its manifest gives");
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[(int) Math.min(n, 64 * 1024)];
      int r = read(buf, 0, buf.length);
      return Math.max(r, 0);
    }
  }
}
