package dev.drydock.analyzers.lang.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.testing.FixtureDir;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Package;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PomAnalyzerTest {
  private final PomAnalyzer analyzer = new PomAnalyzer();

  /** "group:artifact" to "version" (or "?reason" when unresolved), plus " dev". */
  private static Map<String, String> view(List<Package> packages) {
    Map<String, String> out = new TreeMap<>();
    for (Package p : packages) {
      String v = p.version() != null ? p.version() : "?" + p.attribute("versionUnresolved");
      out.put(p.namespace() + ":" + p.name(), v + ("true".equals(p.attribute("dev")) ? " dev" : ""));
    }
    return out;
  }

  @Test
  void petclinicDeclaredDependenciesWithParentManagedVersionsUnknown() throws IOException {
    assertThat(analyzer.wants("petclinic/pom.xml", 1, 0644)).isTrue();
    assertThat(analyzer.wants("petclinic/target/classes/META-INF/maven/x/y/pom.xml", 1, 0644)).isFalse();
    List<Package> all = FixtureDir.of("java").analyze(analyzer, "petclinic/pom.xml", "pom/petclinic/pom.xml");
    assertThat(all).filteredOn(p -> p.attribute("project") != null)
        .extracting(p -> p.namespace() + ":" + p.name() + ":" + p.version() + " " + p.attribute("project"))
        .containsExactly("org.springframework.samples:spring-petclinic:3.2.0-SNAPSHOT root");
    List<Package> found = all.stream().filter(p -> p.attribute("project") == null).toList();
    assertThat(found).hasSize(20).allSatisfy(p -> assertThat(p.ecosystem()).isEqualTo(Ecosystem.MAVEN));
    String parent = "?managed by parent org.springframework.boot:spring-boot-starter-parent:3.2.1";
    Map<String, String> expected = new TreeMap<>();
    for (String a : List.of("spring-boot-starter-actuator", "spring-boot-starter-cache",
        "spring-boot-starter-data-jpa", "spring-boot-starter-web", "spring-boot-starter-validation",
        "spring-boot-starter-thymeleaf")) {
      expected.put("org.springframework.boot:" + a, parent);
    }
    for (String a : List.of("spring-boot-starter-test", "spring-boot-devtools", "spring-boot-testcontainers",
        "spring-boot-docker-compose")) {
      expected.put("org.springframework.boot:" + a, parent + " dev");
    }
    expected.put("com.h2database:h2", parent);
    expected.put("com.mysql:mysql-connector-j", parent);
    expected.put("org.postgresql:postgresql", parent);
    expected.put("javax.cache:cache-api", parent);
    expected.put("com.github.ben-manes.caffeine:caffeine", parent);
    expected.put("org.webjars.npm:bootstrap", "5.3.2");
    expected.put("org.webjars.npm:font-awesome", "4.7.0");
    expected.put("org.testcontainers:junit-jupiter", parent + " dev");
    expected.put("org.testcontainers:mysql", parent + " dev");
    expected.put("jakarta.xml.bind:jakarta.xml.bind-api", parent);
    assertThat(view(found)).isEqualTo(expected);
    assertThat(found).allSatisfy(p -> assertThat(p.attribute("declaredIn"))
        .isEqualTo("org.springframework.samples:spring-petclinic:3.2.0-SNAPSHOT"));
  }

  @Test
  void propertiesProjectCoordinatesAndInFileDependencyManagement() throws IOException {
    List<Package> all = FixtureDir.of("java").analyze(analyzer, "shop/orders/pom.xml", "pom/multi/orders/pom.xml");
    assertThat(all).filteredOn(p -> p.attribute("project") != null)
        .extracting(p -> p.namespace() + ":" + p.name() + ":" + p.version() + " " + p.attribute("project"))
        .containsExactly("com.acme.shop:orders:2.3.0 member");
    List<Package> found = all.stream().filter(p -> p.attribute("project") == null).toList();
    Map<String, String> expected = new TreeMap<>(Map.of(
        "com.acme.shop:shop-common", "2.3.0",
        "com.fasterxml.jackson.core:jackson-databind", "2.15.3",
        "org.yaml:snakeyaml", "2.2",
        "org.apache.logging.log4j:log4j-core", "?managed by parent com.acme.shop:shop-parent:2.3.0 or an imported BOM",
        "com.google.guava:guava", "?${guava.version}",
        "org.apache.commons:commons-text", "?[1.10.0,2.0)",
        "junit:junit", "4.13.2 dev"));
    assertThat(view(found)).isEqualTo(expected);
    assertThat(found).hasSize(7);
    // the module has an edge to each declared dependency, by the purl it is reported under (no version when
    // the version is unresolved)
    Package orders = all.stream().filter(p -> p.attribute("project") != null).findFirst().orElseThrow();
    assertThat(orders.dependsOn()).containsExactly("pkg:maven/com.acme.shop/shop-common@2.3.0",
        "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.3", "pkg:maven/com.google.guava/guava",
        "pkg:maven/junit/junit@4.13.2", "pkg:maven/org.apache.commons/commons-text",
        "pkg:maven/org.apache.logging.log4j/log4j-core", "pkg:maven/org.yaml/snakeyaml@2.2");
  }

  @Test
  void notAPomGivesNoFacts() throws IOException {
    assertThat(FixtureDir.of("java").analyzeText(analyzer, "pom.xml", "<settings/>")).isEmpty();
    assertThat(FixtureDir.of("java").analyzeText(analyzer, "pom.xml", "<project><dependencies>")).isEmpty();
  }
}
