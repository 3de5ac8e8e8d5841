package dev.drydock.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock db}: local data stores. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Manage drydock's local data stores.",
    subcommands = {DbCommand.Import.class})
final class DbCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (import)");
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Import offline data: a SHA-1 to Maven coordinates index (CSV: sha1,groupId,artifactId,version).")
  static final class Import implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to import.")
    java.util.List<java.nio.file.Path> files;

    @Override
    public Integer call() {
      for (java.nio.file.Path f : files) {
        long n = dev.drydock.engine.JavaIndexStore.importIndex(f, common.cacheDir());
        if (!common.quiet) {
          spec.commandLine().getErr().println("drydock: imported " + f + ": the SHA-1 index now holds " + n + " artifacts");
        }
      }
      return ExitCodes.OK;
    }
  }
}
