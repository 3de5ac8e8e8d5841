package dev.drydock.engine;

import dev.drydock.model.DrydockException;
import dev.drydock.registry.RegistryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How front ends reach registries (the CLI's {@code --registry-user}, {@code --registry-password-stdin} or
 * {@code DRYDOCK_REGISTRY_USERNAME}/{@code DRYDOCK_REGISTRY_PASSWORD}, {@code --authfile}, {@code --registry-ca},
 * {@code --insecure-registry}, {@code --registry-mirror HOST=MIRROR}, {@code --max-image-size},
 * {@code --registry-certs-dir}).
 *
 * @param mirrors {@code registry=mirror} pairs, tried in the order given
 * @param debug told of each registry request and where credentials came from (never a credential); null: quiet
 * @param certsDirs certs.d roots ({@code ROOT/<host[:port]>/*.crt} are CAs trusted for that registry); null or
 *     empty: the default ones
 */
public record RegistryAccess(String username, String password, Path authFile, List<Path> caFiles,
    List<String> insecureHosts, List<String> mirrors, long maxImageSize, Consumer<String> debug,
    List<Path> certsDirs) {

  public RegistryAccess {
    caFiles = caFiles == null ? List.of() : List.copyOf(caFiles);
    insecureHosts = insecureHosts == null ? List.of() : List.copyOf(insecureHosts);
    mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
    certsDirs = certsDirs == null || certsDirs.isEmpty() ? null : List.copyOf(certsDirs);
  }

  /**
   * With the default certs.d roots ({@code ~/.config/containers/certs.d}, {@code /etc/containers/certs.d},
   * {@code /etc/docker/certs.d}).
   */
  public RegistryAccess(String username, String password, Path authFile, List<Path> caFiles,
      List<String> insecureHosts, List<String> mirrors, long maxImageSize, Consumer<String> debug) {
    this(username, password, authFile, caFiles, insecureHosts, mirrors, maxImageSize, debug, null);
  }

  @Override
  public String toString() {
    return "RegistryAccess[user=" + username + ", password=" + (password == null ? "none" : "***") + "]";
  }

  /** Anonymous or from the credential files, system trust, nothing insecure, no mirrors. */
  public static RegistryAccess defaults() {
    return new RegistryAccess(null, null, null, List.of(), List.of(), List.of(), 0, null);
  }

  RegistryOptions options() {
    return options(null);
  }

  /** @param configCache where verified image configs are kept by digest (inside the cache directory), or null */
  RegistryOptions options(Path configCache) {
    Map<String, List<String>> byHost = new LinkedHashMap<>();
    for (String m : mirrors) {
      int eq = m.indexOf('=');
      if (eq <= 0 || eq == m.length() - 1) {
        throw new DrydockException("--registry-mirror " + m + ": expected REGISTRY=MIRROR, e.g."
            + " docker.io=mirror.example:5000");
      }
      byHost.computeIfAbsent(m.substring(0, eq), k -> new ArrayList<>()).add(m.substring(eq + 1));
    }
    return new RegistryOptions(username, password, authFile, caFiles, Set.copyOf(insecureHosts), byHost,
        maxImageSize, 4, Duration.ofSeconds(60), null, debug, configCache, certsDirs);
  }
}
