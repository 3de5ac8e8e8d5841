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
 * {@code --insecure-registry}, {@code --registry-mirror HOST=MIRROR}, {@code --max-image-size}).
 *
 * @param mirrors {@code registry=mirror} pairs, tried in the order given
 * @param debug told of each registry request and where credentials came from (never a credential); null: quiet
 */
public record RegistryAccess(String username, String password, Path authFile, List<Path> caFiles,
    List<String> insecureHosts, List<String> mirrors, long maxImageSize, Consumer<String> debug) {

  public RegistryAccess {
    caFiles = caFiles == null ? List.of() : List.copyOf(caFiles);
    insecureHosts = insecureHosts == null ? List.of() : List.copyOf(insecureHosts);
    mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
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
        maxImageSize, 4, Duration.ofSeconds(60), null, debug, configCache);
  }
}
