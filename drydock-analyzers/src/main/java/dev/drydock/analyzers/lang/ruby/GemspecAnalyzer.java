package dev.drydock.analyzers.lang.ruby;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installed gems: the Ruby gemspecs RubyGems writes to {@code specifications/} (and
 * {@code specifications/default/} for default gems). The Ruby source is not evaluated; the
 * assignments RubyGems generates are matched with patterns.
 */
public final class GemspecAnalyzer implements Analyzer {
  private static final String STR = "[\"']([^\"']+)[\"'](?:\\.freeze)?";
  private static final Pattern NAME = Pattern.compile("(?m)^\\s*\\w+\\.name\\s*=\\s*" + STR);
  private static final Pattern VERSION = Pattern.compile(
      "(?m)^\\s*\\w+\\.version\\s*=\\s*(?:Gem::Version\\.new\\(\\s*" + STR + "\\s*\\)|" + STR + ")");
  private static final Pattern LICENSES = Pattern.compile("(?m)^\\s*\\w+\\.licenses\\s*=\\s*\\[([^\\]]*)\\]");
  private static final Pattern LICENSE = Pattern.compile("(?m)^\\s*\\w+\\.license\\s*=\\s*" + STR);
  private static final Pattern QUOTED = Pattern.compile("[\"']([^\"']+)[\"']");

  @Override
  public String name() {
    return "gemspec";
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
    if (!path.endsWith(".gemspec")) {
      return false;
    }
    String dir = path.substring(0, Math.max(0, path.lastIndexOf('/')));
    return dir.equals("specifications") || dir.endsWith("/specifications")
        || dir.endsWith("/specifications/default");
  }

  @Override
  public long maxFileSize() {
    return 1024L * 1024;
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    String text = file.text();
    Matcher name = NAME.matcher(text);
    Matcher version = VERSION.matcher(text);
    if (!name.find() || !version.find()) {
      return List.of();
    }
    String v = version.group(1) != null ? version.group(1) : version.group(2);
    Package pkg = new Package(Ecosystem.GEM, null, name.group(1).strip(), v.strip(), null, null, null,
        licenses(text), file.path(), Map.of());
    return List.of(new Fact.PackageFound(file.path(), pkg));
  }

  private static List<String> licenses(String text) {
    List<String> out = new ArrayList<>();
    Matcher many = LICENSES.matcher(text);
    if (many.find()) {
      Matcher q = QUOTED.matcher(many.group(1));
      while (q.find()) {
        out.add(q.group(1));
      }
    }
    Matcher one = LICENSE.matcher(text);
    if (out.isEmpty() && one.find()) {
      out.add(one.group(1));
    }
    return out;
  }
}
