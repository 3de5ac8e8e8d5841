package dev.drydock.version.composer;

import dev.drydock.version.InvalidVersionException;
import dev.drydock.version.VersionScheme;

/**
 * Composer (Packagist) versions: normalised as {@code Composer\Semver\VersionParser::normalize} does
 * ({@code v} prefix, four numeric parts, date versions, stability suffixes, numeric {@code -dev} branches
 * such as {@code 1.x-dev}) and then ordered by PHP's {@code version_compare}, which is what
 * {@code Comparator::compare} uses: {@code dev < alpha < beta < RC < stable < patch}.
 *
 * <p>Named branches ({@code dev-master}, {@code dev-feature}, {@code master}) are not ordered by Composer
 * against anything, so they are not valid here. An alias ({@code 1.0 as 2.0}) is read as its first version,
 * as {@code normalize} does.
 */
public final class ComposerVersionScheme implements VersionScheme {

  @Override
  public String name() {
    return "composer";
  }

  @Override
  public boolean isValid(String version) {
    return version != null && ComposerNormalizer.normalize(version) != null;
  }

  @Override
  public int compare(String a, String b) {
    return PhpVersionCompare.compare(require(a), require(b));
  }

  /** The normalised form Composer stores, e.g. {@code 1.0.0.0-beta2} for {@code v1.0b2}. */
  public String normalize(String version) {
    return require(version);
  }

  private String require(String version) {
    String normalized = version == null ? null : ComposerNormalizer.normalize(version);
    if (normalized == null) {
      throw new InvalidVersionException(name(), version);
    }
    return normalized;
  }
}
