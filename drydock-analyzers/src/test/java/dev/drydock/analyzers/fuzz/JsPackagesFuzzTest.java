package dev.drydock.analyzers.fuzz;

import static dev.drydock.analyzers.fuzz.AnalyzerTargets.seed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.analyzers.fuzz.AnalyzerTargets.Case;
import dev.drydock.analyzers.lang.npm.NpmLockAnalyzer;
import dev.drydock.analyzers.lang.npm.NpmManifestAnalyzer;
import dev.drydock.analyzers.lang.npm.NpmPackageJsonAnalyzer;
import dev.drydock.analyzers.lang.npm.PnpmLockAnalyzer;
import dev.drydock.analyzers.lang.npm.YarnLockAnalyzer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JavaScript (issue 18): installed package.json, the app's package.json, package-lock, yarn.lock (v1, berry), pnpm-lock. */
class JsPackagesFuzzTest {
  static final List<Case> CASES = List.of(
      new Case("app/node_modules/debug/package.json", 0644, new NpmPackageJsonAnalyzer()),
      new Case("app/package.json", 0644, new NpmManifestAnalyzer()),
      new Case("app/package-lock.json", 0644, new NpmLockAnalyzer()),
      new Case("app/yarn.lock", 0644, new YarnLockAnalyzer()),
      new Case("app/pnpm-lock.yaml", 0644, new PnpmLockAnalyzer()));

  static Stream<Arguments> seeds() {
    return Stream.of(
        seed(CASES, "app/node_modules/debug/package.json", "npm/image/app/node_modules/debug/package.json"),
        seed(CASES, "app/package.json", "npm/image/app/package.json"),
        seed(CASES, "app/package-lock.json", "npm/lock-v1/package-lock.json"),
        seed(CASES, "app/package-lock.json", "npm/lock-v3/package-lock.json"),
        seed(CASES, "app/yarn.lock", "npm/yarn1/yarn.lock"),
        seed(CASES, "app/yarn.lock", "npm/berry/yarn.lock"),
        seed(CASES, "app/pnpm-lock.yaml", "npm/pnpm9/pnpm-lock.yaml"),
        seed(CASES, "app/pnpm-lock.yaml", "npm/pnpm7/pnpm-lock.yaml"));
  }

  @MethodSource("seeds")
  @FuzzTest
  void jsPackages(byte[] data) {
    AnalyzerTargets.analyze(CASES, data);
  }
}
