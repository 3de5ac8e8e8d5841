package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.InstalledPackage;
import dev.drydock.model.Vulnerability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Control 1.2.2 from a Debian 11 host's dpkg status and real containerd advisories (src/test/resources/host). */
class HostPackagesTest {
  @TempDir Path tmp;

  private static final Path ADVISORIES = Path.of("src/test/resources/host/debian-tracker-containerd.json");

  static String stanza(String name, String source, String version) {
    return "Package: " + name + "\nStatus: install ok installed\nPriority: optional\nSection: admin\n"
        + "Architecture: amd64\n" + (source == null ? "" : "Source: " + source + "\n") + "Version: " + version
        + "\nDescription: " + name + "\n\n";
  }

  /** A Debian 11 root with these dpkg status stanzas; os-release reached through an in-root relative link. */
  static Path debianHost(Path root, String... stanzas) throws IOException {
    Files.createDirectories(root.resolve("usr/lib"));
    Files.writeString(root.resolve("usr/lib/os-release"), "PRETTY_NAME=\"Debian GNU/Linux 11 (bullseye)\"\n"
        + "NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"11\"\nVERSION=\"11 (bullseye)\"\nVERSION_CODENAME=bullseye\n"
        + "ID=debian\n");
    Files.createDirectories(root.resolve("etc"));
    Files.createSymbolicLink(root.resolve("etc/os-release"), Path.of("../usr/lib/os-release"));
    Files.createDirectories(root.resolve("var/lib/dpkg"));
    Files.writeString(root.resolve("var/lib/dpkg/status"), String.join("", stanzas));
    return root;
  }

  private static VulnerabilityScan.Options advisories(Path p) {
    return new VulnerabilityScan.Options(List.of(p), null, false, null, null, false);
  }

  @Test
  void outdatedContainerdFailsWithTheAdvisoriesThatFixIt() throws IOException {
    Path root = debianHost(tmp.resolve("host"), stanza("bash", null, "5.1-2+deb11u1"),
        stanza("containerd", "containerd", "1.4.5~ds1-2"),
        stanza("docker.io", "docker.io", "20.10.5+dfsg1-1+deb11u2"),
        stanza("runc", "runc", "1.0.0~rc93+ds1-5+deb11u2"));
    HostPackages.Result r = HostPackages.check(root, tmp.resolve("cache"), advisories(ADVISORIES), Instant.now());
    assertThat(r.os().family()).isEqualTo("debian");
    assertThat(r.os().versionId()).isEqualTo("11");
    assertThat(r.packages()).extracting(p -> p.pkg().name()).containsExactlyInAnyOrder("containerd", "docker.io",
        "runc");
    assertThat(r.vulnerabilities()).extracting(Vulnerability::id).containsExactlyInAnyOrder("CVE-2021-41103",
        "CVE-2022-23648", "CVE-2022-24769", "CVE-2022-31030");
    assertThat(r.upToDate().fixable()).containsExactly("CVE-2021-41103", "CVE-2022-23648", "CVE-2022-24769",
        "CVE-2022-31030");
    assertThat(r.upToDate().unfixed()).isEmpty();
    assertThat(r.upToDate().notTested()).isNull();
    assertThat(r.upToDate().packageDb()).isEqualTo("var/lib/dpkg/status");
    assertThat(r.upToDate().packages()).contains("containerd 1.4.5~ds1-2");
  }

  @Test
  void aContainerdWithEveryFixIsCurrent() throws IOException {
    Path root = debianHost(tmp.resolve("host"), stanza("containerd", "containerd", "1.4.13~ds1-1~deb11u2"));
    HostPackages.Result r = HostPackages.check(root, tmp.resolve("cache"), advisories(ADVISORIES), Instant.now());
    assertThat(r.packages()).extracting(InstalledPackage::purl).singleElement().asString()
        .startsWith("pkg:deb/debian/containerd@1.4.13~ds1-1~deb11u2");
    assertThat(r.vulnerabilities()).isEmpty();
    assertThat(r.upToDate().fixable()).isEmpty();
    assertThat(r.upToDate().notTested()).isNull();
  }

  @Test
  void withoutAStoreNothingIsMatchedAndTheReasonIsGiven() throws IOException {
    Path root = debianHost(tmp.resolve("host"), stanza("containerd", "containerd", "1.4.5~ds1-2"));
    HostPackages.Result r = HostPackages.check(root, tmp.resolve("cache"), VulnerabilityScan.Options.none(),
        Instant.now());
    assertThat(r.packages()).hasSize(1);
    assertThat(r.upToDate().notTested()).startsWith("no vulnerability store in " + tmp.resolve("cache"));
    assertThat(r.warnings()).containsExactly(r.upToDate().notTested());
  }

  @Test
  void alpineDockerPackagesAreFoundInTheApkDatabase() throws IOException {
    Path root = tmp.resolve("alpine");
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/os-release"), "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.18.4\n");
    Files.createDirectories(root.resolve("lib/apk/db"));
    Files.writeString(root.resolve("lib/apk/db/installed"), "P:musl\nV:1.2.4-r2\nA:x86_64\no:musl\n\n"
        + "P:containerd\nV:1.7.2-r1\nA:x86_64\no:containerd\n\n"
        + "P:docker-engine\nV:24.0.6-r0\nA:x86_64\no:docker\n\n"
        + "P:runc\nV:1.1.7-r1\nA:x86_64\no:runc\n\n");
    HostPackages.Result r = HostPackages.check(root, tmp.resolve("cache"), VulnerabilityScan.Options.none(),
        Instant.now());
    assertThat(r.os().family()).isEqualTo("alpine");
    assertThat(r.upToDate().packages()).containsExactlyInAnyOrder("containerd 1.7.2-r1", "docker-engine 24.0.6-r0",
        "runc 1.1.7-r1");
    assertThat(r.upToDate().packageDb()).isEqualTo("lib/apk/db/installed");
    assertThat(r.upToDate().notTested()).startsWith("no vulnerability store");
  }

  @Test
  void aHostWithoutDockerPackagesHasNothingToMatch() throws IOException {
    Path root = debianHost(tmp.resolve("host"), stanza("bash", null, "5.1-2+deb11u1"));
    HostPackages.Result r = HostPackages.check(root, tmp.resolve("cache"), advisories(ADVISORIES), Instant.now());
    assertThat(r.packages()).isEmpty();
    assertThat(r.upToDate().packages()).isEmpty();
    assertThat(r.os().family()).isEqualTo("debian");
  }
}
