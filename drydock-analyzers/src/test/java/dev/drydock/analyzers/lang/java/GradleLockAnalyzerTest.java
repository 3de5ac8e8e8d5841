package dev.drydock.analyzers.lang.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.testing.FixtureDir;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Package;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GradleLockAnalyzerTest {
  private final GradleLockAnalyzer analyzer = new GradleLockAnalyzer();

  private static Set<String> ids(List<Package> packages, boolean dev) {
    return packages.stream().filter(p -> "true".equals(p.attribute("dev")) == dev)
        .map(p -> p.namespace() + ":" + p.name() + ":" + p.version())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void gradleLockfileModulesWithTestOnlyModulesAsDev() throws IOException {
    assertThat(analyzer.wants("svc/gradle.lockfile", 1, 0644)).isTrue();
    assertThat(analyzer.wants("svc/settings-gradle.lockfile", 1, 0644)).isTrue();
    assertThat(analyzer.wants("svc/gradle.lockfile.bak", 1, 0644)).isFalse();
    List<Package> found = FixtureDir.of("gradle").analyze(analyzer, "svc/gradle.lockfile", "app/gradle.lockfile");
    assertThat(found).hasSize(11).allSatisfy(p -> assertThat(p.ecosystem()).isEqualTo(Ecosystem.MAVEN));
    assertThat(ids(found, false)).containsExactly(
        "ch.qos.logback:logback-classic:1.4.14", "ch.qos.logback:logback-core:1.4.14",
        "com.fasterxml.jackson.core:jackson-databind:2.15.3", "org.projectlombok:lombok:1.18.30",
        "org.springframework.boot:spring-boot-starter-web:3.2.1", "org.springframework:spring-core:6.1.2",
        "org.yaml:snakeyaml:2.2");
    assertThat(ids(found, true)).containsExactly("net.bytebuddy:byte-buddy:1.14.10",
        "org.junit.jupiter:junit-jupiter-api:5.10.1", "org.junit.jupiter:junit-jupiter-engine:5.10.1",
        "org.mockito:mockito-core:5.7.0");
    Package snake = found.stream().filter(p -> p.name().equals("snakeyaml")).findFirst().orElseThrow();
    assertThat(snake.attribute("configurations"))
        .isEqualTo("productionRuntimeClasspath,runtimeClasspath,testRuntimeClasspath");
  }

  @Test
  void buildscriptLockfileIsBuildTooling() throws IOException {
    assertThat(analyzer.wants("svc/buildscript-gradle.lockfile", 1, 0644)).isTrue();
    List<Package> found = FixtureDir.of("gradle").analyze(analyzer, "svc/buildscript-gradle.lockfile",
        "app/buildscript-gradle.lockfile");
    assertThat(ids(found, true)).containsExactly("io.spring.gradle:dependency-management-plugin:1.1.4",
        "org.springframework.boot:spring-boot-gradle-plugin:3.2.1");
    assertThat(found).hasSize(2);
  }

  @Test
  void malformedLinesAreSkipped() throws IOException {
    assertThat(FixtureDir.of("gradle").analyzeText(analyzer, "gradle.lockfile",
        "# header\nnot-a-module=compileClasspath\na:b=runtimeClasspath\n:b:1=x\nempty=\n")).isEmpty();
  }
}
