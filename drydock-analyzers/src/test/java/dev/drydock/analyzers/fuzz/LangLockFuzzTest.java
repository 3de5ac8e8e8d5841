package dev.drydock.analyzers.fuzz;

import static dev.drydock.analyzers.fuzz.AnalyzerTargets.seed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.analyzers.fuzz.AnalyzerTargets.Case;
import dev.drydock.analyzers.lang.dotnet.DepsJsonAnalyzer;
import dev.drydock.analyzers.lang.dotnet.NugetLockAnalyzer;
import dev.drydock.analyzers.lang.dotnet.NugetProjectAnalyzer;
import dev.drydock.analyzers.lang.golang.GoModAnalyzer;
import dev.drydock.analyzers.lang.php.ComposerInstalledAnalyzer;
import dev.drydock.analyzers.lang.php.ComposerLockAnalyzer;
import dev.drydock.analyzers.lang.python.PythonInstalledAnalyzer;
import dev.drydock.analyzers.lang.python.PythonLockAnalyzer;
import dev.drydock.analyzers.lang.ruby.GemfileLockAnalyzer;
import dev.drydock.analyzers.lang.ruby.GemspecAnalyzer;
import dev.drydock.analyzers.lang.rust.CargoLockAnalyzer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Language lock files and installed-package metadata (issue 18): Python (METADATA, PKG-INFO, poetry.lock,
 * Pipfile.lock, requirements), Cargo.lock, .NET (deps.json, packages.lock.json, projects, packages.config),
 * Composer (composer.lock, installed.json), Ruby (Gemfile.lock, gemspec), go.mod and go.sum.
 */
class LangLockFuzzTest {
  static final List<Case> CASES = List.of(
      new Case("usr/lib/python3/site-packages/urllib3-2.7.0.dist-info/METADATA", 0644, new PythonInstalledAnalyzer()),
      new Case("usr/lib/python3/site-packages/six-1.16.0.egg-info/PKG-INFO", 0644, new PythonInstalledAnalyzer()),
      new Case("app/poetry.lock", 0644, new PythonLockAnalyzer()),
      new Case("app/Pipfile.lock", 0644, new PythonLockAnalyzer()),
      new Case("app/requirements.txt", 0644, new PythonLockAnalyzer()),
      new Case("app/Cargo.lock", 0644, new CargoLockAnalyzer()),
      new Case("app/App.deps.json", 0644, new DepsJsonAnalyzer()),
      new Case("app/packages.lock.json", 0644, new NugetLockAnalyzer()),
      new Case("app/App.csproj", 0644, new NugetProjectAnalyzer()),
      new Case("app/packages.config", 0644, new NugetProjectAnalyzer()),
      new Case("app/composer.lock", 0644, new ComposerLockAnalyzer()),
      new Case("app/vendor/composer/installed.json", 0644, new ComposerInstalledAnalyzer()),
      new Case("app/Gemfile.lock", 0644, new GemfileLockAnalyzer()),
      new Case("usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec", 0644, new GemspecAnalyzer()),
      new Case("app/go.mod", 0644, new GoModAnalyzer()),
      new Case("app/go.sum", 0644, new GoModAnalyzer()));

  static Stream<Arguments> seeds() {
    return Stream.of(
        seed(CASES, "usr/lib/python3/site-packages/urllib3-2.7.0.dist-info/METADATA",
            "python/site-packages/urllib3-2.7.0.dist-info/METADATA"),
        seed(CASES, "usr/lib/python3/site-packages/six-1.16.0.egg-info/PKG-INFO", "python/eggs/six-1.16.0.PKG-INFO"),
        seed(CASES, "app/poetry.lock", "python/poetry-old/poetry.lock"),
        seed(CASES, "app/Pipfile.lock", "python/pipenv/Pipfile.lock"),
        seed(CASES, "app/requirements.txt", "python/requirements/requirements-comments.txt"),
        seed(CASES, "app/Cargo.lock", "rust/rust-audit-info/Cargo.lock"),
        seed(CASES, "app/App.deps.json", "dotnet/TestLibrary.deps.json"),
        seed(CASES, "app/packages.lock.json", "dotnet/orders/packages.lock.json"),
        seed(CASES, "app/App.csproj", "dotnet/orders/OrdersApi.csproj"),
        seed(CASES, "app/packages.config", "dotnet/orders/packages.config"),
        seed(CASES, "app/composer.lock", "php/app/composer.lock"),
        seed(CASES, "app/vendor/composer/installed.json", "php/app/vendor/composer/installed.json"),
        seed(CASES, "app/Gemfile.lock", "ruby/rails/Gemfile.lock"),
        seed(CASES, "usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec",
            "ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec"),
        seed(CASES, "app/go.mod", "golang/gomod/cobra-1.8/go.mod"),
        seed(CASES, "app/go.sum", "golang/gomod/cobra-1.8/go.sum"));
  }

  @MethodSource("seeds")
  @FuzzTest
  void langLock(byte[] data) {
    AnalyzerTargets.analyze(CASES, data);
  }
}
