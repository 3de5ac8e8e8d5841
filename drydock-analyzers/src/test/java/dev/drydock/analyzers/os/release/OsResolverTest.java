package dev.drydock.analyzers.os.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Fact;
import dev.drydock.model.OsInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class OsResolverTest {
  private static Fact.OsDetected fact(String path, String family, String version, String codename, int prio) {
    return new Fact.OsDetected(path, new OsInfo(family, version, codename, null, path), prio);
  }

  @Test
  void noFactsNoOs() {
    assertThat(OsResolver.resolve(List.of())).isEmpty();
  }

  @Test
  void highestPriorityWins() {
    // Ubuntu images carry a Debian debian_version ("bookworm/sid"): os-release must win.
    var ubuntu = fact("etc/os-release", "ubuntu", "22.04", "jammy", 100);
    var debianVersion = fact("etc/debian_version", "debian", null, "bookworm", 10);
    assertThat(OsResolver.resolve(List.of(debianVersion, ubuntu))).contains(ubuntu.os());
  }

  @Test
  void etcOsReleaseBeatsUsrLibOnATie() {
    var usrLib = fact("usr/lib/os-release", "debian", "11", "bullseye", 100);
    var etc = fact("etc/os-release", "debian", "12", "bookworm", 100);
    assertThat(OsResolver.resolve(List.of(usrLib, etc))).contains(etc.os());
    assertThat(OsResolver.resolve(List.of(etc, usrLib))).contains(etc.os());
  }

  @Test
  void distroFileBeatsSystemReleaseOnATie() {
    var system = fact("etc/system-release", "rhel", "9.3", "Plow", 50);
    var rocky = fact("etc/rocky-release", "rocky", "9.3", "Blue Onyx", 50);
    assertThat(OsResolver.resolve(List.of(system, rocky))).contains(rocky.os());
  }

  @Test
  void missingVersionIsFilledFromTheSameFamily() {
    // Debian testing: os-release has no VERSION_ID; distroless-style dpkg facts know the version.
    var osRelease = new Fact.OsDetected("etc/os-release",
        new OsInfo("debian", null, "trixie", "Debian GNU/Linux trixie/sid", "etc/os-release"), 100);
    var dpkg = fact("var/lib/dpkg/status.d/base-files", "debian", "13", "trixie", 5);
    var otherFamily = fact("etc/alpine-release", "alpine", "3.18.4", null, 50);
    assertThat(OsResolver.resolve(List.of(osRelease, dpkg, otherFamily))).contains(
        new OsInfo("debian", "13", "trixie", "Debian GNU/Linux trixie/sid", "etc/os-release"));
  }

  @Test
  void versionOfAnotherCodenameIsNotBorrowed() {
    var osRelease = fact("etc/os-release", "debian", null, "trixie", 100);
    var stale = fact("var/lib/dpkg/status.d/base-files", "debian", "12", "bookworm", 5);
    assertThat(OsResolver.resolve(List.of(osRelease, stale)).orElseThrow().versionId()).isNull();
  }

  @Test
  void distrolessDebianIsDetectedFromDpkgAlone() {
    var dpkg = fact("var/lib/dpkg/status.d/base-files", "debian", "12", "bookworm", 5);
    assertThat(OsResolver.resolve(List.of(dpkg))).contains(dpkg.os());
  }
}
