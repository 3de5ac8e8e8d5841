package dev.drydock.version;

import dev.drydock.model.Ecosystem;
import dev.drydock.version.apk.ApkVersionScheme;
import dev.drydock.version.cargo.CargoVersionScheme;
import dev.drydock.version.golang.GoVersionScheme;
import dev.drydock.version.maven.MavenVersionScheme;
import dev.drydock.version.semver.NpmVersionScheme;
import dev.drydock.version.composer.ComposerVersionScheme;
import dev.drydock.version.dpkg.DpkgVersionScheme;
import dev.drydock.version.gem.GemVersionScheme;
import dev.drydock.version.nuget.NuGetVersionScheme;
import dev.drydock.version.pep440.Pep440VersionScheme;
import dev.drydock.version.rpm.RpmVersionScheme;
import java.util.Map;
import java.util.Optional;

/** The one visible list of version schemes, by ecosystem and by name. */
public final class VersionSchemes {
  private static final Map<String, VersionScheme> BY_NAME = new java.util.concurrent.ConcurrentHashMap<>();

  static {
    register(new DpkgVersionScheme());
    register(new ApkVersionScheme());
    register(new RpmVersionScheme());
    register(new Pep440VersionScheme());
    register(new GemVersionScheme());
    register(new NuGetVersionScheme());
    register(new ComposerVersionScheme());
    register(new MavenVersionScheme());
    register(new NpmVersionScheme());
    register(new GoVersionScheme());
    register(new CargoVersionScheme());
  }

  private VersionSchemes() {}

  private static void register(VersionScheme s) {
    BY_NAME.put(s.name(), s);
  }

  /** The scheme named {@code name} ({@code dpkg}, {@code rpm}, {@code maven}, {@code npm}, ...). */
  public static Optional<VersionScheme> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The scheme that orders versions of {@code ecosystem}. */
  public static VersionScheme of(Ecosystem ecosystem) {
    String name = switch (ecosystem) {
      case DEB -> "dpkg";
      case APK -> "apk";
      case RPM -> "rpm";
      case MAVEN -> "maven";
      case NPM -> "npm";
      case PYPI -> "pep440";
      case GOLANG -> "go";
      case GEM -> "gem";
      case CARGO -> "cargo";
      case NUGET -> "nuget";
      case COMPOSER -> "composer";
    };
    VersionScheme s = BY_NAME.get(name);
    if (s == null) {
      throw new IllegalStateException("no version scheme registered for " + ecosystem);
    }
    return s;
  }
}
