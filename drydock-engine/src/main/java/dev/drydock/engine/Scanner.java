package dev.drydock.engine;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.AnalyzerOptions;
import dev.drydock.analyzers.Analyzers;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.analyzers.secret.SecretAnalyzer;
import dev.drydock.analyzers.secret.SecretRules;
import dev.drydock.engine.cache.AnalyzerOutput;
import dev.drydock.engine.cache.InventoryStore;
import dev.drydock.engine.cache.LayerFactStore;
import dev.drydock.daemon.Daemons;
import dev.drydock.engine.inventory.Inventory;
import dev.drydock.engine.inventory.LayerFacts;
import dev.drydock.image.ImageSource;
import dev.drydock.image.Layer;
import dev.drydock.image.SourceOptions;
import dev.drydock.image.Sources;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.ImageConfig;
import dev.drydock.model.LayerInfo;
import dev.drydock.model.ScanResult;
import dev.drydock.model.ScanStats;
import dev.drydock.model.targets.ScanTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One scan: opens the target, analyses each layer that the cache does not already know (once, in one
 * pass, running only the analyzers whose facts are missing), then squashes all layers' facts into the
 * final inventory.
 */
public final class Scanner {
  /**
   * Part of every cache key, followed by an analyzer's own {@link Analyzer#options()} when it has any (see
   * {@link #optionsKey}); change it when the facts kept per layer change for every analyzer. "default-2": a path
   * twice in one layer keeps only its last copy's facts (facts cached before were gathered from every copy).
   */
  static final String OPTIONS_KEY = "default-2";

  /** Bump when what a stored squashed inventory holds changes (e.g. a new ScanResult field). */
  static final int INVENTORY_FORMAT = 8; // 8: packages carry dependency edges, yarn dev flags; 5: notable files carry their layer; 6: chmod a-s in an upper layer;
  // 7: history commands cut at 4,096 characters, packages of a path's earlier copies in one layer dropped

  private final List<Analyzer> imageAnalyzers;
  private final List<Analyzer> sourceAnalyzers;
  private final Duration settle;

  public Scanner() {
    this(Analyzers.forTarget(TargetKind.IMAGE), Analyzers.forTarget(TargetKind.SOURCE));
  }

  /**
   * Every registered analyzer, with or without the secret analyzer ({@code drydock scan --no-secrets}).
   * With it, the result's secrets hold what the layers and the image config (env, history) expose, and its
   * checks run include {@code secrets}.
   */
  public static Scanner withSecrets(boolean secrets) {
    if (secrets) {
      return new Scanner();
    }
    return new Scanner(withoutSecrets(Analyzers.forTarget(TargetKind.IMAGE)),
        withoutSecrets(Analyzers.forTarget(TargetKind.SOURCE)));
  }

  private static List<Analyzer> withoutSecrets(List<Analyzer> analyzers) {
    return analyzers.stream().filter(a -> !a.name().equals(SecretAnalyzer.NAME)).toList();
  }

  /** A scanner with chosen analyzers (tests, and analyzer-version bumps in tests). */
  public Scanner(List<Analyzer> imageAnalyzers, List<Analyzer> sourceAnalyzers) {
    this(imageAnalyzers, sourceAnalyzers, LayerIntegrity.SETTLE);
  }

  /** @param settle how old a file's last change must be before its stamp stands in for hashing it */
  Scanner(List<Analyzer> imageAnalyzers, List<Analyzer> sourceAnalyzers, Duration settle) {
    this.imageAnalyzers = List.copyOf(imageAnalyzers);
    this.sourceAnalyzers = List.copyOf(sourceAnalyzers);
    this.settle = settle;
  }

  /** Scans {@code target}, its kind detected from its content. */
  public ScanResult scan(Path target, ScanOptions options) {
    return scan(null, target, options);
  }

  /** Scans {@code target} with the layer facts and inventories of {@code stores}. */
  public ScanResult scan(Path target, ScanOptions options, Stores stores) {
    return scan(null, target, options, stores);
  }

  /** Scans a typed target with the stores of {@code options}' cache directory (see below). */
  ScanResult scan(ScanTarget typed, Path target, ScanOptions options) {
    try (Stores stores = Stores.sqlite(options.cacheDir())) {
      return scan(typed, target, options, stores);
    }
  }

