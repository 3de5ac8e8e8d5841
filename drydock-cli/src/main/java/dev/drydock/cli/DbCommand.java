package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import dev.drydock.model.DrydockException;
import dev.drydock.model.InputFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock db}: the local data stores. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Manage drydock's local data stores.",
    subcommands = {DbCommand.Import.class, DbCommand.Status.class, DbUpdateCommand.class, DbPushCommand.class})
final class DbCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (import, status, update, push)");
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Import offline copies: advisory feeds (OSV JSON/YAML/zip, Debian tracker JSON, Debian DSA/DLA lists, Alpine secdb,"
          + " CISA KEV JSON, EPSS CSV; files or directory trees, recognised by content) into the vulnerability"
          + " store, or a SHA-1 to Maven coordinates index (CSV: sha1,groupId,artifactId,version).")
  static final class Import implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Files or directories to import.")
    List<Path> paths;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      List<Path> feeds = new ArrayList<>();
      try (Drydock drydock = common.engine()) {
        for (Path p : paths) {
          if (!Files.exists(p)) {
            throw new DrydockException("cannot import " + p + ": no such file or directory");
          }
          if (!Files.isDirectory(p)) {
            InputFiles.requireRegularFile(p, "feed file"); // a FIFO would block, /dev/zero never ends
          }
          if (Drydock.isSha1Index(p)) {
            long n = drydock.importSha1Index(p);
            if (!common.quiet) {
              err.println("drydock: imported " + p + ": the SHA-1 index now holds " + n + " artifacts");
            }
          } else {
            feeds.add(p);
          }
        }
        if (!feeds.isEmpty()) {
          Drydock.FeedImport report = drydock.importFeeds(feeds);
          if (!common.quiet) {
            Map<String, long[]> byFormat = new java.util.TreeMap<>();
            for (Drydock.Imported r : report.imported()) {
              long[] c = byFormat.computeIfAbsent(r.format(), k -> new long[2]);
              c[0] += r.records();
              c[1]++;
              if (common.debug) {
                err.println("drydock: imported " + r.records() + " records (" + r.format() + ") from " + r.location());
              }
            }
            byFormat.forEach((format, c) ->
                err.println("drydock: imported " + c[0] + " records of " + format + " from " + c[1] + " files"));
            for (String s : report.skipped()) {
              err.println("drydock: skipped " + s);
            }
            err.println("drydock: " + report.records() + " records from " + report.files() + " files into "
                + report.store());
          }
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Show the vulnerability store: sources, record counts, last update per source, schema, age.")
  static final class Status implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--max-age-days", paramLabel = "DAYS", defaultValue = "7",
        description = "Warn when the store is older than this, and about each source whose data is this many days"
            + " old or older (default: ${DEFAULT-VALUE}).")
    int maxAgeDays;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Drydock.DbStatus st;
      try (Drydock drydock = common.engine()) {
        st = drydock.dbStatus(maxAgeDays);
      }
      out.println("Store:   " + st.file());
      out.println("Schema:  " + st.schema());
      out.println("Built:   " + st.builtAt() + " (" + human(st.age()) + " ago)");
      out.println("Records:");
      for (Map.Entry<String, Long> e : new java.util.TreeMap<>(st.counts()).entrySet()) {
        out.printf("  %-12s %,d%n", e.getKey(), e.getValue());
      }
      out.println("Sources:");
      for (Drydock.SourceRow s : st.sources()) {
        out.printf("  %-40s %-22s %,9d records  %s  %s%n", s.name(), s.kind(), s.records(), s.importedAt(),
            s.location());
      }
      // the publisher's date of each source's data (the import date when the data has none)
      java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
      out.println("Data dates:");
      for (Drydock.SourceRow s : st.sources()) {
        java.time.LocalDate day = s.dataDay();
        String age = day == null ? "unknown" : java.time.temporal.ChronoUnit.DAYS.between(day, today) + " days old";
        out.printf("  %-40s %-10s  %s%n", s.name(), s.dataDate() == null ? "unknown" : day(s.dataDate()),
            s.dataDate() == null ? age + " (by import date; the data has no date)" : age);
      }
      out.flush();
      for (String line : st.stale()) {
        spec.commandLine().getErr().println("drydock: warning: " + line + "; the limit is " + maxAgeDays
            + " days: run 'drydock db update'");
      }
      if (st.age().compareTo(Duration.ofDays(maxAgeDays)) > 0) {
        spec.commandLine().getErr().println("drydock: warning: the vulnerability store is " + human(st.age())
            + " old (more than " + maxAgeDays + " days): run 'drydock db update'");
      }
      return ExitCodes.OK;
    }

    private static String day(String isoDateOrInstant) {
      return isoDateOrInstant.length() >= 10 ? isoDateOrInstant.substring(0, 10) : isoDateOrInstant;
    }

    static String human(Duration d) {
      if (d.toDays() > 0) {
        return d.toDays() + " days";
      }
      if (d.toHours() > 0) {
        return d.toHours() + " hours";
      }
      return Math.max(0, d.toMinutes()) + " minutes";
    }
  }
}
