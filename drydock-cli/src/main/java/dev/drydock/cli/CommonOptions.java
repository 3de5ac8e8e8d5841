package dev.drydock.cli;

import dev.drydock.engine.Drydock;
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
    return cacheDir != null ? cacheDir : Drydock.Config.defaultCacheDir();
  }

  /** The engine on this cache directory; the caller closes it. */
  Drydock engine() {
    return Drydock.open(Drydock.Config.of(cacheDir()));
  }
}
