package dev.drydock.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.engine.Cancellation;
import dev.drydock.engine.Drydock;
import dev.drydock.engine.Stores;
import dev.drydock.engine.RegistryAccess;
import dev.drydock.model.DrydockException;
import dev.drydock.model.targets.ImageReference;
import dev.drydock.model.targets.ScanTarget;
import dev.drydock.model.ScanResult;
import dev.drydock.report.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A running drydock server: the store ({@link Database}), the job workers (each with its own engine, so each can be
 * cancelled alone), lease renewal, retention, and the HTTP API ({@link Api}). Built by {@link #start} and stopped by
 * {@link #close}: new claims stop at once, running jobs get {@code grace-seconds} to finish, then are cancelled and
 * handed back to the queue for another server (or this one, restarted).
 */
public final class DrydockServer implements AutoCloseable {
  final ServerConfig config;
  final Database db;
  final Jobs jobs;
  final Tokens tokens;
  final Metrics metrics = new Metrics();
  final Log log;
  private final PgLayerStore shared;
  /** A layer indexed this recently is never collected: its image may not be stored yet. */
  static final long LAYER_GRACE_MILLIS = 3_600_000L;
  private final List<Worker> workers = new ArrayList<>();
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
    Thread t = new Thread(r, "drydock-server-timer");
    t.setDaemon(true);
    return t;
  });
  private final Object wake = new Object();
  private volatile boolean draining;
  private Api api;
  private final Notifier notifier;
  /** An engine for requests (gate, drift): never runs scans. */
  private final Drydock requestEngine;
  /** The advisory store shared through PostgreSQL (null: SQLite, or advisories from files). */
  final SharedAdvisories advisories;

  private DrydockServer(ServerConfig config, Database db, Log log) {
    this.config = config;
    this.db = db;
    this.log = log;
    this.jobs = new Jobs(db);
    this.tokens = new Tokens(db);
    this.shared = db.dialect() == Database.Dialect.POSTGRESQL
        ? new PgLayerStore(db, config.node(), db.jdbcUrl(), db.credentials()) : null;
    this.requestEngine = Drydock.open(Drydock.Config.of(config.cacheDir()));
    this.notifier = new Notifier(this);
    this.advisories = db.dialect() == Database.Dialect.POSTGRESQL && config.advisories().isEmpty()
        ? new SharedAdvisories(db, requestEngine, config.cacheDir(), config.node()) : null;
  }

  /** Opens the store (migrating it) without serving: for {@code drydock server token create}. */
  static Database openStore(ServerConfig config) {
    return Database.open(config.store(), config.cacheDir());
  }

  /** Starts the workers and the API; returns once the server listens (its address: {@link #address()}). */
  public static DrydockServer start(ServerConfig config, Log log) {
    Database db = openStore(config);
    DrydockServer s = new DrydockServer(config, db, log);
    try {
      s.api = Api.start(s);
      for (int i = 0; i < config.workers(); i++) {
        Worker w = s.new Worker(i);
        s.workers.add(w);
        w.thread.start();
      }
      long lease = config.leaseSeconds() * 1000L;
      s.timers.scheduleAtFixedRate(s::renew, lease / 3, Math.max(100, lease / 3), TimeUnit.MILLISECONDS);
      s.timers.scheduleAtFixedRate(s::collect, 0, 1, TimeUnit.HOURS);
      if (s.advisories != null) {
        try {
          s.advisories.publishIfNone();
        } catch (RuntimeException e) {
          log.warn(null, "advisory store not published", "error", e.getMessage());
        }
        s.syncAdvisories(); // before the first job: match with the database's store from the start
        s.timers.scheduleAtFixedRate(s::syncAdvisories, config.advisorySyncSeconds(), config.advisorySyncSeconds(),
            TimeUnit.SECONDS);
      }
      if (config.dbUpdateHours() > 0) {
        s.timers.scheduleAtFixedRate(s::scheduledUpdate, config.dbUpdateHours(), config.dbUpdateHours(),
            TimeUnit.HOURS);
      }
      if (config.readyFile() != null) {
        writeAtomically(config.readyFile(), s.address().getHostString() + ":" + s.address().getPort() + "\n");
      }
      log.info(null, "listening", "address", s.address().getHostString() + ":" + s.address().getPort(), "store",
          db.where(), "node", config.node());
      return s;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  public InetSocketAddress address() {
    return api.address();
  }

  boolean draining() {
    return draining;
  }

  /** Queues a scan of {@code request} (a JSON object with {@code target}); returns the job id. */
  String submit(String requestJson) {
    String id = jobs.submit(requestJson);
    metrics.submitted.incrementAndGet();
    synchronized (wake) {
      wake.notifyAll();
    }
    return id;
  }

  /** The local file a scan request names, checked to be below a {@code scan-root}. */
  Path localTarget(String target) {
    List<Path> roots = new ArrayList<>(config.scanRoots());
    if (config.harborImages() != null) {
      roots.add(config.harborImages()); // Harbor's artifacts, by digest
    }
    if (roots.isEmpty()) {
      throw new DrydockException("this server scans no local paths (start it with --scan-root DIR)");
    }
    Path p;
    try {
      p = Path.of(target).toRealPath();
    } catch (IOException | java.nio.file.InvalidPathException e) {
      throw new DrydockException("target " + target + ": no such file or directory on the server");
    }
    for (Path root : roots) {
      try {
        if (p.startsWith(root.toRealPath())) {
          return p;
        }
      } catch (IOException e) {
        // a missing root allows nothing
      }
    }
    throw new DrydockException("target " + target + " is outside the server's scan roots");
  }

  /**
   * The image a registry scan request names: {@code registry:REF} or a bare reference ({@code host/repo:tag},
   * {@code repo@sha256:...}). Other schemes (local daemons, archives) are not for a server.
   *
   * @throws DrydockException when it is no image reference or names another kind of target
   */
  private static final List<String> LOCAL_SCHEMES =
      List.of("docker", "podman", "containerd", "docker-archive", "oci-archive", "oci-dir", "dir");

  static ImageReference registryImage(String spec) {
    String ref = spec.regionMatches(true, 0, "registry:", 0, 9) ? spec.substring(9) : spec;
    for (String scheme : LOCAL_SCHEMES) {
      if (ref.regionMatches(true, 0, scheme + ":", 0, scheme.length() + 1)) {
        throw new DrydockException("target " + spec + ": a server scans registry images (registry:REF) and paths"
            + " under its scan roots, not " + scheme + ": targets");
      }
    }
    return ImageReference.parse(ref);
  }

  /** How this server reaches registries, with a request's own credentials (null: the server's). */
  RegistryAccess registryAccess(String username, String password) {
    ServerConfig.Registries r = config.registries();
    return new RegistryAccess(username, password, r.authFile(), r.caFiles(), r.insecure(), List.of(), 0, null);
  }

  /** A stored result, decoded. */
  Optional<ScanResult> result(String jobId) {
    return jobs.result(jobId).map(DrydockServer::decode);
  }

  /** A stored gate baseline's YAML. */
  Optional<String> baseline(String name) {
    try (java.sql.Connection c = db.connection();
        java.sql.PreparedStatement ps = c.prepareStatement("SELECT content FROM baselines WHERE name=?")) {
      ps.setString(1, name);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (java.sql.SQLException e) {
      throw db.failure("read baselines", e);
    }
  }

  Drydock engine() {
    return requestEngine;
  }

  private void renew() {
    try {
      jobs.renew(config.node(), config.leaseSeconds() * 1000L);
    } catch (RuntimeException e) {
      log.warn(null, "lease renewal failed", "error", e.getMessage());
    }
  }

  void collect() {
    try {
      int n = jobs.collect(config.retentionDays());
      if (n > 0) {
        log.info(null, "retention", "resultsDeleted", n);
      }
      if (shared != null) {
        PgLayerStore.Collected gc = shared.collect(config.retentionDays(), LAYER_GRACE_MILLIS);
        if (gc.inventories() > 0 || gc.layers() > 0) {
          log.info(null, "layer gc", "inventoriesDeleted", gc.inventories(), "layersDeleted", gc.layers());
        }
      }
    } catch (RuntimeException e) {
      log.warn(null, "retention failed", "error", e.getMessage());
    }
  }

  /** What an advisory import did: records imported, images re-matched, summaries published. */
  record ImportOutcome(long records, int files, int images, int changed) {}

  /** {@code db import} into this server's advisory store, then every image's latest result re-matched. */
  synchronized ImportOutcome importAdvisories(List<Path> paths) {
    Drydock.FeedImport imported = requestEngine.importFeeds(paths);
    publishAdvisories();
    int[] counts = rematchAll();
    return new ImportOutcome(imported.records(), imported.files(), counts[0], counts[1]);
  }

  private void scheduledUpdate() {
    try {
      synchronized (this) {
        requestEngine.dbUpdate(new Drydock.DbUpdateRequest(null, null, false));
        publishAdvisories();
        rematchAll();
      }
    } catch (RuntimeException e) {
      log.warn(null, "scheduled db update failed", "error", e.getMessage());
    }
  }

  /** Publishes this server's advisory store to the other servers of the database (PostgreSQL). */
  private void publishAdvisories() {
    if (advisories != null) {
      String sha = advisories.publish();
      if (sha != null) {
        log.info(null, "advisory store published", "sha256", sha);
      }
    }
  }

  /** Installs the advisory store another server published, when it differs from this server's. */
  private void syncAdvisories() {
    try {
      synchronized (this) { // not while this server imports, updates or re-matches
        if (advisories.follow()) {
          log.info(null, "advisory store installed", "sha256", advisories.installed());
        }
      }
    } catch (RuntimeException e) {
      log.warn(null, "advisory store sync failed", "error", e.getMessage());
    }
  }

  /**
   * Matches each image's latest result again (no image is read) and, where findings were added or fixed, files the
   * new result and publishes one summary. Returns {images re-matched, images changed}.
   */
  int[] rematchAll() {
    int images = 0;
    int changed = 0;
    for (Jobs.ImageRow row : jobs.images()) {
      Optional<ScanResult> before = result(row.latestJob());
      if (before.isEmpty()) {
        continue;
      }
      ScanResult after = requestEngine.rematch(before.get(), findingOptions());
      images++;
      ObjectNode summary = Notifier.summary(row.image(), row.latestJob(), null, before.get(), after);
      if (summary == null) {
        continue;
      }
      String id = jobs.recordRematch(row.image(), row.latestJob(), config.node(), encode(after));
      summary.put("scan", id);
      summary.put("details", "/v1/drift?from=" + row.latestJob() + "&to=" + id);
      changed++;
      notifier.publish(summary);
      log.info(null, "findings changed", "image", row.image(), "added", summary.get("addedCount").asLong(),
          "fixed", summary.get("fixedCount").asLong());
    }
    return new int[] {images, changed};
  }

  Drydock.FindingOptions findingOptions() {
    return new Drydock.FindingOptions(null, false, false, config.advisories(), null, false, List.of(), List.of(),
        false, null, List.of(), null, false);
  }

  /** Layers this server indexed (PostgreSQL store), for /metrics. */
  long layersIndexed() {
    return shared == null ? -1 : shared.layersIndexed.get();
  }

  static byte[] encode(ScanResult result) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      Json.mapper().writeValue(out, result);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static ScanResult decode(byte[] gz) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return Json.mapper().readValue(in, ScanResult.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeAtomically(Path file, String text) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".ready-", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new DrydockException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** One job runner: claims, scans with its own engine, stores the result; cancelled on shutdown. */
  private final class Worker {
    final Thread thread;
    final Cancellation cancellation = new Cancellation();
    final Drydock engine;
    final ConcurrentHashMap<String, Boolean> running = new ConcurrentHashMap<>();

    Worker(int n) {
      Drydock.Config dc = new Drydock.Config(config.cacheDir(), dev.drydock.engine.Listener.NONE, 2, cancellation);
      engine = shared == null ? Drydock.open(dc) : Drydock.open(dc, Stores.of(config.cacheDir(), shared, shared));
      thread = new Thread(this::loop, "drydock-worker-" + n);
    }

    void loop() {
      long lease = config.leaseSeconds() * 1000L;
      while (!draining) {
        Optional<Jobs.Job> job;
        try {
          job = jobs.claim(config.node(), lease);
        } catch (RuntimeException e) {
          // the database went away: keep trying, jobs wait in it
          log.warn(null, "claim failed", "error", e.getMessage());
          pause(1000);
          continue;
        }
        if (job.isEmpty()) {
          pause(250);
          continue;
        }
        run(job.get());
      }
    }

    private void pause(long millis) {
      synchronized (wake) {
        try {
          if (!draining) {
            wake.wait(millis);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          draining = true;
        }
      }
    }

    void run(Jobs.Job job) {
      String rid = "job-" + job.id();
      running.put(job.id(), true);
      long started = System.nanoTime();
      log.info(rid, "job claimed", "job", job.id(), "attempt", job.attempts());
      try {
        JsonNode req = Json.mapper().readTree(job.target());
        String platform = req.hasNonNull("platform") ? req.get("platform").asText() : null;
        Drydock.TargetRequest tr;
        String named;
        String signed; // the target as signature verification names it
        RegistryAccess access = null;
        if (req.hasNonNull("image")) {
          // checked again here: the server that accepted the job may allow more than this one
          ImageReference ref = ImageReference.parse(req.get("image").asText());
          if (!config.registries().allows(ref.registry())) {
            throw new DrydockException("registry " + ref.registry() + " is not allowed on server " + config.node()
                + " (allow-registry)");
          }
          JsonNode auth = req.path("auth");
          access = registryAccess(auth.hasNonNull("username") ? auth.get("username").asText() : null,
              auth.hasNonNull("password") ? auth.get("password").asText() : null);
          tr = Drydock.TargetRequest.of(new ScanTarget.RegistryImage(ref), platform, access);
          named = ref.toString();
          signed = "registry:" + ref;
        } else {
          Path target = localTarget(req.path("target").asText());
          tr = new Drydock.TargetRequest(target, platform, Drydock.TargetRequest.of(target).maxEntrySize(),
              Drydock.TargetRequest.of(target).maxRatio(), null);
          named = target.toString();
          signed = Files.isDirectory(target) ? "oci-dir:" + target : target.toString();
        }
        delay();
        ScanResult result = engine.scan(tr, findingOptions());
        if (!config.verifyKeys().isEmpty()) {
          result = engine.withSignature(result, signed, config.verifyKeys(), List.of(), access);
        }
        String image = imageName(result, named);
        if (jobs.complete(job.id(), config.node(), image, encode(result))) {
          metrics.scanned(result, (System.nanoTime() - started) / 1_000_000);
          log.info(rid, "job done", "job", job.id(), "image", image, "layersAnalysed",
              result.stats() == null ? 0 : result.stats().layersAnalysed());
        } else {
          log.warn(rid, "job lost its lease; result dropped", "job", job.id());
        }
      } catch (Cancellation.Cancelled e) {
        jobs.handBack(job.id(), config.node());
        log.info(rid, "job handed back", "job", job.id());
      } catch (DrydockException | IOException e) {
        jobs.fail(job.id(), config.node(), e.getMessage());
        metrics.failed.incrementAndGet();
        log.warn(rid, "job failed", "job", job.id(), "error", e.getMessage());
      } catch (RuntimeException e) {
        jobs.fail(job.id(), config.node(), "internal error: " + e);
        metrics.failed.incrementAndGet();
        log.warn(rid, "job failed", "job", job.id(), "error", String.valueOf(e));
      } finally {
        running.remove(job.id());
        if (job.target().contains("\"auth\"") && !jobs.get(job.id()).map(j -> j.state().equals("queued")).orElse(false)) {
          jobs.forgetCredentials(job.id()); // a registry password rests in the database only while the job may run
        }
      }
    }

    /** The test hook {@code debug-job-delay-ms}: waits, cancellable, before the scan starts. */
    private void delay() {
      long until = System.currentTimeMillis() + config.jobDelayMillis();
      while (System.currentTimeMillis() < until) {
        cancellation.check();
        try {
          Thread.sleep(Math.min(50, Math.max(1, until - System.currentTimeMillis())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Cancellation.Cancelled("interrupted");
        }
      }
    }
  }

  /** The image a result is filed under: its first tag, else the target as named. */
  static String imageName(ScanResult result, String target) {
    if (result.target() != null && !result.target().repoTags().isEmpty()) {
      return result.target().repoTags().get(0);
    }
    return result.target() != null && result.target().name() != null ? result.target().name() : target;
  }

  ObjectNode storeStatus() {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("kind", db.dialect() == Database.Dialect.POSTGRESQL ? "postgresql" : "sqlite");
    n.put("location", db.where());
    n.put("node", config.node());
    n.put("reachable", db.reachable());
    ObjectNode j = n.putObject("jobs");
    jobs.counts().forEach(j::put);
    n.put("images", jobs.images().size());
    n.put("retentionDays", config.retentionDays());
    ObjectNode adv = n.putObject("advisories");
    if (!config.advisories().isEmpty()) {
      adv.put("source", "files");
      config.advisories().forEach(p -> adv.withArray("paths").add(p.toString()));
    } else if (requestEngine.stores().hasAdvisories()) {
      try {
        var st = requestEngine.dbStatus(7);
        adv.put("source", "store");
        adv.put("file", st.file());
        adv.put("schema", st.schema());
        st.counts().forEach((k, v) -> adv.with("counts").put(k, v));
        st.stale().forEach(s -> adv.withArray("stale").add(s));
        if (advisories != null && advisories.installed() != null) {
          adv.put("shared", true);
          adv.put("sha256", advisories.installed());
        }
      } catch (DrydockException e) {
        adv.put("source", "store");
        adv.put("error", e.getMessage());
      }
    } else {
      adv.put("source", "none");
      adv.put("warning", "no advisory data: scans report inventories only and every package family as not checked");
    }
    return n;
  }

  /** Stops claiming, lets running jobs finish within the grace period, hands back the rest, stops serving. */
  @Override
  public void close() {
    draining = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    long deadline = System.currentTimeMillis() + config.graceSeconds() * 1000L;
    for (Worker w : workers) {
      join(w.thread, deadline - System.currentTimeMillis());
    }
    for (Worker w : workers) {
      if (w.thread.isAlive()) {
        w.cancellation.cancel("server shutting down");
        join(w.thread, 10_000);
      }
    }
    timers.shutdownNow();
    notifier.close();
    if (api != null) {
      api.stop();
    }
    for (Worker w : workers) {
      w.engine.close();
    }
    requestEngine.close();
    db.close();
    log.info(null, "stopped", "node", config.node());
  }

  private static void join(Thread t, long millis) {
    try {
      t.join(Math.max(1, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
