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
 */
public record ScanOptions(Path cacheDir, String platform, Limits limits, int threads, Path scratchDir) {

  public ScanOptions {
    Objects.requireNonNull(cacheDir, "cacheDir");
    scratchDir = scratchDir == null ? cacheDir.resolve("tmp") : scratchDir;
    limits = limits == null ? Limits.DEFAULT : limits;
    threads = threads <= 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads;
  }

  public ScanOptions(Path cacheDir, String platform, Limits limits, int threads) {
    this(cacheDir, platform, limits, threads, null);
  }

  public static ScanOptions defaults(Path cacheDir) {
    return new ScanOptions(cacheDir, null, Limits.DEFAULT, 0);
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
