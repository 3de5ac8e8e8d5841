package dev.drydock.model;

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
 */
public record OsInfo(String family, String versionId, String codename, String prettyName, String source) {}
