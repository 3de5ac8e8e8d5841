package dev.drydock.cli;

import dev.drydock.server.ServerMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code drydock server}: runs drydock as an HTTP service ({@code drydock-server}; its options, the
 * {@code token create} subcommand and the usage text are the server module's own, see docs/server.md).
 */
@Command(name = "server", description = "Run drydock as a scanning service (HTTP API; SQLite or PostgreSQL store);"
    + " 'drydock server token create --scope read|scan|admin' makes an API token. 'drydock server --help' lists"
    + " the options.")
final class ServerCommand implements Callable<Integer> {
  @Unmatched List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    return ServerMain.run(args.toArray(String[]::new), System.out, System.err);
  }
}
