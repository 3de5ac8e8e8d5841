package dev.drydock.analyzers.lang.java;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Declared dependencies of a {@code pom.xml} in a source tree (the {@code <dependencies>} of the project,
 * not of plugins or profiles). Resolved offline from the file alone: {@code ${property}} from its
 * {@code <properties>} (nested), {@code ${project.groupId|artifactId|version}} and
 * {@code ${project.parent.*}}, and versions from its own {@code <dependencyManagement>}. What only the parent
 * pom, an imported BOM or another file knows is never guessed: such a dependency is reported with version
 * null and {@code versionUnresolved} saying why (the parent's coordinates, or the expression or range as
 * written). Scope {@code test} is dev. Every package records the declaring project as {@code declaredIn}.
 * The project itself is reported too, with {@code project=root}, or {@code project=member} when its parent
 * has the same groupId (a module of a multi-module build), and with an edge to each declared dependency.
 */
public final class PomAnalyzer implements Analyzer {
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");
  private static final Pattern PLAIN_VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]*");

  @Override
  public String name() {
    return "maven-pom";
  }

  @Override
  public int version() {
    return 2; // 2: the project package has edges to its declared dependencies
  }

  @Override
  public Set<TargetKind> targets() {
    return Set.of(TargetKind.SOURCE);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    if (!(path.equals("pom.xml") || path.endsWith("/pom.xml"))) {
      return false;
    }
    // build output and the local repository hold other projects' poms
    return !(path.contains("/target/") || path.startsWith("target/") || path.contains(".m2/repository/"));
  }

  @Override
  public long maxFileSize() {
    return 8L * 1024 * 1024;
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    PomModel pom = PomModel.parse(file.bytes());
    if (pom == null) {
      return List.of();
    }
    Map<String, String> props = new HashMap<>(pom.properties());
    putIfSet(props, "project.groupId", pom.groupId());
    putIfSet(props, "project.artifactId", pom.artifactId());
    putIfSet(props, "project.version", pom.version());
    putIfSet(props, "project.parent.groupId", pom.parentGroupId());
    putIfSet(props, "project.parent.artifactId", pom.parentArtifactId());
    putIfSet(props, "project.parent.version", pom.parentVersion());
    for (String k : List.of("groupId", "artifactId", "version")) {
      if (props.containsKey("project." + k)) {
        props.putIfAbsent("pom." + k, props.get("project." + k));
      }
    }
    Map<String, String> managed = new HashMap<>();
    for (PomModel.Dependency d : pom.managed()) {
      if ("import".equals(d.scope())) {
        continue;
      }
      String g = expand(d.groupId(), props);
      String a = expand(d.artifactId(), props);
      String v = expand(d.version(), props);
      if (g != null && a != null && v != null) {
        managed.put(g + ":" + a, v);
      }
    }
    boolean hasImports = pom.managed().stream().anyMatch(d -> "import".equals(d.scope()));
    String declaredIn = expand(pom.groupId(), props) + ":" + expand(pom.artifactId(), props) + ":"
        + expand(pom.version(), props);
    List<Fact> facts = new ArrayList<>();
    String ownGroup = expand(pom.groupId(), props);
    String ownArtifact = expand(pom.artifactId(), props);
    if (ownGroup != null && ownArtifact != null) {
      // the project itself: a module of the same build when its parent shares its groupId
      Map<String, String> attrs = new LinkedHashMap<>();
      attrs.put("project", pom.parentGroupId() != null && pom.parentGroupId().equals(ownGroup) ? "member" : "root");
      String ownVersion = expand(pom.version(), props);
      if (ownVersion == null) {
        attrs.put("versionUnresolved", String.valueOf(pom.version()));
      }
      facts.add(new Fact.PackageFound(file.path(), new Package(Ecosystem.MAVEN, ownGroup, ownArtifact, ownVersion,
          null, null, null, List.of(), file.path(), attrs)));
    }
    int projectIndex = facts.size() - 1; // -1: no project package
    for (PomModel.Dependency d : pom.dependencies()) {
      String g = expand(d.groupId(), props);
      String a = expand(d.artifactId(), props);
      if (g == null || a == null) {
        continue;
      }
      Map<String, String> attrs = new LinkedHashMap<>();
      attrs.put("declaredIn", declaredIn);
      String version;
      String written = d.version();
      if (written == null) {
        version = managed.get(g + ":" + a);
        if (version == null) {
          attrs.put("versionUnresolved", managedElsewhere(pom, hasImports));
        }
      } else {
        String expanded = expand(written, props);
        version = expanded != null && PLAIN_VERSION.matcher(expanded).matches() ? expanded : null;
        if (version == null) {
          attrs.put("versionUnresolved", written);
        } else if (!written.equals(version)) {
          attrs.put("versionFrom", written);
        }
      }
      if ("test".equals(d.scope())) {
        attrs.put("dev", "true");
      }
      if (d.scope() != null) {
        attrs.put("scope", d.scope());
      }
      if (d.optional()) {
        attrs.put("optional", "true");
      }
      Package pkg = new Package(Ecosystem.MAVEN, g, a, version, null, null, null, List.of(), file.path(), attrs);
      facts.add(new Fact.PackageFound(file.path(), pkg));
    }
    if (projectIndex >= 0 && facts.size() > projectIndex + 1) {
      // the project's edges: its declared dependencies (test scope included, flagged dev on the dependency)
      List<String> edges = new ArrayList<>();
      for (Fact f : facts.subList(projectIndex + 1, facts.size())) {
        edges.add(Purls.of(((Fact.PackageFound) f).pkg(), null));
      }
      Fact.PackageFound project = (Fact.PackageFound) facts.get(projectIndex);
      facts.set(projectIndex, new Fact.PackageFound(project.path(), project.pkg().withDependsOn(edges)));
    }
    return facts;
  }

  private static String managedElsewhere(PomModel pom, boolean hasImports) {
    if (pom.parentArtifactId() != null) {
      return "managed by parent " + pom.parentGroupId() + ":" + pom.parentArtifactId() + ":" + pom.parentVersion()
          + (hasImports ? " or an imported BOM" : "");
    }
    return hasImports ? "managed by an imported BOM" : "no version";
  }

  private static void putIfSet(Map<String, String> props, String key, String value) {
    if (value != null) {
      props.put(key, value);
    }
  }

  /** The value with every {@code ${...}} substituted; null when the value is null or any expression is unknown. */
  static String expand(String value, Map<String, String> props) {
    if (value == null) {
      return null;
    }
    String v = value;
    for (int depth = 0; depth < 10 && v.contains("${"); depth++) {
      Matcher m = EXPRESSION.matcher(v);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String p = props.get(m.group(1).strip());
        if (p == null) {
          return null;
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(p));
      }
      m.appendTail(sb);
      v = sb.toString();
    }
    return v.contains("${") ? null : v.strip();
  }
}
