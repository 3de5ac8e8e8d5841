package dev.drydock.cli;

import dev.drydock.engine.Cancellation;
import dev.drydock.engine.Listener;
import dev.drydock.engine.Version;
import dev.drydock.model.DrydockException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code drydock} command. */
@Command(
    name = "drydock",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Inspect container images before they sail: inventory, SBOMs and security checks.")
public final class Main implements Runnable {

  /**
   * Every subcommand by name, in help order. Only the one being run is built: picocli reads a command's
   * annotations when it is added, and building all of them cost every run about a tenth of a second.
   */
  static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("scan", ScanCommand::new);
    COMMANDS.put("config", ConfigCommand::new);
    COMMANDS.put("secrets", SecretsCommand::new);
    COMMANDS.put("rescan", RescanCommand::new);
    COMMANDS.put("convert", ConvertCommand::new);
    COMMANDS.put("diff", DiffCommand::new);
    COMMANDS.put("gate", GateCommand::new);
    COMMANDS.put("compliance", ComplianceCommand::new);
    COMMANDS.put("host", HostCommand::new);
    COMMANDS.put("web", WebCommand::new);
    COMMANDS.put("sbom", SbomCommand::new);
    COMMANDS.put("db", DbCommand::new);
    COMMANDS.put("sign", SignCommand::new);
    COMMANDS.put("verify", VerifyCommand::new);
    COMMANDS.put("server", ServerCommand::new);
    COMMANDS.put("generate-completion", AutoComplete.GenerateCompletion::new);
  }

  /** How long Ctrl-C waits for a cancelled job to stop (and leave its stores consistent). */
  private static final long STOP_SECONDS = 5;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Cancelled by the shutdown hook (Ctrl-C, SIGTERM); handed to the job of this run. */
  private final Cancellation cancellation = new Cancellation();
  /** Whether a job took {@link #cancellation} (then the hook waits for it to stop). */
  private volatile boolean cancellable;
  /** Counted down when the command has returned and printed everything. */
  private final CountDownLatch finished = new CountDownLatch(1);
  /** Whether this run writes to the process's standard error (not a test's writer). */
  private final boolean processStreams;
  private volatile ProgressBar progress;

  /** A run inside another program (tests): no progress bar, never cancelled. */
  public Main() {
    this(false);
  }

  private Main(boolean processStreams) {
    this.processStreams = processStreams;
  }

  /** The token of this run's job: the shutdown hook cancels it and waits (bounded) for the job to stop. */
  Cancellation cancellation() {
    cancellable = true;
    return cancellation;
  }

  /** This run's progress listener: a bar on a terminal's stderr, else nothing. */
  Listener listener(PrintWriter err, boolean quiet) {
    ProgressBar bar = ProgressBar.onStderr(err, processStreams, quiet);
    progress = bar;
    return bar;
  }

  /** The shutdown hook: cancels the job and waits until it has stopped (at most {@value #STOP_SECONDS} s). */
  private void stop(PrintWriter err) {
    cancellation.cancel("interrupted");
    if (!cancellable) {
      return; // no cancellable job: nothing to wait for, exit as before
    }
    try {
      if (!finished.await(STOP_SECONDS, TimeUnit.SECONDS)) {
        clearProgress();
        err.println("drydock: cancelled (the job did not stop within " + STOP_SECONDS + " s)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void clearProgress() {
    ProgressBar bar = progress;
    if (bar != null) {
      bar.clear();
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    // A process setting, so it is made here, at the process entry, never in library code: credentials in
    // HTTPS_PROXY answer the proxy's challenge to the CONNECT tunnel of 'db update', and the JDK refuses Basic for
    // tunnels unless this is cleared. The JDK's HTTP client reads it once, when its classes are first loaded
    // (java.net.http's module documentation: setting it later with System.setProperty is not guaranteed to work).
    if (System.getProperty("jdk.http.auth.tunneling.disabledSchemes") == null) {
      System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
    }
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    Main main = new Main(true);
    // Ctrl-C (and SIGTERM) run the hooks: cancel the job and let it stop cleanly; the JVM then exits 128 + signal
    Runtime.getRuntime().addShutdownHook(new Thread(() -> main.stop(err), "drydock-cancel"));
    int code = run(main, args, out, err);
    if ("1".equals(System.getenv("DRYDOCK_CDS_TRAINING"))) {
      // the launcher records its class-data-sharing archive from this run: load the registry client's classes too
      try {
        dev.drydock.engine.ClassArchiveTraining.exerciseRegistryClient();
      } catch (LinkageError | RuntimeException e) {
        // a runtime without jdk.httpserver, say: the archive just lacks those classes
      }
    }
    main.finished.countDown();
    System.exit(code);
  }

  /** Runs drydock in-process and returns the exit code (tests call this). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(new Main(), args, out, err);
  }

  private static int run(Main main, String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(main);
    String first = args.length > 0 && !args[0].startsWith("-") ? args[0] : null;
    boolean justOne = first != null && COMMANDS.containsKey(first) && !first.equals("generate-completion");
    for (Map.Entry<String, Supplier<Object>> c : COMMANDS.entrySet()) {
      if (!justOne || c.getKey().equals(first)) {
        cl.addSubcommand(c.getKey(), c.getValue().get());
      }
    }
    cl.setOut(out);
    cl.setErr(err);
    if (!justOne) {
      cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    }
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean debug = parseResult.expandedArgs().contains("--debug");
      PrintWriter e = commandLine.getErr();
      main.clearProgress();
      if (ex instanceof Cancellation.Cancelled) {
        e.println("drydock: cancelled");
        return ExitCodes.CANCELLED;
      }
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
