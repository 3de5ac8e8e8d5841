package dev.drydock.server;

import dev.drydock.model.DrydockException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code drydock server [OPTIONS]} and {@code drydock server token create --scope read|scan|admin [--name N]}: the
 * entry point the CLI calls (and tests start in their own JVMs). Returns an exit code; 2 for bad options, with one
 * line on stderr.
 */
public final class ServerMain {
  private ServerMain() {}

  static final String USAGE = """
      Usage: drydock server [--listen HOST:PORT] [--store sqlite:PATH | --store postgresql://HOST:PORT/DB?user=U]
                            [--cache-dir DIR] [--scan-root DIR]... [--advisories PATH]... [--workers N]
                            [--lease-seconds N] [--max-body-bytes N] [--rate-limit N] [--grace-seconds N]
                            [--retention-days N] [--node NAME] [--ready-file FILE] [--config FILE]
                            [--allow-registry HOST]... [--registry-ca FILE]... [--insecure-registry HOST]...
                            [--registry-auth-file FILE] [--tls-keystore FILE.p12 [--tls-keystore-password P]]
             drydock server token create --scope read|scan|admin [--name NAME] [--store ...] [--cache-dir DIR]
      Every option may also come from DRYDOCK_SERVER_<OPTION> (e.g. DRYDOCK_SERVER_LISTEN) or a YAML file of the same
      keys (--config). Only /healthz and /readyz answer without a bearer token. docs/server.md has the API.
      """;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the server until SIGTERM/SIGINT (or creates a token) and returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> list = new ArrayList<>(List.of(args));
    try {
      if (list.contains("--help") || list.contains("-h")) {
        out.print(USAGE);
        return 0;
      }
      if (list.size() >= 2 && list.get(0).equals("token") && list.get(1).equals("create")) {
        return token(list.subList(2, list.size()), out);
      }
      ServerConfig config = ServerConfig.parse(list, System.getenv());
      DrydockServer server = DrydockServer.start(config, new Log(err));
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        stopped.countDown();
      }, "drydock-server-stop"));
      stopped.await();
      return 0;
    } catch (DrydockException e) {
      err.println("drydock: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  private static int token(List<String> args, PrintStream out) {
    List<String> rest = new ArrayList<>();
    String scope = null;
    String name = "";
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals("--scope") || a.equals("--name")) && i + 1 < args.size()) {
        if (a.equals("--scope")) {
          scope = args.get(++i);
        } else {
          name = args.get(++i);
        }
      } else {
        rest.add(a);
      }
    }
    if (scope == null) {
      throw new DrydockException("token create needs --scope read|scan|admin");
    }
    Tokens.Scope s = Tokens.Scope.parse(scope);
    ServerConfig config = ServerConfig.parse(rest, System.getenv());
    try (Database db = DrydockServer.openStore(config)) {
      out.println(new Tokens(db).create(s, name));
    }
    return 0;
  }

  /** For tests: a token on an already-open server. */
  static String token(DrydockServer server, String scope) {
    return server.tokens.create(Tokens.Scope.parse(scope), "test");
  }

  static Map<String, String> noEnv() {
    return Map.of();
  }
}
