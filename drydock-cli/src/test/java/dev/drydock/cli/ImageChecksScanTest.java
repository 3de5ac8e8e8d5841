package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.checks.image.ImageCheckOptions;
import dev.drydock.checks.image.ImageChecks;
import dev.drydock.engine.ScanOptions;
import dev.drydock.engine.Scanner;
import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image checks (DD-IMG-0xx) on scan results of real images built with ImageBuilder: a "bad" image that trips
 * every rule once and a "good" image that trips none; each rule's positive and negative case.
 */
class ImageChecksScanTest {
  @TempDir Path tmp;

  private static final String OS_RELEASE = "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n";

  private static String dpkg(String... names) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      sb.append("Package: ").append(n).append("\nStatus: install ok installed\nVersion: 1.0-1\nArchitecture: amd64\n\n");
    }
    return sb.toString();
  }

  /** A fake GitHub token in the documented format (ghp_ + 36 alphanumerics); not a real credential. */
  private static final String FAKE_GITHUB = "ghp_" + "Zx9Yw8Vu7T".repeat(3) + "s6R5q4";

  private ImageBuilder bad() {
    return ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", OS_RELEASE).file("var/lib/dpkg/status", dpkg("libc6", "apt", "bash"))
            .dir("tmp", 01777)
            .file("usr/bin/passwd", "x".getBytes(StandardCharsets.UTF_8), 04755)
            .file("usr/bin/wall", "x".getBytes(StandardCharsets.UTF_8), 02755, 0, 5))
        .history("ADD rootfs.tar /")
        .layer(l -> l.dir("srv/data", 0777).file("srv/app.conf", "a=1\n".getBytes(StandardCharsets.UTF_8), 0666))
        .history("RUN /bin/sh -c curl -u deploy:hunter2 -o /srv/app.conf https://repo.example/app.conf # buildkit")
        .emptyHistory("EXPOSE map[22/tcp:{} 2375/tcp:{} 5432/tcp:{} 8080/tcp:{}]")
        .env("PATH=/usr/bin:/bin", "DB_PASSWORD=hunter2", "GREETING=" + FAKE_GITHUB)
        .exposedPort("22/tcp").exposedPort("2375/tcp").exposedPort("5432/tcp").exposedPort("8080/tcp")
        .label("environment", "production");
  }

  private ImageBuilder good() {
    return ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", OS_RELEASE).file("var/lib/dpkg/status", dpkg("libc6", "ca-certificates"))
            .dir("tmp", 01777).file("usr/bin/app", "x".getBytes(StandardCharsets.UTF_8), 0755))
        .history("ADD rootfs.tar /")
        .layer(l -> l.dir("srv/data", 0750))
        .history("RUN /bin/sh -c curl -fsSL -o /srv/x https://repo.example/x && mkdir -p /srv/data # buildkit")
        .user("10001:10001").env("PATH=/usr/bin:/bin", "LANG=C.UTF-8", "DB_PASSWORD_FILE=/run/secrets/db")
        .exposedPort("8080/tcp").healthcheck("CMD", "/usr/bin/app", "--health")
        .label("environment", "production");
  }

  private ScanResult scan(ImageBuilder img, String name) throws IOException {
    return scan(img, name, false);
  }

  /**
   * With {@code secrets} the secret analyzer runs too (as in {@code drydock scan}) and redacts what it finds in the
   * image config; without it (as with {@code --no-secrets}) DD-IMG-006 is the only check of env values.
   */
  private ScanResult scan(ImageBuilder img, String name, boolean secrets) throws IOException {
    Path tar = img.write(tmp.resolve(name));
    return Scanner.withSecrets(secrets).scan(tar, ScanOptions.defaults(tmp.resolve("cache")));
  }

  @Test
  void aSetuidBitStrippedInALaterLayerIsNoLongerReported() throws IOException {
    ImageBuilder img = ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", OS_RELEASE)
            .file("usr/bin/passwd", "x".getBytes(StandardCharsets.UTF_8), 04755)
            .file("usr/bin/wall", "x".getBytes(StandardCharsets.UTF_8), 02755, 0, 5))
        .history("ADD rootfs.tar /")
        // CIS 4.8's remedy: RUN find / -perm /6000 -type f -exec chmod a-s {} \; (here for passwd only)
        .layer(l -> l.file("usr/bin/passwd", "x".getBytes(StandardCharsets.UTF_8), 0755))
        .history("RUN /bin/sh -c chmod a-s /usr/bin/passwd # buildkit")
        .user("10001").healthcheck("CMD", "true");
    for (int run = 0; run < 2; run++) { // cold, then every layer from the cache
      ScanResult scan = scan(img, "stripped-" + run + ".tar");
      assertThat(scan.notableFiles()).extracting(f -> f.path() + " " + f.layerDiffId())
          .containsExactly("usr/bin/wall " + img.diffId(0));
      assertThat(ImageChecks.check(scan, ImageCheckOptions.defaults())).extracting(m -> m.ruleId() + " " + m.file())
          .containsExactly("DD-IMG-008 usr/bin/wall");
    }
  }

  @Test
  void withSecretScanningATokenInEnvIsOneSecretFindingNotAlsoDdImg006() throws IOException {
    ScanResult scan = scan(bad(), "bad-secrets.tar", true);
    List<Misconfiguration> found = ImageChecks.check(scan, ImageCheckOptions.defaults());
    assertThat(found).extracting(Misconfiguration::ruleId).doesNotContain("DD-IMG-006")
        .contains("DD-IMG-005", "DD-IMG-007");
    assertThat(scan.secrets()).anySatisfy(s -> {
      assertThat(s.path()).isEqualTo("image-config:env");
      assertThat(s.redacted()).isEqualTo("ghp_****");
    });
    assertThat(scan.config().env()).contains("GREETING=ghp_****").noneMatch(e -> e.contains(FAKE_GITHUB));
  }

  private static List<String> summary(List<Misconfiguration> found) {
    return found.stream().map(m -> m.ruleId() + " " + m.file() + " " + (m.resource() == null ? "-" : m.resource()))
        .sorted().toList();
  }

  @Test
  void badImageTripsEveryRule() throws IOException {
    ImageBuilder img = bad();
    ScanResult scan = scan(img, "bad.tar");
    List<Misconfiguration> found = ImageChecks.check(scan, ImageCheckOptions.defaults());

    assertThat(summary(found)).containsExactly(
        "DD-IMG-001 image-config User",
        "DD-IMG-002 image-config ExposedPorts 22/tcp",
        "DD-IMG-003 image-config ExposedPorts 2375/tcp",
        "DD-IMG-004 image-config ExposedPorts 5432/tcp",
        "DD-IMG-005 image-config Env DB_PASSWORD",
        "DD-IMG-006 image-config Env GREETING",
        "DD-IMG-007 image-config history[1]",
        "DD-IMG-008 usr/bin/passwd -",
        "DD-IMG-008 usr/bin/wall -",
        "DD-IMG-009 srv/app.conf -",
        "DD-IMG-009 srv/data -",
        "DD-IMG-010 var/lib/dpkg/status pkg:deb/debian/apt@1.0-1?arch=amd64&distro=debian-12",
        "DD-IMG-011 var/lib/dpkg/status pkg:deb/debian/bash@1.0-1?arch=amd64&distro=debian-12",
        "DD-IMG-012 image-config Healthcheck");
    Misconfiguration history = found.stream().filter(m -> m.ruleId().equals("DD-IMG-007")).findFirst().orElseThrow();
    assertThat(history.layerDiffId()).isEqualTo(img.diffId(1));
    assertThat(found).filteredOn(m -> m.file().equals("usr/bin/passwd")).singleElement()
        .satisfies(m -> assertThat(m.layerDiffId()).as("the layer holding the setuid file").isEqualTo(img.diffId(0)));
    assertThat(found).filteredOn(m -> m.file().equals("srv/app.conf")).singleElement()
        .satisfies(m -> assertThat(m.layerDiffId()).isEqualTo(img.diffId(1)));
    assertThat(history.title()).contains("user:password for curl/wget").doesNotContain("hunter2");
    assertThat(found).allSatisfy(m -> {
      assertThat(m.line()).isZero();
      assertThat(m.title()).doesNotContain("hunter2").doesNotContain(FAKE_GITHUB);
      assertThat(m.controls()).isNotEmpty();
    });
    Misconfiguration apt = found.stream().filter(m -> m.ruleId().equals("DD-IMG-010")).findFirst().orElseThrow();
    assertThat(apt.layerDiffId()).isEqualTo(img.diffId(0));
    assertThat(found.stream().filter(m -> m.ruleId().equals("DD-IMG-008")).map(Misconfiguration::title))
        .containsExactlyInAnyOrder("setuid/setgid file: setuid, mode 4755, owner 0:0",
            "setuid/setgid file: setgid, mode 2755, owner 0:5");
  }

  @Test
  void goodImageTripsNone() throws IOException {
    assertThat(ImageChecks.check(scan(good(), "good.tar"), ImageCheckOptions.defaults())).isEmpty();
  }

  @Test
  void packageManagersAndShellsOnlyInProductionImages() throws IOException {
    ScanResult scan = scan(bad().label("environment", "staging"), "staging.tar");
    assertThat(summary(ImageChecks.check(scan, ImageCheckOptions.defaults())))
        .noneMatch(s -> s.startsWith("DD-IMG-010") || s.startsWith("DD-IMG-011"));
    assertThat(summary(ImageChecks.check(scan, new ImageCheckOptions(null, true))))
        .anyMatch(s -> s.startsWith("DD-IMG-010")).anyMatch(s -> s.startsWith("DD-IMG-011"));
    assertThat(summary(ImageChecks.check(scan, new ImageCheckOptions(List.of("environment=staging"), false))))
        .anyMatch(s -> s.startsWith("DD-IMG-010 var/lib/dpkg/status pkg:deb/debian/apt"));
  }

  @Test
  void rootByNameOrUidAndHealthcheckNone() throws IOException {
    ScanResult root = scan(good().user("root:root").healthcheck("NONE"), "root.tar");
    assertThat(summary(ImageChecks.check(root, ImageCheckOptions.defaults())))
        .containsExactly("DD-IMG-001 image-config User", "DD-IMG-012 image-config Healthcheck");
    ScanResult uid0 = scan(good().user("0"), "uid0.tar");
    assertThat(summary(ImageChecks.check(uid0, ImageCheckOptions.defaults())))
        .containsExactly("DD-IMG-001 image-config User");
  }

  @Test
  void directoryTargetsHaveNoConfigFindings() throws IOException {
    Path dir = java.nio.file.Files.createDirectories(tmp.resolve("src"));
    java.nio.file.Files.writeString(dir.resolve("app.py"), "print(1)\n");
    ScanResult scan = new Scanner().scan(dir, ScanOptions.defaults(tmp.resolve("cache")));
    assertThat(scan.config()).isNull();
    assertThat(ImageChecks.check(scan, ImageCheckOptions.defaults())).isEmpty();
  }
}
