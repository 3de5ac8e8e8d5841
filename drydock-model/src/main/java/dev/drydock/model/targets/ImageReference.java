package dev.drydock.model.targets;

import dev.drydock.model.DrydockException;
import java.util.regex.Pattern;

/**
 * An image in a registry, {@code [registry/]repository[:tag][@digest]}, parsed and normalised as the
 * distribution reference grammar (github.com/distribution/reference) and the docker CLI do: the first
 * component is a registry only when it has a dot or a colon or is {@code localhost}; otherwise the registry
 * is {@code docker.io}, and a single-component repository there gets {@code library/}
 * ({@code ubuntu} is {@code docker.io/library/ubuntu:latest}). The repository must be lower case. Without a
 * tag or a digest the tag is {@code latest}; with only a digest there is no tag.
 *
 * @param registry host with optional port, e.g. {@code docker.io}, {@code localhost:5000}, {@code ghcr.io}
 * @param repository path components, e.g. {@code library/ubuntu}
 * @param tag the tag, or null when the reference names a digest only
 * @param digest the digest, or null
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {
  public static final String DEFAULT_REGISTRY = "docker.io";
  static final int MAX_NAME_LENGTH = 255;

  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern DOMAIN = Pattern.compile(
      "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
  private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  public ImageReference {
    if (registry == null || !DOMAIN.matcher(registry).matches()) {
      throw new DrydockException("invalid image reference: bad registry '" + registry + "'");
    }
    if (repository == null || repository.isEmpty()) {
      throw new DrydockException("invalid image reference: empty repository");
    }
    for (String c : repository.split("/", -1)) {
      if (!PATH_COMPONENT.matcher(c).matches()) {
        throw new DrydockException("invalid image reference: bad repository '" + repository + "'"
            + (c.equals(c.toLowerCase(java.util.Locale.ROOT)) ? "" : " (repository names must be lower case)"));
      }
    }
    if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
      throw new DrydockException("invalid image reference: name longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new DrydockException("invalid image reference: bad tag '" + tag + "' (letters, digits, _ . -, not"
          + " starting with . or -, at most 128 characters)");
    }
  }

  /** Parses a reference as a user types it ({@code ubuntu}, {@code localhost:5000/a/b:1.0}, {@code ghcr.io/o/i@sha256:...}). */
  public static ImageReference parse(String s) {
    if (s == null || s.isEmpty()) {
      throw new DrydockException("invalid image reference: empty");
    }
    String rest = s;
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = parseDigest(s, rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    String tag = null;
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (tag.isEmpty()) {
        throw new DrydockException("invalid image reference '" + s + "': empty tag");
      }
    }
    String registry;
    String repository;
    int first = rest.indexOf('/');
    String head = first < 0 ? null : rest.substring(0, first);
    if (head != null && (head.contains(".") || head.contains(":") || head.equals("localhost")
        || !head.equals(head.toLowerCase(java.util.Locale.ROOT)))) {
      registry = head;
      repository = rest.substring(first + 1);
    } else {
      registry = DEFAULT_REGISTRY;
      repository = rest;
    }
    if (registry.equals("index.docker.io")) {
      registry = DEFAULT_REGISTRY;
    }
    if (registry.equals(DEFAULT_REGISTRY) && !repository.contains("/") && !repository.isEmpty()) {
      repository = "library/" + repository;
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    try {
      return new ImageReference(registry, repository, tag, digest);
    } catch (DrydockException e) {
      throw new DrydockException(e.getMessage().replace("invalid image reference:",
          "invalid image reference '" + s + "':"), e);
    }
  }

  private static Digest parseDigest(String whole, String d) {
    try {
      return Digest.parse(d);
    } catch (DrydockException e) {
      throw new DrydockException("invalid image reference '" + whole + "': " + e.getMessage(), e);
    }
  }

  /** {@code registry/repository}, without tag or digest. */
  public String name() {
    return registry + "/" + repository;
  }

  /** The full normalised form, e.g. {@code docker.io/library/ubuntu:latest}. */
  @Override
  public String toString() {
    return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
