package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which certs.d files are CA certificates of a registry host (Docker's {@code /etc/docker/certs.d/<host:port>/} and
 * containers-certs.d(5)): the {@code *.crt} files of the host's directory in the first root that has one, the port
 * exactly as in the reference. The TLS handshake with such a CA is proven against the real registry in drydock-cli's
 * RegistrySignatureIT.
 */
class CertsDTest {
  @TempDir Path tmp;

  @Test
  void theFirstRootWithTheHostsDirectoryGivesItsCrtFilesInNameOrder() throws Exception {
    Path user = Files.createDirectories(tmp.resolve("user/registry.example:5000"));
    Path system = Files.createDirectories(tmp.resolve("system/registry.example:5000"));
    Files.writeString(user.resolve("b.crt"), "x");
    Files.writeString(user.resolve("a.crt"), "x");
    Files.writeString(user.resolve("client.cert"), "x");
    Files.writeString(user.resolve("client.key"), "x");
    Files.writeString(system.resolve("ca.crt"), "x");
    List<Path> roots = List.of(tmp.resolve("missing"), tmp.resolve("user"), tmp.resolve("system"));
    assertThat(Tls.certsD(roots, "registry.example:5000")).containsExactly(user.resolve("a.crt"), user.resolve("b.crt"));
    // the port must match as written: registry.example is another directory
    assertThat(Tls.certsD(roots, "registry.example")).isEmpty();
    assertThat(Tls.certsD(List.of(tmp.resolve("system")), "registry.example:5000"))
        .containsExactly(system.resolve("ca.crt"));
    // a host that is not a plain name never leaves the root
    assertThat(Tls.certsD(roots, "../user/registry.example:5000")).isEmpty();
  }

  @Test
  void aCrtFileThatIsNotACertificateIsOneLineNamingIt() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("certs.d/127.0.0.1:5000"));
    Path bad = Files.writeString(dir.resolve("ca.crt"), "not a certificate\n");
    assertThatThrownBy(() -> Tls.context(List.of(), Tls.certsD(List.of(tmp.resolve("certs.d")), "127.0.0.1:5000")))
        .isInstanceOf(DrydockException.class).hasMessageStartingWith("certs.d CA " + bad + ": ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void theDefaultRootsAreThePerUserContainersOneThenTheSystemOnes() {
    assertThat(RegistryOptions.defaultCertsDirs(Map.of("HOME", "/home/u"))).containsExactly(
        Path.of("/home/u/.config/containers/certs.d"), Path.of("/etc/containers/certs.d"),
        Path.of("/etc/docker/certs.d"));
    assertThat(RegistryOptions.defaultCertsDirs(Map.of("HOME", "/home/u", "XDG_CONFIG_HOME", "/x")).get(0))
        .isEqualTo(Path.of("/x/containers/certs.d"));
  }
}
