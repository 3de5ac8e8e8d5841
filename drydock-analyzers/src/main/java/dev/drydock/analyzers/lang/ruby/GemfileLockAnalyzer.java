package dev.drydock.analyzers.lang.ruby;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
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
 * A gem locked for several platforms is reported once, its platforms joined with ','.
 */
public final class GemfileLockAnalyzer implements Analyzer {
  private static final Pattern SPEC = Pattern.compile("^ {4}([^ (][^ ]*) \\(([^-)]+)(?:-([^)]+))?\\)$");

  @Override
  public String name() {
    return "gemfile-lock";
  }

  @Override
  public int version() {
    return 1;
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
      Matcher m = inSpecs ? SPEC.matcher(line) : null;
      if (m == null || !m.matches()) {
        continue;
      }
      String key = m.group(1) + "@" + m.group(2);
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
    List<Fact> facts = new ArrayList<>(found.size());
    for (Package p : found.values()) {
      facts.add(new Fact.PackageFound(file.path(), p));
    }
    return facts;
  }
}
