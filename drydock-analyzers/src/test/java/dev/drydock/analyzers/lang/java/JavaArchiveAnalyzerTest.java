package dev.drydock.analyzers.lang.java;

import static dev.drydock.analyzers.lang.java.TestJars.ASM;
import static dev.drydock.analyzers.lang.java.TestJars.COMMONS_TEXT;
import static dev.drydock.analyzers.lang.java.TestJars.JACKSON_DATABIND;
import static dev.drydock.analyzers.lang.java.TestJars.LOG4J_CORE;
import static dev.drydock.analyzers.lang.java.TestJars.SNAKEYAML;
import static dev.drydock.analyzers.lang.java.TestJars.SPRING_BEANS;
import static dev.drydock.analyzers.lang.java.TestJars.SPRING_CORE;
import static dev.drydock.analyzers.lang.java.TestJars.pomProperties;
import static dev.drydock.analyzers.lang.java.TestJars.pomPropertiesPath;
import static dev.drydock.analyzers.lang.java.TestJars.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.analyzers.lang.java.TestJars.Artifact;
import dev.drydock.analyzers.lang.java.TestJars.Entry;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class JavaArchiveAnalyzerTest {
  static final List<Artifact> REAL_JARS = TestJars.ALL;

  final JavaArchiveAnalyzer analyzer = new JavaArchiveAnalyzer();

  @TempDir Path tmp;

  @Test
  void describesItself() {
    assertThat(analyzer.name()).isEqualTo("java-archive");
    assertThat(analyzer.targets()).containsExactlyInAnyOrder(TargetKind.IMAGE, TargetKind.SOURCE);
  }

  @Test
  void wantsJavaArchivesByExtensionIgnoringCase() {
    for (String p : List.of("app/a.jar", "x.WAR", "opt/b.ear", "c.par", "d.sar", "e.jpi", "f.HPI", "g.kar",
        "h.nar", "usr/share/java/Foo.Jar")) {
      assertThat(analyzer.wants(p, 10, 0644)).as(p).isTrue();
    }
    for (String p : List.of("a.zip", "a.jar.sha1", "a.jarx", "jar", "a.class", "META-INF/MANIFEST.MF")) {
      assertThat(analyzer.wants(p, 10, 0644)).as(p).isFalse();
    }
  }

  @ParameterizedTest
  @FieldSource("REAL_JARS")
  void identifiesRealJarFromMavenCentral(Artifact a) throws IOException {
    String path = "opt/app/lib/" + a.fileName();
    List<Fact> facts = analyzer.analyze(FileInput.ofFile(path, a.path(), 0644));

    assertThat(facts).hasSize(1);
    Fact.PackageFound found = (Fact.PackageFound) facts.get(0);
    assertThat(found.path()).isEqualTo(path);
    Package p = found.pkg();
    assertThat(p.ecosystem()).isEqualTo(Ecosystem.MAVEN);
    assertThat(p.namespace()).isEqualTo(a.groupId());
    assertThat(p.name()).isEqualTo(a.artifactId());
    assertThat(p.version()).isEqualTo(a.version());
    assertThat(p.location()).isEqualTo(path);
    assertThat(p.attribute("sha1")).isEqualTo(a.centralSha1());
  }

  @Test
  void recordsHowCoordinatesWereDerived() throws IOException {
    assertThat(single(LOG4J_CORE).attribute("derivation")).isEqualTo("pom.properties");
    assertThat(single(LOG4J_CORE).attribute("pomProperties"))
        .isEqualTo("META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties");
    // spring-core 5.3.17 is built by Gradle: no pom.properties, Automatic-Module-Name spring.core
    assertThat(single(SPRING_CORE).attribute("derivation"))
        .isEqualTo("table:Automatic-Module-Name+filename+manifest:Implementation-Version");
    // asm 9.2 is an OSGi bundle without pom.properties: Bundle-SymbolicName org.objectweb.asm
    assertThat(single(ASM).attribute("derivation"))
        .isEqualTo("table:Bundle-SymbolicName+filename+manifest:Implementation-Version");
  }

  @Test
  void licencesComeFromBundleLicense() throws IOException {
    assertThat(single(ASM).licenses()).containsExactly("BSD-3-Clause");
    assertThat(single(COMMONS_TEXT).licenses()).containsExactly("https://www.apache.org/licenses/LICENSE-2.0.txt");
    assertThat(single(SPRING_CORE).licenses()).isEmpty();
  }

  @Test
  void withoutPomPropertiesOrManifestVersionUsesPackagesAndFileName() throws IOException {
    byte[] jar = zip(
        Entry.text("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nCreated-By: test\r\n\r\n"),
        Entry.deflated("com/acme/widgets/core/Widget.class", new byte[] {(byte) 0xCA, (byte) 0xFE}),
        Entry.deflated("com/acme/widgets/core/Gadget.class", new byte[] {(byte) 0xCA, (byte) 0xFE}),
        Entry.deflated("com/acme/widgets/util/Strings.class", new byte[] {(byte) 0xCA, (byte) 0xFE}),
        Entry.deflated("org/other/Thing.class", new byte[] {(byte) 0xCA, (byte) 0xFE}));
    List<Package> pkgs = packages("lib/widgets-2.0.1.jar", jar);

    assertThat(pkgs).extracting(Package::namespace, Package::name, Package::version, p -> p.attribute("derivation"))
        .containsExactly(tuple("com.acme.widgets", "widgets", "2.0.1", "package-prefix+filename"));
  }

  @Test
  void springBootFatJarReportsItselfAndEveryBootInfLib() throws IOException {
    byte[] fat = zip(
        Entry.text("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMain-Class: "
            + "org.springframework.boot.loader.JarLauncher\r\nStart-Class: com.example.demo.DemoApplication\r\n"
            + "Spring-Boot-Classes: BOOT-INF/classes/\r\nSpring-Boot-Lib: BOOT-INF/lib/\r\n\r\n"),
        Entry.text(pomPropertiesPath("com.example", "demo"), pomProperties("com.example", "demo", "0.0.1-SNAPSHOT")),
        Entry.deflated("org/springframework/boot/loader/JarLauncher.class", new byte[] {1, 2, 3}),
        Entry.deflated("BOOT-INF/classes/com/example/demo/DemoApplication.class", new byte[] {1, 2, 3}),
        Entry.text("BOOT-INF/classes/application.properties", "server.port=8080\n"),
        Entry.stored("BOOT-INF/lib/spring-core-5.3.17.jar", SPRING_CORE.bytes()),
        Entry.stored("BOOT-INF/lib/spring-beans-5.3.17.jar", SPRING_BEANS.bytes()),
        Entry.stored("BOOT-INF/lib/log4j-core-2.14.1.jar", LOG4J_CORE.bytes()),
        Entry.stored("BOOT-INF/lib/jackson-databind-2.9.8.jar", JACKSON_DATABIND.bytes()));
    String path = "app/demo-0.0.1-SNAPSHOT.jar";
    Map<String, Package> byName = byName(packages(path, fat));

    assertThat(byName).containsOnlyKeys("demo", "spring-core", "spring-beans", "log4j-core", "jackson-databind");
    Package demo = byName.get("demo");
    assertThat(demo.namespace()).isEqualTo("com.example");
    assertThat(demo.version()).isEqualTo("0.0.1-SNAPSHOT");
    assertThat(demo.location()).isEqualTo(path);
    assertThat(demo.attribute("sha1")).isEqualTo(sha1(fat));
    for (Artifact a : List.of(SPRING_CORE, SPRING_BEANS, LOG4J_CORE, JACKSON_DATABIND)) {
      assertNested(byName.get(a.artifactId()), a, path + "!/BOOT-INF/lib/" + a.fileName());
    }
  }

  @Test
  void warReportsWebInfLibJars() throws IOException {
    byte[] war = zip(
        Entry.text("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n"),
        Entry.text("WEB-INF/web.xml", "<web-app/>"),
        Entry.deflated("WEB-INF/classes/com/shop/Cart.class", new byte[] {1}),
        Entry.deflated("WEB-INF/lib/commons-text-1.9.jar", COMMONS_TEXT.bytes()),
        Entry.deflated("WEB-INF/lib/snakeyaml-1.33.jar", SNAKEYAML.bytes()));
    String path = "usr/local/tomcat/webapps/shop.war";
    List<Package> pkgs = packages(path, war);

    // shop.war itself has neither pom.properties nor a version: it is not a package
    assertThat(pkgs).extracting(Package::name).containsExactlyInAnyOrder("commons-text", "snakeyaml");
    Map<String, Package> byName = byName(pkgs);
    assertNested(byName.get("commons-text"), COMMONS_TEXT, path + "!/WEB-INF/lib/commons-text-1.9.jar");
    assertNested(byName.get("snakeyaml"), SNAKEYAML, path + "!/WEB-INF/lib/snakeyaml-1.33.jar");
  }

  @Test
  void earWithWarWithLibIsReadThreeDeep() throws IOException {
    byte[] inner = zip(
        Entry.text(pomPropertiesPath("com.example", "inner"), pomProperties("com.example", "inner", "3.0")),
        Entry.stored("lib/snakeyaml-1.33.jar", SNAKEYAML.bytes()));
    byte[] middle = zip(
        Entry.text(pomPropertiesPath("com.example", "web"), pomProperties("com.example", "web", "2.0")),
        Entry.deflated("WEB-INF/lib/inner-3.0.jar", inner));
    byte[] ear = zip(
        Entry.text(pomPropertiesPath("com.example", "app"), pomProperties("com.example", "app", "1.0")),
        Entry.stored("web-2.0.war", middle));
    String path = "opt/app-1.0.ear";
    Map<String, Package> byName = byName(packages(path, ear));

    assertThat(byName).containsOnlyKeys("app", "web", "inner", "snakeyaml");
    assertThat(byName.get("web").location()).isEqualTo("opt/app-1.0.ear!/web-2.0.war");
    assertThat(byName.get("web").attribute("sha1")).isEqualTo(sha1(middle));
    assertThat(byName.get("inner").location()).isEqualTo("opt/app-1.0.ear!/web-2.0.war!/WEB-INF/lib/inner-3.0.jar");
    assertThat(byName.get("inner").attribute("sha1")).isEqualTo(sha1(inner));
    assertNested(byName.get("snakeyaml"), SNAKEYAML,
        "opt/app-1.0.ear!/web-2.0.war!/WEB-INF/lib/inner-3.0.jar!/lib/snakeyaml-1.33.jar");
  }

  @Test
  void nestingDeeperThanTheLimitFailsClosed() throws IOException {
    byte[] level3 = zip(Entry.stored("lib/snakeyaml-1.33.jar", SNAKEYAML.bytes()));
    byte[] level2 = zip(Entry.stored("lib/l3-1.0.jar", level3));
    byte[] level1 = zip(Entry.stored("lib/l2-1.0.jar", level2));
    ArchiveLimits shallow = new ArchiveLimits(256L << 20, 2, 1L << 30, 100, 16 << 20, 100);

    // depth 0..2 may be read, depth 3 (snakeyaml) may not: the scan stops rather than skip it
    assertThatThrownBy(() -> packages(new JavaArchiveAnalyzer(shallow), "l1-1.0.jar", level1))
        .isInstanceOf(DrydockException.class)
        .hasMessage("l1-1.0.jar!/lib/l2-1.0.jar!/lib/l3-1.0.jar!/lib/snakeyaml-1.33.jar: "
            + "archives nested deeper than 2 levels (limit)");
    ArchiveLimits deepEnough = new ArchiveLimits(256L << 20, 3, 1L << 30, 100, 16 << 20, 100);
    assertThat(packages(new JavaArchiveAnalyzer(deepEnough), "l1-1.0.jar", level1)).extracting(Package::name)
        .containsExactly("l1", "l2", "l3", "snakeyaml");
  }

  @Test
  void shadedJarReportsEveryPomPropertiesAndOwnsTheOneMatchingItsName() throws IOException {
    byte[] shaded = zip(
        Entry.text(pomPropertiesPath("org.yaml", "snakeyaml"), pomProperties("org.yaml", "snakeyaml", "1.33")),
        Entry.text(pomPropertiesPath("com.example", "tool"), pomProperties("com.example", "tool", "4.2")),
        Entry.deflated("com/example/tool/Main.class", new byte[] {1}),
        Entry.deflated("org/yaml/snakeyaml/Yaml.class", new byte[] {1}));
    String path = "opt/tool-4.2-all.jar";
    Map<String, Package> byName = byName(packages(path, shaded));

    assertThat(byName).containsOnlyKeys("tool", "snakeyaml");
    Package tool = byName.get("tool");
    assertThat(tool.namespace()).isEqualTo("com.example");
    assertThat(tool.version()).isEqualTo("4.2");
    assertThat(tool.attribute("sha1")).isEqualTo(sha1(shaded));
    Package yaml = byName.get("snakeyaml");
    assertThat(yaml.namespace()).isEqualTo("org.yaml");
    assertThat(yaml.version()).isEqualTo("1.33");
    assertThat(yaml.location()).isEqualTo(path);
    assertThat(yaml.attribute("sha1")).as("the shaded jar's digest does not identify snakeyaml").isNull();
    assertThat(yaml.attribute("embeddedIn")).isEqualTo(path);
  }

  @Test
  void zipBombNestedArchiveFailsClosedByItsCompressionRatio() throws IOException {
    Path jar = bombedJar(300);
    long spillsBefore = spilledTempFiles();

    assertThatThrownBy(() -> packages(analyzer, "app/bombed-1.0.jar", Files.readAllBytes(jar)))
        .isInstanceOf(DrydockException.class)
        .hasMessage("app/bombed-1.0.jar!/BOOT-INF/lib/bomb-1.0.jar: zip bomb: "
            + "entry inflates to more than 100 times its compressed size (limit)");
    assertThat(spilledTempFiles()).as("no temp file is left behind").isEqualTo(spillsBefore);

    // without the ratio rule the 40 MB budget of the outer archive stops it
    ArchiveLimits noRatio = new ArchiveLimits(256L << 20, 8, 40L << 20, 100, 16 << 20, Long.MAX_VALUE);
    assertThatThrownBy(() -> packages(new JavaArchiveAnalyzer(noRatio), "app/bombed-1.0.jar", Files.readAllBytes(jar)))
        .isInstanceOf(DrydockException.class)
        .hasMessage("app/bombed-1.0.jar!/BOOT-INF/lib/bomb-1.0.jar: zip bomb: "
            + "archive inflates past 40 MiB in total (limit)");
  }

  @Test
  void zipBombNestedArchiveFailsClosedAtTheSizeCapWhenItsHeaderLies() throws IOException {
    Path jar = bombedJar(40);
    // ratio check off: only the streaming size cap (8 MB, spilling to disk past 1 MB) can stop it
    ArchiveLimits cap = new ArchiveLimits(8L << 20, 8, 20L << 20, 100, 1 << 20, Long.MAX_VALUE);
    long spillsBefore = spilledTempFiles();

    assertThatThrownBy(() -> packages(new JavaArchiveAnalyzer(cap), "app/bombed-1.0.jar", Files.readAllBytes(jar)))
        .isInstanceOf(DrydockException.class)
        .hasMessage("app/bombed-1.0.jar!/BOOT-INF/lib/bomb-1.0.jar: zip bomb: entry inflates past 8 MiB (limit)");
    assertThat(spilledTempFiles()).as("temp file of the bomb is deleted").isEqualTo(spillsBefore);
    ArchiveLimits roomy = new ArchiveLimits(64L << 20, 8, 20L << 20, 100, 1 << 20, Long.MAX_VALUE);
    assertThatThrownBy(() -> packages(new JavaArchiveAnalyzer(roomy), "app/bombed-1.0.jar", Files.readAllBytes(jar)))
        .as("under a 64 MB cap the bomb reads on until it spends the whole 20 MB budget")
        .isInstanceOf(DrydockException.class)
        .hasMessage("app/bombed-1.0.jar!/BOOT-INF/lib/bomb-1.0.jar: zip bomb: "
            + "archive inflates past 20 MiB in total (limit)");
    assertThat(spilledTempFiles()).isEqualTo(spillsBefore);
    ArchiveLimits bigEnough = new ArchiveLimits(64L << 20, 8, 100L << 20, 100, 1 << 20, Long.MAX_VALUE);
    assertThat(packages(new JavaArchiveAnalyzer(bigEnough), "app/bombed-1.0.jar", Files.readAllBytes(jar)))
        .as("within the limits 40 MB of zeros is merely no zip: skipped as corrupt, snakeyaml still read")
        .extracting(Package::name).containsExactlyInAnyOrder("bombed", "snakeyaml");
  }

  /**
   * bombed-1.0.jar: BOOT-INF/lib/bomb-1.0.jar inflating to {@code megabytes} MB of zeros from about 1 KB
   * per MB, its headers claiming 1000 bytes, next to a real snakeyaml jar.
   */
  private Path bombedJar(int megabytes) throws IOException {
    // raw deflate: one fully flushed block of 1 MB of zeros repeated (a full flush resets the
    // compressor, so the copies concatenate), then an empty final block
    byte[] zeros = new byte[1 << 20];
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
    deflater.setInput(zeros);
    byte[] buf = new byte[1 << 16];
    var block = new java.io.ByteArrayOutputStream();
    int n;
    while ((n = deflater.deflate(buf, 0, buf.length, java.util.zip.Deflater.FULL_FLUSH)) > 0) {
      block.write(buf, 0, n);
      if (n < buf.length) {
        break;
      }
    }
    deflater.end();
    java.util.zip.Deflater last = new java.util.zip.Deflater(9, true);
    last.finish();
    int tail = last.deflate(buf);
    last.end();
    long inflated = (long) megabytes << 20;
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    Path bombEntry = tmp.resolve("bomb-" + megabytes + ".deflate");
    try (var out = Files.newOutputStream(bombEntry)) {
      for (int i = 0; i < megabytes; i++) {
        out.write(block.toByteArray());
        crc.update(zeros);
      }
      out.write(buf, 0, tail);
    }
    // the stream really inflates to that many bytes
    try (var in = new java.util.zip.InflaterInputStream(Files.newInputStream(bombEntry),
        new java.util.zip.Inflater(true))) {
      assertThat(in.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(inflated);
    }
    Path jar = tmp.resolve("bombed-" + megabytes + ".jar");
    try (var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(jar)) {
      var e = new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("BOOT-INF/lib/bomb-1.0.jar");
      e.setMethod(java.util.zip.ZipEntry.DEFLATED);
      e.setSize(1000); // a lie
      e.setCompressedSize(Files.size(bombEntry));
      e.setCrc(crc.getValue());
      try (var raw = Files.newInputStream(bombEntry)) {
        out.addRawArchiveEntry(e, raw);
      }
      var yaml = new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("BOOT-INF/lib/snakeyaml-1.33.jar");
      out.putArchiveEntry(yaml);
      out.write(SNAKEYAML.bytes());
      out.closeArchiveEntry();
    }
    assertThat(Files.size(jar)).isLessThan(1L << 20);
    return jar;
  }

  @Test
  void totalInflatedBudgetPerOuterArchiveFailsClosed() throws IOException {
    byte[] big = zip(
        Entry.text(pomPropertiesPath("com.example", "big"), pomProperties("com.example", "big", "1")),
        Entry.stored("padding.bin", new byte[600_000]));
    byte[] outer = zip(
        Entry.stored("lib/big-1.jar", big),
        Entry.stored("lib/big-2.jar", big),
        Entry.stored("lib/snakeyaml-1.33.jar", SNAKEYAML.bytes()));
    ArchiveLimits budget = new ArchiveLimits(256L << 20, 8, 1_000_000, 100, 16 << 20, 100);

    // the first nested archive fits in the 1,000,000 byte budget; the second does not
    assertThatThrownBy(() -> packages(new JavaArchiveAnalyzer(budget), "outer.jar", outer))
        .isInstanceOf(DrydockException.class)
        .hasMessage("outer.jar!/lib/big-2.jar: zip bomb: archive inflates past 1000000 bytes in total (limit)");
    assertThat(packages("outer.jar", outer)).hasSize(3);
  }

  @Test
  void nestedEntryOverTheSizeCapFailsClosedWhenItsHeaderTellsTheTruth() throws IOException {
    byte[] outer = zip(
        Entry.stored("lib/commons-text-1.9.jar", COMMONS_TEXT.bytes()),
        Entry.stored("lib/snakeyaml-1.33.jar", SNAKEYAML.bytes()));
    // snakeyaml is 331,715 bytes, commons-text 216,211
    ArchiveLimits cap = new ArchiveLimits(300_000, 8, 1L << 30, 100, 16 << 20, 100);
    assertThatThrownBy(() -> packages(new JavaArchiveAnalyzer(cap), "outer.jar", outer))
        .isInstanceOf(DrydockException.class)
        .hasMessage("outer.jar!/lib/snakeyaml-1.33.jar: zip bomb: entry inflates past 300000 bytes (limit)");
    ArchiveLimits roomy = new ArchiveLimits(340_000, 8, 1L << 30, 100, 16 << 20, 100);
    assertThat(packages(new JavaArchiveAnalyzer(roomy), "outer.jar", outer)).extracting(Package::name)
        .containsExactly("commons-text", "snakeyaml");
  }

  @Test
  void tooManyNestedArchivesFailClosed() throws IOException {
    byte[] outer = zip(
        Entry.stored("lib/commons-text-1.9.jar", COMMONS_TEXT.bytes()),
        Entry.stored("lib/snakeyaml-1.33.jar", SNAKEYAML.bytes()));
    ArchiveLimits one = new ArchiveLimits(256L << 20, 8, 1L << 30, 1, 16 << 20, 100);
    assertThatThrownBy(() -> packages(new JavaArchiveAnalyzer(one), "outer.jar", outer))
        .isInstanceOf(DrydockException.class)
        .hasMessage("outer.jar!/lib/snakeyaml-1.33.jar: zip bomb: more than 1 nested archives (limit)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "a/../../x", "..", "C:/Windows/x.dll", "a//../../x",
      "./../x"})
  void zipSlipEntryNameFailsClosed(String name) throws IOException {
    byte[] jar = zip(
        Entry.text(pomPropertiesPath("com.example", "app"), pomProperties("com.example", "app", "1.0")),
        Entry.text(name, "root:x:0:0::/root:/bin/sh\n"));
    assertThatThrownBy(() -> packages("opt/app.jar", jar))
        .isInstanceOf(DrydockException.class)
        .hasMessage("opt/app.jar: entry '" + name + "' escapes the archive (zip-slip)");
  }

  @Test
  void zipSlipWithBackslashesFailsClosed() throws IOException {
    byte[] jar = zip(Entry.text("..\\..\\windows\\x.dll", "MZ"));
    // commons-compress reads '\' as '/' in names of zips made on FAT platforms (as ZipArchiveOutputStream's are)
    assertThatThrownBy(() -> packages("opt/app.jar", jar))
        .isInstanceOf(DrydockException.class)
        .hasMessage("opt/app.jar: entry '../../windows/x.dll' escapes the archive (zip-slip)");
  }

  @Test
  void zipSlipInANestedArchiveNamesTheNestedArchive() throws IOException {
    byte[] inner = zip(Entry.text("../../../../etc/cron.d/x", "* * * * * root sh\n"));
    byte[] fat = zip(
        Entry.text(pomPropertiesPath("com.example", "app"), pomProperties("com.example", "app", "1.0")),
        Entry.stored("BOOT-INF/lib/snakeyaml-1.33.jar", SNAKEYAML.bytes()),
        Entry.deflated("BOOT-INF/lib/evil-1.0.jar", inner));
    assertThatThrownBy(() -> packages("app.jar", fat))
        .isInstanceOf(DrydockException.class)
        .hasMessage("app.jar!/BOOT-INF/lib/evil-1.0.jar: entry '../../../../etc/cron.d/x' escapes the archive "
            + "(zip-slip)");
  }

  @Test
  void dotDotSegmentsThatStayInsideTheArchiveAreFine() throws IOException {
    byte[] jar = zip(
        Entry.text(pomPropertiesPath("com.example", "app"), pomProperties("com.example", "app", "1.0")),
        Entry.text("a/../b.txt", "x"),
        Entry.text("a/b/../../c.txt", "x"),
        Entry.text("./d.txt", "x"),
        Entry.text("..e/f..", "x"),
        Entry.text("g/.../h", "x"));
    assertThat(packages("opt/app.jar", jar)).extracting(Package::name).containsExactly("app");
  }

  @Test
  void largeNestedArchiveSpillsToTempFileAndIsStillRead() throws IOException {
    byte[] outer = zip(Entry.stored("lib/log4j-core-2.14.1.jar", LOG4J_CORE.bytes()));
    ArchiveLimits smallMemory = new ArchiveLimits(256L << 20, 8, 1L << 30, 100, 64 * 1024, 100);
    List<Package> pkgs = packages(new JavaArchiveAnalyzer(smallMemory), "outer.jar", outer);

    assertNested(byName(pkgs).get("log4j-core"), LOG4J_CORE, "outer.jar!/lib/log4j-core-2.14.1.jar");
  }

  @Test
  void corruptArchivesYieldNoFacts() throws IOException {
    byte[] real = LOG4J_CORE.bytes();
    byte[] truncated = Arrays.copyOf(real, real.length / 2);
    byte[] garbage = "this is not a zip file at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(analyzer.analyze(FileInput.ofBytes("a/log4j-core-2.14.1.jar", truncated, 0644))).isEmpty();
    assertThat(analyzer.analyze(FileInput.ofBytes("a/x-1.0.jar", garbage, 0644))).isEmpty();
    assertThat(analyzer.analyze(FileInput.ofBytes("a/empty-1.0.jar", new byte[0], 0644))).isEmpty();
  }

  @Test
  void corruptNestedArchiveIsSkippedButItsSiblingsAreNot() throws IOException {
    byte[] real = LOG4J_CORE.bytes();
    byte[] outer = zip(
        Entry.stored("lib/broken-1.0.jar", Arrays.copyOf(real, 5000)),
        Entry.stored("lib/snakeyaml-1.33.jar", SNAKEYAML.bytes()));
    assertThat(packages("outer.jar", outer)).extracting(Package::name).containsExactly("snakeyaml");
  }

  private static long spilledTempFiles() throws IOException {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("drydock-jar-")).count();
    }
  }

  private static void assertNested(Package p, Artifact a, String location) throws IOException {
    assertThat(p).as(a.artifactId()).isNotNull();
    assertThat(p.ecosystem()).isEqualTo(Ecosystem.MAVEN);
    assertThat(p.namespace()).isEqualTo(a.groupId());
    assertThat(p.name()).isEqualTo(a.artifactId());
    assertThat(p.version()).isEqualTo(a.version());
    assertThat(p.location()).isEqualTo(location);
    assertThat(p.attribute("sha1")).isEqualTo(a.centralSha1());
  }

  private Package single(Artifact a) throws IOException {
    List<Fact> facts = analyzer.analyze(FileInput.ofFile(a.fileName(), a.path(), 0644));
    assertThat(facts).hasSize(1);
    return ((Fact.PackageFound) facts.get(0)).pkg();
  }

  private List<Package> packages(String path, byte[] content) throws IOException {
    return packages(analyzer, path, content);
  }

  private static List<Package> packages(JavaArchiveAnalyzer analyzer, String path, byte[] content)
      throws IOException {
    List<Fact> facts = analyzer.analyze(FileInput.ofBytes(path, content, 0644));
    assertThat(facts).allSatisfy(f -> assertThat(f.path()).isEqualTo(path));
    return facts.stream().map(f -> ((Fact.PackageFound) f).pkg()).toList();
  }

  private static Map<String, Package> byName(List<Package> pkgs) {
    return pkgs.stream().collect(Collectors.toMap(Package::name, Function.identity()));
  }

  private static String sha1(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
