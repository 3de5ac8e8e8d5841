package dev.drydock.analyzers.lang.java;

import dev.drydock.analyzers.SafeXml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What one pom.xml says by itself: coordinates (groupId and version fall back to the parent's, as Maven
 * inherits them), properties, declared dependencies and dependencyManagement. Nothing is fetched.
 */
record PomModel(String groupId, String artifactId, String version, String parentGroupId, String parentArtifactId,
    String parentVersion, Map<String, String> properties, List<Dependency> dependencies,
    List<Dependency> managed) {

  record Dependency(String groupId, String artifactId, String version, String scope, String type, boolean optional) {}

  /** The model, or null when the bytes are not a pom (not XML, DOCTYPE, or no {@code project} root). */
  static PomModel parse(byte[] bytes) {
    Document doc = SafeXml.parse(bytes);
    if (doc == null || !SafeXml.localName(doc.getDocumentElement()).equals("project")) {
      return null;
    }
    Element project = doc.getDocumentElement();
    Element parent = SafeXml.child(project, "parent");
    String pg = SafeXml.childText(parent, "groupId");
    String pa = SafeXml.childText(parent, "artifactId");
    String pv = SafeXml.childText(parent, "version");
    String g = SafeXml.childText(project, "groupId");
    String v = SafeXml.childText(project, "version");
    Map<String, String> properties = new LinkedHashMap<>();
    for (Element p : SafeXml.children(SafeXml.child(project, "properties"), "*")) {
      properties.put(SafeXml.localName(p), p.getTextContent().strip());
    }
    return new PomModel(g != null ? g : pg, SafeXml.childText(project, "artifactId"), v != null ? v : pv, pg, pa, pv,
        properties, dependencies(SafeXml.child(project, "dependencies")),
        dependencies(SafeXml.child(SafeXml.child(project, "dependencyManagement"), "dependencies")));
  }

  private static List<Dependency> dependencies(Element list) {
    List<Dependency> out = new ArrayList<>();
    for (Element d : SafeXml.children(list, "dependency")) {
      out.add(new Dependency(SafeXml.childText(d, "groupId"), SafeXml.childText(d, "artifactId"),
          SafeXml.childText(d, "version"), SafeXml.childText(d, "scope"), SafeXml.childText(d, "type"),
          "true".equals(SafeXml.childText(d, "optional"))));
    }
    return out;
  }
}
