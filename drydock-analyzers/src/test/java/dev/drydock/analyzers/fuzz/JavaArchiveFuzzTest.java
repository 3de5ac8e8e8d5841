package dev.drydock.analyzers.fuzz;

import static dev.drydock.analyzers.fuzz.AnalyzerTargets.fixture;
import static dev.drydock.analyzers.fuzz.AnalyzerTargets.seed;
import static dev.drydock.analyzers.fuzz.AnalyzerTargets.utf8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.analyzers.fuzz.AnalyzerTargets.Case;
import dev.drydock.analyzers.lang.java.GradleLockAnalyzer;
import dev.drydock.analyzers.lang.java.JavaArchiveAnalyzer;
import dev.drydock.analyzers.lang.java.PomAnalyzer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java (issue 18): jar, war and zip archives (central directory, nested archives, MANIFEST.MF, pom.properties,
 * embedded pom.xml), pom.xml files and Gradle lock files.
 */
class JavaArchiveFuzzTest {
  static final List<Case> CASES = List.of(
      new Case("app/lib/app.jar", 0644, new JavaArchiveAnalyzer()),
      new Case("app/app.war", 0644, new JavaArchiveAnalyzer()),
      new Case("app/pom.xml", 0644, new PomAnalyzer()),
      new Case("app/gradle.lockfile", 0644, new GradleLockAnalyzer()));

  static Stream<Arguments> seeds() {
    byte[] manifest = fixture("java/manifests/jenkins-git-5.2.1.MANIFEST.MF");
    byte[] pom = fixture("java/manifests/netty-buffer-4.1.100.pom.xml");
    byte[] props = utf8("version=4.1.100.Final\ngroupId=io.netty\nartifactId=netty-buffer\n");
    byte[] jar = zip("META-INF/MANIFEST.MF", manifest,
        "META-INF/maven/io.netty/netty-buffer/pom.properties", props,
        "META-INF/maven/io.netty/netty-buffer/pom.xml", pom,
        "io/netty/buffer/ByteBuf.class", new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
    byte[] war = zip("META-INF/MANIFEST.MF", utf8("Manifest-Version: 1.0\n"), "WEB-INF/lib/netty-buffer-4.1.100.Final.jar", jar);
    return Stream.of(
        seed(CASES, "app/lib/app.jar", jar),
        seed(CASES, "app/app.war", war),
        seed(CASES, "app/pom.xml", "java/pom/petclinic/pom.xml"),
        seed(CASES, "app/pom.xml", "java/pom/multi/orders/pom.xml"),
        seed(CASES, "app/gradle.lockfile", "gradle/app/gradle.lockfile"));
  }

  /** A zip of name/content pairs, deflated. */
  static byte[] zip(Object... nameContent) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (int i = 0; i < nameContent.length; i += 2) {
        z.putNextEntry(new ZipEntry((String) nameContent[i]));
        z.write((byte[]) nameContent[i + 1]);
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @MethodSource("seeds")
  @FuzzTest
  void javaArchive(byte[] data) {
    AnalyzerTargets.analyze(CASES, data);
  }
}
