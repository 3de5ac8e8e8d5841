package dev.drydock.analyzers.lang.ruby;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemfile.lock (and gems.locked): the {@code specs:} of the GEM, GIT and PATH sources. Gems are the
 * four-space indented {@code name (version)} lines; deeper lines are their dependencies. As Bundler does,
 * the version ends at the first '-', the rest is the platform ({@code nokogiri (1.15.4-x86_64-linux)}).
 * A gem locked for several platforms is reported once, its platforms joined with ','. Edges: the six-space
 * dependency lines under a gem ({@code name} or {@code name (constraints)}), by name, to the gems of that name
 * the lock file's specs hold.
 */
public final class GemfileLockAnalyzer implements Analyzer {
  private static final Pattern SPEC = Pattern.compile("^ {4}([^ (][^ ]*) \\(([^-)]+)(?:-([^)]+))?\\)$");

  @Override
  public String name() {
    return "gemfile-lock";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public Set<TargetKind> targets() {
    return Set.of(TargetKind.IMAGE, TargetKind.SOURCE);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    // an installed gem's own development lock file (gems/<name>-<version>/Gemfile.lock) is not the app's
    return (file.equals("Gemfile.lock") || file.equals("gems.locked")) && !path.contains("/gems/")
        && !path.startsWith("gems/");
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    Map<String, Package> found = new LinkedHashMap<>();
    Map<String, java.util.Set<String>> needs = new java.util.HashMap<>();
    String current = null;
    String source = null;
    boolean inSpecs = false;
    for (String line : file.text().split("\r?\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (!line.startsWith(" ")) {
        String section = line.strip();
        source = section.equals("GEM") || section.equals("GIT") || section.equals("PATH")
            ? section.toLowerCase(Locale.ROOT) : null;
        inSpecs = false;
        continue;
      }
      if (source == null) {
        continue;
      }
      if (line.equals("  specs:")) {
        inSpecs = true;
        continue;
      }
      if (!line.startsWith("    ")) {
        inSpecs = false; // another two-space field (remote:, revision:, ...)
        continue;
      }
      if (inSpecs && current != null && line.startsWith("      ") && !line.startsWith("       ")) {
        String dep = line.strip();
        int space = dep.indexOf(' ');
        needs.computeIfAbsent(current, k -> new java.util.TreeSet<>()).add(space < 0 ? dep : dep.substring(0, space));
        continue;
      }
      Matcher m = inSpecs ? SPEC.matcher(line) : null;
      if (m == null || !m.matches()) {
        current = null;
        continue;
      }
      String key = m.group(1) + "@" + m.group(2);
      current = key;
      Package seen = found.get(key);
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("source", seen == null ? source : seen.attribute("source"));
      String platform = seen == null ? null : seen.attribute("platform");
      if (m.group(3) != null) {
        platform = platform == null ? m.group(3) : platform + "," + m.group(3);
      }
      if (platform != null) {
        attributes.put("platform", platform);
      }
      found.put(key, new Package(Ecosystem.GEM, null, m.group(1), m.group(2), null, null, null, List.of(),
          file.path(), attributes));
    }
    Map<String, List<String>> purlsByName = new java.util.HashMap<>();
    for (Package p : found.values()) {
      purlsByName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(Purls.of(p, null));
    }
    List<Fact> facts = new ArrayList<>(found.size());
    found.forEach((key, p) -> {
      java.util.Set<String> edges = new java.util.TreeSet<>();
      for (String name : needs.getOrDefault(key, java.util.Set.of())) {
        edges.addAll(purlsByName.getOrDefault(name, List.of()));
      }
      facts.add(new Fact.PackageFound(file.path(), p.withDependsOn(edges)));
    });
    return facts;
  }
}
