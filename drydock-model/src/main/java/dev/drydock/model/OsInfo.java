package dev.drydock.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The operating system of an image or root filesystem.
 *
 * @param family normalised os-release ID: {@code debian}, {@code ubuntu}, {@code alpine}, {@code rhel},
 *     {@code centos}, {@code rocky}, {@code almalinux}, {@code fedora}, {@code sles}, {@code opensuse-leap},
 *     {@code amzn}, {@code mariner}, {@code azurelinux}, {@code photon}, {@code ol}, {@code wolfi}, ...
 * @param versionId os-release VERSION_ID or the release file's version (e.g. {@code 12}, {@code 3.18.4})
 * @param codename release codename where known (e.g. {@code bookworm}); null otherwise
 * @param prettyName human-readable name (os-release PRETTY_NAME)
 * @param source the file it was read from (e.g. {@code etc/os-release})
 * @param contentSets the Red Hat repositories the image's packages came from, as its content manifests
 *     ({@code root/buildinfo/content_manifests/*.json}, {@code content_sets}) list them
 *     ({@code rhel-9-for-x86_64-baseos-eus-rpms__9_DOT_2}), sorted; empty when it has none
 */
public record OsInfo(String family, String versionId, String codename, String prettyName, String source,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> contentSets) {

  public OsInfo {
    contentSets = contentSets == null ? List.of() : contentSets.stream().distinct().sorted().toList();
  }

  /** An OS without content sets. */
  public OsInfo(String family, String versionId, String codename, String prettyName, String source) {
    this(family, versionId, codename, prettyName, source, List.of());
  }
}
