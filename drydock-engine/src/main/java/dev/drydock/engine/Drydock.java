package dev.drydock.engine;

import dev.drydock.checks.ConfigChecker;
import dev.drydock.checks.ConfigCheckers;
import dev.drydock.checks.ConfigScan;
import dev.drydock.checks.image.ImageCheckOptions;
import dev.drydock.checks.image.ImageChecks;
import dev.drydock.gate.compliance.Compliance;
import dev.drydock.gate.compliance.ComplianceReport;
import dev.drydock.gate.compliance.ComplianceText;
import dev.drydock.gate.drift.Drift;
import dev.drydock.gate.drift.DriftReport;
import dev.drydock.gate.drift.DriftText;
import dev.drydock.image.Limits;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.InputFiles;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.ScanStats;
import dev.drydock.model.Severity;
import dev.drydock.model.Target;
import dev.drydock.model.targets.ImageReference;
import dev.drydock.model.targets.ScanTarget;
import dev.drydock.secrets.BuiltinRules;
import dev.drydock.secrets.FingerprintKey;
import dev.drydock.secrets.SecretScanner;
import dev.drydock.secrets.crypto.WeakCryptoScanner;
import dev.drydock.secrets.git.GitHistoryScan;
import dev.drydock.secrets.home.HomeScan;
import dev.drydock.secrets.rules.RuleFile;
import dev.drydock.secrets.tree.TreeScan;
import dev.drydock.vulndb.feed.ImportReport;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.fetch.FeedConfig;
import dev.drydock.vulndb.match.Coverages;
import dev.drydock.vulndb.store.StoreStatus;
import dev.drydock.vulndb.store.AdvisoryStore;
import dev.drydock.vulndb.store.VulnStore;
import dev.drydock.vulndb.suppress.Filters;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The engine: the one composition root every front end calls. Opened on a cache directory, it runs every job
 * the CLI offers (scan, rescan, sbom, config, secrets, host packages, web, gate, diff, compliance, db
 * import/update/status) from small request values and returns results; it never prints. The gate-in-one-step
 * decision ({@link #verdict}) lives here once. Each instance owns its scratch directory ({@code <cache>/tmp/<pid>-<random>},
 * removed on {@link #close()}); two instances on different caches share nothing, in one JVM or several.
 */
public final class Drydock implements AutoCloseable {

  /**
   * How an engine is opened.
   *
   * @param cacheDir the cache directory: stores and scratch files live below it
   * @param listener progress and warnings of long work
   * @param threads layers analysed at once (0: one per processor)
   * @param cancellation asks the engine's running jobs to stop
   */
  public record Config(Path cacheDir, Listener listener, int threads, Cancellation cancellation) {
    public Config {
      Objects.requireNonNull(cacheDir, "cacheDir");
      listener = listener == null ? Listener.NONE : listener;
      cancellation = cancellation == null ? Cancellation.none() : cancellation;
    }

    /** The cache directory, no listener, default threads, never cancelled. */
    public static Config of(Path cacheDir) {
      return new Config(cacheDir, Listener.NONE, 0, Cancellation.none());
    }

    /** The default cache directory ({@code $XDG_CACHE_HOME/drydock}, else {@code ~/.cache/drydock}). */
    public static Path defaultCacheDir() {
      return ScanOptions.defaultCacheDir();
    }
  }

  /**
   * A target as the user gave it and how to open it ({@code --platform}, {@code --max-entry-size},
   * {@code --max-expansion-ratio}) and which secret rules the secret analyzer runs in its layers
   * ({@code --secret-rules}; null: the built-in rules).
   *
   * @param path the local path (null for an image in a registry)
   * @param typed the typed target ({@link Targets#parse}); null: detected from {@code path}'s content
   * @param registry how to reach registries (credentials, TLS, mirrors, {@code --max-image-size}); null: defaults
   */
  public record TargetRequest(Path path, String platform, long maxEntrySize, double maxRatio, Path secretRules,
      ScanTarget typed, RegistryAccess registry) {
    public TargetRequest {
      if (path == null && typed == null) {
        throw new NullPointerException("path");
      }
      registry = registry == null ? RegistryAccess.defaults() : registry;
    }

    /** A local target, its kind detected from its content. */
    public TargetRequest(Path path, String platform, long maxEntrySize, double maxRatio, Path secretRules) {
      this(path, platform, maxEntrySize, maxRatio, secretRules, null, null);
    }

    /** {@code path} with the default limits. */
    public static TargetRequest of(Path path) {
      return new TargetRequest(path, null, Limits.DEFAULT.maxEntrySize(), Limits.DEFAULT.maxExpansionRatio(), null);
    }

    /** A typed target with the default limits (the server's registry scans). */
    public static TargetRequest of(ScanTarget typed, String platform, RegistryAccess registry) {
      return new TargetRequest(localPath(typed), platform, Limits.DEFAULT.maxEntrySize(),
          Limits.DEFAULT.maxExpansionRatio(), null, typed, registry);
    }

    /**
     * A target in the syntax every front end takes ({@link Targets#parse}: {@code registry:REF},
     * {@code oci-dir:PATH}, a path, a bare reference, ...).
     */
    public static TargetRequest parse(String spec, String platform, long maxEntrySize, double maxRatio,
        Path secretRules, RegistryAccess registry) {
      ScanTarget typed = Targets.parse(spec);
      return new TargetRequest(localPath(typed), platform, maxEntrySize, maxRatio, secretRules, typed, registry);
    }

    /**
     * {@link #parse} for {@code rescan}: a local path that no longer exists stays a path (its inventory is the
     * one last scanned there).
     */
    public static TargetRequest parseForRescan(String spec, String platform, RegistryAccess registry) {
      Path gone = Targets.missingLocalPath(spec);
      if (gone != null) {
        return new TargetRequest(gone, platform, Limits.DEFAULT.maxEntrySize(), Limits.DEFAULT.maxExpansionRatio(),
            null, null, registry);
      }
      return parse(spec, platform, Limits.DEFAULT.maxEntrySize(), Limits.DEFAULT.maxExpansionRatio(), null, registry);
    }

    /** What the user would call the target: its path or its reference. */
    public String display() {
      return typed != null ? typed.display() : path.toString();
    }
  }

  /**
   * What {@code scan} and {@code rescan} look for and report, and how they filter (the options of the CLI's
   * scanners, advisories, filters and config checks).
   *
   * @param ignoreFiles the ignore files to apply (the CLI adds the default {@code .drydockignore.yaml})
   * @param maxDataAgeDays advisory data this old warns (and with a gate: rule DD-DATA-002's limit); null: default
   */
  public record FindingOptions(String scanners, boolean noSecrets, boolean noConfigChecks, List<Path> advisories,
      String severity, boolean ignoreUnfixed, List<Path> ignoreFiles, List<Path> vex, boolean showSuppressed,
      Integer maxDataAgeDays, List<Path> dockerfiles, List<String> productionLabels, boolean production) {
    public FindingOptions {
      scanners = scanners == null ? String.join(",", Scanners.NAMES) : scanners;
      advisories = advisories == null ? List.of() : List.copyOf(advisories);
      ignoreFiles = ignoreFiles == null ? List.of() : List.copyOf(ignoreFiles);
      vex = vex == null ? List.of() : List.copyOf(vex);
      dockerfiles = dockerfiles == null ? List.of() : List.copyOf(dockerfiles);
    }

    /** Every scanner, no filter, the store's advisories. */
    public static FindingOptions defaults() {
      return new FindingOptions(null, false, false, List.of(), null, false, List.of(), List.of(), false, null,
          List.of(), null, false);
    }

    /** {@code --scanners}, less what {@code --no-secrets} and {@code --no-config-checks} turn off. */
    public Scanners scannersOn() {
      Scanners on = Scanners.parse(scanners);
      on = noSecrets ? on.withoutSecret() : on;
      return noConfigChecks ? on.withoutMisconfig() : on;
    }

    /** The data age limit: the option, else the default. */
    int maxDataAge() {
      if (maxDataAgeDays != null && maxDataAgeDays < 1) {
        throw new DrydockException("--max-data-age-days must be at least 1, not " + maxDataAgeDays);
      }
      return maxDataAgeDays == null ? VulnerabilityScan.DEFAULT_MAX_DATA_AGE_DAYS : maxDataAgeDays;
    }

    Set<Severity> severities() {
      return severity == null ? null : Filters.severities(severity);
    }

    VulnerabilityScan.Options vulnOptions() {
      return new VulnerabilityScan.Options(advisories, severities(), ignoreUnfixed, ignoreFiles, vex, showSuppressed);
    }

    FindingFilter.Options filter(Scanners on) {
      return new FindingFilter.Options(on, severities(), FindingFilter.load(ignoreFiles), showSuppressed);
    }
  }

  /** {@code --baseline}, {@code --tier}, {@code --exposure} and {@code --fail-on-warn}; baseline null: built-in. */
  public record GatePolicy(Path baseline, String tier, String exposure, boolean failOnWarn) {}

  /** {@code --exit-code N} and {@code --allow-missing-data} of scan and rescan. */
  public record ExitPolicy(int exitCode, boolean allowMissingData) {}

  /**
   * What a job's findings mean for the caller's exit: the gate's verdict when a gate ran (null otherwise) and
   * the exit code ({@link #OK}, {@link #FINDINGS}, {@link #INPUT} or the {@code --exit-code} asked for).
   */
  public record Verdict(GateVerdict gate, int exitCode) {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int INPUT = 2;
    /** {@code drydock web}: only WARN alerts (zap-baseline.py's 2, moved to 3 where drydock's 2 is bad input). */
    public static final int WARNINGS = 3;
  }

  private final Config config;
  /** This engine's stores (embedded SQLite in the cache directory), opened lazily and closed with the engine. */
  private final Stores stores;
  private Scratch scratch;

  private Drydock(Config config, Stores stores) {
    this.config = config;
    this.stores = stores;
  }

  /**
   * Opens an engine on {@code config.cacheDir()}, removing the scratch directories that killed processes left
   * behind. Nothing is created yet: a job that needs the cache creates it (so {@code drydock gate} leaves no
   * cache directory), and the engine's own scratch directory is made on first use.
   */
  public static Drydock open(Config config) {
    return open(config, Stores.sqlite(config.cacheDir()));
  }

  /**
   * Opens an engine on {@code stores} (a server's shared layer facts and inventories, {@link Stores#of}); scratch
   * files and advisories stay in {@code config.cacheDir()}. The engine closes {@code stores} when closed.
   */
  public static Drydock open(Config config, Stores stores) {
    Path tmp = config.cacheDir().resolve("tmp");
    if (Files.isDirectory(tmp)) {
      Scratch.removeStale(tmp);
    }
    return new Drydock(config, stores);
  }

  /** This engine's stores: layer facts, stored inventories, advisories. */
  public Stores stores() {
    return stores;
  }

  public Path cacheDir() {
    return config.cacheDir();
  }

  /** The scratch directory, created on first use (jobs that write no scratch files create none). */
  synchronized Path scratchDir() {
    if (scratch == null) {
      scratch = Scratch.open(config.cacheDir());
    }
    return scratch.dir();
  }

  /** The one place scan options are built from an engine and a request. */
  ScanOptions scanOptions(TargetRequest t) {
    Limits d = Limits.DEFAULT;
    Limits limits = new Limits(t.maxEntrySize(), d.maxLayerSize(), t.maxRatio(), d.ratioGraceBytes());
    return new ScanOptions(config.cacheDir(), t.platform(), limits, config.threads(), scratchDir(), t.secretRules(),
        config.listener(), config.cancellation(), t.registry());
  }

  // ---------------------------------------------------------------- scan, rescan, sbom

  /**
   * {@code drydock scan}: inventory of the target (cached per layer), known vulnerabilities, image and Dockerfile
   * checks, secrets, then the filters. Options are validated before the target is read. Decide the exit with
   * {@link #verdict}.
   */
  public ScanResult scan(TargetRequest target, FindingOptions findings) {
    Instant now = Instant.now();
    Scanners on = findings.scannersOn();
    VulnerabilityScan.Options options = findings.vulnOptions(); // bad filters, ignore files, VEX: before scanning
    FindingFilter.Options filter = findings.filter(on);
    ImageCheckOptions imageChecks = imageOptions(findings, on); // and missing Dockerfiles, bad labels
    ScanResult inventory = inventory(target, on.secret());
    ScanResult matched = on.vuln() ? VulnerabilityScan.match(inventory, stores, options, now,
        findings.maxDataAge()) : inventory;
    return FindingFilter.apply(applyChecks(matched, findings, imageChecks, on), filter, now);
  }

  /** {@code drydock rescan}: the stored inventory of {@code target} matched again; the image is not read. */
  public ScanResult rescan(Path target, FindingOptions findings) {
    return rescan(TargetRequest.of(target), findings);
  }

  /**
   * {@code drydock rescan} of a target in any syntax: a local image's stored inventory (the image is not read),
   * or a registry image's: its manifest and config are fetched to know what the reference names now (with
   * {@code --platform} for an index), no layer; when the registry cannot be asked, the inventory of the image
   * last scanned by that reference, with a warning.
   */
  public ScanResult rescan(TargetRequest target, FindingOptions findings) {
    Instant now = Instant.now();
    Scanners on = findings.scannersOn();
    VulnerabilityScan.Options options = findings.vulnOptions();
    FindingFilter.Options filter = findings.filter(on);
    ScanResult inventory = storedInventory(target).map(this::keyed).orElseThrow(() -> new DrydockException(
        "no stored inventory for " + target.display() + " in " + config.cacheDir()
            + ": scan it first with 'drydock scan'"));
    ImageCheckOptions imageChecks = imageOptions(findings, on);
    ScanResult matched = on.vuln() ? VulnerabilityScan.match(inventory, stores, options, now,
        findings.maxDataAge()) : inventory;
    return FindingFilter.apply(applyChecks(matched, findings, imageChecks, on), filter, now);
  }

  /**
   * A stored result matched again against the advisories now in the store (or {@code findings}' advisory files),
   * as {@link #rescan} does for a stored inventory: no image is read. The server re-matches every image's latest
   * result this way after an advisory import.
   */
  public ScanResult rematch(ScanResult stored, FindingOptions findings) {
    Instant now = Instant.now();
    Scanners on = findings.scannersOn();
    VulnerabilityScan.Options options = findings.vulnOptions();
    FindingFilter.Options filter = findings.filter(on);
    ScanResult matched = on.vuln() ? VulnerabilityScan.match(stored, stores, options, now, findings.maxDataAge())
        : stored;
    return FindingFilter.apply(matched, filter, now);
  }

  private java.util.Optional<ScanResult> storedInventory(TargetRequest target) {
    if (target.typed() instanceof ScanTarget.RegistryImage r) {
      List<String> warnings = new ArrayList<>();
      ScanOptions opts = scanOptions(target);
      java.util.Optional<ScanResult> found = Inventories.findRegistry(stores.inventories(),
          Inventories.place(r, null), () -> {
            try (dev.drydock.image.ImageSource source = Targets.open(r, new dev.drydock.image.SourceOptions(
                opts.platform(), opts.limits(), opts.scratchDir()), opts.registry(), config.cacheDir())) {
              return Map.entry(source.identity().orElseThrow(), source.target());
            } catch (IOException e) {
              throw new DrydockException(r.display() + ": " + e.getMessage(), e);
            }
          }, warnings);
      return found.map(res -> warnings.isEmpty() ? res : res.toBuilder()
          .warnings(concatWarnings(res.warnings(), warnings)).build());
    }
    if (target.typed() instanceof ScanTarget.DaemonImage d) {
      throw new DrydockException("rescan reads stored inventories of files and registry images; scan " + d.display()
          + " instead (the daemon's image id finds its stored inventory, and unchanged images are not exported)");
    }
    return Inventories.find(stores.inventories(), target.path(), scratchDir());
  }

  private static List<String> concatWarnings(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a == null ? List.of() : a);
    all.addAll(b);
    return all;
  }

  /** {@code drydock sbom}: the inventory alone (secrets in layers included, as a scan's). */
  public ScanResult sbom(TargetRequest target) {
    return inventory(target, true);
  }

  /** The inventory of a target, without matching: {@code secrets} runs the secret analyzer too. */
  public ScanResult inventory(TargetRequest target, boolean secrets) {
    return keyed(Scanner.withSecrets(secrets).scan(target.typed(), target.path(), scanOptions(target), stores));
  }

  /** The inventory of a typed target: a file, a directory, an image in a registry or in a local daemon. */
  public ScanResult inventory(ScanTarget target, boolean secrets) {
    Path path = localPath(target);
    TargetRequest request = new TargetRequest(path, null, Limits.DEFAULT.maxEntrySize(),
        Limits.DEFAULT.maxExpansionRatio(), null, target, null);
    return keyed(Scanner.withSecrets(secrets).scan(target, path, scanOptions(request), stores));
  }

  /**
   * The result with its secrets' fingerprints keyed ({@code FingerprintKey}: {@code $DRYDOCK_FINGERPRINT_KEY},
   * else this installation's key in the cache directory), as {@code drydock secrets} prints them. Layer facts and
   * stored inventories keep the unkeyed digest (they never leave the cache); every result leaving the engine
   * carries the keyed one, so a report cannot be used to confirm a guessed secret offline.
   */
  private ScanResult keyed(ScanResult result) {
    if (result.secrets().isEmpty()) {
      return result;
    }
    FingerprintKey key = fingerprintKey(null);
    return result.toBuilder()
        .secrets(result.secrets().stream().map(s -> s.withFingerprint(key.apply(s.fingerprint()))).toList())
        .build();
  }

  /** The secrets' fingerprint key: {@code file}, else {@code $DRYDOCK_FINGERPRINT_KEY}, else the installation's. */
  private FingerprintKey fingerprintKey(Path file) {
    return FingerprintKey.choose(file, System.getenv(FingerprintKey.ENV), config.cacheDir());
  }

  /** The local path of a target; null for an image in a registry or a daemon. */
  static Path localPath(ScanTarget target) {
    if (target instanceof ScanTarget.ArchiveFile a) {
      return a.file();
    } else if (target instanceof ScanTarget.OciLayout o) {
      return o.dir();
    } else if (target instanceof ScanTarget.RootFilesystem r) {
      return r.dir();
    } else if (target instanceof ScanTarget.SourceDirectory s) {
      return s.dir();
    } else if (target instanceof ScanTarget.RegistryImage || target instanceof ScanTarget.DaemonImage) {
      return null;
    }
    throw new IllegalArgumentException("no path for target " + target);
  }

  /** What {@code db push} published: {@code registry/repository:tag}, the manifest digest and the store's size. */
  public record DbPushed(String reference, String digest, long size) {}

  /**
   * {@code drydock db push REGISTRY/REPO[:TAG]}: the vulnerability store as an OCI artifact (drydock's own media
   * types; the tag is the store's schema version unless one is given).
   */
  public DbPushed dbPush(String reference, RegistryAccess registry) {
    ImageReference ref = ImageReference.parse(reference);
    DbTransfer.Pushed p = DbTransfer.push(config.cacheDir(), scratchDir(), ref, registry);
    return new DbPushed(p.reference(), p.digest(), p.size());
  }

  /** What {@code db update --from} installed: the reference that worked, its digest, the sources that failed first. */
  public record DbPulled(String reference, String digest, List<String> failures) {}

  /**
   * {@code drydock db update --from REF[,REF...]}: the store pushed by {@code db push}, from the first reference
   * that works, verified by digest and schema and swapped in atomically; when every one fails the store is
   * unchanged (one line naming each failure).
   */
  /** The advisory store file of this engine's cache ({@code vulndb.sqlite}; it may not exist). */
  public Path advisoryStoreFile() {
    return dev.drydock.vulndb.store.VulnStore.storeFile(config.cacheDir());
  }

  /**
   * Replaces the advisory store with {@code file}, a complete store the caller verified (the server's shared store):
   * swapped in atomically under the store's build lock, as {@code db update --from} does.
   */
  public void installAdvisoryStore(Path file) {
    try (dev.drydock.vulndb.store.StoreBuilder b = dev.drydock.vulndb.store.StoreBuilder.openFresh(config.cacheDir())) {
      b.installFrom(file);
    }
  }

  public DbPulled dbUpdateFrom(List<String> references, RegistryAccess registry) {
    return dbUpdateFrom(references, registry, List.of());
  }

  /**
   * {@link #dbUpdateFrom(List, RegistryAccess)} accepting only an artifact signed (cosign) with one of
   * {@code verifyKeys} (empty: digest and schema checks only).
   */
  public DbPulled dbUpdateFrom(List<String> references, RegistryAccess registry, List<Path> verifyKeys) {
    if (references.isEmpty()) {
      throw new DrydockException("--from needs at least one reference");
    }
    List<ImageReference> refs = references.stream().map(String::trim).map(ImageReference::parse).toList();
    DbTransfer.Pulled p = DbTransfer.pull(config.cacheDir(), scratchDir(), refs, registry, verifyKeys);
    return new DbPulled(p.reference(), p.digest(), p.failures());
  }

  /** An image scanned with every analyzer and matched with {@code advisories} (or the store), unfiltered. */
  public ScanResult scanAndMatch(Path image, List<Path> advisories) {
    ScanResult inventory = keyed(new Scanner().scan(null, image, scanOptions(TargetRequest.of(image)), stores));
    return VulnerabilityScan.match(inventory, stores, new VulnerabilityScan.Options(advisories, null, false,
        null, null, false), Instant.now(), VulnerabilityScan.DEFAULT_MAX_DATA_AGE_DAYS);
  }

  private static ImageCheckOptions imageOptions(FindingOptions f, Scanners on) {
    if (!on.misconfig() && !f.dockerfiles().isEmpty()) {
      throw new DrydockException("--dockerfile needs the misconfig scanner (it is off: --scanners " + on.names()
          + (f.noConfigChecks() ? ", --no-config-checks" : "") + ")");
    }
    for (Path file : f.dockerfiles()) {
      if (!Files.exists(file)) {
        throw new DrydockException(file + ": no such Dockerfile");
      }
      InputFiles.requireRegularFile(file, "Dockerfile"); // a FIFO or /dev/zero: refused at once
    }
    return new ImageCheckOptions(f.productionLabels(), f.production());
  }

  /**
   * {@code result} with the image checks (image targets) and the Dockerfile checks added to what it already
   * holds, when the misconfig scanner is on; secrets and earlier findings are kept.
   */
  private static ScanResult applyChecks(ScanResult result, FindingOptions f, ImageCheckOptions options,
      Scanners on) {
    if (!on.misconfig()) {
      return result;
    }
    List<Misconfiguration> found = new ArrayList<>();
    List<String> families = new ArrayList<>();
    if (result.config() != null) {
      found.addAll(ImageChecks.check(result, options));
      families.add(ImageChecks.FAMILY);
    }
    if (!f.dockerfiles().isEmpty()) {
      ConfigChecker checker = ConfigCheckers.all().stream().filter(c -> c.family().equals("dockerfile"))
          .findFirst().orElseThrow();
      for (Path file : f.dockerfiles()) {
        found.addAll(checker.check(file.toString(),
            InputFiles.readText(file, "Dockerfile", ConfigScan.Options.defaults().maxFileSize())));
      }
      families.add(checker.family());
    }
    if (found.isEmpty() && families.isEmpty()) {
      return result;
    }
    List<Misconfiguration> all = new ArrayList<>(result.misconfigurations());
    all.addAll(found);
    Set<String> ran = new LinkedHashSet<>(result.checksRun());
    ran.addAll(families);
    return result.withFindings(all, result.secrets(), List.copyOf(ran));
  }

  // ---------------------------------------------------------------- the one verdict

  /**
   * What a scan's findings mean for the exit, decided once for every front end. With a gate policy (scan
   * {@code --gate} / {@code --baseline}) the baseline decides. Without, drydock fails closed: a package family no
   * advisory data covered fails {@code --exit-code N} (unless {@code --allow-missing-data}), and any remaining
   * finding of the selected scanners exits N.
   *
   * @param gate the gate to apply, or null
   * @param previous the previous release's result for drift ratchets (with a gate), or null
   */
  public Verdict verdict(ScanResult result, FindingOptions findings, ExitPolicy exit, GatePolicy gate,
      ScanResult previous) {
    // scan --verify-key: an image whose signature was asked for and not verified fails, whatever the gate says
    boolean unsigned = result.signature() != null && !result.signature().verified();
    if (gate != null) {
      GateVerdict v = gate(List.of(result), gate, previous, findings.maxDataAgeDays());
      int code = v.exitCode(gate.failOnWarn());
      return new Verdict(v, unsigned ? Verdict.FINDINGS : code);
    }
    if (unsigned) {
      return new Verdict(null, Verdict.FINDINGS);
    }
    // fail closed: packages no advisory data covered are not "no vulnerabilities" (unless --allow-missing-data)
    if (findings.scannersOn().vuln() && exit.exitCode() != 0 && !exit.allowMissingData()
        && !result.notChecked().isEmpty()) {
      return new Verdict(null, exit.exitCode());
    }
    return new Verdict(null, FindingFilter.exitCode(result, exit.exitCode()));
  }

  /**
   * The verdict of {@code drydock config}: nothing could be checked is bad input; with a gate policy the
   * baseline decides; else a finding at or above {@code failOn} (null: never) fails.
   */
  public Verdict verdict(ConfigOutcome o, GatePolicy gate, ScanResult previous, Severity failOn) {
    if (o.nothingChecked()) {
      return new Verdict(null, Verdict.INPUT);
    }
    if (gate != null) {
      GateVerdict v = gate(List.of(o.result()), gate, previous, null);
      return new Verdict(v, v.exitCode(gate.failOnWarn()));
    }
    if (failOn == null) {
      return new Verdict(null, Verdict.OK);
    }
    for (Misconfiguration m : o.result().misconfigurations()) {
      Severity s = m.severity() == null ? Severity.UNKNOWN : m.severity();
      if (s.compareTo(failOn) >= 0 || failOn == Severity.LOW) {
        return new Verdict(null, Verdict.FINDINGS);
      }
    }
    return new Verdict(null, Verdict.OK);
  }

  // ---------------------------------------------------------------- signatures (docs/signing.md)

  /** {@code drydock sign}: writes a cosign signature of the image into its OCI layout. */
  public Signing.Signed sign(Signing.SignRequest request) {
    return Signing.sign(request);
  }

  /** {@code drydock verify}: verifies the image's cosign signatures against the keys (not verified is no error). */
  public dev.drydock.model.SignatureCheck verify(Signing.VerifyRequest request) {
    return Signing.verify(request);
  }

  /**
   * {@code scan --verify-key}: the scanned target's signature check, recorded in the result for the gate (rule
   * {@code DD-SIG-001}); a target that cannot carry a signature is recorded as not verified.
   */
  public ScanResult withSignature(ScanResult result, String target, List<Path> keys, List<String> annotations) {
    return withSignature(result, target, keys, annotations, null);
  }

  /**
   * {@link #withSignature(ScanResult, String, List, List)} reaching the registry of a registry image as the scan
   * did ({@code registry}: credentials, TLS, mirrors; null: defaults). OCI layouts and registry images carry
   * signatures; any other target is recorded as not verified.
   */
  public ScanResult withSignature(ScanResult result, String target, List<Path> keys, List<String> annotations,
      RegistryAccess registry) {
    ScanTarget typed = Targets.parse(target);
    dev.drydock.model.SignatureCheck check = Signing.verifyScanned(typed, registry, keys, annotations,
        result.target() == null ? null : result.target().manifestDigest());
    ScanResult.Builder b = result.toBuilder().signature(check);
    if (!check.verified()) {
      // said in every format (warnings are rendered by each), not only in JSON's signature object
      b.addWarnings(List.of("image signature not verified: " + check.reason()));
    }
    return b.build();
  }

  // ---------------------------------------------------------------- gate, diff, compliance

  /** {@code drydock gate}: one decision over results of any kind. */
  public GateVerdict gate(List<ScanResult> results, GatePolicy policy, ScanResult previous,
      Integer maxDataAgeDays) {
    return new GateVerdict(GateRun.run(results, policy.baseline(), policy.tier(), policy.exposure(), previous,
        Instant.now(), maxDataAgeDays));
  }

  /** {@code drydock diff}: drift between two results. */
  public DiffOutcome diff(ScanResult old, ScanResult current) {
    return new DiffOutcome(Drift.between(old, current));
  }

  /** The drift between two releases, rendered as a table or markdown; {@link #document()} for JSON. */
  public static final class DiffOutcome {
    private final DriftReport report;

    DiffOutcome(DriftReport report) {
      this.report = report;
    }

    /** The value a JSON renderer writes. */
    public Object document() {
      return report;
    }

    public String table() {
      return DriftText.table(report);
    }

    public String markdown() {
      return DriftText.markdown(report);
    }
  }

  /** {@code drydock compliance}: evidence per control of {@code framework} (dated today, UTC). */
  public ComplianceOutcome compliance(String framework, List<ScanResult> results) {
    return new ComplianceOutcome(Compliance.report(framework, results, null, LocalDate.now(ZoneOffset.UTC)));
  }

  /** A compliance report: {@link #table()}, or {@link #document()} for JSON. */
  public static final class ComplianceOutcome {
    private final ComplianceReport report;

    ComplianceOutcome(ComplianceReport report) {
      this.report = report;
    }

    public Object document() {
      return report;
    }

    public String table() {
      return ComplianceText.table(report);
    }
  }

  // ---------------------------------------------------------------- config, secrets, host

  /** {@code drydock config}: the configuration files under {@code paths}. */
  public record ConfigRequest(List<Path> paths, long maxFileSize) {}

  /** A config job's result and what the summary line says. */
  public record ConfigOutcome(ScanResult result, List<String> families, List<String> warnings, int checked,
      int failed, long millis) {
    public boolean nothingChecked() {
      return checked == 0 && failed > 0;
    }
  }

  public ConfigOutcome config(ConfigRequest request) {
    long start = System.nanoTime();
    ConfigScan.Options defaults = ConfigScan.Options.defaults();
    ConfigScan.Outcome o = ConfigScan.scan(request.paths(), ConfigCheckers.all(),
        new ConfigScan.Options(request.maxFileSize(), defaults.threads()));
    long millis = (System.nanoTime() - start) / 1_000_000;
    ScanResult result = ScanResult.builder()
        .schemaVersion(ScanResult.SCHEMA_VERSION)
        .drydockVersion(Version.current())
        .createdAt(Instant.now().toString())
        .target(new Target("config", String.join(" ", request.paths().stream().map(Path::toString).toList()), null,
            null, null, null))
        .misconfigurations(o.misconfigurations())
        .checksRun(o.families())
        .stats(new ScanStats(0, 0, 0, o.checked(), o.bytesRead(), millis))
        .warnings(o.warnings())
        .build();
    return new ConfigOutcome(result, o.families(), o.warnings(), o.checked(), o.failed(), millis);
  }

  /**
   * {@code drydock secrets}: exactly one of {@code dir}, {@code git} or {@code home}.
   *
   * @param baseline fingerprints already known (a previous result's secrets): not reported
   */
  public record SecretsRequest(Path dir, Path git, Path home, Path rules, boolean noWeakCrypto, boolean gitignore,
      Set<String> baseline, long maxFileSize, int threads, Path fingerprintKeyFile) {}

  /** A secrets job: the result, how many were found before the baseline, and what was walked. */
  public record SecretsOutcome(ScanResult result, int found, long units, long millis) {}

  /** Checks a secrets request before anything is read (and before a baseline is loaded). */
  public static void check(SecretsRequest r) {
    int targets = (r.dir() != null ? 1 : 0) + (r.git() != null ? 1 : 0) + (r.home() != null ? 1 : 0);
    if (targets != 1) {
      throw new DrydockException("give exactly one of DIR, --git REPO or --home DIR");
    }
    if (r.maxFileSize() <= 0) {
      throw new DrydockException("--max-file-size must be positive");
    }
  }

  public SecretsOutcome secrets(SecretsRequest r) {
    check(r);
    Set<String> known = r.baseline() == null ? Set.of() : r.baseline();
    long started = System.nanoTime();
    List<String> warnings = new ArrayList<>();
    FingerprintKey key = fingerprintKey(r.fingerprintKeyFile());
    SecretScanner scanner;
    if (r.rules() != null) {
      RuleFile.Loaded loaded = RuleFile.load(r.rules());
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
    if (r.git() != null) {
      target = r.git();
      GitHistoryScan.Result g = new GitHistoryScan(scanner, r.maxFileSize()).scan(r.git());
      found = g.secrets();
      warnings.addAll(g.warnings());
      files = g.commits();
    } else if (r.home() != null) {
      target = r.home();
      HomeScan.Result h = new HomeScan(scanner).scan(r.home());
      found = h.secrets();
      warnings.addAll(h.warnings());
      files = h.filesChecked().size();
    } else {
      target = r.dir();
      TreeScan.Result t = new TreeScan(scanner, r.noWeakCrypto() ? null : new WeakCryptoScanner(),
          new TreeScan.Options(r.gitignore(), r.maxFileSize(), r.threads())).scan(r.dir());
      found = t.secrets();
      weakCrypto = t.weakCrypto();
      if (!r.noWeakCrypto()) {
        families.add("weak-crypto");
      }
      warnings.addAll(t.warnings());
      files = t.filesScanned();
      bytes = t.bytesScanned();
    }
    List<ExposedSecret> reported = found.stream().filter(s -> !known.contains(s.fingerprint())).toList();
    long millis = (System.nanoTime() - started) / 1_000_000;
    Target t = new Target("secrets", target.toAbsolutePath().normalize().toString(), null, null, List.of(), null);
    ScanResult result = ScanResult.builder()
        .schemaVersion(ScanResult.SCHEMA_VERSION)
        .drydockVersion(Version.current())
        .createdAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .target(t)
        .stats(new ScanStats(0, 0, 0, files, bytes, millis))
        .warnings(warnings)
        .build()
        .withFindings(weakCrypto, reported, families);
    return new SecretsOutcome(result, found.size(), files, millis);
  }

  /** The fingerprints of a previous result's secrets ({@code secrets --baseline}). */
  public static Set<String> fingerprints(ScanResult previous) {
    return previous.secrets().stream().map(ExposedSecret::fingerprint).collect(Collectors.toSet());
  }

  /** The Docker packages of a host's root filesystem, matched with {@code advisories} (or the store). */
  /**
   * {@code drydock host}: the CIS Docker Benchmark audit of the Docker host whose root directory is {@code root},
   * its Docker packages matched against this engine's store, or against {@code advisories} when any are given.
   */
  public HostAudit.Audit host(Path root, List<Path> advisories) {
    return HostAudit.run(root, config.cacheDir(), advisories, Instant.now());
  }

  // ---------------------------------------------------------------- web

  /**
   * {@code drydock web URL}: what to scan and how ({@code options}), a ZAP rules file ({@code rules}, null: none),
   * and advisory files to match JavaScript libraries with instead of the store ({@code advisories}).
   */
  public record WebRequest(dev.drydock.web.WebOptions options, Path rules, List<Path> advisories) {
    public WebRequest {
      Objects.requireNonNull(options, "options");
      advisories = advisories == null ? List.of() : List.copyOf(advisories);
    }

    /** The request from the CLI's words: {@code --max-duration 60s}, {@code --header "K: V"}, ... */
    public static WebRequest of(String url, String maxDuration, Integer maxPages, Integer depth, List<String> headers,
        List<String> cookies, Path rules, List<Path> advisories, boolean noProbes) {
      dev.drydock.web.WebOptions o = new dev.drydock.web.WebOptions(url,
          maxDuration == null ? null : dev.drydock.web.WebOptions.parseDuration(maxDuration),
          maxPages == null ? dev.drydock.web.WebOptions.DEFAULT_MAX_PAGES : maxPages,
          depth == null ? dev.drydock.web.WebOptions.DEFAULT_DEPTH : depth,
          (headers == null ? List.<String>of() : headers).stream().map(dev.drydock.web.WebOptions.Header::parse)
              .toList(), cookies, null, null, 0, !noProbes, null);
      dev.drydock.web.Origin.of(url); // a URL that is not http(s): bad input before anything runs
      return new WebRequest(o, rules, advisories);
    }
  }

  /** A web job: the result (web alerts, JavaScript library vulnerabilities, coverage), whether the target answered. */
  public record WebOutcome(ScanResult result, boolean reachable, List<String> requestLog) {}

  /** {@code drydock web}: a same-origin passive scan of a running service (docs/web.md). */
  public WebOutcome web(WebRequest request) {
    return WebJob.run(request, stores);
  }

  /**
   * The verdict of {@code drydock web}, zap-baseline.py's where they do not clash (docs/web.md): the target did
   * not answer at all is bad input (2); with a gate policy the baseline decides; else a FAIL alert or JavaScript
   * libraries no advisory data covered (fail closed) exit 1, WARN alerts exit 3 (0 with {@code ignoreWarn}),
   * INFO alerts alone 0.
   */
  public Verdict verdict(WebOutcome o, GatePolicy gate, ScanResult previous, boolean ignoreWarn) {
    if (!o.reachable()) {
      return new Verdict(null, Verdict.INPUT);
    }
    if (gate != null) {
      GateVerdict v = gate(List.of(o.result()), gate, previous, null);
      return new Verdict(v, v.exitCode(gate.failOnWarn()));
    }
    boolean fail = !o.result().notChecked().isEmpty();
    boolean warn = false;
    for (dev.drydock.model.WebAlert a : o.result().webAlerts()) {
      fail |= "FAIL".equals(a.level());
      warn |= "WARN".equals(a.level());
    }
    return new Verdict(null, fail ? Verdict.FINDINGS : warn && !ignoreWarn ? Verdict.WARNINGS : Verdict.OK);
  }

  // ---------------------------------------------------------------- db

  private static final Pattern SHA1_LINE = Pattern.compile("^(sha1[,\\t]|[0-9a-fA-F]{40}[,\\t]).*");

  /** How much of a file {@link #isSha1Index} reads to decide. */
  private static final int SNIFF_BYTES = 64 * 1024;

  /** Whether {@code p} is a SHA-1 to Maven coordinates index (CSV), not an advisory feed. */
  public static boolean isSha1Index(Path p) {
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

  /** Imports a SHA-1 index; returns how many artifacts the index holds now. */
  public long importSha1Index(Path csv) {
    return stores.importJavaIndex(csv);
  }

  /** One imported feed file. */
  public record Imported(String format, String location, long records) {}

  /** What {@code db import} did with advisory feeds. */
  public record FeedImport(List<Imported> imported, List<String> skipped, long records, int files, Path store) {}

  /** Imports advisory feed files and directories into the vulnerability store. */
  public FeedImport importFeeds(List<Path> feeds) {
    ImportReport report = stores.importAdvisories(feeds);
    return new FeedImport(report.imported().stream().map(r -> new Imported(r.format(), r.location(), r.records()))
        .toList(), report.skipped().stream().map(s -> s.location() + ": " + s.reason()).toList(), report.records(),
        report.files(), VulnStore.storeFile(config.cacheDir()));
  }

  /**
   * The vulnerability store's state ({@code db status}).
   *
   * @param stale one line per source whose data is {@code maxAgeDays} old or older (or has no date)
   */
  public record DbStatus(String file, int schema, Instant builtAt, Duration age, Map<String, Long> counts,
      List<SourceRow> sources, List<String> stale) {}

  /** One source of the store; {@code dataDay} null when unknown. */
  public record SourceRow(String name, String kind, String location, long records, Instant importedAt,
      String dataDate, LocalDate dataDay) {}

  public DbStatus dbStatus(int maxAgeDays) {
    StoreStatus st;
    try (AdvisoryStore store = stores.openAdvisories()) {
      st = store.status();
    }
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    List<SourceRow> rows = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    for (StoreStatus.SourceRow s : st.sources()) {
      LocalDate day = s.dataDay();
      rows.add(new SourceRow(s.name(), s.kind(), s.location(), s.records(), s.importedAt(), s.dataDate(), day));
      String age = day == null ? "unknown" : ChronoUnit.DAYS.between(day, today) + " days old";
      if (day == null || Coverages.stale(day, today, maxAgeDays)) {
        stale.add("advisory data " + s.name() + (day == null ? " has no date"
            : " is " + age + " (" + (s.dataDate() == null ? "imported " : "data date ") + day + ")"));
      }
    }
    return new DbStatus(st.file(), st.schema(), st.builtAt(), st.age(), st.counts(), rows, stale);
  }

  /** {@code db update}: {@code config} a feed configuration file (null: the defaults), {@code mirror} a base URL. */
  public record DbUpdateRequest(Path config, String mirror, boolean reportNew) {}

  public DbUpdate.Outcome dbUpdate(DbUpdateRequest r) {
    FeedConfig cfg = r.config() != null ? FeedConfig.load(r.config()) : FeedConfig.defaults();
    if (r.mirror() != null) {
      URI base;
      try {
        base = FeedConfig.mirrorUrl(r.mirror());
      } catch (IllegalArgumentException e) {
        throw new DrydockException("--mirror: " + e.getMessage());
      }
      cfg = cfg.withMirror(base);
    }
    return DbUpdate.run(config.cacheDir(), cfg, r.reportNew());
  }

  /** Removes this engine's scratch directory. */
  @Override
  public synchronized void close() {
    stores.close();
    if (scratch != null) {
      scratch.close();
      scratch = null;
    }
  }
}
