package dev.drydock.checks.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.runtime.ContainerSpec;
import dev.drydock.checks.runtime.Mount;
import dev.drydock.checks.runtime.Nodes;
import dev.drydock.checks.runtime.RuntimeRules;
import dev.drydock.checks.runtime.Setting;
import dev.drydock.checks.runtime.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps a Kubernetes container into a {@link ContainerSpec}. Container-level security settings win over
 * pod-level ones, fields over the old annotations; pod-level settings keep their pod-level pointers.
 */
final class PodSpecs {
  static final String SECCOMP_POD = "seccomp.security.alpha.kubernetes.io/pod";
  static final String SECCOMP_CONTAINER = "container.seccomp.security.alpha.kubernetes.io/";
  static final String APPARMOR_CONTAINER = "container.apparmor.security.beta.kubernetes.io/";

  private PodSpecs() {}

  static ContainerSpec map(Workload w, Workload.Container c) {
    Doc d = w.doc();
    String ps = w.podSpec();
    String psc = ps + "/securityContext";
    String csc = c.securityContext();
    Nodes.object(d, psc);
    Nodes.object(d, csc);
    ContainerSpec.Builder b = ContainerSpec.builder(Source.KUBERNETES, c.role(), w.resource(c), w.resource(), ps,
        c.pointer());
    b.privileged = Nodes.bool(d, csc + "/privileged");
    Nodes.object(d, csc + "/capabilities");
    JsonNode add = Nodes.list(d, csc + "/capabilities/add");
    for (int i = 0; add != null && i < add.size(); i++) {
      Setting<String> cap = Nodes.text(d, Doc.child(csc + "/capabilities/add", i));
      if (cap != null) {
        b.capAdd.add(Setting.of(RuntimeRules.capability(cap.value()), cap.pointer()));
      }
    }
    b.seccomp = first(profile(d, csc + "/seccompProfile"), profile(d, psc + "/seccompProfile"),
        annotation(w, SECCOMP_CONTAINER + c.name()), annotation(w, SECCOMP_POD));
    b.apparmor = first(profile(d, csc + "/appArmorProfile"), profile(d, psc + "/appArmorProfile"),
        annotation(w, APPARMOR_CONTAINER + c.name()));
    selinux(d, psc + "/seLinuxOptions", b.selinux);
    selinux(d, csc + "/seLinuxOptions", b.selinux);
    b.hostNetwork = Nodes.bool(d, ps + "/hostNetwork");
    b.hostPid = Nodes.bool(d, ps + "/hostPID");
    b.hostIpc = Nodes.bool(d, ps + "/hostIPC");
    mounts(w, c, b.mounts);
    Setting<Long> uid = first(Nodes.integer(d, csc + "/runAsUser"), Nodes.integer(d, psc + "/runAsUser"));
    b.user = uid == null ? null : Setting.of(Long.toString(uid.value()), uid.pointer());
    b.runAsNonRoot = first(Nodes.bool(d, csc + "/runAsNonRoot"), Nodes.bool(d, psc + "/runAsNonRoot"));
    b.readOnlyRoot = Nodes.bool(d, csc + "/readOnlyRootFilesystem");
    Setting<Boolean> ape = Nodes.bool(d, csc + "/allowPrivilegeEscalation");
    b.noNewPrivileges = ape == null ? null : Setting.of(!ape.value(), ape.pointer());
    Nodes.object(d, c.pointer() + "/resources");
    Nodes.object(d, c.pointer() + "/resources/limits");
    b.memoryLimit = Nodes.text(d, c.pointer() + "/resources/limits/memory");
    b.cpuLimit = Nodes.text(d, c.pointer() + "/resources/limits/cpu");
    b.image = Nodes.text(d, c.pointer() + "/image");
    return b.build();
  }

