package dev.drydock.model.targets;

import dev.drydock.model.DrydockException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a scan reads. A local target is a path whose kind was detected from its content (drydock-image's
 * {@code Sources.detect}); a registry image is named by an {@link ImageReference} and has no path.
 */
public sealed interface ScanTarget {

  /**
   * The kind string of results ({@code Target.kind}) when the target alone decides it; an archive file's kind
   * ({@code docker-archive} or {@code oci-archive}) is known only once its content was read, so it is null.
   */
  String kind();

  /** What a user would call the target: its path, or its reference. */
  String display();

  /** A {@code docker save} archive or an OCI layout tar, plain or gzip'd (which one: from its content). */
  record ArchiveFile(Path file) implements ScanTarget {
    public ArchiveFile {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String kind() {
      return null;
    }

    @Override
    public String display() {
      return file.toString();
    }
  }

  /**
   * An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/}).
   *
   * @param tag the image to read, by its {@code org.opencontainers.image.ref.name} annotation in index.json
   *     ({@code oci-dir:PATH:TAG}); null: the layout's one image (or its platform)
   */
  record OciLayout(Path dir, String tag) implements ScanTarget {
    public OciLayout {
      Objects.requireNonNull(dir, "dir");
      if (tag != null && tag.isEmpty()) {
        throw new DrydockException(dir + ": empty tag after the layout directory (expected oci-dir:PATH:TAG)");
      }
    }

    /** The layout's one image. */
    public OciLayout(Path dir) {
      this(dir, null);
    }

    @Override
    public String kind() {
      return "oci-layout";
    }

    @Override
    public String display() {
      return dir + (tag == null ? "" : ":" + tag);
    }
  }

  /** An unpacked root filesystem (it has {@code etc/os-release} or another OS marker). */
  record RootFilesystem(Path dir) implements ScanTarget {
    public RootFilesystem {
      Objects.requireNonNull(dir, "dir");
    }

    @Override
    public String kind() {
      return "rootfs";
    }

    @Override
    public String display() {
      return dir.toString();
    }
  }

  /** Any other directory: a source tree (lock files, manifests) or a distroless root filesystem. */
  record SourceDirectory(Path dir) implements ScanTarget {
    public SourceDirectory {
      Objects.requireNonNull(dir, "dir");
    }

    @Override
    public String kind() {
      return "source";
    }

    @Override
    public String display() {
      return dir.toString();
    }
  }

  /** An image in a registry. Not supported yet: opening one is refused with a clear message. */
  record RegistryImage(ImageReference reference) implements ScanTarget {
    public RegistryImage {
      Objects.requireNonNull(reference, "reference");
    }

    @Override
    public String kind() {
      return "registry";
    }

    @Override
    public String display() {
      return reference.toString();
    }

    /** The error every job gives for a registry image until registry pulls exist. */
    public DrydockException notSupported() {
      return new DrydockException("cannot scan " + reference + ": registry images are not supported yet (save the"
          + " image with 'docker save' or 'skopeo copy ... oci-archive:' and scan the file)");
    }
  }

  /** The local engines an image can be read from by reference ({@code docker:REF}, {@code podman:REF}, ...). */
  enum Daemon {
    DOCKER, PODMAN, CONTAINERD;

    /** The scheme a user types before the reference: {@code docker}, {@code podman}, {@code containerd}. */
    public String scheme() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * An image held by a local engine (Docker, Podman, containerd), read through its API. Not supported yet:
   * opening one is refused with a clear message.
   */
  record DaemonImage(Daemon daemon, ImageReference reference) implements ScanTarget {
    public DaemonImage {
      Objects.requireNonNull(daemon, "daemon");
      Objects.requireNonNull(reference, "reference");
    }

    @Override
    public String kind() {
      return daemon.scheme();
    }

    @Override
    public String display() {
      return daemon.scheme() + ":" + reference;
    }

    /** The error every job gives for a daemon image until daemon reads exist. */
    public DrydockException notSupported() {
      return new DrydockException("cannot scan " + display() + ": reading images from " + daemon.scheme()
          + " is not supported yet (save the image with '" + daemon.scheme() + " save' and scan the file)");
    }
  }

  /** Whether the target is a directory tree (no layers, no image metadata, no stored inventory). */
  default boolean directory() {
    return this instanceof RootFilesystem || this instanceof SourceDirectory;
  }
}
