package dev.drydock.cli;

import dev.drydock.engine.Stores;
import dev.drydock.model.DrydockException;
import dev.drydock.model.InputFiles;
import dev.drydock.vulndb.feed.ImportReport;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.feed.Skipped;
import dev.drydock.vulndb.store.AdvisoryStore;
import dev.drydock.vulndb.store.StoreStatus;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock db}: the local data stores. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Manage drydock's local data stores.",
    subcommands = {DbCommand.Import.class, DbCommand.Status.class, DbUpdateCommand.class})
final class DbCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (import, status, update)");
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Import offline copies: advisory feeds (OSV JSON/YAML/zip, Debian tracker JSON, Debian DSA/DLA lists, Alpine secdb,"
          + " CISA KEV JSON, EPSS CSV; files or directory trees, recognised by content) into the vulnerability"
          + " store, or a SHA-1 to Maven coordinates index (CSV: sha1,groupId,artifactId,version).")
  static final class Import implements Callable<Integer> {
    private static final Pattern SHA1_LINE = Pattern.compile("^(sha1[,\\t]|[0-9a-fA-F]{40}[,\\t]).*");

    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Files or directories to import.")
    List<Path> paths;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      List<Path> feeds = new ArrayList<>();
      for (Path p : paths) {
        if (!Files.exists(p)) {
          throw new DrydockException("cannot import " + p + ": no such file or directory");
        }
        if (!Files.isDirectory(p)) {
          InputFiles.requireRegularFile(p, "feed file"); // a FIFO would block, /dev/zero never ends
        }
        if (isSha1Index(p)) {
          long n = Stores.sqlite(common.cacheDir()).importJavaIndex(p);
          if (!common.quiet) {
            err.println("drydock: imported " + p + ": the SHA-1 index now holds " + n + " artifacts");
          }
        } else {
          feeds.add(p);
        }
      }
      if (!feeds.isEmpty()) {
        ImportReport report = Stores.sqlite(common.cacheDir()).importAdvisories(feeds);
        if (!common.quiet) {
          Map<String, long[]> byFormat = new java.util.TreeMap<>();
          for (ImportResult r : report.imported()) {
            long[] c = byFormat.computeIfAbsent(r.format(), k -> new long[2]);
            c[0] += r.records();
            c[1]++;
            if (common.debug) {
              err.println("drydock: imported " + r.records() + " records (" + r.format() + ") from " + r.location());
            }
          }
          byFormat.forEach((format, c) ->
              err.println("drydock: imported " + c[0] + " records of " + format + " from " + c[1] + " files"));
          for (Skipped s : report.skipped()) {
            err.println("drydock: skipped " + s.location() + ": " + s.reason());
          }
          err.println("drydock: " + report.records() + " records from " + report.files() + " files into "
              + VulnStore.storeFile(common.cacheDir()));
        }
      }
      return ExitCodes.OK;
    }

    /** How much of a file {@link #isSha1Index} reads to decide. */
    private static final int SNIFF_BYTES = 64 * 1024;

    private static boolean isSha1Index(Path p) {
      if (!Files.isRegularFile(p)) {
        return false;
      }
      byte[] head;
      try (java.io.InputStream in = Files.newInputStream(p)) {
        head = in.readNBytes(SNIFF_BYTES); // only the head: a file of one huge line must not be read whole
      } catch (IOException e) {
        return false; // unreadable: let the feed importers say what it is
      }
      for (String line : new String(head, StandardCharsets.UTF_8).split("\n", -1)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String first = line.trim();
        boolean epss = first.toLowerCase(java.util.Locale.ROOT).startsWith("cve,");
        return SHA1_LINE.matcher(first).matches()
            || (p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv") && !epss);
      }
      return false;
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
      StoreStatus st;
      try (Stores stores = Stores.sqlite(common.cacheDir()); AdvisoryStore store = stores.openAdvisories()) {
        st = store.status();
      }
      out.println("Store:   " + st.file());
      out.println("Schema:  " + st.schema());
      out.println("Built:   " + st.builtAt() + " (" + human(st.age()) + " ago)");
      out.println("Records:");
      for (Map.Entry<String, Long> e : new java.util.TreeMap<>(st.counts()).entrySet()) {
        out.printf("  %-12s %,d%n", e.getKey(), e.getValue());
      }
      out.println("Sources:");
      for (StoreStatus.SourceRow s : st.sources()) {
        out.printf("  %-40s %-22s %,9d records  %s  %s%n", s.name(), s.kind(), s.records(), s.importedAt(),
            s.location());
      }
      // the publisher's date of each source's data (the import date when the data has none)
      java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
      List<String> stale = new ArrayList<>();
      out.println("Data dates:");
      for (StoreStatus.SourceRow s : st.sources()) {
        java.time.LocalDate day = s.dataDay();
        String age = day == null ? "unknown" : java.time.temporal.ChronoUnit.DAYS.between(day, today) + " days old";
        out.printf("  %-40s %-10s  %s%n", s.name(), s.dataDate() == null ? "unknown" : day(s.dataDate()),
            s.dataDate() == null ? age + " (by import date; the data has no date)" : age);
        if (day == null || dev.drydock.vulndb.match.Coverages.stale(day, today, maxAgeDays)) {
          stale.add("advisory data " + s.name() + (day == null ? " has no date"
              : " is " + age + " (" + (s.dataDate() == null ? "imported " : "data date ") + day + ")"));
        }
      }
      out.flush();
      for (String line : stale) {
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
