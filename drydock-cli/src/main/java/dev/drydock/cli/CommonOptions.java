package dev.drydock.cli;

import dev.drydock.engine.ScanOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Cache directory (default: $XDG_CACHE_HOME/drydock, else ~/.cache/drydock).")
  Path cacheDir;

  @Option(names = "--debug", description = "Show stack traces and debug details.")
  boolean debug;

  @Option(names = {"-q", "--quiet"}, description = "Print only the report and errors.")
  boolean quiet;

  Path cacheDir() {
    return cacheDir != null ? cacheDir : ScanOptions.defaultCacheDir();
  }
}
