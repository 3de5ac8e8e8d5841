package dev.drydock.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.image.ImageSource;
import dev.drydock.image.SourceOptions;
import dev.drydock.model.DrydockException;
import dev.drydock.model.targets.ImageReference;
import dev.drydock.model.targets.ScanTarget;
import dev.drydock.model.targets.ScanTarget.Daemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Images read from local engines: Docker (its Engine API on {@code DOCKER_HOST} or {@code /var/run/docker.sock}),
 * Podman (its Docker-compatible API on {@code CONTAINER_HOST}, {@code $XDG_RUNTIME_DIR/podman/podman.sock} or
 * {@code /run/podman/podman.sock}) and containerd (through {@code ctr images export}). See docs/daemons.md.
 */
public final class Daemons {
  /** How long {@link #locate} waits for a daemon to connect and answer each call. */
  static final Duration LOCATE_TIMEOUT = Duration.ofSeconds(2);
  /** Connecting to a daemon to read an image. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** How long an answer (an export too) may stall before the read fails. */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

  private static final Pattern IMAGE_ID = Pattern.compile("sha256:[0-9a-f]{64}");

  private Daemons() {}

  /**
   * Which local daemon holds {@code reference}: Docker first, then Podman (containerd is never guessed: it is
   * read only when asked for by name). Empty, quickly, when no daemon socket exists, a daemon does not answer
   * within {@value #LOCATE_TIMEOUT_SECONDS} s, refuses, or has no such image; never throws for those.
   */
  public static Optional<Daemon> locate(ImageReference reference) {
    return locate(reference, System.getenv(), LOCATE_TIMEOUT);
  }

  static final int LOCATE_TIMEOUT_SECONDS = 2;

  static Optional<Daemon> locate(ImageReference reference, Map<String, String> env, Duration timeout) {
    for (Daemon d : List.of(Daemon.DOCKER, Daemon.PODMAN)) {
      List<Endpoint> candidates;
      try {
        candidates = Endpoint.candidates(d, env);
      } catch (DrydockException e) {
        continue; // an address drydock does not read: that daemon is not where the image is
      }
      for (Endpoint e : candidates) {
        if (e.socket() != null && !isSocket(e)) {
          continue;
        }
        try (EngineApi api = EngineApi.open(e, d.scheme(), timeout, timeout)) {
          api.negotiate();
          if (api.inspect(apiName(reference)).isPresent()) {
            return Optional.of(d);
          }
        } catch (DrydockException | IllegalStateException ex) {
          // absent, refusing, not a Docker API: not here
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isSocket(Endpoint e) {
    try {
      return Files.exists(e.socket(), LinkOption.NOFOLLOW_LINKS)
          && "socket".equals(socketType(e));
    } catch (IOException ex) {
      return false;
    }
  }

  private static String socketType(Endpoint e) throws IOException {
    Object other = Files.getAttribute(e.socket(), "basic:isOther");
    return Boolean.TRUE.equals(other) ? "socket" : "file";
  }

  /**
   * Opens {@code target} from its daemon, with the environment of this process.
   *
   * @param options the platform, limits and the scratch directory (inside the cache) where the export is spilled
   * @param known images the caller already read, by config digest ({@link KnownImages#NONE}: none)
   * @throws DrydockException one line, for an absent socket, permission denied, a daemon refusing the API
   *     version, an image it does not hold, a malformed answer or a cut-off export
   */
  public static ImageSource open(ScanTarget.DaemonImage target, SourceOptions options, KnownImages known)
      throws IOException {
    return open(target, options, known, System.getenv());
  }

  static ImageSource open(ScanTarget.DaemonImage target, SourceOptions options, KnownImages known,
      Map<String, String> env) throws IOException {
    return open(target, options, known, env, IDLE_TIMEOUT);
  }

  /** @param idle how long an answer may stall */
  static ImageSource open(ScanTarget.DaemonImage target, SourceOptions options, KnownImages known,
      Map<String, String> env, Duration idle) throws IOException {
    try {
      return read(target, options, known, env, idle);
    } catch (DrydockException e) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      throw m.startsWith("cannot scan ") ? e : new DrydockException("cannot scan " + target.display() + ": " + m, e);
    }
  }

  private static ImageSource read(ScanTarget.DaemonImage target, SourceOptions options, KnownImages known,
      Map<String, String> env, Duration idle) throws IOException {
    KnownImages k = known == null ? KnownImages.NONE : known;
    if (target.daemon() == Daemon.CONTAINERD) {
      return Containerd.open(target, options, env);
    }
    List<Endpoint> candidates = Endpoint.candidates(target.daemon(), env);
    Endpoint endpoint = pick(target, candidates);
    String name = apiName(target.reference());
    EngineApi api = EngineApi.open(endpoint, target.daemon().scheme(), CONNECT_TIMEOUT, idle);
    try {
      api.negotiate();
      JsonNode inspect = api.inspect(name).orElseThrow(() -> new DrydockException("cannot scan " + target.display()
          + ": " + api.where() + " has no image " + name));
      String id = EngineApi.text(inspect, "Id");
      if (id == null || !IMAGE_ID.matcher(id).matches()) {
        throw new DrydockException(api.where() + ": malformed answer to /images/" + name + "/json (Id "
            + (id == null ? "missing" : "'" + EngineApi.firstLine(id) + "'") + ", not sha256:<64 hex>)");
      }
      List<String> tags = new ArrayList<>();
      JsonNode rt = inspect.get("RepoTags");
      if (rt != null && rt.isArray()) {
        rt.forEach(t -> {
          if (t.isTextual()) {
            tags.add(t.asText());
          }
        });
      }
      KnownImages.Known seen = k.find(id).orElse(null);
      DaemonImageSource source = new DaemonImageSource(target.display(), target.daemon().scheme(), api.where(), id,
          tags, options, () -> api.export(name), seen, api);
      try {
        return source.start();
      } catch (IOException | RuntimeException e) {
        source.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      api.close();
      throw e;
    }
  }

  /** The first candidate whose socket exists (or the TCP address); the first one when none does (its error says so). */
  private static Endpoint pick(ScanTarget.DaemonImage target, List<Endpoint> candidates) {
    for (Endpoint e : candidates) {
      if (e.socket() == null || Files.exists(e.socket(), LinkOption.NOFOLLOW_LINKS)) {
        return e;
      }
    }
    if (candidates.size() > 1) {
      StringBuilder tried = new StringBuilder();
      for (Endpoint e : candidates) {
        tried.append(tried.length() == 0 ? "" : " or ").append(e.socket());
      }
      throw new DrydockException("cannot scan " + target.display() + ": " + target.daemon().scheme()
          + ": no socket at " + tried + ": is 'podman system service' running? (or set CONTAINER_HOST)");
    }
    return candidates.get(0);
  }

  /**
   * The name a daemon is asked for: the familiar form Docker and Podman resolve ({@code nginx:1.25} for
   * {@code docker.io/library/nginx:1.25}, {@code drydock/demo-app:1.0}; Podman also finds a short name it loaded
   * as {@code localhost/...}), with the digest instead of the tag when the reference has one.
   */
  static String apiName(ImageReference r) {
    String name;
    if (r.registry().equals(ImageReference.DEFAULT_REGISTRY)) {
      name = r.repository().startsWith("library/") ? r.repository().substring("library/".length()) : r.repository();
    } else {
      name = r.name();
    }
    return r.digest() != null ? name + "@" + r.digest() : name + ":" + r.tag();
  }
}
