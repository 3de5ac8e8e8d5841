package dev.drydock.cli;

import dev.drydock.engine.Cancellation;
import dev.drydock.engine.Drydock;
import dev.drydock.engine.Listener;
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
    return cacheDir != null ? cacheDir : Drydock.Config.defaultCacheDir();
  }

  /** The engine on this cache directory, with this command's progress listener; the caller closes it. */
  Drydock engine() {
    return Drydock.open(new Drydock.Config(cacheDir(), listener(), 0, null));
  }

  /**
   * The engine for a job that stops cleanly when cancelled (a scan): Ctrl-C cancels it and waits for it to stop,
   * leaving the cache consistent. The caller closes it.
   */
  Drydock cancellableEngine() {
    return Drydock.open(new Drydock.Config(cacheDir(), listener(), 0, cancellation()));
  }

  /** As {@link #cancellableEngine()}, with this token (the one a {@code --timeout} was set on). */
  Drydock cancellableEngine(Cancellation cancellation) {
    return Drydock.open(new Drydock.Config(cacheDir(), listener(), 0, cancellation));
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

  /** The command's error stream. */
  java.io.PrintWriter err() {
    return command != null ? command.commandLine().getErr() : new java.io.PrintWriter(System.err, true);
  }

  private Main main() {
    return command != null && command.root().userObject() instanceof Main m ? m : null;
  }
}
