package dev.drydock.checks.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.runtime.Nodes;
import dev.drydock.checks.runtime.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the workloads in a document: the supported kinds, also inside {@code kind: List} items. */
final class Workloads {
  /** Where each supported kind keeps its pod template (relative to the object). */
  static final Map<String, String> TEMPLATE = Map.of(
      "Pod", "",
      "Deployment", "/spec/template",
      "StatefulSet", "/spec/template",
      "DaemonSet", "/spec/template",
      "ReplicaSet", "/spec/template",
      "ReplicationController", "/spec/template",
      "Job", "/spec/template",
      "CronJob", "/spec/jobTemplate/spec/template");

  private Workloads() {}

  static List<Workload> in(Doc doc) {
    List<Workload> out = new ArrayList<>();
    if (doc.root().isObject()) {
      visit(doc, "", out, 0);
    }
    return out;
  }

  private static void visit(Doc doc, String p, List<Workload> out, int depth) {
    Setting<String> kind = Nodes.text(doc, p + "/kind");
    if (kind == null) {
      return;
    }
    if (kind.value().equals("List") || kind.value().endsWith("List") && depth == 0) {
      JsonNode items = Nodes.list(doc, p + "/items");
      if (items != null && depth < 5) {
        for (int i = 0; i < items.size(); i++) {
          String item = Doc.child(p + "/items", i);
          if (items.get(i).isObject()) {
            visit(doc, item, out, depth + 1);
          } else if (!items.get(i).isNull()) {
            throw Nodes.error(doc, item, "must be a mapping (a Kubernetes object)");
          }
        }
      }
      return;
    }
    String template = TEMPLATE.get(kind.value());
    if (template == null) {
      return;
    }
    Nodes.object(doc, p + "/metadata");
    Setting<String> name = Nodes.text(doc, p + "/metadata/name");
    String resource = kind.value() + "/" + (name == null ? "<unnamed>" : name.value());
    String tp = p + template;
    String podSpec = tp + "/spec";
    if (!template.isEmpty()) {
      Nodes.object(doc, tp);
      Nodes.object(doc, tp + "/metadata");
    }
    JsonNode spec = Nodes.object(doc, podSpec);
    if (spec == null) {
      return; // nothing to check (e.g. a Deployment scaled from a template elsewhere)
    }
    Nodes.object(doc, tp + "/metadata/annotations");
    List<Workload.Container> containers = new ArrayList<>();
    for (String role : List.of("container", "initContainer", "ephemeralContainer")) {
      String lp = podSpec + "/" + role + "s";
      JsonNode list = Nodes.list(doc, lp);
      if (list == null) {
        continue;
      }
      for (int i = 0; i < list.size(); i++) {
        String cp = Doc.child(lp, i);
        Nodes.object(doc, cp);
        if (Nodes.node(doc, cp) == null) {
          throw Nodes.error(doc, cp, "must be a container mapping, not empty");
        }
        Setting<String> cn = Nodes.text(doc, cp + "/name");
        containers.add(new Workload.Container(role, cn == null ? "#" + i : cn.value(), cp));
      }
    }
    out.add(new Workload(doc, kind.value(), resource, podSpec, tp + "/metadata/annotations", containers));
  }
}
