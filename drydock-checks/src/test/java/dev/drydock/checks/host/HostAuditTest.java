package dev.drydock.checks.host;

import static dev.drydock.model.HostStatus.ERROR;
import static dev.drydock.model.HostStatus.FAIL;
import static dev.drydock.model.HostStatus.INFO;
import static dev.drydock.model.HostStatus.MANUAL;
import static dev.drydock.model.HostStatus.NOT_APPLICABLE;
import static dev.drydock.model.HostStatus.PASS;
import static dev.drydock.model.HostStatus.WARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.model.HostControl;
import dev.drydock.model.HostReport;
import dev.drydock.model.HostStatus;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostAuditTest {
  @TempDir Path tmp;

  private static final UpToDate CURRENT = new UpToDate(List.of("docker-ce 5:27.3.1-1~debian.12~bookworm"),
      "var/lib/dpkg/status", List.of(), List.of(), Severity.UNKNOWN, null);
  private static final UpToDate OUTDATED = new UpToDate(List.of("containerd 1.4.5~ds1-2"), "var/lib/dpkg/status",
      List.of("CVE-2021-41103", "CVE-2022-23648"), List.of(), Severity.HIGH, null);

  /** Builds the expected map from "id status" pairs, so a missing or extra id fails the test. */
  private static Map<String, HostStatus> expect(Object... idStatus) {
    Map<String, HostStatus> m = new LinkedHashMap<>();
    for (int i = 0; i < idStatus.length; i += 2) {
      m.put((String) idStatus[i], (HostStatus) idStatus[i + 1]);
    }
    return m;
  }

  @Test
  void hardenedHostPassesEveryFileReadableControl() {
    HostFixture h = HostFixture.hardened(tmp);
    HostReport r = HostAudit.run(h.root, CURRENT);
    assertThat(r.statuses()).containsExactlyEntriesOf(expect(
        "1.1.1", PASS, "1.1.2", MANUAL, "1.1.3", PASS, "1.1.4", PASS, "1.1.5", PASS, "1.1.6", PASS,
        "1.1.7", PASS, "1.1.8", PASS, "1.1.9", PASS, "1.1.10", PASS, "1.1.11", PASS, "1.1.12", PASS,
        "1.1.13", PASS, "1.1.14", PASS, "1.1.15", PASS, "1.1.16", PASS, "1.1.17", PASS, "1.1.18", PASS,
        "1.2.1", MANUAL, "1.2.2", PASS,
        "2.1", MANUAL, "2.2", PASS, "2.3", PASS, "2.4", PASS, "2.5", PASS, "2.6", PASS, "2.7", PASS, "2.8", PASS,
        "2.9", PASS, "2.10", PASS, "2.11", PASS, "2.12", PASS, "2.13", PASS, "2.14", PASS, "2.15", PASS,
        "2.16", PASS, "2.17", PASS, "2.18", PASS,
        "3.1", PASS, "3.2", PASS, "3.3", PASS, "3.4", PASS, "3.5", PASS, "3.6", PASS, "3.7", PASS, "3.8", PASS,
        "3.9", PASS, "3.10", PASS, "3.11", PASS, "3.12", PASS, "3.13", PASS, "3.14", PASS, "3.15", PASS,
        "3.16", PASS, "3.17", PASS, "3.18", PASS, "3.19", PASS, "3.20", PASS, "3.21", PASS, "3.22", PASS,
        "3.23", PASS, "3.24", PASS));
    assertThat(r.failed()).isFalse();
    assertThat(r.misconfigurations()).isEmpty();
    assertThat(r.errors()).isEmpty();
    HostControl partition = control(r, "1.1.1");
    assertThat(partition.evidence()).isEqualTo(h.path("/etc/fstab") + ":3: /dev/mapper/vg0-docker /var/lib/docker"
        + " ext4 defaults,nodev 0 2");
    assertThat(partition.line()).isEqualTo(3);
    assertThat(control(r, "1.1.4").evidence()).endsWith("docker.rules:17: -a exit,always -F path=/run/containerd"
        + " -F perm=war -k docker");
    assertThat(control(r, "1.1.2").evidence()).startsWith("docker group members: alice, bob (");
    assertThat(control(r, "2.7").evidence()).contains("daemon.json:12: \"hosts\"");
    // /var/run -> /run is absolute: resolved inside the fixture, not on this machine
    assertThat(control(r, "3.15").evidence()).isEqualTo(h.path("/var/run/docker.sock") + " owned by root:docker");
    assertThat(control(r, "3.16").evidence()).isEqualTo(h.path("/var/run/docker.sock") + " mode 660 (at most 660)");
  }

  @Test
  void carelessHostFailsWhatItWasBuiltToFail() {
    HostFixture h = HostFixture.careless(tmp);
    HostReport r = HostAudit.run(h.root, OUTDATED);
    assertThat(r.statuses()).containsExactlyEntriesOf(expect(
        "1.1.1", FAIL, "1.1.2", MANUAL, "1.1.3", PASS, "1.1.4", FAIL, "1.1.5", FAIL, "1.1.6", FAIL,
        "1.1.7", FAIL, "1.1.8", FAIL, "1.1.9", NOT_APPLICABLE, "1.1.10", NOT_APPLICABLE, "1.1.11", FAIL,
        "1.1.12", NOT_APPLICABLE, "1.1.13", FAIL, "1.1.14", FAIL, "1.1.15", NOT_APPLICABLE,
        "1.1.16", NOT_APPLICABLE, "1.1.17", FAIL, "1.1.18", FAIL,
        "1.2.1", MANUAL, "1.2.2", FAIL,
        "2.1", MANUAL, "2.2", FAIL, "2.3", FAIL, "2.4", FAIL, "2.5", FAIL, "2.6", FAIL, "2.7", FAIL, "2.8", INFO,
        "2.9", FAIL, "2.10", WARN, "2.11", WARN, "2.12", FAIL, "2.13", FAIL, "2.14", FAIL, "2.15", FAIL,
        "2.16", FAIL, "2.17", FAIL, "2.18", FAIL,
        "3.1", FAIL, "3.2", FAIL, "3.3", NOT_APPLICABLE, "3.4", NOT_APPLICABLE, "3.5", PASS, "3.6", FAIL,
        "3.7", FAIL, "3.8", FAIL, "3.9", NOT_APPLICABLE, "3.10", NOT_APPLICABLE, "3.11", NOT_APPLICABLE,
        "3.12", NOT_APPLICABLE, "3.13", NOT_APPLICABLE, "3.14", NOT_APPLICABLE, "3.15", FAIL, "3.16", FAIL,
        "3.17", PASS, "3.18", FAIL, "3.19", NOT_APPLICABLE, "3.20", NOT_APPLICABLE, "3.21", PASS, "3.22", FAIL,
        "3.23", PASS, "3.24", PASS));
    assertThat(r.failed()).isTrue();
    String daemonJson = h.path("/etc/docker/daemon.json").toString();
    assertThat(control(r, "2.2").evidence()).isEqualTo(daemonJson + ":2: \"icc\": true,");
    assertThat(control(r, "2.2").line()).isEqualTo(2);
    // flags of the drop-in's ExecStart (after the reset), with its line continuation
    String override = h.path("/etc/systemd/system/docker.service.d/override.conf").toString();
    assertThat(control(r, "2.4").evidence()).isEqualTo(override + ":3: --iptables=false");
    assertThat(control(r, "2.16").evidence()).isEqualTo(override + ":3: --userland-proxy=true");
    assertThat(control(r, "2.7").evidence()).endsWith("tcp://0.0.0.0:2375 with no TLS");
    assertThat(control(r, "3.2").evidence()).isEqualTo(h.path("/lib/systemd/system/docker.service")
        + ": mode 664, expected 644 or more restrictive");
    assertThat(control(r, "3.1").evidence()).isEqualTo(h.path("/lib/systemd/system/docker.service")
        + ": owner 1000:1000 (alice:alice), expected root:root");
    assertThat(control(r, "3.15").evidence()).isEqualTo(h.path("/var/run/docker.sock")
        + ": owner 0:0 (root:root), expected root:docker");
    assertThat(control(r, "1.2.2").evidence()).startsWith("fixed upstream, not installed: CVE-2021-41103,"
        + " CVE-2022-23648; installed: containerd 1.4.5~ds1-2");

    List<Misconfiguration> m = r.misconfigurations();
    assertThat(m).extracting(Misconfiguration::ruleId).containsExactlyElementsOf(r.controls().stream()
        .filter(c -> c.status() == FAIL).map(c -> "DD-HOST-" + c.id()).toList());
    Misconfiguration icc = m.stream().filter(x -> x.ruleId().equals("DD-HOST-2.2")).findFirst().orElseThrow();
    assertThat(icc.file()).isEqualTo(daemonJson);
    assertThat(icc.line()).isEqualTo(2);
    assertThat(icc.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(icc.references()).containsExactly("CIS Docker 2.2");
    assertThat(icc.controls()).containsExactly("cis-docker:2.2");
    assertThat(icc.remediation()).contains("\"icc\": false");
    Misconfiguration outdated = m.stream().filter(x -> x.ruleId().equals("DD-HOST-1.2.2")).findFirst()
        .orElseThrow();
    assertThat(outdated.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void invalidDaemonJsonIsOneErrorLineAndTheOtherControlsStillRun() throws Exception {
    HostFixture h = HostFixture.hardened(tmp);
    Files.writeString(h.path("/etc/docker/daemon.json"), "{\n  \"icc\": false,\n  \"log-level\" \"info\"\n}\n");
    HostReport r = HostAudit.run(h.root, CURRENT);
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0)).startsWith(h.path("/etc/docker/daemon.json") + ":3: invalid JSON: ");
    for (String id : List.of("2.2", "2.3", "2.7", "2.14", "2.18", "3.9", "3.14")) {
      assertThat(control(r, id).status()).as(id).isEqualTo(ERROR);
      assertThat(control(r, id).evidence()).as(id).contains("daemon.json:3: invalid JSON");
    }
    assertThat(control(r, "3.17").status()).isEqualTo(PASS);
    assertThat(control(r, "3.18").status()).isEqualTo(PASS);
    assertThat(control(r, "1.1.1").status()).isEqualTo(PASS);
    assertThat(r.failed()).isFalse();
  }

  @Test
  void anUnreadableFileIsOneErrorLineAndTheAuditGoesOn() throws Exception {
    HostFixture h = HostFixture.hardened(tmp);
    Files.writeString(h.path("/etc/docker/daemon.json"), "{\"icc\": false, \"x\": \"" + "a".repeat(1 << 20) + "\"}");
    Files.writeString(h.path("/etc/fstab"), "#".repeat((1 << 20) + 1));
    HostReport r = HostAudit.run(h.root, CURRENT);
    assertThat(r.errors()).containsExactly(
        h.path("/etc/docker/daemon.json") + ": larger than 1048576 bytes",
        h.path("/etc/fstab") + ": larger than 1048576 bytes");
    assertThat(control(r, "2.2").status()).isEqualTo(ERROR);
    assertThat(control(r, "2.2").evidence()).isEqualTo("not evaluated: " + h.path("/etc/docker/daemon.json")
        + ": larger than 1048576 bytes");
    assertThat(control(r, "1.1.11").status()).isEqualTo(PASS);
    assertThat(control(r, "3.18").status()).isEqualTo(PASS);
    assertThat(control(r, "3.15").status()).isEqualTo(PASS);
  }

  @Test
  void emptyRootHasNothingToFailButAuditingAndPartition() {
    HostReport r = HostAudit.run(tmp, UpToDate.unknown("no vulnerability store"));
    assertThat(r.controls().stream().filter(c -> c.status() == FAIL).map(HostControl::id))
        .containsExactly("1.1.1", "1.1.3", "1.1.4", "2.2", "2.9", "2.12", "2.13", "2.14", "2.15", "2.16");
    assertThat(control(r, "1.2.2").status()).isEqualTo(INFO);
    assertThat(control(r, "1.2.2").evidence()).startsWith("not tested: no Docker package");
    assertThat(control(r, "3.15").status()).isEqualTo(NOT_APPLICABLE);
  }

  @Test
  void linksThatClimbOutOfTheRootStayInside() throws Exception {
    HostFixture h = new HostFixture(tmp);
    // an absolute link and a relative one climbing above the root both land inside it
    h.file("/etc/real-daemon.json", "{\"icc\": false}\n", 0644).link("/etc/docker/daemon.json", "/etc/real-daemon.json");
    h.link("/etc/fstab", "../../../../../../../../etc/fstab");
    HostReport r = HostAudit.run(tmp, UpToDate.unknown("none"));
    assertThat(control(r, "2.2").status()).isEqualTo(PASS);
    assertThat(control(r, "2.2").evidence()).isEqualTo(h.path("/etc/docker/daemon.json") + ":1: {\"icc\": false}");
    // the fstab link resolves to <root>/etc/fstab, itself: a loop, so no table, not the machine's /etc/fstab
    assertThat(control(r, "1.1.1").status()).isEqualTo(FAIL);
  }

  @Test
  void aRootThatIsNotADirectoryIsBadInput() {
    assertThatThrownBy(() -> HostAudit.run(tmp.resolve("missing"), UpToDate.unknown("x")))
        .isInstanceOf(DrydockException.class).hasMessageContaining("missing: not a directory");
  }

  private static HostControl control(HostReport r, String id) {
    return r.controls().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }
}
