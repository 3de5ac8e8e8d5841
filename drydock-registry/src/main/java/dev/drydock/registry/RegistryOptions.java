package dev.drydock.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How to reach registries.
 *
 * @param username user name given on the command line or in the environment ({@code DRYDOCK_REGISTRY_USERNAME});
 *     null: look the registry up in the credential files
 * @param password its password or token; never printed
 * @param authFile an auth file to read first ({@code --authfile}); null: {@code $REGISTRY_AUTH_FILE}, podman's,
 *     then docker's
 * @param caFiles PEM certificates trusted besides the system's ({@code --registry-ca})
 * @param insecureHosts registries (host[:port]) reached over plain http ({@code --insecure-registry}); no other
 * @param mirrors per registry host, mirrors (host[:port]) tried in order before it
 * @param maxImageSize largest image accepted, config plus compressed layers as the manifest gives them (bytes)
 * @param maxRetries retries of a request answered 429, 502, 503 or 504, or cut before an answer
 * @param maxRetryWait longest wait accepted before one retry (a longer Retry-After fails at once)
 * @param env the environment to read ({@code HOME}, {@code DOCKER_CONFIG}, {@code REGISTRY_AUTH_FILE},
 *     {@code XDG_RUNTIME_DIR}, {@code XDG_CONFIG_HOME}, {@code PATH})
 * @param debug told of each request (method, URL, status) and where credentials came from; never a credential
 * @param configCache a directory keeping image configs by digest (verified again when read), so that a scan of
 *     an unchanged image fetches no blob at all; null: none
 * @param certsDirs certs.d roots: the {@code *.crt} files in {@code ROOT/<host[:port]>/} are trusted as CAs for that
 *     registry (Docker's and containers-certs.d(5)'s convention), besides {@code caFiles}; null: the default roots
 *     ({@link #defaultCertsDirs})
 */
public record RegistryOptions(String username, String password, Path authFile, List<Path> caFiles,
    Set<String> insecureHosts, Map<String, List<String>> mirrors, long maxImageSize, int maxRetries,
    Duration maxRetryWait, Map<String, String> env, Consumer<String> debug, Path configCache, List<Path> certsDirs) {

  /** With the default certs.d roots. */
  public RegistryOptions(String username, String password, Path authFile, List<Path> caFiles,
      Set<String> insecureHosts, Map<String, List<String>> mirrors, long maxImageSize, int maxRetries,
      Duration maxRetryWait, Map<String, String> env, Consumer<String> debug, Path configCache) {
    this(username, password, authFile, caFiles, insecureHosts, mirrors, maxImageSize, maxRetries, maxRetryWait, env,
        debug, configCache, null);
  }

  /** Without a config cache. */
  public RegistryOptions(String username, String password, Path authFile, List<Path> caFiles,
      Set<String> insecureHosts, Map<String, List<String>> mirrors, long maxImageSize, int maxRetries,
      Duration maxRetryWait, Map<String, String> env, Consumer<String> debug) {
    this(username, password, authFile, caFiles, insecureHosts, mirrors, maxImageSize, maxRetries, maxRetryWait, env,
        debug, null);
  }

  public static final long DEFAULT_MAX_IMAGE_SIZE = 32L << 30;

  public RegistryOptions {
    caFiles = caFiles == null ? List.of() : List.copyOf(caFiles);
    insecureHosts = insecureHosts == null ? Set.of() : Set.copyOf(insecureHosts);
    mirrors = mirrors == null ? Map.of() : Map.copyOf(mirrors);
    maxImageSize = maxImageSize <= 0 ? DEFAULT_MAX_IMAGE_SIZE : maxImageSize;
    maxRetries = Math.max(0, maxRetries);
    maxRetryWait = maxRetryWait == null ? Duration.ofSeconds(60) : maxRetryWait;
    env = env == null ? System.getenv() : Map.copyOf(env);
    debug = debug == null ? s -> { } : debug;
    certsDirs = certsDirs == null ? defaultCertsDirs(env) : List.copyOf(certsDirs);
    if (username != null && password == null || username == null && password != null) {
      throw new dev.drydock.model.DrydockException("a registry user name needs a password and a password a user name");
    }
  }

  /** Anonymous unless the credential files say otherwise, system trust, no insecure hosts, no mirrors. */
  public static RegistryOptions defaults() {
    return new RegistryOptions(null, null, null, null, null, null, 0, 4, null, null, null);
  }

  /**
   * The certs.d roots read when none are given, highest priority first: podman's per-user
   * {@code $XDG_CONFIG_HOME/containers/certs.d} (else {@code ~/.config/containers/certs.d}),
   * {@code /etc/containers/certs.d}, and Docker's {@code /etc/docker/certs.d}. Roots that do not exist are skipped.
   */
  public static List<Path> defaultCertsDirs(Map<String, String> env) {
    List<Path> out = new java.util.ArrayList<>();
    String xdg = env.get("XDG_CONFIG_HOME");
    String home = env.get("HOME");
    if (xdg != null && !xdg.isBlank()) {
      out.add(Path.of(xdg, "containers", "certs.d"));
    } else if (home != null && !home.isBlank()) {
      out.add(Path.of(home, ".config", "containers", "certs.d"));
    }
    out.add(Path.of("/etc/containers/certs.d"));
    out.add(Path.of("/etc/docker/certs.d"));
    return List.copyOf(out);
  }

  /** Whether {@code host} was named insecure. */
  public boolean insecure(String host) {
    return insecureHosts.contains(host);
  }

  /** Mirrors of {@code host}, in order; empty when none. */
  public List<String> mirrorsOf(String host) {
    return Objects.requireNonNullElse(mirrors.get(host), List.of());
  }
}
