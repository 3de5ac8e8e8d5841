package dev.drydock.model.targets;

import dev.drydock.model.DrydockException;
import java.util.regex.Pattern;

/**
 * A content digest, {@code algorithm:hex}, as the OCI image spec and the distribution reference grammar write
 * it. Only the algorithms drydock can verify are accepted, with their exact lengths: {@code sha256} (64 hex
 * digits) and {@code sha512} (128); the hex digits are lower case.
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
  private static final Pattern HEX = Pattern.compile("[a-f0-9]+");

  public Digest {
    if (algorithm == null || hex == null) {
      throw new DrydockException("invalid digest: algorithm and hex are required");
    }
    int length = switch (algorithm) {
      case "sha256" -> 64;
      case "sha512" -> 128;
      default -> throw new DrydockException("invalid digest '" + algorithm + ":" + hex + "': "
          + (ALGORITHM.matcher(algorithm).matches() ? "unsupported algorithm " + algorithm
              + " (expected sha256 or sha512)" : "malformed algorithm"));
    };
    if (!HEX.matcher(hex).matches()) {
      throw new DrydockException("invalid digest '" + algorithm + ":" + hex + "': the hex part must be lower-case"
          + " hex digits");
    }
    if (hex.length() != length) {
      throw new DrydockException("invalid digest '" + algorithm + ":" + hex + "': " + algorithm + " has " + length
          + " hex digits, not " + hex.length());
    }
  }

  /** Parses {@code algorithm:hex}. */
  public static Digest parse(String s) {
    if (s == null) {
      throw new DrydockException("invalid digest: empty");
    }
    int colon = s.indexOf(':');
    if (colon <= 0) {
      throw new DrydockException("invalid digest '" + s + "': expected algorithm:hex, e.g. sha256:<64 hex digits>");
    }
    return new Digest(s.substring(0, colon), s.substring(colon + 1));
  }

  /** Whether {@code s} parses (no exception). */
  public static boolean isValid(String s) {
    try {
      parse(s);
      return true;
    } catch (DrydockException e) {
      return false;
    }
  }

  /** {@code sha256:} and the first 12 hex digits, as docker abbreviates image ids. */
  public String shortForm() {
    return algorithm + ":" + hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
