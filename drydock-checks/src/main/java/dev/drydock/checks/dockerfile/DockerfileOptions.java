package dev.drydock.checks.dockerfile;

/**
 * Policy switches for the Dockerfile rules.
 *
 * @param requireDigest report base images pinned by tag only (DD-DF-016); off by default: a digest pin needs an
 *     update bot, and untagged or {@code latest} images are reported regardless (DD-DF-002, DD-DF-003)
 * @param flagPlainUpgrade also report {@code apt-get upgrade}, {@code apk upgrade} and {@code yum/dnf upgrade}
 *     (DD-DF-026); on by default because drydock's issue list asks for it (upgrades make builds
 *     unreproducible), but teams that follow Docker's current guidance, hadolint (DL3005 removed in 2.7.0) and
 *     Dockle (security updates at build time are good) turn it off; {@code dist-upgrade} is always reported
 */
public record DockerfileOptions(boolean requireDigest, boolean flagPlainUpgrade) {
  /** The defaults: no digest requirement, plain upgrades reported. */
  public static final DockerfileOptions DEFAULT = new DockerfileOptions(false, true);
}
