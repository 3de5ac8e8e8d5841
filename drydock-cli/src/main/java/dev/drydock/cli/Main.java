package dev.drydock.cli;

import dev.drydock.engine.Version;
import dev.drydock.model.DrydockException;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code drydock} command. */
@Command(
    name = "drydock",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Inspect container images before they sail: inventory, SBOMs and security checks.",
    subcommands = {
      ScanCommand.class,
      ConfigCommand.class,
      SecretsCommand.class,
      RescanCommand.class,
      ConvertCommand.class,
      DiffCommand.class,
      GateCommand.class,
      ComplianceCommand.class,
      HostCommand.class,
      SbomCommand.class,
      DbCommand.class,
      AutoComplete.GenerateCompletion.class,
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs drydock in-process and returns the exit code (tests call this). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean debug = parseResult.expandedArgs().contains("--debug");
      PrintWriter e = commandLine.getErr();
      if (ex instanceof DrydockException) {
        e.println("drydock: " + ex.getMessage());
        if (debug) {
          ex.printStackTrace(e);
        }
        return ExitCodes.INPUT;
      }
      e.println("drydock: internal error: " + ex + (debug ? "" : " (run with --debug for details)"));
      if (debug) {
        ex.printStackTrace(e);
      }
      return ExitCodes.INTERNAL;
    });
    cl.setParameterExceptionHandler((ex, args2) -> {
      PrintWriter e = ex.getCommandLine().getErr();
      e.println("drydock: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
          + " --help')");
      return ExitCodes.INPUT;
    });
    return cl.execute(args);
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"drydock " + Version.current(),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
  }
}
