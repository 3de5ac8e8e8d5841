package dev.drydock.analyzers.lang.dotnet;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.SafeXml;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Declared NuGet references in source trees:
 *
 * <ul>
 *   <li>{@code *.csproj}, {@code *.fsproj}, {@code *.vbproj}, {@code Directory.Build.props}:
 *       {@code PackageReference Include=...} with {@code Version} (attribute or element) or
 *       {@code VersionOverride}. {@code $(Property)} versions are resolved from the same file's
 *       {@code PropertyGroup}s; an exact range {@code [1.2.3]} is {@code 1.2.3}. A version that cannot be
 *       resolved here (another file's property, a range, a floating {@code *} version, or none at all
 *       under central package management) is reported as unknown: version null and
 *       {@code versionUnresolved} holding what was written. {@code PrivateAssets="all"} marks a
 *       development-only reference (analyzers, SourceLink): dev. {@code Update}/{@code Remove} items are
 *       not declarations.
 *   <li>{@code Directory.Packages.props} (central package management): every {@code PackageVersion}
 *       ({@code central=true}) and {@code GlobalPackageReference} (always private assets: dev).
 *   <li>{@code packages.config}: every {@code package id version}; {@code developmentDependency="true"}
 *       is dev.
 * </ul>
 */
public final class NugetProjectAnalyzer implements Analyzer {
  private static final Pattern PROPERTY = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");
  private static final Pattern PLAIN = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+-]*");

  @Override
  public String name() {
    return "nuget-project";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public Set<TargetKind> targets() {
    return Set.of(TargetKind.SOURCE);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    return file.endsWith(".csproj") || file.endsWith(".fsproj") || file.endsWith(".vbproj")
        || file.equals("Directory.Packages.props") || file.equals("Directory.Build.props")
        || file.equals("packages.config");
  }

  @Override
  public long maxFileSize() {
    return 8L * 1024 * 1024;
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    Document doc = SafeXml.parse(file.bytes());
    if (doc == null) {
      return List.of();
    }
    Element root = doc.getDocumentElement();
    List<Package> found = SafeXml.localName(root).equals("packages")
        ? packagesConfig(root, file.path())
        : project(root, file.path());
    List<Fact> facts = new ArrayList<>();
    for (Package p : found) {
      facts.add(new Fact.PackageFound(file.path(), p));
    }
    return facts;
  }

  private static List<Package> packagesConfig(Element root, String location) {
    List<Package> out = new ArrayList<>();
    for (Element e : SafeXml.children(root, "package")) {
      String id = SafeXml.attribute(e, "id");
      String version = SafeXml.attribute(e, "version");
      if (id == null || version == null) {
        continue;
      }
      Map<String, String> attrs = new LinkedHashMap<>();
      if ("true".equalsIgnoreCase(SafeXml.attribute(e, "developmentDependency"))) {
        attrs.put("dev", "true");
      }
      String framework = SafeXml.attribute(e, "targetFramework");
      if (framework != null) {
        attrs.put("targetFramework", framework);
      }
      out.add(pkg(id, version, location, attrs));
    }
    return out;
  }

  private static List<Package> project(Element root, String location) {
    Map<String, String> properties = new HashMap<>();
    for (Element group : SafeXml.children(root, "PropertyGroup")) {
      for (Element p : SafeXml.children(group, "*")) {
        properties.put(SafeXml.localName(p), p.getTextContent().strip());
      }
    }
    List<Package> out = new ArrayList<>();
    for (Element group : SafeXml.children(root, "ItemGroup")) {
      for (String kind : List.of("PackageReference", "PackageVersion", "GlobalPackageReference")) {
        for (Element item : SafeXml.children(group, kind)) {
          String id = SafeXml.attribute(item, "Include");
          if (id == null) {
            continue; // Update= / Remove= items change declarations made elsewhere
          }
          String written = SafeXml.attribute(item, "VersionOverride");
          if (written == null) {
            written = SafeXml.attribute(item, "Version");
          }
          if (written == null) {
            written = SafeXml.childText(item, "VersionOverride");
          }
          if (written == null) {
            written = SafeXml.childText(item, "Version");
          }
          Map<String, String> attrs = new LinkedHashMap<>();
          String version = null;
          if (written == null) {
            attrs.put("versionUnresolved", "no Version (central package management)");
          } else {
            String expanded = expand(written, properties);
            version = expanded == null ? null : exact(expanded);
            if (version == null) {
              attrs.put("versionUnresolved", written);
            } else if (!expanded.equals(written)) {
              attrs.put("versionFrom", written);
            }
          }
          String privateAssets = SafeXml.attribute(item, "PrivateAssets");
          if (privateAssets == null) {
            privateAssets = SafeXml.childText(item, "PrivateAssets");
          }
          boolean dev = kind.equals("GlobalPackageReference")
              || privateAssets != null && privateAssets.toLowerCase(Locale.ROOT).contains("all");
          if (dev) {
            attrs.put("dev", "true");
          }
          if (kind.equals("PackageVersion")) {
            attrs.put("central", "true");
          }
          out.add(pkg(id, version, location, attrs));
        }
      }
    }
    return out;
  }

  /** Substitutes {@code $(Name)} from the file's properties (nested up to a few levels); null if any is missing. */
  private static String expand(String value, Map<String, String> properties) {
    String v = value;
    for (int depth = 0; depth < 8 && v.contains("$("); depth++) {
      Matcher m = PROPERTY.matcher(v);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String p = properties.get(m.group(1));
        if (p == null || p.isEmpty()) {
          return null;
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(p));
      }
      m.appendTail(sb);
      v = sb.toString();
    }
    return v.contains("$(") ? null : v.strip();
  }

  /** A plain version, or the single version of an exact range "[1.2.3]"; null for ranges and floating versions. */
  private static String exact(String v) {
    String s = v;
    if (s.startsWith("[") && s.endsWith("]") && !s.contains(",")) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return PLAIN.matcher(s).matches() && !s.contains("*") ? s : null;
  }

  private static Package pkg(String id, String version, String location, Map<String, String> attrs) {
    return new Package(Ecosystem.NUGET, null, id, version, null, null, null, List.of(), location, attrs);
  }
}
