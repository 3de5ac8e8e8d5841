package dev.drydock.checks.runtime;

import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.doc.Loc;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * What a container rule is about, and how its findings are worded for each source.
 *
 * @param id {@code DD-RT-0xx}, {@code DD-K8S-0xx} or {@code DD-CMP-0xx}
 * @param severity severity
 * @param title one line saying what is wrong
 * @param remediation how to fix it
 * @param references other tools' ids (kubesec, checkov); CIS and PSS references are added from
 *     {@code cis} and {@code pss}
 * @param cis CIS Docker Benchmark v1.6.0 recommendation ({@code 5.5}), or null
 * @param nist whether it is evidence against NIST SP 800-190 4.4.3 (insecure container runtime
 *     configurations)
 * @param pss the Pod Security Standards check it enforces for Kubernetes workloads, or null
 */
public record RuleInfo(String id, Severity severity, String title, String remediation, List<String> references,
    String cis, boolean nist, Pss pss) {

  public RuleInfo {
    references = List.copyOf(references);
  }

  /**
   * A finding at the key of {@code pointer}. Kubernetes findings of PSS rules say the level and check in the
   * title and carry {@code pss:<level>} (baseline violations also {@code pss:restricted}, which includes
   * baseline); compose and docker inspect findings carry {@code cis-docker:<id>}.
   */
  public Misconfiguration finding(Doc doc, String pointer, String detail, String resource, Source source) {
    Loc loc = doc.keyAt(pointer);
    boolean k8s = source == Source.KUBERNETES;
    StringBuilder t = new StringBuilder(title);
    if (detail != null && !detail.isEmpty()) {
      t.append(": ").append(detail);
    }
    List<String> refs = new ArrayList<>(references);
    List<String> controls = new ArrayList<>();
    if (cis != null) {
      refs.add("CIS Docker " + cis);
      if (!k8s) {
        controls.add("cis-docker:" + cis);
      }
    }
    if (pss != null && k8s) {
      t.append(" (PSS ").append(pss.level()).append(": ").append(pss.check()).append(')');
      refs.add("PSS " + pss.level() + ": " + pss.check());
      controls.add("pss:" + pss.level());
      if (pss.level().equals("baseline")) {
        controls.add("pss:restricted");
      }
    }
    if (nist) {
      controls.add("nist-800-190:4.4.3");
    }
    return new Misconfiguration(id, severity, t.toString(), doc.file(), loc.line(), loc.column(), remediation, refs,
        controls, null, resource);
  }
}
