package dev.drydock.engine;

import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Vulnerability;
import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.alpine.AlpineSecdbImporter;
import dev.drydock.vulndb.feed.debian.DebianTrackerImporter;
import dev.drydock.vulndb.feed.epss.EpssImporter;
import dev.drydock.vulndb.feed.kev.KevImporter;
import dev.drydock.vulndb.feed.osv.OsvZipImporter;
import dev.drydock.vulndb.fetch.FeedConfig;
import dev.drydock.vulndb.fetch.FeedSync;
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
 */
public final class DbUpdate {

  /** What an update did. */
  public record Outcome(List<String> imported, List<String> unchanged, List<String> failures,
      Map<String, List<Vulnerability>> newFindings) {}

  private DbUpdate() {}

  public static Outcome run(Path cacheDir, FeedConfig config, boolean reportNew) {
    Map<String, Set<String>> before = reportNew ? findingKeys(cacheDir) : Map.of();
    FeedSync.Outcome sync = new FeedSync(config, cacheDir.resolve("feeds")).sync();
    List<String> failures = sync.failures().stream().map(f -> f.feed().name() + ": " + f.message()).toList();
    if (sync.files().isEmpty()) {
      throw new DrydockException("no feed could be downloaded; the previous store is unchanged: "
          + String.join("; ", failures));
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
    if (!toImport.isEmpty()) {
      try (StoreBuilder builder = StoreBuilder.open(cacheDir)) {
        for (FeedSync.FeedFile f : toImport) {
          FeedImporter importer = importer(f.feed().format());
          SourceWriter w = builder.beginSource(f.feed().name(), importer.format(), f.feed().url().toString(), null,
              null, f.sha256());
          try (InputStream in = Files.newInputStream(f.path())) {
            importer.importFrom(in, f.feed().url().toString(), w);
          } catch (IOException e) {
            throw new DrydockException("cannot import " + f.path() + ": " + e.getMessage(), e);
          } finally {
            w.close();
          }
          imported.add(f.feed().name() + " (" + w.records() + " records)");
        }
        builder.commit();
      }
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
    return new Outcome(imported, unchanged, failures, added);
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

  static FeedImporter importer(FeedConfig.Format format) {
    return switch (format) {
      case OSV_ZIP -> new OsvZipImporter();
      case DEBIAN_TRACKER_JSON -> new DebianTrackerImporter();
      case ALPINE_SECDB_JSON -> new AlpineSecdbImporter();
      case KEV_JSON -> new KevImporter();
      case EPSS_CSV_GZ -> new EpssImporter();
    };
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
