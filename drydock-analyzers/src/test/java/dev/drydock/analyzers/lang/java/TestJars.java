package dev.drydock.analyzers.lang.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Real jars from Maven Central, copied into target/test-jars by maven-dependency-plugin (see
 * fixtures/java/FIXTURES.md), with the .jar.sha1 files Central publishes next to them.
 */
final class TestJars {
  private TestJars() {}

  record Artifact(String groupId, String artifactId, String version) {
    String fileName() {
      return artifactId + "-" + version + ".jar";
    }

    Path path() {
      Path p = DIR.resolve(fileName());
      assertThat(p).as("run the build once without -o to fetch %s", p).isRegularFile();
      return p;
    }

    byte[] bytes() throws IOException {
      return Files.readAllBytes(path());
    }

    /** SHA-1 as published by Maven Central in {@code <file>.sha1}. */
    String centralSha1() throws IOException {
      Path p = DIR.resolve(fileName() + ".sha1");
      assertThat(p).isRegularFile();
      String text = Files.readString(p, StandardCharsets.US_ASCII).trim();
      String hex = text.split("\\s+")[0];
      assertThat(hex).matches("[0-9a-f]{40}");
      return hex;
    }
  }

  static final Path DIR = Path.of("target", "test-jars");

  static final Artifact LOG4J_CORE = new Artifact("org.apache.logging.log4j", "log4j-core", "2.14.1");
  static final Artifact JACKSON_DATABIND = new Artifact("com.fasterxml.jackson.core", "jackson-databind", "2.9.8");
  static final Artifact SPRING_CORE = new Artifact("org.springframework", "spring-core", "5.3.17");
  static final Artifact SPRING_BEANS = new Artifact("org.springframework", "spring-beans", "5.3.17");
  static final Artifact COMMONS_TEXT = new Artifact("org.apache.commons", "commons-text", "1.9");
  static final Artifact SNAKEYAML = new Artifact("org.yaml", "snakeyaml", "1.33");
  /** An OSGi bundle without pom.properties (Bundle-SymbolicName org.objectweb.asm). */
  static final Artifact ASM = new Artifact("org.ow2.asm", "asm", "9.2");

  static final List<Artifact> ALL =
      List.of(LOG4J_CORE, JACKSON_DATABIND, SPRING_CORE, SPRING_BEANS, COMMONS_TEXT, SNAKEYAML, ASM);

  /** One entry of a zip being built; {@code stored} writes it uncompressed, as Spring Boot does for libs. */
  record Entry(String name, byte[] content, boolean stored) {
    static Entry deflated(String name, byte[] content) {
      return new Entry(name, content, false);
    }

    static Entry stored(String name, byte[] content) {
      return new Entry(name, content, true);
    }

    static Entry text(String name, String content) {
      return new Entry(name, content.getBytes(StandardCharsets.UTF_8), false);
    }
  }

  static byte[] zip(Entry... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
      for (Entry e : entries) {
        ZipArchiveEntry z = new ZipArchiveEntry(e.name());
        if (e.stored()) {
          CRC32 crc = new CRC32();
          crc.update(e.content());
          z.setMethod(ZipArchiveEntry.STORED);
          z.setSize(e.content().length);
          z.setCrc(crc.getValue());
        } else {
          z.setMethod(ZipArchiveEntry.DEFLATED);
        }
        out.putArchiveEntry(z);
        out.write(e.content());
        out.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  static String pomProperties(String groupId, String artifactId, String version) {
    return "#Created by Apache Maven 3.8.4\nversion=" + version + "\ngroupId=" + groupId + "\nartifactId="
        + artifactId + "\n";
  }

  static String pomPropertiesPath(String groupId, String artifactId) {
    return "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
  }
}
