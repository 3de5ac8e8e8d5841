package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.report.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock host --root FIXTURE}: a host built in the test directory, its controls and exit code, its
 * Docker packages matched against real containerd advisories (src/test/resources/host/FIXTURES.md).
 */
class HostCliTest {
  private static final String ADVISORIES = "src/test/resources/host/debian-tracker-containerd.json";

  @TempDir Path tmp;

  private Path write(Path root, String hostPath, String text, String mode) throws IOException {
    Path p = root.resolve(hostPath.substring(1));
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo(mode);
    assertThat(Files.getAttribute(p, "unix:uid")).as("tests run as root").isEqualTo(0);
    return p;
  }

  /** No control fails: the data root is a mount, the Docker files that exist are audited, daemon.json is strict. */
  private Path quietHost() throws IOException {
    Path root = tmp.resolve("quiet");
    write(root, "/etc/fstab", "/dev/sda1 / ext4 defaults 0 1\n/dev/sdb1 /var/lib/docker xfs defaults 0 2\n",
        "rw-r--r--");
    write(root, "/etc/audit/rules.d/docker.rules",
        "-w /usr/bin/dockerd -k docker\n-a exit,always -F path=/run/containerd -F perm=war -k docker\n"
            + "-w /etc/docker -k docker\n-w /etc/docker/daemon.json -k docker\n",
        "rw-r-----");
    write(root, "/etc/docker/daemon.json", """
        {
          "icc": false,
          "userns-remap": "default",
          "authorization-plugins": ["authz-broker"],
          "log-driver": "journald",
          "no-new-privileges": true,
          "live-restore": true,
          "userland-proxy": false
        }
        """, "rw-r--r--");
    Files.setPosixFilePermissions(root.resolve("etc/docker"), PosixFilePermissions.fromString("rwxr-xr-x"));
    return root;
  }

  /** Docker's defaults, an outdated containerd from Debian 11, a world-writable daemon.json. */
  private Path carelessHost() throws IOException {
    Path root = tmp.resolve("careless");
    write(root, "/etc/os-release", "ID=debian\nVERSION_ID=\"11\"\nVERSION_CODENAME=bullseye\n", "rw-r--r--");
    write(root, "/var/lib/dpkg/status", "Package: containerd\nStatus: install ok installed\nArchitecture: amd64\n"
        + "Source: containerd\nVersion: 1.4.5~ds1-2\nDescription: daemon to control runC\n\n"
        + "Package: runc\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0.0~rc93+ds1-5+deb11u2\n"
        + "Description: Open Container Project - runtime\n\n", "rw-r--r--");
    write(root, "/etc/docker/daemon.json", "{\n  \"icc\": true,\n  \"hosts\": [\"tcp://0.0.0.0:2375\"]\n}\n",
        "rw-rw-rw-");
    return root;
  }

