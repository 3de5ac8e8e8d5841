package dev.drydock.version.maven;

import dev.drydock.version.InvalidVersionException;
import dev.drydock.version.VersionScheme;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven's version order, by delegating to {@link ComparableVersion} from maven-artifact, the reference
 * implementation Maven itself uses (numbers, qualifiers alpha &lt; beta &lt; milestone &lt; rc &lt; snapshot
 * &lt; release &lt; sp, trailing zeros and "ga"/"final" ignored, ...). ComparableVersion orders any string;
 * this scheme calls a version valid when it is non-blank and holds no whitespace.
 */
public final class MavenVersionScheme implements VersionScheme {

  @Override
  public String name() {
    return "maven";
  }

  @Override
  public boolean isValid(String version) {
    if (version == null || version.isEmpty()) {
      return false;
    }
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compare(String a, String b) {
    return parse(a).compareTo(parse(b));
  }

  private ComparableVersion parse(String v) {
    if (!isValid(v)) {
      throw new InvalidVersionException(name(), v);
    }
    return new ComparableVersion(v);
  }
}
