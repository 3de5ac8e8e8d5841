package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import dev.drydock.model.ScanResult;
import dev.drydock.report.ReportFormat;
import dev.drydock.report.json.Json;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code drydock secrets}: secrets in a directory tree, a git repository's history or a home directory.
 * The report is a drydock result whose target kind is {@code secrets}.
 */
@Command(name = "secrets", mixinStandardHelpOptions = true,
    description = {"Find secrets (tokens, keys, passwords) in a directory, every commit of a git repository, or "
        + "the credential stores of a home directory. Secrets are never printed: only their first 4 characters "
        + "and a fingerprint."},
    footer = {"", "Exit codes: 0 nothing found, 1 secrets (after --baseline) or weak crypto found, 2 bad input, 4 internal error."})
final class SecretsCommand implements Callable<Integer> {
  /** Exit code when secrets are found, as gitleaks does. */
  static final int SECRETS_FOUND = 1;

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin OutputOptions output;
  @Mixin CommonOptions common;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Directory tree to scan.")
  Path dir;

  @Option(names = "--git", paramLabel = "REPO",
      description = "Scan the lines every commit of this git repository added (all refs; merges skipped).")
  Path git;

  @Option(names = "--home", paramLabel = "DIR",
      description = "Check the credential stores of this home directory (.ssh, .aws, .config/gcloud, .azure, "
          + ".kube, .docker, shell histories, .netrc, ...) without walking all of it.")
  Path home;

  @Option(names = "--rules", paramLabel = "FILE",
      description = "Custom rules: a drydock rules file (TOML or YAML) or a gitleaks .gitleaks.toml (docs/secrets.md);"
          + " with [extend] useDefault the built-in rules run too.")
  Path rules;

  @Option(names = "--no-weak-crypto",
      description = "DIR only: do not look for weak crypto and insecure TLS settings in source files"
          + " (docs/weak-crypto.md).")
  boolean noWeakCrypto;

  @Option(names = "--gitignore", description = "Skip what .gitignore files in the tree exclude (DIR only).")
  boolean gitignore;

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "A previous drydock JSON result: report only secrets whose fingerprint it does not hold.")
  Path baseline;

  @Option(names = "--fingerprint-key-file", paramLabel = "FILE",
      description = "Key the secrets' fingerprints with the text of this file, so that baselines match across "
          + "machines (default: $DRYDOCK_FINGERPRINT_KEY, else this installation's key in the cache directory; "
          + "docs/secrets.md).")
  Path fingerprintKeyFile;

  @Option(names = "--max-file-size", paramLabel = "BYTES", defaultValue = "10485760",
      description = "Skip larger files (default: ${DEFAULT-VALUE}).")
  long maxFileSize;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "Scanning threads (default: one per processor).")
  int threads;

  @Override
  public Integer call() {
    ReportFormat fmt = output.reportFormat();
    Drydock.SecretsRequest request = new Drydock.SecretsRequest(dir, git, home, rules, noWeakCrypto, gitignore, null,
        maxFileSize, threads, fingerprintKeyFile);
    Drydock.check(request); // exactly one target, a positive size: before the baseline is read
    Set<String> known = baseline == null ? Set.of() : Drydock.fingerprints(Json.read(baseline));
    Drydock.SecretsOutcome o;
    try (Drydock drydock = common.engine()) {
      o = drydock.secrets(new Drydock.SecretsRequest(dir, git, home, rules, noWeakCrypto, gitignore, known,
          maxFileSize, threads, fingerprintKeyFile));
    }
    ScanResult result = o.result();
    output.write(result, fmt, spec.commandLine().getOut());
    int reported = result.secrets().size();
    int weakCrypto = result.misconfigurations().size();
    if (!common.quiet) {
      long files = o.units();
      String what = git != null ? files + " commits" : home != null ? files + " credential files" : files + " files";
      String crypto = weakCrypto == 0 ? "" : " and " + weakCrypto + " weak-crypto finding" + (weakCrypto == 1 ? "" : "s");
      spec.commandLine().getErr().println(reported + " secret" + (reported == 1 ? "" : "s") + crypto
          + " found in " + what + (baseline == null ? "" : " (" + (o.found() - reported)
          + " already in the baseline)") + ", " + o.millis() + " ms");
    }
    return reported == 0 && weakCrypto == 0 ? ExitCodes.OK : SECRETS_FOUND;
  }
}
