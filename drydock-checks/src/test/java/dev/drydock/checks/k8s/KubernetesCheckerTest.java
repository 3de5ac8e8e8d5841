package dev.drydock.checks.k8s;

import static dev.drydock.checks.runtime.Snippets.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.checks.runtime.Snippets;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Misconfiguration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesCheckerTest {
  private static final List<String> NONE = List.of();
  private final KubernetesChecker checker = new KubernetesChecker();

  record Case(String rule, String positive, String needle, String negative) {
    @Override
    public String toString() {
      return rule + " at '" + needle.strip() + "'";
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("DD-K8S-001", pod(NONE, "  volumes: [{name: v, hostPath: {path: /opt/data}}]"), "volumes",
            pod(NONE, "  volumes: [{name: v, emptyDir: {}}]")),
        new Case("DD-K8S-002", pod(NONE, "      ports: [{containerPort: 8080, hostPort: 8080}]"), "ports",
            pod(NONE, "      ports: [{containerPort: 8080, hostPort: 0}]")),
        new Case("DD-K8S-003", pod(NONE, "        procMount: Unmasked"), "procMount",
            pod(NONE, "        procMount: Default")),
        new Case("DD-K8S-004", pod(List.of("  securityContext:"),
            "  securityContext:", "    runAsNonRoot: true", "    seccompProfile: {type: RuntimeDefault}",
            "    sysctls: [{name: kernel.shm_rmid_forced, value: \"1\"},",
            "      {name: net.core.somaxconn, value: \"1024\"}]"),
            "somaxconn", pod(List.of("  securityContext:"), "  securityContext:", "    runAsNonRoot: true",
            "    seccompProfile: {type: RuntimeDefault}",
            "    sysctls: [{name: net.ipv4.tcp_syncookies, value: \"1\"}]")),
        new Case("DD-K8S-005", pod(NONE, "        windowsOptions: {hostProcess: true}"), "hostProcess",
            pod(NONE, "        windowsOptions: {hostProcess: false}")),
        new Case("DD-K8S-006", pod(NONE, "      livenessProbe: {tcpSocket: {host: 10.0.0.1, port: 80}}"),
            "livenessProbe",
            pod(NONE, "      livenessProbe: {tcpSocket: {port: 80}}")),
        new Case("DD-K8S-007", pod(NONE, "  volumes:", "    - name: v", "      nfs: {server: nas, path: /x}"), "nfs",
            pod(NONE, "  volumes:", "    - name: v", "      persistentVolumeClaim: {claimName: x}")),
        new Case("DD-K8S-008", pod(List.of("capabilities"), "        capabilities: {drop: [NET_RAW]}"),
            "capabilities", pod(List.of("capabilities"), "        capabilities: {drop: [all]}")),
        new Case("DD-K8S-009", pod(List.of("capabilities"), "        capabilities: {drop: [ALL], add: [SETUID]}"),
            "SETUID", pod(List.of("capabilities"), "        capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}")),
        new Case("DD-K8S-010", pod(List.of("  securityContext:"), "  securityContext: {runAsNonRoot: true}"),
            "- name: c", pod(List.of("  securityContext:"),
            "        seccompProfile: {type: RuntimeDefault}", "  securityContext: {runAsNonRoot: true}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void positiveCaseFindsExactlyTheRule(Case c) {
    int line = Snippets.lineOf(c.positive(), c.needle());
    assertThat(Snippets.found(checker, "p.yaml", c.positive())).as(c.positive()).containsExactly(line + " " + c.rule());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void negativeCaseFindsNothing(Case c) {
    assertThat(Snippets.found(checker, "p.yaml", c.negative())).as(c.negative()).isEmpty();
  }

  @Test
  void everyKubernetesRuleHasATestCase() {
    assertThat(cases().map(Case::rule).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(KubernetesRules.ALL.stream().map(r -> r.id()).toList());
  }

  @Test
  void hardenedPodHasNoFindings() {
    assertThat(checker.check("p.yaml", pod(NONE))).isEmpty();
  }

  @Test
  void everyWorkloadKindIsFoundAtItsPodTemplate() {
    String container = "containers: [{name: c, image: app:1.0, securityContext: {privileged: true}}]";
    String text = String.join("\n",
        "apiVersion: batch/v1", "kind: CronJob", "metadata: {name: cj}",
        "spec: {jobTemplate: {spec: {template: {spec: {" + container + "}}}}}",
        "---",
        "apiVersion: apps/v1", "kind: DaemonSet", "metadata: {name: ds}",
        "spec: {template: {spec: {" + container + "}}}",
        "---",
        "apiVersion: v1", "kind: List", "items:",
        "  - {apiVersion: apps/v1, kind: StatefulSet, metadata: {name: st}, spec: {template: {spec: {"
            + container + "}}}}",
        "  - {apiVersion: v1, kind: ReplicationController, metadata: {name: rc}, spec: {template: {spec: {"
            + container + "}}}}",
        "---",
        "apiVersion: v1", "kind: Service", "metadata: {name: svc}", "spec: {ports: [{port: 80}]}",
        "");
    List<Misconfiguration> found = checker.check("all.yaml", text).stream()
        .filter(m -> m.ruleId().equals("DD-RT-001")).toList();
    assertThat(found).extracting(Misconfiguration::resource).containsExactly("CronJob/cj container c",
        "DaemonSet/ds container c", "StatefulSet/st container c", "ReplicationController/rc container c");
    assertThat(found).extracting(Misconfiguration::line).containsExactly(4, 9, 14, 15);
  }

  @Test
  void initAndEphemeralContainersAreChecked() {
    String text = pod(NONE, "  initContainers: [{name: i, image: app:1.0, securityContext: {privileged: true}}]",
        "  ephemeralContainers: [{name: e, image: app:1.0, securityContext: {privileged: true}}]");
    assertThat(checker.check("p.yaml", text)).filteredOn(m -> m.ruleId().equals("DD-RT-001"))
        .extracting(Misconfiguration::resource).containsExactly("Pod/p initContainer i", "Pod/p ephemeralContainer e");
  }

  @Test
  void containerSettingsOverridePodSettings() {
    String text = pod(List.of("  securityContext:"), "        runAsUser: 1000",
        "        seccompProfile: {type: RuntimeDefault}",
        "  securityContext: {runAsNonRoot: true, runAsUser: 0, seccompProfile: {type: Unconfined}}");
    assertThat(checker.check("p.yaml", text)).isEmpty();
  }

  @Test
  void oldSeccompAnnotationCountsForBaselineButNotForRestricted() {
    String text = pod(List.of("metadata", "  securityContext:"), "  securityContext: {runAsNonRoot: true}",
        "metadata:", "  name: p", "  annotations:", "    container.seccomp.security.alpha.kubernetes.io/c: unconfined");
    assertThat(Snippets.found(checker, "p.yaml", text)).containsExactlyInAnyOrder(
        Snippets.lineOf(text, "container.seccomp") + " DD-RT-003", Snippets.lineOf(text, "- name: c") + " DD-K8S-010");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "apiVersion: v1\nkind: Pod\n",
      "# x\napiVersion: apps/v1\nkind: Deployment # web\n",
      "{\"apiVersion\": \"v1\", \n \"kind\": \"List\",\n \"items\": []}",
      "- x\n---\napiVersion: batch/v1\nkind: \"CronJob\"\n",
      "apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    summary: \"{{ $labels.pod }} is down\"\n"})
  void acceptsManifests(String text) {
    assertThat(checker.accepts("anything.yaml", text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Pod:\n    Type: AWS::EKS::Cluster\n    apiVersion: x\n"
          + "    kind: Pod\n",
      "FROM alpine\nLABEL kind: Pod apiVersion\n",
      "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n",
      "services:\n  web:\n    image: nginx\n",
      "name: ci\non: push\njobs:\n  build:\n    kind: Pod\n",
      "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: {{ .Values.replicas }}\n",
      "apiVersion: v1\nkind: Pod\n{{- include \"common.labels\" . }}\n"})
  void doesNotClaimOtherFiles(String text) {
    assertThat(checker.accepts("file.yaml", text)).isFalse();
  }

  @Test
  void wrongTypesAreBadInputWithFileAndLine() {
    assertThatThrownBy(() -> checker.check("p.yaml", pod(NONE, "        runAsUser: root")))
        .isInstanceOf(DrydockException.class)
        .hasMessage("p.yaml:14: spec.containers[0].securityContext.runAsUser must be an integer, not \"root\"");
    assertThatThrownBy(() -> checker.check("p.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers: [web]\n"))
        .isInstanceOf(DrydockException.class).hasMessageStartingWith("p.yaml:4: spec.containers[0] must be a mapping");
    assertThatThrownBy(() -> checker.check("p.yaml", "apiVersion: v1\nkind: List\nitems:\n  - just text\n"))
        .isInstanceOf(DrydockException.class).hasMessageStartingWith("p.yaml:4: items[0] must be a mapping");
    assertThatThrownBy(() -> checker.check("p.yaml", pod(NONE, "        capabilities: {add: SYS_ADMIN}")))
        .isInstanceOf(DrydockException.class).hasMessageContaining("capabilities.add must be a list");
  }
}
