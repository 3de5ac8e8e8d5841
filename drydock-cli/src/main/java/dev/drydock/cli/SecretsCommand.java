package dev.drydock.cli;

import dev.drydock.engine.Version;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.ScanStats;
import dev.drydock.model.Target;
import dev.drydock.report.ReportFormat;
import dev.drydock.secrets.BuiltinRules;
import dev.drydock.secrets.FingerprintKey;
import dev.drydock.secrets.SecretScanner;
import dev.drydock.secrets.crypto.WeakCryptoScanner;
import dev.drydock.secrets.git.GitHistoryScan;
import dev.drydock.secrets.home.HomeScan;
import dev.drydock.secrets.rules.RuleFile;
import dev.drydock.secrets.tree.TreeScan;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
    int targets = (dir != null ? 1 : 0) + (git != null ? 1 : 0) + (home != null ? 1 : 0);
    if (targets != 1) {
      throw new DrydockException("give exactly one of DIR, --git REPO or --home DIR");
    }
    if (maxFileSize <= 0) {
      throw new DrydockException("--max-file-size must be positive");
    }
    Set<String> known = baseline == null ? Set.of() : dev.drydock.report.json.Json.read(baseline).secrets().stream()
        .map(ExposedSecret::fingerprint).collect(Collectors.toSet());
    long started = System.nanoTime();
    List<String> warnings = new ArrayList<>();
    FingerprintKey key = FingerprintKey.choose(fingerprintKeyFile, System.getenv(FingerprintKey.ENV), common.cacheDir());
    SecretScanner scanner;
    if (rules != null) {
      RuleFile.Loaded loaded = RuleFile.load(rules);
      warnings.addAll(loaded.warnings());
      scanner = new SecretScanner(loaded.rules(), SecretScanner.Options.DEFAULT, key);
    } else {
      scanner = new SecretScanner(BuiltinRules.all(), SecretScanner.Options.DEFAULT, key);
    }
    List<ExposedSecret> found;
    List<Misconfiguration> weakCrypto = List.of();
    List<String> families = new ArrayList<>(List.of("secrets"));
    long files = 0;
    long bytes = 0;
    Path target;
    if (git != null) {
      target = git;
      GitHistoryScan.Result r = new GitHistoryScan(scanner, maxFileSize).scan(git);
      found = r.secrets();
      warnings.addAll(r.warnings());
      files = r.commits();
    } else if (home != null) {
      target = home;
      HomeScan.Result r = new HomeScan(scanner).scan(home);
      found = r.secrets();
      warnings.addAll(r.warnings());
      files = r.filesChecked().size();
    } else {
      target = dir;
      TreeScan.Result r = new TreeScan(scanner, noWeakCrypto ? null : new WeakCryptoScanner(),
          new TreeScan.Options(gitignore, maxFileSize, threads)).scan(dir);
      found = r.secrets();
      weakCrypto = r.weakCrypto();
      if (!noWeakCrypto) {
        families.add("weak-crypto");
      }
      warnings.addAll(r.warnings());
      files = r.filesScanned();
      bytes = r.bytesScanned();
    }
    List<ExposedSecret> reported = found.stream().filter(s -> !known.contains(s.fingerprint())).toList();
    long millis = (System.nanoTime() - started) / 1_000_000;
    Target t = new Target("secrets", target.toAbsolutePath().normalize().toString(), null, null, List.of(), null);
    ScanResult result = new ScanResult(ScanResult.SCHEMA_VERSION, Version.current(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), t, null, null, List.of(), List.of(), List.of(),
        new ScanStats(0, 0, 0, files, bytes, millis), warnings)
        .withFindings(weakCrypto, reported, families);
    output.write(result, fmt, spec.commandLine().getOut());
    if (!common.quiet) {
      String what = git != null ? files + " commits" : home != null ? files + " credential files" : files + " files";
      String crypto = weakCrypto.isEmpty() ? "" : " and " + weakCrypto.size() + " weak-crypto finding"
          + (weakCrypto.size() == 1 ? "" : "s");
      spec.commandLine().getErr().println(reported.size() + " secret" + (reported.size() == 1 ? "" : "s") + crypto
          + " found in " + what + (baseline == null ? "" : " (" + (found.size() - reported.size())
          + " already in the baseline)") + ", " + millis + " ms");
    }
    return reported.isEmpty() && weakCrypto.isEmpty() ? ExitCodes.OK : SECRETS_FOUND;
  }
}
