package dev.drydock.server;

import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * How a server runs. Read from, in increasing precedence, the defaults, a YAML file ({@code --config FILE}: a flat
 * map of the same keys), the environment ({@code DRYDOCK_SERVER_<KEY>}, dashes as underscores) and flags
 * ({@code --<key> VALUE}).
 *
 * @param listen host:port to bind (port 0: any free port)
 * @param store {@code sqlite:PATH} (embedded, one node) or {@code postgresql://host:port/db?user=...}
 * @param cacheDir scratch files, advisories and (with SQLite) the layer facts
 * @param workers scan jobs run at once by this server
 * @param leaseSeconds how long a claimed job stays this server's without a renewal
 * @param maxBodyBytes the largest request body accepted
 * @param ratePerMinute requests per minute per token (or per address before authentication)
 * @param scanRoots local directories scan targets may be under (none: local paths are refused)
 * @param advisories advisory files or directories to match with instead of the cache's store (may be empty)
 * @param graceSeconds how long shutdown waits for running jobs before handing them back
 * @param retentionDays results and finished jobs kept this long (the latest result per image always stays)
 * @param node this server's name in job leases and logs
 * @param readyFile written with the bound address once the server listens (tests, supervisors); may be null
 * @param jobDelayMillis test hook: a claimed job waits this long before it runs (0 in production)
 * @param webhooks URLs that receive a signed summary per image when an advisory update changes its findings
 * @param webhookSecret the HMAC-SHA256 key of webhook bodies (required with webhooks)
 * @param webhookAttempts deliveries tried at most this often
 * @param webhookBackoffMillis the first retry's delay, doubled each time
 * @param notifyFile a JSON-lines file that receives the same summaries (null: none)
 * @param dbUpdateHours run {@code db update} and re-match every N hours (0: never)
 * @param harborImages where Harbor scan requests' artifacts are found by digest (null: Harbor scans refused)
 * @param admissionFailOpen admit (with a warning) images the gate cannot judge, instead of denying them
 * @param registries which registries scans may pull from, and how to reach them
 * @param tlsKeystore a PKCS#12 (or JKS) key store with the server's key and certificate chain: the API answers only
 *     over TLS (null: plain http, for a TLS-terminating proxy in front)
 * @param tlsKeystorePassword its password (from {@code --tls-keystore-password}, the environment or the YAML file)
 * @param verifyKeys cosign public keys (PEM): every scan job also verifies its image's signature with them and stores
 *     the outcome in the result, as {@code scan --verify-key} does (empty: no signature check, and a baseline with
 *     rule DD-SIG-001 fails closed)
 * @param advisorySyncSeconds on PostgreSQL, how often this server installs the advisory store another server of the
 *     database published (its own imports and updates are published at once)
 */
public record ServerConfig(String listen, String store, Path cacheDir, int workers, int leaseSeconds,
    long maxBodyBytes, int ratePerMinute, List<Path> scanRoots, List<Path> advisories, int graceSeconds,
    int retentionDays, String node, Path readyFile, long jobDelayMillis, List<String> webhooks,
    String webhookSecret, int webhookAttempts, long webhookBackoffMillis, Path notifyFile, int dbUpdateHours, Path harborImages,
    boolean admissionFailOpen, Registries registries, Path tlsKeystore, String tlsKeystorePassword,
    List<Path> verifyKeys, int advisorySyncSeconds) {

  @Override
  public String toString() {
    return "ServerConfig[listen=" + listen + ", store=" + store + ", tls=" + (tlsKeystore != null) + "]";
  }

  /**
   * Registry scans (API targets that are image references, Harbor requests). A server pulls only from the hosts
   * named here: an image reference in a request is otherwise a way to make the server connect anywhere.
   *
   * @param allow registry hosts ({@code host} or {@code host:port}; {@code docker.io} for Docker Hub; {@code *} for
   *     any), empty: registry scans refused
   * @param caFiles extra PEM CA certificates trusted for registries
   * @param insecure hosts reached over plain http or with unverified TLS
   * @param authFile a docker/podman auth file with the server's own registry credentials (null: the usual places)
   */
  public record Registries(List<String> allow, List<Path> caFiles, List<String> insecure, Path authFile) {
    public Registries {
      allow = List.copyOf(allow);
      caFiles = List.copyOf(caFiles);
      insecure = List.copyOf(insecure);
    }

    /** Whether {@code host} (as an image reference names it, e.g. {@code docker.io}, {@code reg:5000}) is allowed. */
    public boolean allows(String host) {
      return allow.stream().anyMatch(a -> a.equals("*") || a.equalsIgnoreCase(host));
    }
  }

  /** Every key a configuration may set, with its default (null: none). */
  static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("listen", "127.0.0.1:8080");
    DEFAULTS.put("store", null); // sqlite:<cache-dir>/server.sqlite
    DEFAULTS.put("cache-dir", null);
    DEFAULTS.put("workers", "2");
    DEFAULTS.put("lease-seconds", "60");
    DEFAULTS.put("max-body-bytes", "1048576");
    DEFAULTS.put("rate-limit", "600");
    DEFAULTS.put("scan-root", null);
    DEFAULTS.put("advisories", null);
    DEFAULTS.put("grace-seconds", "30");
    DEFAULTS.put("retention-days", "90");
    DEFAULTS.put("node", null);
    DEFAULTS.put("ready-file", null);
    DEFAULTS.put("debug-job-delay-ms", "0");
    DEFAULTS.put("webhook", null);
    DEFAULTS.put("webhook-secret", null);
    DEFAULTS.put("webhook-attempts", "6");
    DEFAULTS.put("webhook-backoff-ms", "1000");
    DEFAULTS.put("notify-file", null);
    DEFAULTS.put("db-update-hours", "0");
    DEFAULTS.put("harbor-images", null);
    DEFAULTS.put("admission-fail-open", "false");
    DEFAULTS.put("allow-registry", null);
    DEFAULTS.put("registry-ca", null);
    DEFAULTS.put("insecure-registry", null);
    DEFAULTS.put("registry-auth-file", null);
    DEFAULTS.put("tls-keystore", null);
    DEFAULTS.put("tls-keystore-password", null);
    // cosign public keys: every scan job verifies its image's signature with them (rule DD-SIG-001, admission)
    DEFAULTS.put("verify-key", null);
    // PostgreSQL: how often a server installs the advisory store another server published (SharedAdvisories)
    DEFAULTS.put("advisory-sync-seconds", "60");
  }

  /** Keys that may be given more than once (a list; comma-separated in env and YAML scalars). */
  private static final List<String> LISTS = List.of("scan-root", "advisories", "webhook", "allow-registry",
      "registry-ca", "insecure-registry", "verify-key");

  /**
   * Parses {@code args} ({@code --key value} or {@code --key=value}) over {@code env} over the YAML file named by
   * {@code --config} (or {@code DRYDOCK_SERVER_CONFIG}).
   *
   * @throws DrydockException on an unknown key, a bad number or an unreadable file
   */
  public static ServerConfig parse(List<String> args, Map<String, String> env) {
    Map<String, List<String>> flags = new LinkedHashMap<>();
    String configFile = env.get("DRYDOCK_SERVER_CONFIG");
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--")) {
        throw new DrydockException("unexpected argument '" + a + "' (options are --key value)");
      }
      String key = a.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else {
        if (i + 1 >= args.size()) {
          throw new DrydockException("--" + key + " needs a value");
        }
        value = args.get(++i);
      }
      if (key.equals("config")) {
        configFile = value;
        continue;
      }
      known(key, "--" + key);
      flags.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    Map<String, List<String>> merged = new LinkedHashMap<>();
    if (configFile != null) {
      merged.putAll(yaml(Path.of(configFile)));
    }
    for (String key : DEFAULTS.keySet()) {
      String v = env.get("DRYDOCK_SERVER_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
      if (v != null && !v.isEmpty()) {
        merged.put(key, split(key, v));
      }
    }
    merged.putAll(flags);
    return of(merged, env);
  }

  private static void known(String key, String where) {
    if (!DEFAULTS.containsKey(key)) {
      throw new DrydockException("unknown server option " + where + " (known: " + String.join(", ", DEFAULTS.keySet())
          + ", config)");
    }
  }

  private static List<String> split(String key, String v) {
    if (!LISTS.contains(key)) {
      return List.of(v);
    }
    List<String> out = new ArrayList<>();
    for (String part : v.split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }

  private static Map<String, List<String>> yaml(Path file) {
    Object doc;
    try (InputStream in = Files.newInputStream(file)) {
      doc = new Load(LoadSettings.builder().setMaxAliasesForCollections(10).build()).loadFromInputStream(in);
    } catch (IOException e) {
      throw new DrydockException("cannot read server configuration " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new DrydockException(file + ": not YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (doc == null) {
      return Map.of();
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new DrydockException(file + ": expected a map of server options at top level");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      known(key, "'" + key + "' in " + file);
      if (e.getValue() instanceof List<?> list) {
        out.put(key, list.stream().map(String::valueOf).toList());
      } else if (e.getValue() != null) {
        out.put(key, split(key, String.valueOf(e.getValue())));
      }
    }
    return out;
  }

  private static ServerConfig of(Map<String, List<String>> m, Map<String, String> env) {
    Path cacheDir = m.containsKey("cache-dir") ? Path.of(one(m, "cache-dir"))
        : dev.drydock.engine.Drydock.Config.defaultCacheDir();
    String store = m.containsKey("store") ? one(m, "store") : "sqlite:" + cacheDir.resolve("server.sqlite");
    String node = m.containsKey("node") ? one(m, "node") : host() + "-" + ProcessHandle.current().pid();
    List<String> webhooks = m.getOrDefault("webhook", List.of());
    for (String w : webhooks) {
      if (!w.startsWith("http://") && !w.startsWith("https://")) {
        throw new DrydockException("--webhook: expected an http(s) URL, not '" + w + "'");
      }
    }
    String secret = m.containsKey("webhook-secret") ? one(m, "webhook-secret") : null;
    if (!webhooks.isEmpty() && (secret == null || secret.length() < 16)) {
      throw new DrydockException("--webhook needs --webhook-secret (or DRYDOCK_SERVER_WEBHOOK_SECRET) of at least 16"
          + " characters: deliveries are signed");
    }
    return new ServerConfig(one(m, "listen"), store, cacheDir.toAbsolutePath().normalize(),
        positive(m, "workers"), positive(m, "lease-seconds"), positive(m, "max-body-bytes"), positive(m, "rate-limit"),
        paths(m, "scan-root"), paths(m, "advisories"), (int) number(m, "grace-seconds"),
        positive(m, "retention-days"), node, m.containsKey("ready-file") ? Path.of(one(m, "ready-file")) : null,
        number(m, "debug-job-delay-ms"), webhooks, secret, positive(m, "webhook-attempts"),
        positive(m, "webhook-backoff-ms"), m.containsKey("notify-file") ? Path.of(one(m, "notify-file")) : null,
        (int) number(m, "db-update-hours"),
        m.containsKey("harbor-images") ? Path.of(one(m, "harbor-images")).toAbsolutePath().normalize() : null,
        bool(m, "admission-fail-open"),
        new Registries(m.getOrDefault("allow-registry", List.of()), paths(m, "registry-ca"),
            m.getOrDefault("insecure-registry", List.of()),
            m.containsKey("registry-auth-file") ? Path.of(one(m, "registry-auth-file")) : null),
        m.containsKey("tls-keystore") ? Path.of(one(m, "tls-keystore")).toAbsolutePath().normalize() : null,
        m.containsKey("tls-keystore-password") ? one(m, "tls-keystore-password") : "",
        readable(paths(m, "verify-key"), "verify-key"), positive(m, "advisory-sync-seconds"));
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "server";
    }
  }

  private static String one(Map<String, List<String>> m, String key) {
    List<String> v = m.get(key);
    return v == null || v.isEmpty() ? DEFAULTS.get(key) : v.get(v.size() - 1);
  }

  private static long number(Map<String, List<String>> m, String key) {
    String v = one(m, key);
    try {
      long n = Long.parseLong(v.trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new DrydockException("--" + key + ": expected a whole number of 0 or more, not '" + v + "'");
    }
  }

  private static boolean bool(Map<String, List<String>> m, String key) {
    String v = one(m, key).trim().toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw new DrydockException("--" + key + ": expected true or false, not '" + v + "'");
    }
    return v.equals("true");
  }

  private static int positive(Map<String, List<String>> m, String key) {
    long n = number(m, key);
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new DrydockException("--" + key + ": expected a positive number, not " + n);
    }
    return (int) n;
  }

  private static List<Path> readable(List<Path> files, String key) {
    for (Path f : files) {
      if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
        throw new DrydockException("--" + key + ": " + f + " is not a readable file");
      }
    }
    return files;
  }

  private static List<Path> paths(Map<String, List<String>> m, String key) {
    List<String> v = m.get(key);
    return v == null ? List.of() : v.stream().map(s -> Path.of(s).toAbsolutePath().normalize()).toList();
  }

  /** The host and port of {@link #listen}. */
  public java.net.InetSocketAddress address() {
    int colon = listen.lastIndexOf(':');
    if (colon < 0) {
      throw new DrydockException("--listen: expected host:port, not '" + listen + "'");
    }
    String host = listen.substring(0, colon).replace("[", "").replace("]", "");
    try {
      return new java.net.InetSocketAddress(host, Integer.parseInt(listen.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new DrydockException("--listen: expected host:port, not '" + listen + "'");
    }
  }
}
