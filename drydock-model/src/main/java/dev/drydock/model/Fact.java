package dev.drydock.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What one analyzer learned from one file of one layer. Facts are a pure function of (layer content,
 * analyzer name and version, options), so they are cached per layer and replayed in layer order to build
 * the squashed inventory. {@link #path()} is the image-root-relative file the fact came from; when an
 * upper layer deletes or replaces that file, the fact no longer holds in the final image.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Fact.PackageFound.class, name = "package"),
  @JsonSubTypes.Type(value = Fact.OsDetected.class, name = "os"),
  @JsonSubTypes.Type(value = Fact.OwnedFiles.class, name = "owned-files"),
  @JsonSubTypes.Type(value = Fact.Whiteout.class, name = "whiteout"),
  @JsonSubTypes.Type(value = Fact.OpaqueDir.class, name = "opaque"),
  @JsonSubTypes.Type(value = Fact.Link.class, name = "link"),
  @JsonSubTypes.Type(value = Fact.FileInfo.class, name = "file"),
  @JsonSubTypes.Type(value = Fact.SecretFound.class, name = "secret"),
  @JsonSubTypes.Type(value = Fact.DeclaredDependencies.class, name = "declared-dependencies"),
})
public sealed interface Fact {

  String path();

  /** A package declared by the file at {@code path}. */
  record PackageFound(String path, Package pkg) implements Fact {}

  /**
   * The OS as told by a release file. {@code priority}: higher wins when several files disagree
   * (os-release 100, distribution-specific release files 50, debian_version 10, dpkg status.d only 5).
   */
  record OsDetected(String path, OsInfo os, int priority) implements Fact {}

  /**
   * Files that an OS package manager installed for package {@code owner}; language packages found at
   * these paths are not reported twice. Paths are image-root-relative.
   */
  record OwnedFiles(String path, String owner, List<String> files) implements Fact {
    public OwnedFiles {
      files = List.copyOf(files);
    }
  }

  /** {@code .wh.<name>}: the layer deletes {@code path} and everything below it. */
  record Whiteout(String path) implements Fact {}

  /** {@code .wh..wh..opq}: the layer hides everything lower layers put below directory {@code path}. */
  record OpaqueDir(String path) implements Fact {}

  /** A symbolic ({@code hard == false}) or hard link at {@code path} pointing to {@code target}. */
  record Link(String path, String target, boolean hard) implements Fact {}

  /**
   * A file worth remembering for its metadata (setuid/setgid, world-writable; in a layer's own facts also every
   * executable, so that an upper layer stripping a setuid bit replaces the lower record). {@code mode} holds
   * the Unix permission bits including setuid (04000), setgid (02000) and sticky (01000).
   * {@code layerDiffId} is the layer the file in the final image comes from: null in a layer's own facts,
   * filled in when the layers are squashed.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FileInfo(String path, long size, int mode, int uid, int gid, String layerDiffId) implements Fact {

    /** As a layer reports it, before squashing. */
    public FileInfo(String path, long size, int mode, int uid, int gid) {
      this(path, size, mode, uid, gid, null);
    }

    /** The same file, attributed to {@code diffId}. */
    public FileInfo inLayer(String diffId) {
      return new FileInfo(path, size, mode, uid, gid, diffId);
    }
  }

  /**
   * A secret in the file at {@code path} (already redacted and fingerprinted; no layer yet: the inventory
   * adds the layer and whether an upper layer deleted or replaced the file).
   */
  record SecretFound(String path, ExposedSecret secret) implements Fact {}

  /**
   * What a project manifest at {@code path} declares (package.json: {@code dependencies} and
   * {@code devDependencies}, by package name), for resolving a lock file beside it that records no dev
   * flags. {@code workspaces}: the manifest declares workspace members, whose own manifests the lock file
   * also covers. {@code name} and {@code version}: the project's own, as written (null when absent), so that a
   * lock file that does not record its project (yarn.lock, pnpm-lock.yaml) still gets one.
   */
  record DeclaredDependencies(String path, List<String> dependencies, List<String> devDependencies,
      boolean workspaces, String name, String version) implements Fact {
    public DeclaredDependencies {
      dependencies = List.copyOf(dependencies);
      devDependencies = List.copyOf(devDependencies);
    }

    /** A manifest whose own name and version are not known. */
    public DeclaredDependencies(String path, List<String> dependencies, List<String> devDependencies,
        boolean workspaces) {
      this(path, dependencies, devDependencies, workspaces, null, null);
    }
  }
}
