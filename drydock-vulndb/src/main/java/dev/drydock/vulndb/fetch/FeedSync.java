package dev.drydock.vulndb.fetch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Brings the local copies of every configured feed up to date in one directory ({@code <cache>/feeds/}):
 * each feed is fetched with a conditional request using the ETag / Last-Modified remembered in
 * {@code feeds-state.json} (rewritten atomically after every feed, so a run killed at any point leaves the
 * previous files and a consistent state). A failing feed does not stop the others: it is reported in
 * {@link Outcome#failures()} and its previous file, if any, stays. Before the first download every host (or
 * proxy) is probed in parallel ({@link Downloader#probe}): feeds on an unreachable host fail at once. Holds an
 * exclusive lock on {@code <dir>/.lock} while running: a second sync of the same directory, in this process or
 * another, waits for the first to finish (as {@code db import} does for the store).
 */
public final class FeedSync {
  static final String STATE_FILE = "feeds-state.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** One turn per feed directory, so that syncs of one process queue before the file lock. */
  private static final ConcurrentHashMap<Path, Semaphore> TURNS = new ConcurrentHashMap<>();

  private final FeedConfig config;
  private final Path dir;
  private final Downloader downloader;

  public FeedSync(FeedConfig config, Path dir) {
    this(config, dir, NetworkEnv.system());
  }

  /** Downloads with the proxies and netrc of {@code env} and the configuration's credentials. */
  public FeedSync(FeedConfig config, Path dir, NetworkEnv env) {
    this(config, dir, new Downloader(Downloader.Settings.defaults(), env, config.credentials()));
  }

  public FeedSync(FeedConfig config, Path dir, Downloader downloader) {
    this.config = config;
    this.dir = dir;
    this.downloader = downloader;
  }

  /** The local copy of a feed after a sync; {@code changed} is false when the server said 304. */
  public record FeedFile(FeedConfig.Feed feed, Path path, boolean changed, String sha256, long bytes) {}

  /** A feed that could not be brought up to date, with the one-line reason. */
  public record Failure(FeedConfig.Feed feed, String message) {}

  /** Every feed that is now available locally (in configuration order) and every feed that failed. */
  public record Outcome(List<FeedFile> files, List<Failure> failures) {
    public Outcome {
      files = List.copyOf(files);
      failures = List.copyOf(failures);
    }

    public List<FeedFile> changed() {
      return files.stream().filter(FeedFile::changed).toList();
    }
  }

  /** What {@code feeds-state.json} remembers per feed name (times as ISO-8601 instants). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Entry(String url, String file, String etag, String lastModified, String sha256, long bytes,
      String checkedAt, String changedAt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record State(int version, Map<String, Entry> feeds) {
    State {
      feeds = feeds == null ? new TreeMap<>() : new TreeMap<>(feeds);
    }
  }

  /** Downloads every feed (conditionally) and returns the local files; throws only if the directory is unusable. */
  public Outcome sync() {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new DrydockException("cannot create feed directory " + dir + ": " + e.getMessage(), e);
    }
    Path lockFile = dir.resolve(".lock");
    FileChannel ch;
    try {
      ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new DrydockException("cannot update the feeds in " + dir + ": " + e.getMessage() + " (" + lockFile + ")", e);
    }
    // as db import: a second update waits for the first (one turn per directory in this process, then the file lock)
    Semaphore turn = TURNS.computeIfAbsent(dir.toAbsolutePath().normalize(), k -> new Semaphore(1));
    turn.acquireUninterruptibly();
    try (ch; FileLock lock = ch.lock()) {
      AtomicFiles.cleanStale(dir.resolve(STATE_FILE));
      State state = readState();
      // every host at once, so that an offline machine fails within one connect timeout, not one per feed
      List<java.net.URI> urls = new ArrayList<>();
      for (FeedConfig.Feed feed : config.feeds()) {
        urls.add(feed.url());
        if (feed.sha256Url() != null) {
          urls.add(feed.sha256Url());
        }
      }
      downloader.probe(urls);
      List<FeedFile> files = new ArrayList<>();
      List<Failure> failures = new ArrayList<>();
      for (FeedConfig.Feed feed : config.feeds()) {
        try {
          files.add(syncOne(feed, state));
        } catch (DrydockException e) {
          failures.add(new Failure(feed, e.getMessage()));
        }
      }
      return new Outcome(files, failures);
    } catch (IOException e) {
      throw new DrydockException("cannot use feed directory " + dir + ": " + e.getMessage(), e);
    } finally {
      turn.release();
    }
  }

  private FeedFile syncOne(FeedConfig.Feed feed, State state) throws IOException {
    Path dest = dir.resolve(feed.fileName());
    Entry old = state.feeds().get(feed.name());
    boolean trusted = old != null && old.url().equals(feed.url().toString()) && old.file().equals(feed.fileName())
        && Files.isRegularFile(dest) && Files.size(dest) == old.bytes();
    java.net.URI source = feed.url();
    String sha256 = feed.sha256();
    if (feed.format() == FeedConfig.Format.AMAZON_UPDATEINFO) {
      // the repository's updateinfo, checked against the SHA-256 its repomd.xml gives
      YumRepository.Located l = YumRepository.updateinfo(config, feed, dir, downloader);
      source = l.url();
      sha256 = sha256 != null ? sha256 : l.sha256();
    }
    Downloader.Request req = Downloader.Request.of(source, dest).verified(sha256, feed.sha256Url())
        .limited(feed.format().maxDownloadBytes());
    Downloader.Result r = downloader.download(trusted ? req.conditional(old.etag(), old.lastModified()) : req);
    if (r.notModified() && !r.sha256().equals(old.sha256())) {
      // the local copy differs from what was downloaded: fetch it again unconditionally
      r = downloader.download(req);
    }
    String now = Instant.now().toString();
    boolean changed = !r.notModified() && (old == null || !r.sha256().equals(old.sha256()));
    Entry entry = new Entry(feed.url().toString(), feed.fileName(), r.notModified() ? old.etag() : r.etag(),
        r.notModified() ? old.lastModified() : r.lastModified(), r.sha256(), r.bytes(), now,
        changed || old == null || old.changedAt() == null ? now : old.changedAt());
    state.feeds().put(feed.name(), entry);
    writeState(state);
    return new FeedFile(feed, dest, changed, r.sha256(), r.bytes());
  }

  /**
   * Names of configured feeds whose last successful check is older than {@code max-age-days} at {@code now},
   * or that were never fetched: drydock warns that its database is stale.
   */
  public List<String> staleFeeds(Instant now) {
    State state = readState();
    Duration maxAge = Duration.ofDays(config.maxAgeDays());
    List<String> stale = new ArrayList<>();
    for (FeedConfig.Feed feed : config.feeds()) {
      Entry e = state.feeds().get(feed.name());
      if (e == null || e.checkedAt() == null || checkedAt(e).plus(maxAge).isBefore(now)
          || !Files.isRegularFile(dir.resolve(feed.fileName()))) {
        stale.add(feed.name());
      }
    }
    return stale;
  }

  private static Instant checkedAt(Entry e) {
    try {
      return Instant.parse(e.checkedAt());
    } catch (java.time.format.DateTimeParseException ex) {
      return Instant.EPOCH;
    }
  }

  /** The remembered state; an unreadable state file only costs full downloads, so it counts as empty. */
  State readState() {
    Path file = dir.resolve(STATE_FILE);
    try {
      if (Files.isRegularFile(file)) {
        State s = JSON.readValue(file.toFile(), State.class);
        if (s != null) {
          return s;
        }
      }
    } catch (IOException e) {
      // fall through: start afresh
    }
    return new State(1, null);
  }

  private void writeState(State state) throws IOException {
    AtomicFiles.write(dir.resolve(STATE_FILE), JSON.writeValueAsBytes(state));
  }
}
