package dev.drydock.cli;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import dev.drydock.model.archfixture.UpwardImport;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of docs/DESIGN.md, checked on the compiled classes of every module: arrows point down
 * (model at the bottom; version, secrets and yaml are libraries just above it; image, analyzers, vulndb, gate,
 * checks and report are siblings that never import each other; daemon reads images from local engines on top of
 * image, for the engine alone; the engine composes them; the CLI is on top).
 * A new upward or sideways import fails the build.
 */
class ModuleArrowsTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.drydock");

  static LayeredArchitecture arrows() {
    return layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("model").definedBy("dev.drydock.model..")
        .layer("version").definedBy("dev.drydock.version..")
        .layer("secrets").definedBy("dev.drydock.secrets..")
        .layer("yaml").definedBy("dev.drydock.yaml..")
        .layer("image").definedBy("dev.drydock.image..")
        .layer("daemon").definedBy("dev.drydock.daemon..")
        .layer("analyzers").definedBy("dev.drydock.analyzers..")
        .layer("vulndb").definedBy("dev.drydock.vulndb..")
        .layer("gate").definedBy("dev.drydock.gate..")
        .layer("checks").definedBy("dev.drydock.checks..")
        .layer("report").definedBy("dev.drydock.report..")
        .layer("engine").definedBy("dev.drydock.engine..")
        // the server is a front end beside the CLI: it uses the engine (and model, report) only; the CLI reaches it
        // for 'drydock server', so it sits between the engine and the CLI
        .layer("server").definedBy("dev.drydock.server..")
        .layer("cli").definedBy("dev.drydock.cli..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("server").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("engine").mayOnlyBeAccessedByLayers("server", "cli")
        .whereLayer("image").mayOnlyBeAccessedByLayers("daemon", "engine", "cli")
        .whereLayer("daemon").mayOnlyBeAccessedByLayers("engine")
        .whereLayer("analyzers").mayOnlyBeAccessedByLayers("engine", "cli")
        .whereLayer("vulndb").mayOnlyBeAccessedByLayers("engine", "cli")
        .whereLayer("gate").mayOnlyBeAccessedByLayers("engine", "cli")
        .whereLayer("checks").mayOnlyBeAccessedByLayers("engine", "cli")
        .whereLayer("report").mayOnlyBeAccessedByLayers("engine", "server", "cli")
        .whereLayer("yaml").mayOnlyBeAccessedByLayers("vulndb", "gate", "checks", "engine", "cli")
        .whereLayer("secrets").mayOnlyBeAccessedByLayers("analyzers", "engine", "cli")
        .whereLayer("version").mayOnlyBeAccessedByLayers("vulndb", "gate", "analyzers", "checks", "engine", "cli")
        .whereLayer("model").mayOnlyBeAccessedByLayers("version", "secrets", "yaml", "image", "daemon", "analyzers", "vulndb", "gate",
            "checks", "report", "engine", "server", "cli");
  }

  @Test
  void everyModuleImportsOnlyTheModulesBelowIt() {
    assertThat(MAIN.stream().map(c -> c.getPackageName()).filter(p -> p.startsWith("dev.drydock.")).distinct()
        .count()).as("classes of every module were found").isGreaterThan(30);
    arrows().check(MAIN);
  }

  @Test
  void aDeliberateUpwardImportFailsTheRule() {
    JavaClasses withUpward = new ClassFileImporter().importClasses(UpwardImport.class, dev.drydock.engine.Scanner.class);
    assertThatThrownBy(() -> arrows().check(withUpward)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("UpwardImport");
  }

  /**
   * The CLI should parse options, call the engine and render (issue 11): it may import the engine, the model
   * and report rendering. This list of CLI classes that still reach past the engine into a module below it is
   * empty now and may only stay so: a CLI class that imports image, analyzers, vulndb, gate, checks or secrets
   * fails the build (and so would a listed one that no longer needs to be listed).
   */
  private static final Set<String> CLI_REACHING_PAST_THE_ENGINE = Set.of();

  @Test
  void theCliReachesPastTheEngineOnlyWhereItAlreadyDid() {
    Set<String> found = new TreeSet<>();
    for (var c : MAIN) {
      if (!c.getPackageName().equals("dev.drydock.cli")) {
        continue;
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getPackageName();
        if (!target.startsWith("dev.drydock.")) {
          continue;
        }
        String module = target.substring("dev.drydock.".length()).split("\\.")[0];
        // "server": the CLI starts the server module (itself a front end on the engine) for 'drydock server'
        if (!Set.of("cli", "engine", "model", "report", "server").contains(module)) {
          String outer = c.getSimpleName().isEmpty() || c.getName().contains("$")
              ? c.getName().substring("dev.drydock.cli.".length()).split("\\$")[0] : c.getSimpleName();
          found.add(outer + " -> " + module);
        }
      }
    }
    assertThat(found).as("CLI classes importing modules below the engine").containsExactlyInAnyOrderElementsOf(
        CLI_REACHING_PAST_THE_ENGINE);
  }
}
