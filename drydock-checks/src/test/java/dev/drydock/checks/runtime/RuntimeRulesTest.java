package dev.drydock.checks.runtime;

import static dev.drydock.checks.runtime.Snippets.COMPOSE_CHECKER;
import static dev.drydock.checks.runtime.Snippets.HEALTH;
import static dev.drydock.checks.runtime.Snippets.INSPECT;
import static dev.drydock.checks.runtime.Snippets.K8S;
import static dev.drydock.checks.runtime.Snippets.compose;
import static dev.drydock.checks.runtime.Snippets.inspect;
import static dev.drydock.checks.runtime.Snippets.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.checks.ConfigChecker;
import dev.drydock.model.Misconfiguration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared rule: a positive case (exactly that finding, on the line of the offending key) and a negative
 * case (no findings at all) built from hardened snippets.
 */
class RuntimeRulesTest {
  private static final List<String> NONE = List.of();

  record Case(String rule, ConfigChecker checker, String positive, String needle, String negative) {
    @Override
    public String toString() {
      return rule + " (" + checker.family() + ", at '" + needle.strip() + "')";
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("DD-RT-001", COMPOSE_CHECKER, compose(NONE, "    privileged: true"), "privileged",
            compose(NONE, "    privileged: false")),
        new Case("DD-RT-001", K8S, pod(NONE, "        privileged: true"), "privileged",
            pod(NONE, "        privileged: false")),
        new Case("DD-RT-002", COMPOSE_CHECKER, compose(NONE, "    cap_add: [SYS_ADMIN]"), "SYS_ADMIN",
            compose(NONE, "    cap_add: [NET_BIND_SERVICE, CAP_CHOWN]")),
        new Case("DD-RT-002", INSPECT, inspect(",\n      \"CapAdd\": [\"NET_RAW\"]", HEALTH), "NET_RAW",
            inspect(",\n      \"CapAdd\": [\"KILL\"]", HEALTH)),
        new Case("DD-RT-003", COMPOSE_CHECKER,
            compose(List.of("security_opt"), "    security_opt: [no-new-privileges:true, seccomp:unconfined]"),
            "seccomp", compose(List.of("security_opt"), "    security_opt: [no-new-privileges:true, seccomp=p.json]")),
        new Case("DD-RT-003", K8S, pod(NONE, "        seccompProfile: {type: Unconfined}"), "Unconfined",
            pod(NONE, "        seccompProfile: {type: Localhost, localhostProfile: p.json}")),
        new Case("DD-RT-004", COMPOSE_CHECKER,
            compose(List.of("security_opt"), "    security_opt: [no-new-privileges:true, apparmor=unconfined]"),
            "apparmor", compose(List.of("security_opt"),
                "    security_opt: [no-new-privileges:true, apparmor=docker-default]")),
        new Case("DD-RT-004", K8S, pod(NONE, "        appArmorProfile: {type: Unconfined}"), "Unconfined",
            pod(NONE, "        appArmorProfile: {type: RuntimeDefault}")),
        new Case("DD-RT-005", COMPOSE_CHECKER,
            compose(List.of("security_opt"), "    security_opt: [no-new-privileges:true, label:disable]"),
            "label", compose(List.of("security_opt"),
                "    security_opt: [no-new-privileges:true, \"label=type:svirt_apache_t\"]")),
        new Case("DD-RT-005", K8S, pod(NONE, "        seLinuxOptions: {type: spc_t}"), "spc_t",
            pod(NONE, "        seLinuxOptions: {type: container_init_t, level: \"s0:c1,c2\"}")),
        new Case("DD-RT-006", COMPOSE_CHECKER, compose(NONE, "    network_mode: host"), "network_mode",
            compose(NONE, "    network_mode: bridge")),
        new Case("DD-RT-006", K8S, pod(NONE, "  hostNetwork: true"), "hostNetwork",
            pod(NONE, "  hostNetwork: false")),
        new Case("DD-RT-007", COMPOSE_CHECKER, compose(NONE, "    pid: host"), "pid:",
            compose(NONE, "    pid: \"service:db\"")),
        new Case("DD-RT-007", K8S, pod(NONE, "  hostPID: true"), "hostPID", pod(NONE, "  hostPID: false")),
        new Case("DD-RT-008", COMPOSE_CHECKER, compose(NONE, "    ipc: host"), "ipc:",
            compose(NONE, "    ipc: shareable")),
        new Case("DD-RT-008", INSPECT, inspect(",\n      \"IpcMode\": \"host\"", HEALTH), "IpcMode",
            inspect(",\n      \"IpcMode\": \"private\"", HEALTH)),
        new Case("DD-RT-009", COMPOSE_CHECKER, compose(NONE, "    uts: host"), "uts:", compose(NONE)),
        new Case("DD-RT-010", COMPOSE_CHECKER,
            compose(NONE, "    volumes: [\"/var/run/docker.sock:/var/run/docker.sock:ro\"]"), "docker.sock",
            compose(NONE, "    volumes: [\"./app.sock:/var/run/app.sock\", \"data:/data\"]")),
        new Case("DD-RT-010", INSPECT, inspect(",\n      \"Binds\": [\"/run/containerd/containerd.sock:/c.sock\"]",
            HEALTH), "containerd.sock", inspect(",\n      \"Binds\": [\"vol:/c.sock\"]", HEALTH)),
        new Case("DD-RT-011", COMPOSE_CHECKER, compose(NONE, "    volumes: [\"/etc:/host/etc:ro\"]"), "volumes",
            compose(NONE, "    volumes: [\"/etc/localtime:/etc/localtime:ro\", \"/srv/app:/app\", \"/data\"]")),
        new Case("DD-RT-011", COMPOSE_CHECKER, compose(NONE, "    volumes: [\"/usr/share/x:/x\"]"), "volumes",
            compose(NONE, "    volumes: [\"/usr/share/x:/x:ro\"]")),
        new Case("DD-RT-012", COMPOSE_CHECKER, compose(List.of("security_opt")), "  s:", compose(NONE)),
        new Case("DD-RT-012", K8S, pod(List.of("allowPrivilegeEscalation"),
            "        allowPrivilegeEscalation: true"), "allowPrivilegeEscalation", pod(NONE)),
        new Case("DD-RT-013", COMPOSE_CHECKER, compose(List.of("user"), "    user: \"0:0\""), "user",
            compose(List.of("user"), "    user: \"10:0\"")),
        new Case("DD-RT-013", K8S, pod(NONE, "        runAsUser: 0"), "runAsUser",
            pod(NONE, "        runAsUser: 1000")),
        new Case("DD-RT-014", COMPOSE_CHECKER, compose(List.of("user")), "  s:",
            compose(List.of("user"), "    user: app")),
        new Case("DD-RT-014", K8S, pod(NONE, "        runAsNonRoot: false"), "runAsNonRoot: false", pod(NONE)),
        new Case("DD-RT-015", COMPOSE_CHECKER, compose(List.of("read_only"), "    read_only: false"), "read_only",
            compose(NONE)),
        new Case("DD-RT-016", COMPOSE_CHECKER, compose(List.of("mem_limit")), "  s:",
            compose(List.of("mem_limit"), "    deploy: {resources: {limits: {memory: 50M}}}")),
        new Case("DD-RT-016", INSPECT, inspect(",\n      \"Memory\": 0", HEALTH), "\"Memory\": 0",
            inspect(",\n      \"MemorySwap\": 0", HEALTH)),
        new Case("DD-RT-017", COMPOSE_CHECKER, compose(List.of("cpus")), "  s:",
            compose(List.of("cpus"), "    cpu_shares: 512")),
        new Case("DD-RT-018", COMPOSE_CHECKER, compose(List.of("image"), "    image: registry:5000/app"), "image",
            compose(List.of("image"), "    image: registry:5000/app@sha256:abc")),
        new Case("DD-RT-018", K8S, pod(List.of("image"), "      image: app:latest"), "image",
            pod(List.of("image"), "      image: app:1.0-latest")),
        new Case("DD-RT-019", COMPOSE_CHECKER, compose(NONE, "    ports: [\"127.0.0.1:80:80\"]"), "ports",
            compose(NONE, "    ports: [\"127.0.0.1:8080:80\"]")),
        new Case("DD-RT-020", COMPOSE_CHECKER, compose(NONE, "    ports: [\"5432:5432\"]"), "ports",
            compose(NONE, "    ports: [\"127.0.0.1:5432:5432\", \"[::1]:2222:22\"]")),
        new Case("DD-RT-020", INSPECT, inspect(",\n      \"PortBindings\": {\"22/tcp\": [{\"HostIp\": \"0.0.0.0\", "
            + "\"HostPort\": \"2222\"}]}", HEALTH), "PortBindings", inspect(",\n      \"PortBindings\": "
            + "{\"22/tcp\": [{\"HostIp\": \"10.0.0.5\", \"HostPort\": \"2222\"}]}", HEALTH)),
        new Case("DD-RT-021", COMPOSE_CHECKER, compose(NONE, "    ports: [\"8080:80\"]"), "ports",
            compose(NONE, "    ports: [\"127.0.0.1:8080:80\"]", "    expose: [\"80\"]")),
        new Case("DD-RT-022", COMPOSE_CHECKER, compose(NONE, "    devices: [\"/dev/fuse\"]"), "devices",
            compose(NONE, "    devices: []")),
        new Case("DD-RT-023", COMPOSE_CHECKER, compose(NONE, "    volumes: [\"/srv/data:/data:rshared\"]"), "volumes",
            compose(NONE, "    volumes: [\"/srv/data:/data:rslave\"]")),
        new Case("DD-RT-024", COMPOSE_CHECKER, compose(List.of("pids_limit")), "  s:",
            compose(List.of("pids_limit"), "    deploy: {resources: {limits: {pids: 20}}}")),
        new Case("DD-RT-025", COMPOSE_CHECKER, compose(NONE, "    userns_mode: host"), "userns_mode",
            compose(NONE)),
        new Case("DD-RT-026", INSPECT, inspect("", ""), "\"Config\"", inspect("", HEALTH)),
        new Case("DD-RT-027", INSPECT,
            inspect(",\n      \"RestartPolicy\": {\"Name\": \"unless-stopped\", \"MaximumRetryCount\": 0}", HEALTH),
            "RestartPolicy", inspect(",\n      \"RestartPolicy\": {\"Name\": \"on-failure\", \"MaximumRetryCount\": 5}",
            HEALTH)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void positiveCaseFindsExactlyTheRuleAtTheOffendingKey(Case c) {
    int line = Snippets.lineOf(c.positive(), c.needle());
    assertThat(Snippets.found(c.checker(), "f", c.positive())).as(c.positive())
        .containsExactly(line + " " + c.rule());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void negativeCaseFindsNothing(Case c) {
    assertThat(Snippets.found(c.checker(), "f", c.negative())).as(c.negative()).isEmpty();
  }

  @Test
  void everySharedRuleHasATestCase() {
    assertThat(cases().map(Case::rule).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(RuntimeRules.all().stream().map(r -> r.info().id()).toList());
  }

  @Test
  void kubernetesFindingsNameThePssLevelAndCheck() {
    Misconfiguration m = Snippets.findings(K8S, "p.yaml", pod(NONE, "        privileged: true")).get(0);
    assertThat(m.title()).isEqualTo("Container runs privileged (PSS baseline: privileged)");
    assertThat(m.controls()).containsExactly("pss:baseline", "pss:restricted", "nist-800-190:4.4.3");
    assertThat(m.references()).contains("kubesec Privileged", "CIS Docker 5.5", "PSS baseline: privileged");
    assertThat(m.resource()).isEqualTo("Pod/p container c");
    assertThat(m.column()).isEqualTo(9);
    Misconfiguration r = Snippets.findings(K8S, "p.yaml", pod(NONE, "        runAsUser: 0")).get(0);
    assertThat(r.title()).endsWith("(PSS restricted: runAsUser)");
    assertThat(r.controls()).containsExactly("pss:restricted", "nist-800-190:4.4.3");
  }

  @Test
  void dockerFindingsCarryCisDockerControls() {
    Misconfiguration m = Snippets.findings(COMPOSE_CHECKER, "docker-compose.yml",
        compose(NONE, "    privileged: true")).get(0);
    assertThat(m.title()).isEqualTo("Container runs privileged");
    assertThat(m.controls()).containsExactly("cis-docker:5.5", "nist-800-190:4.4.3");
    assertThat(m.resource()).isEqualTo("service s");
    assertThat(m.file()).isEqualTo("docker-compose.yml");
    assertThat(m.remediation()).isNotBlank();
  }

  @Test
  void podLevelSettingsAreReportedOnceNamingThePod() {
    String text = pod(NONE, "    - name: d", "      image: app:1.0", "      resources: {limits: {cpu: 1, memory: 1Gi}}",
        "      securityContext:", "        allowPrivilegeEscalation: false", "        readOnlyRootFilesystem: true",
        "        capabilities: {drop: [ALL]}", "  hostIPC: true");
    List<Misconfiguration> found = Snippets.findings(K8S, "p.yaml", text);
    assertThat(found).extracting(Misconfiguration::ruleId).containsExactly("DD-RT-008");
    assertThat(found.get(0).resource()).isEqualTo("Pod/p");
  }
}
