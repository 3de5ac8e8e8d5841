package dev.drydock.analyzers.lang.java;

import static dev.drydock.analyzers.lang.java.TestJars.JACKSON_DATABIND;
import static dev.drydock.analyzers.lang.java.TestJars.LOG4J_CORE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.FileInput;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** log4jJndiLookup on the real log4j-core 2.14.1 jar, intact and with JndiLookup.class deleted. */
class Log4jJndiTest {
  final JavaArchiveAnalyzer analyzer = new JavaArchiveAnalyzer();

  @TempDir Path tmp;

  private Package only(String path, Path file) throws IOException {
    List<Fact> facts = analyzer.analyze(FileInput.ofFile(path, file, 0644));
    assertThat(facts).hasSize(1);
    return ((Fact.PackageFound) facts.get(0)).pkg();
  }

  @Test
  void intactLog4jCoreHasTheLookupClass() throws IOException {
    Package p = only("opt/app/lib/log4j-core-2.14.1.jar", LOG4J_CORE.path());
    assertThat(p.name()).isEqualTo("log4j-core");
    assertThat(p.attribute("log4jJndiLookup")).isEqualTo("present");
  }

  @Test
  void log4jCoreWithTheClassDeletedIsAbsent() throws IOException {
    // what `zip -q -d log4j-core-*.jar org/apache/logging/log4j/core/lookup/JndiLookup.class` leaves
    List<TestJars.Entry> kept = new ArrayList<>();
    int removed = 0;
    try (ZipFile zip = ZipFile.builder().setPath(LOG4J_CORE.path()).get()) {
      for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
        if (e.isDirectory()) {
          continue;
        }
        if (e.getName().equals("org/apache/logging/log4j/core/lookup/JndiLookup.class")) {
          removed++;
          continue;
        }
        try (InputStream in = zip.getInputStream(e)) {
          kept.add(TestJars.Entry.deflated(e.getName(), in.readAllBytes()));
        }
      }
    }
    assertThat(removed).isEqualTo(1);
    Path jar = tmp.resolve("log4j-core-2.14.1.jar");
    Files.write(jar, TestJars.zip(kept.toArray(TestJars.Entry[]::new)));
    Package p = only("opt/app/lib/log4j-core-2.14.1.jar", jar);
    assertThat(p.version()).isEqualTo("2.14.1");
    assertThat(p.attribute("log4jJndiLookup")).isEqualTo("absent");
  }

  @Test
  void otherArchivesGetNoAttribute() throws IOException {
    Package p = only("opt/app/lib/jackson-databind-2.9.8.jar", JACKSON_DATABIND.path());
    assertThat(p.attributes()).doesNotContainKey("log4jJndiLookup");
  }

  @Test
  void versionWasBumpedForTheNewAttribute() {
    assertThat(analyzer.version()).isEqualTo(4); // 4: Jenkins manifests, pom.xml, pom.properties anywhere
  }
}