  /**
   * Scans a typed target.
   *
   * @param typed the target; null to detect it from {@code target}'s content
   * @param target the path the user gave (where the stored inventory was last seen); null for an image named by
   *     reference (a daemon's), which has no path
   * @param stores the layer facts and stored inventories to use
   */
  ScanResult scan(ScanTarget typed, Path target, ScanOptions options, Stores stores) {
    long started = System.nanoTime();
    Listener listener = options.listener();
    Cancellation cancel = options.cancellation();
    List<String> ruleWarnings = new ArrayList<>();
    List<Analyzer> imageAnalyzers = this.imageAnalyzers;
    List<Analyzer> sourceAnalyzers = this.sourceAnalyzers;
    if (options.secretRules() != null) {
      // a bad rule file stops the scan here, before any layer is read
      SecretRules rules = SecretRules.load(options.secretRules());
      for (String w : rules.warnings()) {
        ruleWarnings.add(w);
        listener.warning(w);
      }
      AnalyzerOptions custom = new AnalyzerOptions(rules);
      imageAnalyzers = withOptions(imageAnalyzers, custom);
      sourceAnalyzers = withOptions(sourceAnalyzers, custom);
    }
    cancel.check();
    Path scratch = options.scratchDir();
    try {
      Files.createDirectories(scratch);
    } catch (IOException e) {
      throw dev.drydock.model.StorageFailures.cannotCreateDirectory(scratch, e);
    }
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    LayerFactStore cache = stores.layerFacts();
    InventoryStore inventories = stores.inventories();
    try (ImageSource source = open(typed = typed != null ? typed : Sources.detect(target),
        new SourceOptions(options.platform(), options.limits(), scratch), stores, options)) {
      boolean directory = typed.directory();
      List<Analyzer> analyzers = typed instanceof ScanTarget.SourceDirectory ? sourceAnalyzers : imageAnalyzers;

      List<Layer> layers = source.layers();
      SecretAnalyzer secretAnalyzer = analyzers.stream().filter(a -> a instanceof SecretAnalyzer)
          .map(a -> (SecretAnalyzer) a).findFirst().orElse(null);
      boolean secrets = analyzers.stream().anyMatch(a -> a.name().equals(SecretAnalyzer.NAME));
      String inventoryKey = directory ? null : inventoryKey(layers, analyzers, secrets ? source.config() : null);
      LayerIntegrity integrity = directory ? null : new LayerIntegrity(cache, source, settle);
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), Math.max(1, layers.size())));
      try {
        if (inventoryKey != null) {
          var stored = inventories.getScan(inventoryKey);
          if (stored.isPresent() && allKnown(layers, integrity, pool, cancel)) {
            // every layer and every analyzer unchanged, every blob the one analysed: the squashed inventory
            // itself is cached
            ScanResult inv = Inventories.decode(stored.get());
            listener.progress("layers", layers.size(), layers.size());
            inv.warnings().forEach(listener::warning);
            List<LayerInfo> infos = new ArrayList<>();
            for (Layer layer : layers) {
              Map<String, String> status = new LinkedHashMap<>();
              analyzers.forEach(a -> status.put(a.name() + "@" + a.version(), "cache"));
              infos.add(new LayerInfo(layer.index(), layer.diffId(), layer.digest(), layer.mediaType(), layer.size(),
                  layer.createdBy(), true, status));
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            ScanResult result = ScanResult.builder()
                .schemaVersion(ScanResult.SCHEMA_VERSION)
                .drydockVersion(Version.current())
                .createdAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .target(source.target())
                .os(inv.os())
                .config(source.config())
                .layers(infos)
                .packages(JavaIndexStore.apply(inv.packages(), options.cacheDir(), inv.os()))
                .notableFiles(inv.notableFiles())
                .stats(new ScanStats(layers.size(), 0, layers.size(), 0, 0, millis))
                .warnings(ruleWarnings.isEmpty() ? inv.warnings() : concat(ruleWarnings, inv.warnings()))
                .build()
                .withFindings(List.of(), inv.secrets(), inv.checksRun());
            result = ConfigRedaction.apply(result);
            Inventories.storeCopy(inventories, Inventories.place(typed, target), identity(source), inventoryKey, source.target().name());
            return result;
          }
        }
        List<Future<LayerRun>> runs = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        listener.progress("layers", 0, layers.size());
        List<String> reported = new Warnings(warnings, listener);
        for (Layer layer : layers) {
          runs.add(pool.submit(() -> {
            LayerRun run = analyse(source, layer, analyzers, directory ? null : cache, integrity, scratch, reported,
                cancel);
            listener.progress("layers", done.incrementAndGet(), layers.size());
            return run;
          }));
        }
        List<LayerFacts> facts = new ArrayList<>();
        List<LayerInfo> infos = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        int fromCache = 0;
        for (int i = 0; i < layers.size(); i++) {
          LayerRun run = get(runs.get(i));
          Layer layer = layers.get(i);
          facts.add(new LayerFacts(layer.index(), layer.diffId(), layer.createdBy(), run.outputs()));
          infos.add(new LayerInfo(layer.index(), layer.diffId(), layer.digest(), layer.mediaType(), layer.size(),
              layer.createdBy(), run.cached(), run.status()));
          files += run.files();
          bytes += run.bytes();
          fromCache += run.cached() ? 1 : 0;
        }
        Inventory.View view = Inventory.squash(facts);
        if (!(typed instanceof ScanTarget.SourceDirectory) && !view.linkProblems().isEmpty()) {
          Inventory.LinkProblem p = view.linkProblems().get(0);
          Layer layer = layers.get(Math.max(0, p.layer()));
          String where = layer.diffId() == null ? source.target().name()
              : "layer " + layer.index() + " (" + shortId(layer.diffId()) + ") of " + source.target().name();
          throw new DrydockException(where + ": symlink " + p.path() + " -> " + p.target() + " " + p.problem()
              + (view.linkProblems().size() > 1 ? " (and " + (view.linkProblems().size() - 1) + " more)" : ""));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        ScanResult result = ScanResult.builder()
            .schemaVersion(ScanResult.SCHEMA_VERSION)
            .drydockVersion(Version.current())
            .createdAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
            .target(source.target())
            .os(view.os())
            .config(source.config())
            .layers(infos)
            .packages(JavaIndexStore.apply(view.packages(), options.cacheDir(), view.os()))
            .notableFiles(view.notableFiles())
            .stats(new ScanStats(layers.size(), layers.size() - fromCache, fromCache, files, bytes, millis))
            .warnings(concat(ruleWarnings, warnings))
            .build();
        if (secrets) {
          result = ConfigRedaction.apply(
              result.withFindings(List.of(), allSecrets(secretAnalyzer, view.secrets(), source.config()),
                  List.of("secrets")));
        }
        if (!directory) {
          Inventories.store(inventories, Inventories.place(typed, target), identity(source), result);
          Inventories.storeSquashed(inventories, inventoryKey, ScanResult.builder()
              .schemaVersion(result.schemaVersion())
              .drydockVersion(result.drydockVersion())
              .createdAt(result.createdAt())
              .target(result.target())
              .os(view.os())
              .config(result.config())
              .layers(infos)
              .packages(view.packages())
              .notableFiles(view.notableFiles())
              .stats(result.stats())
              .warnings(List.copyOf(warnings))
              .build()
              .withFindings(List.of(), result.secrets(), result.checksRun()));
        }
        return result;
      } finally {
        pool.shutdownNow();
        // let a layer that is still being stored finish before the cache closes (after an error or a cancel
        // elsewhere): each layer's facts are then either stored whole or not at all
        awaitQuietly(pool);
      }
    } catch (IOException e) {
      throw new DrydockException((target != null ? target : typed.display()) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens a target: an image held by a daemon through drydock-daemon (which skips the daemon's export when the
   * stored inventories know the image's config and no layer needs reading, see {@link StoredImages}), anything
   * else through drydock-image's {@code Sources}.
   */
  static ImageSource open(ScanTarget typed, SourceOptions options, Stores stores, ScanOptions scan) throws IOException {
    if (typed instanceof ScanTarget.DaemonImage d) {
      return Daemons.open(d, options, new StoredImages(stores.inventories()));
    }
    return Targets.open(typed, options, scan.registry(), scan.cacheDir()); // registry images and local files
  }

  private record LayerRun(Map<String, AnalyzerOutput> outputs, Map<String, String> status, boolean cached,
      long files, long bytes) {}

  /** Whether every layer's blob is known to be the one analysed (hashing those its file stamp does not vouch for). */
  private static boolean allKnown(List<Layer> layers, LayerIntegrity integrity, ExecutorService pool,
      Cancellation cancel) {
    List<Future<Boolean>> checks = new ArrayList<>();
    for (Layer layer : layers) {
      checks.add(pool.submit(() -> {
        cancel.check();
        return integrity.verify(layer);
      }));
    }
    boolean all = true;
    for (Future<Boolean> check : checks) {
      all &= get(check);
    }
    return all;
  }

  /**
   * Analyses one layer: facts the cache holds for its diffID are used when {@code integrity} (null for
   * directories) confirms the blob is the one they were taken from; otherwise the layer is walked, which
   * verifies its digests before anything is cached.
   */
  private static LayerRun analyse(ImageSource source, Layer layer, List<Analyzer> analyzers, LayerFactStore cache,
      LayerIntegrity integrity, Path scratch, List<String> warnings, Cancellation cancel) throws IOException {
    if (cache == null || layer.diffId() == null) {
      return analyseClaimed(source, layer, analyzers, cache, integrity, scratch, warnings, cancel);
    }
    cancel.check();
    // a store shared by several servers: another worker indexing this layer is waited for, then its facts are used
    try (LayerFactStore.Claim claim = cache.claimLayer(layer.diffId())) {
      return analyseClaimed(source, layer, analyzers, cache, integrity, scratch, warnings, cancel);
    }
  }

  private static LayerRun analyseClaimed(ImageSource source, Layer layer, List<Analyzer> analyzers,
      LayerFactStore cache, LayerIntegrity integrity, Path scratch, List<String> warnings, Cancellation cancel)
      throws IOException {
    cancel.check();
    Map<String, AnalyzerOutput> outputs = new LinkedHashMap<>();
    Map<String, String> status = new LinkedHashMap<>();
    List<Analyzer> missing = new ArrayList<>();
    boolean structureMissing = true;
    if (cache != null && layer.diffId() != null) {
      // one query per distinct options key: usually one, two with an analyzer built with options
      Map<String, Map<String, AnalyzerOutput>> byKey = new LinkedHashMap<>();
      byKey.put(OPTIONS_KEY, cache.getAll(layer.diffId(), OPTIONS_KEY));
      for (Analyzer a : analyzers) {
        byKey.computeIfAbsent(optionsKey(a), k -> cache.getAll(layer.diffId(), k));
      }
      AnalyzerOutput structure = byKey.get(OPTIONS_KEY)
          .get(LayerAnalysis.STRUCTURE + "@" + LayerAnalysis.STRUCTURE_VERSION);
      if (structure != null) {
        outputs.put(LayerAnalysis.STRUCTURE, structure);
        structureMissing = false;
      }
      for (Analyzer a : analyzers) {
        AnalyzerOutput hit = byKey.get(optionsKey(a)).get(a.name() + "@" + a.version());
        if (hit != null) {
          outputs.put(a.name(), hit);
          status.put(a.name() + "@" + a.version(), "cache");
        } else {
          missing.add(a);
        }
      }
    } else {
      missing.addAll(analyzers);
    }
    boolean allCached = missing.isEmpty() && !structureMissing;
    if (allCached && (integrity == null || integrity.verify(layer))) {
      return new LayerRun(outputs, status, true, 0, 0);
    }
    String where = layer.diffId() == null
        ? source.target().name()
        : "layer " + layer.index() + " (" + shortId(layer.diffId()) + ") of " + source.target().name();
    LayerAnalysis analysis = new LayerAnalysis(where, missing, true, scratch, warnings, cancel);
    boolean secrets = missing.stream().anyMatch(a -> a.name().equals(SecretAnalyzer.NAME));
    OversizeFiles oversize = new OversizeFiles(analysis);
    // verifies digests; throws before anything is cached on mismatch. With every fact cached, a walk that only
    // verifies: the blob was not known to be the one the facts came from
    String blobDigest = source.walk(layer, secrets ? oversize : analysis);
    Map<String, AnalyzerOutput> fresh = new LinkedHashMap<>(analysis.outputs());
    if (secrets && !oversize.paths().isEmpty()) {
      AnalyzerOutput read = fresh.get(SecretAnalyzer.NAME);
      List<String> paths = new ArrayList<>(read.paths());
      paths.addAll(oversize.paths());
      fresh.put(SecretAnalyzer.NAME, new AnalyzerOutput(paths, read.facts()));
    }
    for (Map.Entry<String, AnalyzerOutput> e : fresh.entrySet()) {
      if (e.getKey().equals(LayerAnalysis.STRUCTURE) && !structureMissing) {
        continue;
      }
      outputs.put(e.getKey(), e.getValue());
    }
    for (Analyzer a : missing) {
      status.put(a.name() + "@" + a.version(), "analysed");
    }
    if (cache != null && layer.diffId() != null) {
      for (Analyzer a : missing) {
        cache.put(layer.diffId(), a.name(), a.version(), optionsKey(a), fresh.get(a.name()));
      }
      if (structureMissing) {
        cache.put(layer.diffId(), LayerAnalysis.STRUCTURE, LayerAnalysis.STRUCTURE_VERSION, OPTIONS_KEY,
            fresh.get(LayerAnalysis.STRUCTURE));
      }
    }
    if (integrity != null) {
      integrity.walked(layer, blobDigest);
    }
    // reorder so that analyzers keep their registry order whatever came from cache
    Map<String, AnalyzerOutput> ordered = new LinkedHashMap<>();
    ordered.put(LayerAnalysis.STRUCTURE, outputs.get(LayerAnalysis.STRUCTURE));
    for (Analyzer a : analyzers) {
      ordered.put(a.name(), outputs.get(a.name()));
    }
    Map<String, String> orderedStatus = new LinkedHashMap<>();
    for (Analyzer a : analyzers) {
      orderedStatus.put(a.name() + "@" + a.version(), status.get(a.name() + "@" + a.version()));
    }
    return new LayerRun(ordered, orderedStatus, allCached, analysis.filesAnalysed(), analysis.bytesRead());
  }

  private static dev.drydock.image.ImageIdentity identity(ImageSource source) {
    return source.identity().orElseThrow(() -> new IllegalStateException(source.target().kind() + " has no identity"));
  }

  /** The layers' secrets, then the image config's (env, history), with the secret analyzer's rules. */
  private static List<ExposedSecret> allSecrets(SecretAnalyzer analyzer, List<ExposedSecret> layerSecrets,
      ImageConfig config) {
    if (config == null) {
      return layerSecrets;
    }
    List<String> history = config.history().stream().map(ImageConfig.HistoryEntry::createdBy).toList();
    List<ExposedSecret> all = new ArrayList<>(layerSecrets);
    all.addAll(analyzer == null ? SecretAnalyzer.imageConfig(config.env(), history)
        : analyzer.imageConfigSecrets(config.env(), history));
    return all;
  }

  /**
   * The options part of an analyzer's cache key: {@link #OPTIONS_KEY}, followed by the analyzer's own
   * {@link Analyzer#options()} when it has any (so the defaults keep the keys caches already hold).
   */
  static String optionsKey(Analyzer a) {
    String own = a.options();
    return own.isEmpty() ? OPTIONS_KEY : OPTIONS_KEY + "|" + own;
  }

  /** The analyzers with the secret analyzer rebuilt with {@code options} (others are kept as they are). */
  private static List<Analyzer> withOptions(List<Analyzer> analyzers, AnalyzerOptions options) {
    return analyzers.stream()
        .map(a -> a instanceof SecretAnalyzer ? new SecretAnalyzer(options.secretRules()) : a)
        .toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      pool.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Identifies a squashed inventory: every layer's diffID and history command, every analyzer's name and
   * version, the structure pseudo-analyzer's version and the options; with secrets, also the config's env
   * and full history (their secrets are part of the stored inventory).
   */
  static String inventoryKey(List<Layer> layers, List<Analyzer> analyzers, ImageConfig config) {
    StringBuilder sb = new StringBuilder(OPTIONS_KEY).append('|').append(LayerAnalysis.STRUCTURE_VERSION)
        .append("|inventory-format=").append(INVENTORY_FORMAT);
    for (Analyzer a : analyzers) {
      sb.append('|').append(a.name()).append('@').append(a.version());
      if (!a.options().isEmpty()) {
        sb.append('[').append(a.options()).append(']');
      }
    }
    for (Layer l : layers) {
      sb.append('\n').append(l.diffId()).append('\t').append(l.createdBy());
    }
    if (config != null) {
      config.env().forEach(e -> sb.append("\nenv\t").append(e));
      config.history().forEach(h -> sb.append("\nhistory\t").append(h.createdBy()));
    }
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "inventory:" + java.util.HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String shortId(String digest) {
    int colon = digest.indexOf(':');
    String hex = colon < 0 ? digest : digest.substring(colon + 1);
    return (colon < 0 ? "" : digest.substring(0, colon + 1)) + hex.substring(0, Math.min(12, hex.length()));
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DrydockException("interrupted");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof DrydockException d) {
        throw d;
      }
      if (c instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(c);
    }
  }
}
