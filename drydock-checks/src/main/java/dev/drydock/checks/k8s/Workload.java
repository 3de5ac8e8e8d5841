package dev.drydock.checks.k8s;

import dev.drydock.checks.doc.Doc;
import java.util.List;

/**
 * One Kubernetes object that runs pods, located in its document.
 *
 * @param doc the document it is in
 * @param kind {@code Deployment}, {@code CronJob}, ...
 * @param resource {@code Kind/name}
 * @param podSpec pointer of the pod spec ({@code /spec/template/spec}; inside a List {@code /items/0/...})
 * @param annotations pointer of the pod's annotations
 * @param containers every container, init container and ephemeral container
 */
record Workload(Doc doc, String kind, String resource, String podSpec, String annotations,
    List<Container> containers) {

  /**
   * One container of the pod.
   *
   * @param role {@code container}, {@code initContainer} or {@code ephemeralContainer}
   * @param name its name
   * @param pointer its list item
   */
  record Container(String role, String name, String pointer) {
    String securityContext() {
      return pointer + "/securityContext";
    }
  }

  String resource(Container c) {
    return resource + " " + c.role() + " " + c.name();
  }
}
