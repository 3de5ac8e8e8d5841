package dev.drydock.engine;

import dev.drydock.image.ImageSource;
import dev.drydock.image.SourceOptions;
import dev.drydock.image.Sources;
import dev.drydock.model.DrydockException;
import dev.drydock.model.targets.ImageReference;
import dev.drydock.model.targets.ScanTarget;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The target syntax every front end takes (the CLI's TARGET, the server's), Trivy/Syft style: an explicit
 * scheme forces a source, {@code registry:REF}, {@code docker:REF}, {@code podman:REF}, {@code containerd:REF},
 * {@code docker-archive:PATH}, {@code oci-archive:PATH}, {@code oci-dir:PATH}, {@code dir:PATH}; without one, an
 * existing file or directory is read (its kind from its content) and anything else that parses as an image
 * reference ({@code nginx:1.25}, {@code host:5000/a/b@sha256:...}) is an image in a registry.
 */
public final class Targets {
  private Targets() {}

  /** Parses a target as a user typed it. Local paths must exist; references are not looked up here. */
  public static ScanTarget parse(String spec) {
    if (spec == null || spec.isEmpty()) {
      throw new DrydockException("empty target");
    }
    int colon = spec.indexOf(':');
    String scheme = colon > 0 ? spec.substring(0, colon).toLowerCase(Locale.ROOT) : "";
    String rest = colon > 0 ? spec.substring(colon + 1) : spec;
    switch (scheme) {
      case "registry":
        return new ScanTarget.RegistryImage(reference(spec, rest));
      case "docker":
        return new ScanTarget.DaemonImage(ScanTarget.Daemon.DOCKER, reference(spec, rest));
      case "podman":
        return new ScanTarget.DaemonImage(ScanTarget.Daemon.PODMAN, reference(spec, rest));
      case "containerd":
        return new ScanTarget.DaemonImage(ScanTarget.Daemon.CONTAINERD, reference(spec, rest));
      case "docker-archive":
      case "oci-archive": {
        ScanTarget t = Sources.detect(path(spec, rest));
        if (!(t instanceof ScanTarget.ArchiveFile)) {
          throw new DrydockException(spec + ": " + rest + " is a directory, not an archive file");
        }
        return t;
      }
      case "oci-dir": {
        Path dir = path(spec, rest);
        String tag = null;
        int last = rest.lastIndexOf(':');
        if (!Files.exists(dir) && last > 0 && !rest.substring(last + 1).contains("/")) {
          // oci-dir:PATH:TAG, as skopeo names an image in a layout (the tag is its ref.name annotation)
          tag = rest.substring(last + 1);
          dir = path(spec, rest.substring(0, last));
          if (tag.isEmpty()) {
            throw new DrydockException(spec + ": empty tag after the layout directory (expected oci-dir:PATH:TAG)");
          }
        }
        ScanTarget t = Sources.detect(dir);
        if (!(t instanceof ScanTarget.OciLayout)) {
          throw new DrydockException(spec + ": " + dir + " is not an OCI image layout directory (no oci-layout"
              + " and index.json)");
        }
        return tag == null ? t : new ScanTarget.OciLayout(((ScanTarget.OciLayout) t).dir(), tag);
      }
      case "dir": {
        ScanTarget t = Sources.detect(path(spec, rest));
        if (!t.directory()) {
          throw new DrydockException(spec + ": " + rest + " is not a directory"
              + (t instanceof ScanTarget.OciLayout ? " tree (it is an OCI layout: use oci-dir:)" : ""));
        }
        return t;
      }
      default:
        break;
    }
    Path path = null;
    try {
      path = Path.of(spec);
    } catch (InvalidPathException e) {
      // not a path on this system: a reference, if anything
    }
    if (path != null && (Files.exists(path, LinkOption.NOFOLLOW_LINKS) || looksLikePath(spec))) {
      return Sources.detect(path);
    }
    ImageReference ref;
    try {
      ref = ImageReference.parse(spec);
    } catch (DrydockException e) {
      if (path != null) {
        return Sources.detect(path); // "no such file or directory", the likelier mistake
      }
      throw e;
    }
    // a bare reference: the local daemons first (docker, then podman: what was just built is there), then the
    // registry, as Trivy and Grype do; locate answers empty at once when no daemon socket exists
    ScanTarget.DaemonImage local = dev.drydock.daemon.Daemons.locate(ref)
        .map(d -> new ScanTarget.DaemonImage(d, ref)).orElse(null);
    return local != null ? local : new ScanTarget.RegistryImage(ref);
  }

  /**
   * For {@code rescan}, which works when a scanned file is gone: the local path {@code spec} names (after a
   * file scheme) when nothing exists there any more, else null (then {@link #parse} decides).
   */
  static Path missingLocalPath(String spec) {
    String rest = spec;
    for (String scheme : new String[] {"docker-archive:", "oci-archive:", "oci-dir:", "dir:"}) {
      if (spec.startsWith(scheme)) {
        rest = spec.substring(scheme.length());
      }
    }
    boolean local = rest != spec || looksLikePath(spec);
    if (!local) {
      return null;
    }
    try {
      Path p = Path.of(rest);
      return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? null : p;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** A name that is a path, not a reference, when nothing exists there: absolute, relative, or an archive's. */
  static boolean looksLikePath(String spec) {
    String s = spec.toLowerCase(Locale.ROOT);
    return spec.startsWith("/") || spec.startsWith("./") || spec.startsWith("../") || spec.startsWith("~")
        || s.endsWith(".tar") || s.endsWith(".tar.gz") || s.endsWith(".tgz") || s.endsWith(".json")
        || spec.equals(".") || spec.equals("..");
  }

  private static ImageReference reference(String spec, String rest) {
    if (rest.isEmpty()) {
      throw new DrydockException(spec + ": no image reference after the scheme");
    }
    return ImageReference.parse(rest);
  }

  private static Path path(String spec, String rest) {
    if (rest.isEmpty()) {
      throw new DrydockException(spec + ": no path after the scheme");
    }
    try {
      return Path.of(rest);
    } catch (InvalidPathException e) {
      throw new DrydockException(spec + ": invalid path");
    }
  }

  /** Where registry image configs are kept by digest, below the cache directory. */
  static final String CONFIGS = "registry-configs";

  /** Opens a typed target: local ones through drydock-image, registry images through drydock-registry. */
  static ImageSource open(ScanTarget target, SourceOptions options, RegistryAccess registry, Path cacheDir)
      throws IOException {
    if (target instanceof ScanTarget.RegistryImage r) {
      RegistryClient client = new RegistryClient((registry == null ? RegistryAccess.defaults() : registry)
          .options(cacheDir == null ? null : cacheDir.resolve(CONFIGS)));
      return RegistryImages.open(client, r.reference(), options.platform(), options.limits());
    }
    return Sources.open(target, options);
  }
}
