package dev.drydock.checks.k8s;

import dev.drydock.checks.ConfigChecker;
import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.doc.Docs;
import dev.drydock.checks.runtime.Findings;
import dev.drydock.checks.runtime.RuntimeRules;
import dev.drydock.model.Misconfiguration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes manifests (YAML, multi-document, or JSON): Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * ReplicationController, Job, CronJob, and {@code kind: List}. Each container is checked with the shared
 * {@link RuntimeRules} and the pod with {@link KubernetesRules}, together the Pod Security Standards
 * baseline and restricted levels. Helm chart templates are left alone: check their rendered output.
 */
public final class KubernetesChecker implements ConfigChecker {
  private static final Pattern KIND = Pattern.compile(
      "(?m)^[ \\t]*(?:-[ \\t]+)?[\"']?kind[\"']?[ \\t]*:[ \\t]*[\"']?(?:Pod|Deployment|StatefulSet|DaemonSet|ReplicaSet"
          + "|ReplicationController|Job|CronJob|[A-Za-z]*List)[\"']?[ \\t]*,?[ \\t]*(?:#.*)?\\r?$");

  /** Helm chart templates are not manifests until rendered ({@code helm template}). */
  private static final Pattern HELM = Pattern.compile(
      "\\{\\{-?\\s*(?:\\.Values|\\.Release|\\.Chart|include |template |toYaml |if |range |with |end\\b|/\\*)");

  @Override
  public String family() {
    return "kubernetes";
  }

  @Override
  public boolean accepts(String fileName, String text) {
    return text.contains("apiVersion") && !text.contains("AWSTemplateFormatVersion") && KIND.matcher(text).find()
        && !(text.contains("{{") && HELM.matcher(text).find());
  }

  @Override
  public List<Misconfiguration> check(String file, String text) {
    Findings out = new Findings();
    for (Doc doc : Docs.parse(file, text, Docs.Tags.IGNORE)) {
      for (Workload w : Workloads.in(doc)) {
        for (Workload.Container c : w.containers()) {
          RuntimeRules.check(doc, PodSpecs.map(w, c), out);
        }
        KubernetesRules.check(w, out);
      }
    }
    return out.sorted();
  }
}
