package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.report.spdx.SpdxVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: {@code drydock sbom DIR} of a source tree that mixes the manifests and lock files of every ecosystem
 * drydock reads emits a CycloneDX 1.6 and an SPDX 2.3 document that validate, with a component of each ecosystem
 * and a dependency graph where the lock files give one. The files are the analyzers' real-world fixtures
 * (drydock-analyzers/src/test/resources/fixtures, provenance in the FIXTURES.md beside each), copied into one tree.
 */
class MixedTreeSbomCliTest {
  private static final Path FIXTURES = Path.of("../drydock-analyzers/src/test/resources/fixtures");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** fixture file → where it goes in the mixed tree (one project directory per ecosystem, as in a monorepo). */
  private static final List<String[]> FILES = List.of(
      new String[] {"npm/lock-v3/package-lock.json", "web/package-lock.json"},
      new String[] {"npm/berry/yarn.lock", "admin/yarn.lock"},
      new String[] {"python/pipenv/Pipfile.lock", "jobs/Pipfile.lock"},
      new String[] {"golang/gomod/cobra-1.8/go.mod", "cli/go.mod"},
      new String[] {"golang/gomod/cobra-1.8/go.sum", "cli/go.sum"},
      new String[] {"rust/rust-audit-info/Cargo.lock", "agent/Cargo.lock"},
      new String[] {"ruby/rails/Gemfile.lock", "portal/Gemfile.lock"},
      new String[] {"php/app/composer.lock", "shop/composer.lock"},
      new String[] {"dotnet/orders/packages.lock.json", "orders/packages.lock.json"},
      new String[] {"dotnet/TestLibrary.deps.json", "lib/TestLibrary.deps.json"},
      new String[] {"gradle/app/gradle.lockfile", "batch/gradle.lockfile"},
      new String[] {"java/pom/petclinic/pom.xml", "petclinic/pom.xml"},
      // the monorepo's own project at the top: a pnpm lock and the package.json it was made for
      new String[] {"npm/pnpm9/pnpm-lock.yaml", "pnpm-lock.yaml"},
      new String[] {"npm/pnpm9/package.json", "package.json"});

  @TempDir Path tmp;

  @Test
  void aTreeOfEveryFormatGivesValidDocumentsWithEveryEcosystemAndAGraph() throws Exception {
    Path tree = tmp.resolve("monorepo");
    for (String[] f : FILES) {
      Path to = tree.resolve(f[1]);
      Files.createDirectories(to.getParent());
      Files.copy(FIXTURES.resolve(f[0]), to);
    }
    Path cdx = tmp.resolve("sbom.cdx.json");
    Path spdx = tmp.resolve("sbom.spdx.json");
    Cli.Run c = Cli.run("sbom", tree.toString(), "--cache-dir", tmp.resolve("cache").toString(), "--format",
        "cyclonedx", "--output", cdx.toString());
    assertThat(c.exit()).as(c.toString()).isZero();
    Cli.Run s = Cli.run("sbom", tree.toString(), "--cache-dir", tmp.resolve("cache").toString(), "--format", "spdx",
        "--output", spdx.toString());
    assertThat(s.exit()).as(s.toString()).isZero();

    // CycloneDX 1.6: schema-valid, a component of every ecosystem, edges from the lock files
    assertThat(new JsonParser().validate(Files.readAllBytes(cdx), Version.VERSION_16)).isEmpty();
    JsonNode bom = JSON.readTree(cdx.toFile());
    Set<String> types = new TreeSet<>();
    for (JsonNode comp : bom.path("components")) {
      String purl = comp.path("purl").asText("");
      if (purl.startsWith("pkg:")) {
        types.add(purl.substring(4, purl.indexOf('/')));
      }
    }
    assertThat(types).as("purl types in %s", cdx)
        .contains("npm", "pypi", "golang", "cargo", "gem", "composer", "nuget", "maven");
    long withEdges = 0;
    for (JsonNode d : bom.path("dependencies")) {
      if (!d.path("ref").asText().equals(bom.path("metadata").path("component").path("bom-ref").asText())
          && d.path("dependsOn").size() > 0) {
        withEdges++;
      }
    }
    assertThat(withEdges).as("components with their own lock-file edges (not only subject -> everything)")
        .isGreaterThan(100);
    // the project at the top of the tree is the root component, depending on its direct dependencies
    JsonNode root = bom.path("metadata").path("component");
    assertThat(root.path("name").asText() + "@" + root.path("version").asText()).isEqualTo("drydock-fixture-js@1.0.0");
    for (JsonNode d : bom.path("dependencies")) {
      if (d.path("ref").asText().equals(root.path("bom-ref").asText())) {
        List<String> on = new java.util.ArrayList<>();
        d.path("dependsOn").forEach(x -> on.add(x.asText()));
        assertThat(on).anyMatch(x -> x.contains("pkg:npm/debug@2.6.9")).anyMatch(x -> x.contains("pkg:npm/once@1.4.0"));
      }
    }

    // SPDX 2.3: schema and model verification, and DEPENDS_ON relationships
    assertThat(SpdxVerifier.verify(spdx)).isEmpty();
    long dependsOn = 0;
    for (JsonNode r : JSON.readTree(spdx.toFile()).path("relationships")) {
      if (r.path("relationshipType").asText().equals("DEPENDS_ON")) {
        dependsOn++;
      }
    }
    assertThat(dependsOn).isGreaterThan(100);
    JsonNode doc = JSON.readTree(spdx.toFile());
    List<String> described = new java.util.ArrayList<>();
    doc.path("documentDescribes").forEach(x -> described.add(x.asText()));
    for (JsonNode r : doc.path("relationships")) {
      if (r.path("relationshipType").asText().equals("DESCRIBES")) {
        described.add(r.path("relatedSpdxElement").asText());
      }
    }
    List<String> describedNames = new java.util.ArrayList<>();
    for (JsonNode p : doc.path("packages")) {
      if (described.contains(p.path("SPDXID").asText())) {
        describedNames.add(p.path("name").asText() + "@" + p.path("versionInfo").asText());
      }
    }
    assertThat(describedNames).containsExactly("drydock-fixture-js@1.0.0");
  }
}
