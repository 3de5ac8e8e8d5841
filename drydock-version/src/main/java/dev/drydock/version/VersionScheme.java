package dev.drydock.version;

import java.util.Comparator;

/**
 * How one ecosystem orders its versions. Implementations are stateless and thread-safe, and agree with
 * the ecosystem's reference tool on every pair of the golden table in src/test/resources/golden/.
 */
public interface VersionScheme extends Comparator<String> {

  /** Stable name, e.g. {@code dpkg}, {@code rpm}, {@code maven}. */
  String name();

  /**
   * Whether {@code version} is a valid version of this scheme. Matching reports packages whose version
   * is not valid as "version not comparable" instead of guessing.
   */
  boolean isValid(String version);

  /**
   * Orders two valid versions: negative, zero or positive as {@code a} is lower than, equal to or higher
   * than {@code b}.
   *
   * @throws InvalidVersionException when either is not valid
   */
  @Override
  int compare(String a, String b);
}
