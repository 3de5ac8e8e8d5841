package dev.drydock.analyzers.lang.java;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.Package;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns what one archive says about itself into Maven packages.
 *
 * <p>Each pom.properties is a package (a shaded jar embeds several). The archive's own identity is the
 * pom.properties whose artifactId matches the file name, else the only one; with none (or several that
 * do not match) it is derived from the manifest, the class packages and the file name. Only the archive's
 * own package carries {@code sha1} (the digest of the archive bytes): the embedded ones do not, since that
 * digest does not identify them; they carry {@code embeddedIn} instead.
 */
final class ArchiveIdentity {
  private ArchiveIdentity() {}

  private static final Pattern DOTTED_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)+");
  private static final Pattern ARTIFACT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  static List<Package> packages(String location, String sha1, ArchiveContents contents) {
    FileName fileName = FileName.parse(location);
    List<Package> out = new ArrayList<>();
    List<ArchiveContents.PomProperties> poms = contents.pomProperties;
    ArchiveContents.PomProperties own = null;
    for (ArchiveContents.PomProperties p : poms) {
      if (fileName.matches(p.artifactId())) {
        own = p;
        break;
      }
    }
    if (own == null && poms.size() == 1) {
      own = poms.get(0);
    }
    List<String> licenses = licenses(contents.manifestValue("Bundle-License"));
    for (ArchiveContents.PomProperties p : poms) {
      Map<String, String> attrs = new TreeMap<>();
      boolean xml = p.entry().endsWith("pom.xml");
      attrs.put("derivation", xml ? "pom.xml" : "pom.properties");
      attrs.put(xml ? "pomXml" : "pomProperties", p.entry());
      if (p == own) {
        attrs.put("sha1", sha1);
      } else {
        attrs.put("embeddedIn", location);
      }
      out.add(new Package(Ecosystem.MAVEN, p.groupId(), p.artifactId(), p.version(), null, null, null,
          p == own ? licenses : List.of(), location, attrs));
    }
    if (own == null) {
      Package jenkins = jenkinsPlugin(location, sha1, contents, licenses);
      Package derived = jenkins != null ? jenkins : derived(location, sha1, fileName, contents, licenses);
      if (derived != null && out.stream().noneMatch(p -> p.key().equals(derived.key()))) {
        out.add(derived);
      }
    }
    return out;
  }

  /**
   * A Jenkins plugin ({@code .hpi}/{@code .jpi}): maven-hpi-plugin writes {@code Group-Id},
   * {@code Short-Name} (the artifactId) and {@code Plugin-Version} into the manifest. Null when absent.
   */
  private static Package jenkinsPlugin(String location, String sha1, ArchiveContents c, List<String> licenses) {
    String shortName = c.manifestValue("Short-Name");
    String version = c.manifestValue("Plugin-Version");
    if (shortName == null || version == null || !ARTIFACT_ID.matcher(shortName).matches() || version.contains("${")) {
      return null;
    }
    String group = c.manifestValue("Group-Id");
    List<String> sources = new ArrayList<>();
    if (group != null && DOTTED_ID.matcher(group).matches()) {
      sources.add("manifest:Group-Id");
    } else {
      group = null;
    }
    sources.add("manifest:Short-Name");
    sources.add("manifest:Plugin-Version");
    Map<String, String> attrs = new TreeMap<>();
    attrs.put("derivation", String.join("+", sources));
    attrs.put("sha1", sha1);
    return new Package(Ecosystem.MAVEN, group, shortName, version, null, null, null, licenses, location, attrs);
  }

  /** Identity from the manifest, class packages and file name; null when no name and version are found. */
  private static Package derived(
      String location, String sha1, FileName fileName, ArchiveContents c, List<String> licenses) {
    Set<String> sources = new LinkedHashSet<>();

    String artifact = null;
    if (fileName.version() != null) {
      artifact = fileName.artifactId();
      sources.add("filename");
    }
    if (artifact == null) {
      String title = c.manifestValue("Implementation-Title");
      if (title != null && ARTIFACT_ID.matcher(title).matches()) {
        artifact = title;
        sources.add("manifest:Implementation-Title");
      }
    }
    if (artifact == null && !fileName.artifactId().isEmpty()) {
      artifact = fileName.artifactId();
      sources.add("filename");
    }

    String version = manifestVersion(c, "Implementation-Version", sources);
    if (version == null && fileName.version() != null) {
      version = fileName.version();
      sources.add("filename");
    }
    if (version == null) {
      version = manifestVersion(c, "Bundle-Version", sources);
    }
    if (version == null) {
      version = manifestVersion(c, "Specification-Version", sources);
    }
    if (artifact == null || version == null) {
      return null;
    }

    String[] group = group(c, artifact);
    Map<String, String> attrs = new TreeMap<>();
    if (group != null) {
      List<String> all = new ArrayList<>();
      all.add(group[1]);
      all.addAll(sources);
      sources = new LinkedHashSet<>(all);
    }
    attrs.put("derivation", String.join("+", sources));
    attrs.put("sha1", sha1);
    return new Package(Ecosystem.MAVEN, group == null ? null : group[0], artifact, version, null, null, null,
        licenses, location, attrs);
  }

  private static String manifestVersion(ArchiveContents c, String attribute, Set<String> sources) {
    String v = c.manifestValue(attribute);
    if (v == null || v.contains("${")) {
      return null;
    }
    sources.add("manifest:" + attribute);
    return v;
  }

  /** {groupId, how it was found}, or null. */
  private static String[] group(ArchiveContents c, String artifact) {
    String[][] named = {
      {"Automatic-Module-Name", c.manifestValue("Automatic-Module-Name")},
      {"Bundle-SymbolicName", symbolicName(c.manifestValue("Bundle-SymbolicName"))},
      {"Implementation-Vendor-Id", c.manifestValue("Implementation-Vendor-Id")},
    };
    for (String[] n : named) {
      String g = WellKnownGroups.lookup(n[1]);
      if (g != null) {
        return new String[] {g, "table:" + n[0]};
      }
    }
    String dominant = c.dominantPackagePrefix();
    String fromPackages = WellKnownGroups.lookup(dominant);
    if (fromPackages != null) {
      return new String[] {fromPackages, "table:package-prefix"};
    }
    String vendorId = c.manifestValue("Implementation-Vendor-Id");
    if (vendorId != null && DOTTED_ID.matcher(vendorId).matches()) {
      return new String[] {vendorId, "manifest:Implementation-Vendor-Id"};
    }
    // maven-bundle-plugin's default symbolic name is <groupId>.<artifactId>
    String bsn = symbolicName(c.manifestValue("Bundle-SymbolicName"));
    if (bsn != null && bsn.endsWith("." + artifact)) {
      String g = bsn.substring(0, bsn.length() - artifact.length() - 1);
      if (DOTTED_ID.matcher(g).matches()) {
        return new String[] {g, "manifest:Bundle-SymbolicName"};
      }
    }
    if (dominant != null && dominant.indexOf('.') > 0) {
      return new String[] {dominant, "package-prefix"};
    }
    return null;
  }

  /** The name part of an OSGi {@code Bundle-SymbolicName} header ({@code a.b;singleton:=true}). */
  private static String symbolicName(String header) {
    if (header == null) {
      return null;
    }
    int semi = header.indexOf(';');
    String name = (semi >= 0 ? header.substring(0, semi) : header).trim();
    return name.isEmpty() ? null : name;
  }

  /** Licences from an OSGi {@code Bundle-License} header: comma-separated, each with optional parameters. */
  static List<String> licenses(String header) {
    if (header == null || header.startsWith("<<EXTERNAL>>")) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i <= header.length(); i++) {
      char ch = i < header.length() ? header.charAt(i) : ',';
      if (ch == '"') {
        quoted = !quoted;
        cur.append(ch);
      } else if (ch == ',' && !quoted) {
        String clause = cur.toString();
        int semi = clause.indexOf(';');
        String name = (semi >= 0 ? clause.substring(0, semi) : clause).trim().replace("\"", "");
        if (!name.isEmpty()) {
          out.add(name);
        }
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    return out;
  }
}
