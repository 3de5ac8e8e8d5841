package dev.drydock.engine;

import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Vulnerability;
import dev.drydock.vulndb.feed.FeedException;
import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.FeedImporters;
import dev.drydock.vulndb.feed.FeedLimit;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.fetch.FeedConfig;
import dev.drydock.vulndb.fetch.FeedSync;
import dev.drydock.vulndb.fetch.NetworkEnv;
import dev.drydock.vulndb.match.Matcher;
import dev.drydock.vulndb.store.SourceWriter;
import dev.drydock.vulndb.store.StoreBuilder;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code drydock db update}: downloads the configured feeds (conditional requests), imports the changed
 * ones into a new store built beside the old one, and swaps it in atomically. With {@code reportNew}, it
 * matches every stored inventory before and after and says which findings the update added (Clair's
 * notifier model).
 *
 * <p>A feed fails when its download fails (unreachable, HTTP error, checksum mismatch, ...) or its file
 * cannot be imported (unreadable, or records but none usable). A failed feed keeps its previous rows in the
 * store; the other feeds are imported. {@link Outcome#failures()} names every failed feed.
 */
public final class DbUpdate {

  /** One feed that could not be brought up to date, and why (one line). */
  public record Failure(String feed, String message) {
    @Override
    public String toString() {
      return feed + ": " + message;
    }
  }

  /**
   * What an update did.
   *
   * @param feeds how many feeds were configured
   * @param failures every feed that failed; when it is all of them, the store was not touched
   */
  public record Outcome(int feeds, List<String> imported, List<String> unchanged, List<Failure> failures,
      Map<String, List<Vulnerability>> newFindings) {
    public Outcome {
      imported = List.copyOf(imported);
      unchanged = List.copyOf(unchanged);
      failures = List.copyOf(failures);
    }

    /** Whether every configured feed failed. */
    public boolean allFailed() {
      return feeds > 0 && failures.size() >= feeds;
    }
  }

  private DbUpdate() {}

  public static Outcome run(Path cacheDir, FeedConfig config, boolean reportNew) {
    return run(cacheDir, config, reportNew, NetworkEnv.system());
  }

  /** As {@link #run(Path, FeedConfig, boolean)}, with proxies and netrc taken from {@code env}. */
  public static Outcome run(Path cacheDir, FeedConfig config, boolean reportNew, NetworkEnv env) {
    dev.drydock.engine.cache.SqliteNative.prepare(cacheDir); // before the first connection: not into /tmp
    Map<String, Set<String>> before = reportNew ? findingKeys(cacheDir) : Map.of();
    FeedSync.Outcome sync = new FeedSync(config, cacheDir.resolve("feeds"), env).sync();
    List<Failure> failures = new ArrayList<>();
    sync.failures().forEach(f -> failures.add(new Failure(f.feed().name(), f.message())));
    int feeds = config.feeds().size();
    if (sync.files().isEmpty()) {
      return new Outcome(feeds, List.of(), List.of(), failures, Map.of());
    }
    // what the store holds per source: a feed file downloaded by an update that was killed before its
    // import finished is "not modified" on the server, yet missing from the store
    Map<String, String> inStore = storedSha256(cacheDir);
    List<String> imported = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<FeedSync.FeedFile> toImport = new ArrayList<>();
    for (FeedSync.FeedFile f : sync.files()) {
      if (f.changed() || !f.sha256().equals(inStore.get(f.feed().name()))) {
        toImport.add(f);
      } else {
        unchanged.add(f.feed().name());
      }
    }
    // a feed whose file cannot be imported fails alone: the build starts over without it, so that its
    // previous rows stay in the store and the other feeds still land
    List<FeedSync.FeedFile> batch = new ArrayList<>(toImport);
    while (!batch.isEmpty()) {
      List<String> done = new ArrayList<>();
      FeedSync.FeedFile bad = null;
      String why = null;
      try (StoreBuilder builder = StoreBuilder.open(cacheDir)) {
        for (FeedSync.FeedFile f : batch) {
          try {
            done.add(f.feed().name() + " (" + importOne(builder, f) + " records)");
          } catch (FeedException e) {
            bad = f;
            why = e.getMessage();
            break;
          }
        }
        if (bad == null) {
          builder.commit();
        }
      }
      if (bad == null) {
        imported.addAll(done);
        break;
      }
      failures.add(new Failure(bad.feed().name(), why + " (its previous data stays in the store)"));
      batch.remove(bad);
    }
    Map<String, List<Vulnerability>> added = new LinkedHashMap<>();
    if (reportNew) {
      for (Map.Entry<String, List<Vulnerability>> e : findings(cacheDir).entrySet()) {
        Set<String> old = before.getOrDefault(e.getKey(), Set.of());
        List<Vulnerability> fresh = e.getValue().stream().filter(v -> !old.contains(key(v))).toList();
        if (!fresh.isEmpty()) {
          added.put(e.getKey(), fresh);
        }
      }
    }
    return new Outcome(feeds, imported, unchanged, failures, added);
  }

  /** Imports one feed file as its own source; returns the records written. */
  private static long importOne(StoreBuilder builder, FeedSync.FeedFile f) {
    FeedImporter importer = FeedImporters.of(f.feed().format());
    SourceWriter w = builder.beginSource(f.feed().name(), importer.format(), f.feed().url().toString(), null,
        null, f.sha256());
    ImportResult r;
    try (InputStream in = Files.newInputStream(f.path())) {
      r = importer.importFrom(FeedLimit.of(importer, in, "feed " + f.feed().name()), f.feed().url().toString(), w);
    } catch (IOException e) {
      throw new FeedException("cannot import " + f.path() + ": " + e.getMessage(), e);
    } catch (FeedException e) {
      throw e;
    } catch (DrydockException e) {
      // an importer's "not this format" (or a store write failing, which then fails each feed in turn)
      throw new FeedException(e.getMessage(), e);
    } finally {
      w.close();
    }
    if (r.records() == 0 && !r.skipped().isEmpty()) {
      throw new FeedException("no usable record in " + f.path() + " (" + r.skipped().size() + " skipped, the first: "
          + r.skipped().get(0) + ")");
    }
    return w.records();
  }

  private static Map<String, String> storedSha256(Path cacheDir) {
    if (!Files.isRegularFile(VulnStore.storeFile(cacheDir))) {
      return Map.of();
    }
    try (VulnStore store = VulnStore.open(cacheDir)) {
      return store.sourceSha256();
    } catch (DrydockException e) {
      return Map.of(); // unreadable or another schema: rebuild every source
    }
  }

  private static String key(Vulnerability v) {
    return v.id() + "|" + v.purl();
  }

  private static Map<String, Set<String>> findingKeys(Path cacheDir) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    findings(cacheDir).forEach((k, vs) -> {
      Set<String> keys = new HashSet<>();
      vs.forEach(v -> keys.add(key(v)));
      out.put(k, keys);
    });
    return out;
  }

  /** Findings of every stored inventory against the current store (empty when there is no store). */
  private static Map<String, List<Vulnerability>> findings(Path cacheDir) {
    Map<String, List<Vulnerability>> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(VulnStore.storeFile(cacheDir))) {
      return out;
    }
    try (VulnStore store = VulnStore.open(cacheDir)) {
      for (ScanResult inv : Inventories.all(cacheDir)) {
        out.put(inv.target().name(), new Matcher().match(inv.packages(), inv.os(), store, Instant.now()));
      }
    }
    return out;
  }
}
