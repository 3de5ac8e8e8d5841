package dev.drydock.checks.k8s;

import static dev.drydock.model.Severity.HIGH;
import static dev.drydock.model.Severity.LOW;
import static dev.drydock.model.Severity.MEDIUM;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.runtime.Findings;
import dev.drydock.checks.runtime.Hit;
import dev.drydock.checks.runtime.Nodes;
import dev.drydock.checks.runtime.Pss;
import dev.drydock.checks.runtime.RuleInfo;
import dev.drydock.checks.runtime.RuntimeRules;
import dev.drydock.checks.runtime.Setting;
import dev.drydock.checks.runtime.Source;
import dev.drydock.model.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes-only rules ({@code DD-K8S-0xx}): the Pod Security Standards checks that have no Docker
 * counterpart. The shared {@code DD-RT} rules cover the rest of PSS baseline and restricted.
 */
final class KubernetesRules {
  static final RuleInfo HOST_PATH = rule("DD-K8S-001", MEDIUM, "hostPath volume",
      "Use a persistentVolumeClaim, configMap, secret, emptyDir or CSI volume instead of a host path.",
      Pss.baseline("hostPathVolumes"));
  static final RuleInfo HOST_PORT = rule("DD-K8S-002", MEDIUM, "hostPort set on a container port",
      "Remove hostPort; expose the port with a Service (ClusterIP, NodePort or LoadBalancer).",
      Pss.baseline("hostPorts"));
  static final RuleInfo PROC_MOUNT = rule("DD-K8S-003", HIGH, "procMount is not Default",
      "Remove securityContext.procMount or set it to Default.", Pss.baseline("procMount"));
  static final RuleInfo SYSCTL = rule("DD-K8S-004", MEDIUM, "Unsafe sysctl set",
      "Set only the sysctls the PSS baseline calls safe (e.g. net.ipv4.ip_local_port_range); tune others on "
          + "the node.", Pss.baseline("sysctls"));
  static final RuleInfo HOST_PROCESS = rule("DD-K8S-005", HIGH, "Windows HostProcess container",
      "Remove windowsOptions.hostProcess: true.", Pss.baseline("windowsHostProcess"));
  static final RuleInfo PROBE_HOST = rule("DD-K8S-006", MEDIUM, "Probe or lifecycle handler targets another host",
      "Remove the host field from httpGet/tcpSocket probes and lifecycle handlers.",
      Pss.baseline("hostProbesAndHostLifecycle"));
  static final RuleInfo VOLUME_TYPE = rule("DD-K8S-007", LOW, "Volume type not allowed by PSS restricted",
      "Use only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret or "
          + "image volumes.", Pss.restricted("restrictedVolumes"));
  static final RuleInfo DROP_ALL = rule("DD-K8S-008", MEDIUM, "Capabilities not dropped: drop does not include ALL",
      "Set securityContext.capabilities.drop: [\"ALL\"] and add back only NET_BIND_SERVICE if needed.",
      Pss.restricted("capabilities_restricted"), "kubesec CapDropAll");
  static final RuleInfo ADD_RESTRICTED = rule("DD-K8S-009", LOW,
      "Capability added other than NET_BIND_SERVICE",
      "Under PSS restricted only NET_BIND_SERVICE may be added; remove this capability.",
      Pss.restricted("capabilities_restricted"));
  static final RuleInfo SECCOMP_UNSET = rule("DD-K8S-010", MEDIUM, "No seccomp profile set",
      "Set securityContext.seccompProfile.type: RuntimeDefault (or Localhost) on the pod or every container.",
      Pss.restricted("seccompProfile_restricted"));

  /** Every Kubernetes-only rule, in id order (for the docs test). */
  static final List<RuleInfo> ALL = List.of(HOST_PATH, HOST_PORT, PROC_MOUNT, SYSCTL, HOST_PROCESS, PROBE_HOST,
      VOLUME_TYPE, DROP_ALL, ADD_RESTRICTED, SECCOMP_UNSET);

