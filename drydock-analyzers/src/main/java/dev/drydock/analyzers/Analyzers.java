package dev.drydock.analyzers;

import java.util.List;

/**
 * The one visible list of analyzers. Add a new analyzer here; nothing is discovered by reflection.
 */
public final class Analyzers {
  private Analyzers() {}

  /** Every built-in analyzer with default options, in a stable order. */
  public static List<Analyzer> all() {
    return all(AnalyzerOptions.DEFAULT);
  }

  /** Every built-in analyzer built with {@code options}, in a stable order. */
  public static List<Analyzer> all(AnalyzerOptions options) {
    return List.of(
        // OS
        new dev.drydock.analyzers.os.release.OsReleaseAnalyzer(),
        // OS packages
        new dev.drydock.analyzers.os.dpkg.DpkgAnalyzer(),
        new dev.drydock.analyzers.os.apk.ApkAnalyzer(),
        new dev.drydock.analyzers.os.rpm.RpmAnalyzer(),
        // language packages
        new dev.drydock.analyzers.lang.java.JavaArchiveAnalyzer(),
        new dev.drydock.analyzers.lang.java.GradleLockAnalyzer(),
        new dev.drydock.analyzers.lang.java.PomAnalyzer(),
        new dev.drydock.analyzers.lang.golang.GoBinaryAnalyzer(),
        new dev.drydock.analyzers.lang.golang.GoModAnalyzer(),
        new dev.drydock.analyzers.lang.rust.CargoAuditableAnalyzer(),
        new dev.drydock.analyzers.lang.rust.CargoLockAnalyzer(),
        new dev.drydock.analyzers.lang.dotnet.DepsJsonAnalyzer(),
        new dev.drydock.analyzers.lang.dotnet.NugetLockAnalyzer(),
        new dev.drydock.analyzers.lang.dotnet.NugetProjectAnalyzer(),
        new dev.drydock.analyzers.lang.npm.NpmPackageJsonAnalyzer(),
        new dev.drydock.analyzers.lang.npm.NpmLockAnalyzer(),
        new dev.drydock.analyzers.lang.npm.YarnLockAnalyzer(),
        new dev.drydock.analyzers.lang.npm.NpmManifestAnalyzer(),
        new dev.drydock.analyzers.lang.npm.PnpmLockAnalyzer(),
        new dev.drydock.analyzers.lang.python.PythonInstalledAnalyzer(),
        new dev.drydock.analyzers.lang.python.PythonLockAnalyzer(),
        new dev.drydock.analyzers.lang.ruby.GemspecAnalyzer(),
        new dev.drydock.analyzers.lang.ruby.GemfileLockAnalyzer(),
        new dev.drydock.analyzers.lang.php.ComposerInstalledAnalyzer(),
        new dev.drydock.analyzers.lang.php.ComposerLockAnalyzer(),
        // secrets
        options.secretRules() == null ? new dev.drydock.analyzers.secret.SecretAnalyzer()
            : new dev.drydock.analyzers.secret.SecretAnalyzer(options.secretRules())
        );
  }

  /** The analyzers that run on targets of {@code kind}, with default options. */
  public static List<Analyzer> forTarget(TargetKind kind) {
    return forTarget(kind, AnalyzerOptions.DEFAULT);
  }

  /** The analyzers that run on targets of {@code kind}, built with {@code options}. */
  public static List<Analyzer> forTarget(TargetKind kind, AnalyzerOptions options) {
    return all(options).stream().filter(a -> a.targets().contains(kind)).toList();
  }
}
