package dev.drydock.cli;

import dev.drydock.engine.Cancellation;
import dev.drydock.engine.Listener;
import dev.drydock.engine.ScanOptions;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every command takes. */
final class CommonOptions {
  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Cache directory (default: $XDG_CACHE_HOME/drydock, else ~/.cache/drydock).")
  Path cacheDir;

  @Option(names = "--debug", description = "Show stack traces and debug details.")
  boolean debug;

  @Option(names = {"-q", "--quiet"}, description = "Print only the report and errors.")
  boolean quiet;

  /** The command this mixin is part of. */
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  Path cacheDir() {
    return cacheDir != null ? cacheDir : ScanOptions.defaultCacheDir();
  }

  /** Progress of the command's long work: a bar on a terminal's stderr; nothing on a pipe or with --quiet. */
  Listener listener() {
    Main main = main();
    return main == null ? Listener.NONE : main.listener(command.commandLine().getErr(), quiet);
  }

  /** Cancelled on Ctrl-C: the command's job stops at its next check and leaves the cache consistent. */
  Cancellation cancellation() {
    Main main = main();
    return main == null ? Cancellation.none() : main.cancellation();
  }

  private Main main() {
    return command != null && command.root().userObject() instanceof Main m ? m : null;
  }
}
