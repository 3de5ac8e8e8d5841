package dev.drydock.cli;

import dev.drydock.engine.DbUpdate;
import dev.drydock.model.Vulnerability;
import dev.drydock.vulndb.fetch.FeedConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drydock db update}: fetch the configured feeds and rebuild the store. */
@Command(name = "update", mixinStandardHelpOptions = true,
    description = "Download the configured advisory feeds (conditional requests, retries, checksums) and rebuild"
        + " the store beside the old one, swapping it in atomically. Feeds and their URLs: docs/feeds.md.")
final class DbUpdateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--config", paramLabel = "FILE", description = "Feed configuration (YAML), see docs/feeds.md.")
  Path config;

  @Option(names = "--mirror", paramLabel = "URL", description = "Fetch every feed from this mirror base URL.")
  URI mirror;

  @Option(names = "--report-new", description = "List, per stored image, the findings this update added.")
  boolean reportNew;

  @Override
  public Integer call() {
    FeedConfig cfg = config != null ? FeedConfig.load(config) : FeedConfig.defaults();
    if (mirror != null) {
      cfg = cfg.withMirror(mirror);
    }
    DbUpdate.Outcome o = DbUpdate.run(common.cacheDir(), cfg, reportNew);
    PrintWriter err = spec.commandLine().getErr();
    for (String f : o.failures()) {
      err.println("drydock: warning: " + f + " (kept the previous copy)");
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
    return ExitCodes.OK;
  }
}
