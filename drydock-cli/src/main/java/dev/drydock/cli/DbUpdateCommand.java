package dev.drydock.cli;

import dev.drydock.engine.DbUpdate;
import dev.drydock.engine.Drydock;
import dev.drydock.model.Vulnerability;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drydock db update}: fetch the configured feeds and rebuild the store. Exit 0 when every feed is up to
 * date, 1 when some feeds failed (the others were imported), 2 when every feed failed (the store is unchanged)
 * or the configuration is bad.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
    description = "Download the configured advisory feeds (conditional requests, retries, checksums) and rebuild"
        + " the store beside the old one, swapping it in atomically. Feeds and their URLs: docs/feeds.md."
        + " Exit 0: every feed up to date; 1: some feeds failed (each is named; the others were imported);"
        + " 2: every feed failed (the store is unchanged) or bad configuration.")
final class DbUpdateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--config", paramLabel = "FILE", description = "Feed configuration (YAML), see docs/feeds.md.")
  Path config;

  @Option(names = "--mirror", paramLabel = "URL",
      description = "Fetch every feed from this mirror base URL (http, https or file; a local path works too).")
  String mirror;

  @Option(names = "--report-new", description = "List, per stored image, the findings this update added.")
  boolean reportNew;

  @Option(names = "--from", paramLabel = "REF[,REF...]", split = ",", description = "Pull the store 'db push'"
      + " published from this registry reference instead of the feeds (the first that works; verified by digest"
      + " and schema; the tag defaults to the store's schema version). Air-gapped networks: docs/registries.md.")
  List<String> from;

  @Option(names = "--verify-key", paramLabel = "FILE", description = "With --from: accept only a store artifact"
      + " signed (cosign, e.g. by 'drydock sign') with this public key (repeatable; checked before the download).")
  List<java.nio.file.Path> verifyKeys = new java.util.ArrayList<>();

  @picocli.CommandLine.Mixin RegistryCliOptions registry;

  @Override
  public Integer call() {
    if (from != null && !from.isEmpty()) {
      if (config != null || mirror != null || reportNew) {
        throw new dev.drydock.model.DrydockException("--from replaces the feeds: it does not combine with --config,"
            + " --mirror or --report-new");
      }
      PrintWriter err = spec.commandLine().getErr();
      try (Drydock drydock = common.engine()) {
        Drydock.DbPulled p = drydock.dbUpdateFrom(from, registry.access(common.debug, err), verifyKeys);
        p.failures().forEach(f -> err.println("drydock: skipped: " + f));
        if (!common.quiet) {
          err.println("drydock: installed the vulnerability store " + p.reference() + "@" + p.digest());
        }
      }
      return ExitCodes.OK;
    }
    if (!verifyKeys.isEmpty()) {
      throw new dev.drydock.model.DrydockException("--verify-key checks a store pulled with --from; feeds are"
          + " checked by their sha256 settings (docs/feeds.md)");
    }
    DbUpdate.Outcome o;
    try (Drydock drydock = common.engine()) {
      o = drydock.dbUpdate(new Drydock.DbUpdateRequest(config, mirror, reportNew));
    }
    PrintWriter err = spec.commandLine().getErr();
    for (DbUpdate.Failure f : o.failures()) {
      err.println("drydock: feed " + f);
    }
    if (!common.quiet) {
      o.imported().forEach(s -> err.println("drydock: imported " + s));
      if (!o.unchanged().isEmpty()) {
        err.println("drydock: not modified: " + String.join(", ", o.unchanged()));
      }
    }
    if (reportNew) {
      PrintWriter out = spec.commandLine().getOut();
      for (Map.Entry<String, List<Vulnerability>> e : o.newFindings().entrySet()) {
        for (Vulnerability v : e.getValue()) {
          out.println(e.getKey() + "\t" + v.id() + "\t" + v.purl() + "\t" + v.severity() + "\t" + v.status());
        }
      }
      out.flush();
    }
    if (o.failures().isEmpty()) {
      return ExitCodes.OK;
    }
    String names = String.join(", ", o.failures().stream().map(DbUpdate.Failure::feed).toList());
    if (o.allFailed()) {
      err.println("drydock: " + o.failures().size() + " of " + o.feeds() + " feeds failed; the vulnerability store"
          + " is unchanged");
      return ExitCodes.INPUT;
    }
    err.println("drydock: " + o.failures().size() + " of " + o.feeds() + " feeds failed (" + names + "); the store"
        + " keeps their previous data");
    return ExitCodes.FEEDS_FAILED;
  }
}
