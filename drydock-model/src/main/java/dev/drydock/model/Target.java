package dev.drydock.model;

/**
 * What was scanned.
 *
 * @param kind {@code docker-archive}, {@code oci-layout}, {@code oci-archive}, {@code rootfs}, {@code source};
 *     for the other commands {@code config} (files checked by drydock config), {@code secrets} (a directory),
 *     {@code git} (a repository's history) or {@code host} (a Docker host root)
 * @param name the argument the user gave (path), as given
 * @param manifestDigest digest of the image manifest (null for directories)
 * @param configDigest digest of the image config, the image id (null for directories)
 * @param repoTags tags recorded in the archive, if any
 * @param platform {@code os/arch[/variant]} of the chosen manifest, if known
 */
public record Target(
    String kind,
    String name,
    String manifestDigest,
    String configDigest,
    java.util.List<String> repoTags,
    String platform) {

  public Target {
    repoTags = repoTags == null ? java.util.List.of() : java.util.List.copyOf(repoTags);
  }
}