  @Test
  void carelessHostTableListsEveryControlAndExitsOne() throws IOException {
    Path root = carelessHost();
    Cli.Run r = Cli.run("host", "--root", root.toString(), "--advisories", ADVISORIES, "--cache-dir",
        tmp.resolve("cache").toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    List<String> rows = r.stdout().lines().filter(l -> l.matches("^\\d+(\\.\\d+)+\\s+[A-Z_]+\\s+.*")).toList();
    assertThat(rows).hasSize(62);
    String daemonJson = root.resolve("etc/docker/daemon.json").toString();
    assertThat(r.stdout())
        .containsPattern("(?m)^2\\.2\\s+FAIL\\s+Ensure network traffic is restricted between containers on the"
            + " default bridge\\n\\s+" + java.util.regex.Pattern.quote(daemonJson + ":2: \"icc\": true,") + "$")
        .containsPattern("(?m)^2\\.7\\s+FAIL\\s+")
        .containsPattern("(?m)^3\\.18\\s+FAIL\\s+")
        .containsPattern("(?m)^1\\.2\\.2\\s+FAIL\\s+Ensure that the version of Docker is up to date\\n\\s+fixed"
            + " upstream, not installed: CVE-2021-41103, CVE-2022-23648, CVE-2022-24769, CVE-2022-31030;"
            + " installed: containerd 1.4.5~ds1-2, runc 1.0.0~rc93\\+ds1-5\\+deb11u2$")
        .containsPattern("(?m)^2\\.1\\s+MANUAL\\s+")
        .containsPattern("(?m)^3\\.15\\s+NOT_APPLICABLE\\s+");
    assertThat(r.err()).contains("drydock: host " + root + ": ").contains(" FAIL");
  }

  @Test
  void jsonIsADrydockResultWithTheFailuresAsFindingsAndEveryControl() throws IOException {
    Path root = carelessHost();
    Path out = tmp.resolve("host.json");
    Cli.Run r = Cli.run("host", "--root", root.toString(), "--advisories", ADVISORIES, "--cache-dir",
        tmp.resolve("cache").toString(), "--format", "json", "--output", out.toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    ScanResult result = Json.read(out); // what gate and convert read
    assertThat(result.target().kind()).isEqualTo("host");
    assertThat(result.target().name()).isEqualTo(root.toString());
    assertThat(result.checksRun()).first().isEqualTo("host");
    assertThat(result.checksRun()).as("controls decided from files; MANUAL and NOT_APPLICABLE ones are not listed")
        .contains("host:1.2.2", "host:2.2").doesNotContain("host:2.1", "host:3.15");
    assertThat(result.vulnerabilities()).extracting(v -> v.id()).containsExactlyInAnyOrder("CVE-2021-41103",
        "CVE-2022-23648", "CVE-2022-24769", "CVE-2022-31030");
    JsonNode doc = new ObjectMapper().readTree(out.toFile());
    List<String> failed = new ArrayList<>();
    doc.path("host").path("controls").forEach(c -> {
      if (c.path("status").asText().equals("FAIL")) {
        failed.add("DD-HOST-" + c.path("id").asText());
      }
    });
    assertThat(doc.path("host").path("controls")).hasSize(62);
    assertThat(doc.path("host").path("benchmark").asText()).isEqualTo("CIS Docker Benchmark v1.6.0");
    assertThat(result.misconfigurations()).extracting(Misconfiguration::ruleId).containsExactlyElementsOf(failed)
        .contains("DD-HOST-1.1.1", "DD-HOST-1.2.2", "DD-HOST-2.2", "DD-HOST-2.7", "DD-HOST-3.18");
    Misconfiguration icc = result.misconfigurations().stream().filter(m -> m.ruleId().equals("DD-HOST-2.2"))
        .findFirst().orElseThrow();
    assertThat(icc.file()).isEqualTo(root.resolve("etc/docker/daemon.json").toString());
    assertThat(icc.line()).isEqualTo(2);
    assertThat(icc.controls()).containsExactly("cis-docker:2.2");
  }

  @Test
  void quietHostExitsZeroAndSaysWhy122IsNotTested() throws IOException {
    Path root = quietHost();
    Cli.Run r = Cli.run("host", "--root", root.toString(), "--cache-dir", tmp.resolve("cache").toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(0);
    assertThat(r.stdout()).doesNotContainPattern("(?m)^\\S+\\s+FAIL\\s")
        .containsPattern("(?m)^1\\.2\\.2\\s+INFO\\s+.*\\n\\s+not tested: no Docker package")
        .containsPattern("(?m)^2\\.13\\s+PASS\\s+");
  }

  @Test
  void invalidDaemonJsonIsOneLineAndTheRestIsStillChecked() throws IOException {
    Path root = quietHost();
    Path json = root.resolve("etc/docker/daemon.json");
    Files.writeString(json, "{\n  \"icc\": false\n  \"live-restore\": true\n}\n");
    Cli.Run r = Cli.run("host", "--root", root.toString(), "--cache-dir", tmp.resolve("cache").toString(), "-q");
    assertThat(r.errLines()).as(r.toString()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("drydock: " + json + ":3: invalid JSON: ");
    assertThat(r.err()).doesNotContain("Exception");
    // nothing failed among what could be read: the audit ran, so not exit 2
    assertThat(r.exit()).as(r.toString()).isEqualTo(0);
    assertThat(r.stdout()).containsPattern("(?m)^2\\.2\\s+ERROR\\s+").containsPattern("(?m)^3\\.18\\s+PASS\\s+")
        .containsPattern("(?m)^1\\.1\\.1\\s+PASS\\s+");
  }

  @Test
  void aRootThatIsNotADirectoryIsBadInput() {
    Cli.Run r = Cli.run("host", "--root", tmp.resolve("nope").toString(), "--cache-dir",
        tmp.resolve("cache").toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("drydock: " + tmp.resolve("nope") + ": not a directory (expected the"
        + " root of a Docker host, e.g. /)");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void sarifHasOneResultPerFailedControlAndOtherFormatsAreRefused() throws IOException {
    Path root = carelessHost();
    Cli.Run r = Cli.run("host", "--root", root.toString(), "--cache-dir", tmp.resolve("cache").toString(), "-q",
        "--format", "sarif");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    JsonNode sarif = new ObjectMapper().readTree(r.stdout());
    List<String> ruleIds = new ArrayList<>();
    sarif.path("runs").path(0).path("results").forEach(x -> ruleIds.add(x.path("ruleId").asText()));
    assertThat(ruleIds).isNotEmpty().allMatch(id -> id.startsWith("DD-HOST-")).contains("DD-HOST-2.2");
    Cli.Run bad = Cli.run("host", "--root", quietHost().toString(), "--format", "cyclonedx");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.errLines()).singleElement().asString()
        .isEqualTo("drydock: unknown format 'cyclonedx' for drydock host (expected table, json or sarif)");
  }
}
