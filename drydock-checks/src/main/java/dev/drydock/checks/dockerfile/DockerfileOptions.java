package dev.drydock.checks.dockerfile;

/**
 * Policy switches for the Dockerfile rules.
 *
 * @param requireDigest report base images pinned by tag only (DD-DF-016); off by default: a digest pin needs an
 *     update bot, and untagged or {@code latest} images are reported regardless (DD-DF-002, DD-DF-003)
 * @param flagPlainUpgrade also report {@code apt-get upgrade}, {@code apk upgrade} and {@code yum/dnf upgrade}
 *     (DD-DF-026); off by default, because applying security updates at build time is what Docker's own
 *     guidance, hadolint (DL3005 removed in 2.7.0) and Dockle now recommend; {@code dist-upgrade} is always reported
 */
public record DockerfileOptions(boolean requireDigest, boolean flagPlainUpgrade) {
  /** The defaults: no digest requirement, plain upgrades allowed. */
  public static final DockerfileOptions DEFAULT = new DockerfileOptions(false, false);
}
