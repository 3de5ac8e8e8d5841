package dev.drydock.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PurlsTest {
  private static final OsInfo BOOKWORM = new OsInfo("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", "etc/os-release");

  @Test
  void debPackageCarriesDistroArchAndUpstream() {
    Package p = new Package(Ecosystem.DEB, null, "libbz2-1.0", "1.0.8-5+b1", "bzip2", "1.0.8-5", "amd64",
        List.of(), "var/lib/dpkg/status", Map.of());
    assertThat(Purls.of(p, BOOKWORM))
        .isEqualTo("pkg:deb/debian/libbz2-1.0@1.0.8-5%2Bb1?arch=amd64&distro=debian-12&upstream=bzip2%401.0.8-5");
  }

  @Test
  void rpmEpochBecomesQualifier() {
    Package p = new Package(Ecosystem.RPM, null, "openssl-libs", "1:1.1.1k-7.el8", null, null, "x86_64",
        List.of(), "var/lib/rpm/Packages", Map.of("epoch", "1"));
    OsInfo rhel = new OsInfo("rhel", "8.8", null, null, "etc/os-release");
    assertThat(Purls.of(p, rhel)).isEqualTo("pkg:rpm/rhel/openssl-libs@1.1.1k-7.el8?arch=x86_64&distro=rhel-8.8&epoch=1");
  }

  @Test
  void mavenAndGoAndPypi() {
    assertThat(Purls.of(Package.of(Ecosystem.MAVEN, "org.apache.logging.log4j", "log4j-core", "2.14.1", "app.jar"), null))
        .isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    assertThat(Purls.of(Package.of(Ecosystem.GOLANG, null, "github.com/junegunn/fzf", "v0.38.0", "usr/bin/fzf"), null))
        .isEqualTo("pkg:golang/github.com/junegunn/fzf@v0.38.0");
    assertThat(Purls.of(Package.of(Ecosystem.PYPI, null, "Typing_Extensions", "4.7.1", "x"), null))
        .isEqualTo("pkg:pypi/typing-extensions@4.7.1");
  }
}