  static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
      "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
      "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
      "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");

  static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
      "persistentVolumeClaim", "projected", "secret", "image");

  private KubernetesRules() {}

  private static RuleInfo rule(String id, Severity severity, String title, String remediation, Pss pss,
      String... refs) {
    return new RuleInfo(id, severity, title, remediation, List.of(refs), null, true, pss);
  }

  static void check(Workload w, Findings out) {
    Doc d = w.doc();
    String ps = w.podSpec();
    volumes(w, out);
    JsonNode sysctls = Nodes.list(d, ps + "/securityContext/sysctls");
    for (int i = 0; sysctls != null && i < sysctls.size(); i++) {
      String item = Doc.child(ps + "/securityContext/sysctls", i);
      Nodes.object(d, item);
      Setting<String> name = Nodes.text(d, item + "/name");
      if (name != null && !SAFE_SYSCTLS.contains(name.value())) {
        out.add(d, SYSCTL, new Hit(name.pointer(), name.value()), w.resource(), Source.KUBERNETES);
      }
    }
    hostProcess(w, ps + "/securityContext", w.resource(), out);
    for (Workload.Container c : w.containers()) {
      container(w, c, out);
    }
  }

  private static void volumes(Workload w, Findings out) {
    Doc d = w.doc();
    String vp = w.podSpec() + "/volumes";
    JsonNode volumes = Nodes.list(d, vp);
    for (int i = 0; volumes != null && i < volumes.size(); i++) {
      String v = Doc.child(vp, i);
      JsonNode vol = Nodes.object(d, v);
      if (vol == null) {
        continue;
      }
      Iterator<String> names = vol.fieldNames();
      while (names.hasNext()) {
        String type = names.next();
        if (type.equals("name")) {
          continue;
        }
        String tp = Doc.child(v, type);
        if (type.equals("hostPath")) {
          Setting<String> path = Nodes.text(d, tp + "/path");
          out.add(d, HOST_PATH, new Hit(tp, path == null ? null : path.value()), w.resource(), Source.KUBERNETES);
        } else if (!RESTRICTED_VOLUMES.contains(type)) {
          out.add(d, VOLUME_TYPE, new Hit(tp, type), w.resource(), Source.KUBERNETES);
        }
      }
    }
  }

  private static void hostProcess(Workload w, String sc, String resource, Findings out) {
    Setting<Boolean> hp = Nodes.bool(w.doc(), sc + "/windowsOptions/hostProcess");
    if (hp != null && hp.value()) {
      out.add(w.doc(), HOST_PROCESS, Hit.at(hp.pointer()), resource, Source.KUBERNETES);
    }
  }

  private static void container(Workload w, Workload.Container c, Findings out) {
    Doc d = w.doc();
    String res = w.resource(c);
    String sc = c.securityContext();
    JsonNode ports = Nodes.list(d, c.pointer() + "/ports");
    for (int i = 0; ports != null && i < ports.size(); i++) {
      String port = Doc.child(c.pointer() + "/ports", i);
      Nodes.object(d, port);
      Setting<Long> hostPort = Nodes.integer(d, port + "/hostPort");
      if (hostPort != null && hostPort.value() != 0) {
        out.add(d, HOST_PORT, new Hit(hostPort.pointer(), Long.toString(hostPort.value())), res, Source.KUBERNETES);
      }
    }
    Setting<String> procMount = Nodes.text(d, sc + "/procMount");
    if (procMount != null && !procMount.value().equals("Default")) {
      out.add(d, PROC_MOUNT, new Hit(procMount.pointer(), procMount.value()), res, Source.KUBERNETES);
    }
    hostProcess(w, sc, res, out);
    probeHosts(w, c, res, out);
    capabilities(w, c, res, out);
    boolean seccompField = PodSpecs.profile(d, sc + "/seccompProfile") != null
        || PodSpecs.profile(d, w.podSpec() + "/securityContext/seccompProfile") != null;
    if (!seccompField) {
      out.add(d, SECCOMP_UNSET, Hit.at(c.pointer()), res, Source.KUBERNETES);
    }
  }

  private static void probeHosts(Workload w, Workload.Container c, String res, Findings out) {
    Doc d = w.doc();
    List<String> handlers = new ArrayList<>();
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      handlers.add(c.pointer() + "/" + probe);
    }
    handlers.add(c.pointer() + "/lifecycle/postStart");
    handlers.add(c.pointer() + "/lifecycle/preStop");
    for (String h : handlers) {
      for (String action : List.of("/httpGet/host", "/tcpSocket/host")) {
        Setting<String> host = Nodes.text(d, h + action);
        if (host != null && !host.value().isEmpty()) {
          out.add(d, PROBE_HOST, new Hit(host.pointer(), host.value()), res, Source.KUBERNETES);
        }
      }
    }
  }

  private static void capabilities(Workload w, Workload.Container c, String res, Findings out) {
    Doc d = w.doc();
    String caps = c.securityContext() + "/capabilities";
    JsonNode drop = Nodes.list(d, caps + "/drop");
    boolean dropsAll = false;
    for (int i = 0; drop != null && i < drop.size(); i++) {
      Setting<String> cap = Nodes.text(d, Doc.child(caps + "/drop", i));
      dropsAll |= cap != null && RuntimeRules.capability(cap.value()).equals("ALL");
    }
    if (!dropsAll) {
      String where = drop != null ? caps + "/drop" : c.pointer();
      out.add(d, DROP_ALL, Hit.at(where), res, Source.KUBERNETES);
    }
    JsonNode add = Nodes.list(d, caps + "/add");
    for (int i = 0; add != null && i < add.size(); i++) {
      Setting<String> cap = Nodes.text(d, Doc.child(caps + "/add", i));
      if (cap == null) {
        continue;
      }
      String name = RuntimeRules.capability(cap.value());
      if (RuntimeRules.BASELINE_CAPS.contains(name) && !name.equals("NET_BIND_SERVICE")) {
        out.add(d, ADD_RESTRICTED, new Hit(cap.pointer(), name), res, Source.KUBERNETES);
      }
    }
  }
}