  @SafeVarargs
  private static <T> Setting<T> first(Setting<T>... settings) {
    for (Setting<T> s : settings) {
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** A seccompProfile / appArmorProfile field as {@code unconfined}, {@code runtime/default}, {@code localhost/x}. */
  static Setting<String> profile(Doc d, String p) {
    Nodes.object(d, p);
    Setting<String> type = Nodes.text(d, p + "/type");
    if (type == null) {
      return null;
    }
    String t = type.value();
    String v = switch (t) {
      case "Unconfined" -> "unconfined";
      case "RuntimeDefault" -> "runtime/default";
      case "Localhost" -> {
        Setting<String> lp = Nodes.text(d, p + "/localhostProfile");
        yield "localhost/" + (lp == null ? "" : lp.value());
      }
      default -> t.toLowerCase(Locale.ROOT);
    };
    return Setting.of(v, type.pointer());
  }

  static Setting<String> annotation(Workload w, String name) {
    Setting<String> a = Nodes.text(w.doc(), Doc.child(w.annotations(), name));
    return a == null ? null : Setting.of(a.value().trim().toLowerCase(Locale.ROOT), a.pointer());
  }

  private static void selinux(Doc d, String p, List<Setting<String>> out) {
    Nodes.object(d, p);
    for (String k : List.of("type", "user", "role")) {
      Setting<String> s = Nodes.text(d, p + "/" + k);
      if (s != null && !s.value().isEmpty()) {
        out.add(Setting.of(k + "=" + s.value(), s.pointer()));
      }
    }
  }

  /** The pod's hostPath volumes, read-only when every mount of them in the pod is read-only. */
  private static void mounts(Workload w, Workload.Container c, List<Mount> out) {
    Doc d = w.doc();
    String vp = w.podSpec() + "/volumes";
    JsonNode volumes = Nodes.list(d, vp);
    for (int i = 0; volumes != null && i < volumes.size(); i++) {
      String v = Doc.child(vp, i);
      Nodes.object(d, v);
      Nodes.object(d, v + "/hostPath");
      Setting<String> path = Nodes.text(d, v + "/hostPath/path");
      if (path == null) {
        continue;
      }
      Setting<String> name = Nodes.text(d, v + "/name");
      String volume = name == null ? "" : name.value();
      boolean readOnly = true;
      int uses = 0;
      for (Workload.Container other : w.containers()) {
        for (VolumeMount m : volumeMounts(d, other, volume)) {
          uses++;
          readOnly &= m.readOnly();
        }
      }
      String propagation = null;
      String propagationPointer = null;
      for (VolumeMount m : volumeMounts(d, c, volume)) {
        if (m.propagation() != null && propagation == null) {
          propagation = m.propagation();
          propagationPointer = m.propagationPointer();
        }
      }
      out.add(new Mount(Mount.normalise(path.value()), readOnly && uses > 0, propagation, path.pointer(),
          propagationPointer));
    }
  }

  /** A container's mount of a volume. */
  private record VolumeMount(boolean readOnly, String propagation, String propagationPointer) {}

  /** This container's mounts of {@code volume}. */
  private static List<VolumeMount> volumeMounts(Doc d, Workload.Container c, String volume) {
    List<VolumeMount> out = new ArrayList<>();
    String mp = c.pointer() + "/volumeMounts";
    JsonNode mounts = Nodes.list(d, mp);
    for (int j = 0; mounts != null && j < mounts.size(); j++) {
      String m = Doc.child(mp, j);
      Nodes.object(d, m);
      Setting<String> n = Nodes.text(d, m + "/name");
      if (n != null && n.value().equals(volume)) {
        Setting<Boolean> ro = Nodes.bool(d, m + "/readOnly");
        Setting<String> prop = Nodes.text(d, m + "/mountPropagation");
        out.add(new VolumeMount(ContainerSpec.isTrue(ro), prop == null ? null : prop.value(),
            prop == null ? null : prop.pointer()));
      }
    }
    return out;
  }

}
