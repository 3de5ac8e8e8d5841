package dev.drydock.engine;

import dev.drydock.image.Limits;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run one scan.
 *
 * @param cacheDir drydock's cache directory; everything drydock writes (cache database, scratch files)
 *     goes below it
 * @param platform {@code os/arch[/variant]} to pick from a multi-platform image; null for the default
 * @param limits decompression and size limits
 * @param threads how many layers to analyse at once
 * @param scratchDir where the scan writes scratch files (spilled entries, a gunzipped archive); the engine
 *     gives each {@code Drydock} instance its own below {@code <cacheDir>/tmp}; null: {@code <cacheDir>/tmp}
 * @param secretRules a secret rule file ({@code drydock scan --secret-rules FILE}) for the secret analyzer in
 *     layers and the image config, or null for the built-in rules; it is read before any layer, and only the
 *     secret analyzer's cached facts depend on it (by the rules' digest, not the file's path)
 * @param listener told of per-layer progress ({@code progress("layers", done, total)}) and warnings
 * @param cancellation checked between layers and between files; a cancelled scan throws
 *     {@link Cancellation.Cancelled} and keeps only layers analysed completely in the cache
 * @param registry how to reach registries for registry targets; null: anonymous or the credential files
 */
public record ScanOptions(Path cacheDir, String platform, Limits limits, int threads, Path scratchDir, Path secretRules,
    Listener listener, Cancellation cancellation, RegistryAccess registry) {

  public ScanOptions {
    Objects.requireNonNull(cacheDir, "cacheDir");
    scratchDir = scratchDir == null ? cacheDir.resolve("tmp") : scratchDir;
    limits = limits == null ? Limits.DEFAULT : limits;
    threads = threads <= 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads;
    listener = listener == null ? Listener.NONE : listener;
    cancellation = cancellation == null ? Cancellation.none() : cancellation;
    registry = registry == null ? RegistryAccess.defaults() : registry;
  }

  /** Registry access from the credential files (or anonymous). */
  public ScanOptions(Path cacheDir, String platform, Limits limits, int threads, Path scratchDir, Path secretRules,
      Listener listener, Cancellation cancellation) {
    this(cacheDir, platform, limits, threads, scratchDir, secretRules, listener, cancellation, null);
  }

  /** Built-in secret rules, no listener, not cancellable. */
  public ScanOptions(Path cacheDir, String platform, Limits limits, int threads) {
    this(cacheDir, platform, limits, threads, null, null, null, null);
  }

  public static ScanOptions defaults(Path cacheDir) {
    return new ScanOptions(cacheDir, null, Limits.DEFAULT, 0);
  }

  public ScanOptions withScratchDir(Path dir) {
    return new ScanOptions(cacheDir, platform, limits, threads, dir, secretRules, listener, cancellation, registry);
  }

  public ScanOptions withSecretRules(Path file) {
    return new ScanOptions(cacheDir, platform, limits, threads, scratchDir, file, listener, cancellation, registry);
  }

  public ScanOptions withListener(Listener l) {
    return new ScanOptions(cacheDir, platform, limits, threads, scratchDir, secretRules, l, cancellation, registry);
  }

  public ScanOptions withCancellation(Cancellation c) {
    return new ScanOptions(cacheDir, platform, limits, threads, scratchDir, secretRules, listener, c, registry);
  }

  /**
   * The default cache directory: {@code $XDG_CACHE_HOME/drydock}, else {@code ~/.cache/drydock}.
   */
  public static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "drydock");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "drydock");
  }
}
