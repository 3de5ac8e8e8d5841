package dev.drydock.analyzers.lang.golang;

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
import java.util.Map;
import java.util.Set;

/**
 * {@code go.mod} and {@code go.sum} in source trees (https://go.dev/ref/mod#go-mod-file).
 *
 * <ul>
 *   <li>go.mod: every {@code require}d module (line or block form), {@code indirect=true} for
 *       {@code // indirect} ones, with {@code replace} directives applied as {@link GoBinaryAnalyzer} does
 *       (a module replacement is reported under its new path and version with {@code replaces}; a local
 *       directory replacement keeps the original path and version and records {@code replacedBy}).
 *       {@code exclude}, {@code retract} and {@code toolchain} are not packages. Each package carries the
 *       {@code go} directive as {@code goDirective}. The main module ({@code module}) is reported as the
 *       project ({@code project=root}, no version) with an edge to each direct requirement.
 *   <li>go.sum: every module whose content hash (a line without the {@code /go.mod} suffix) is recorded,
 *       with the hash as {@code sum}. For modules declaring {@code go 1.16} or older, go.mod lists only
 *       direct requirements and go.sum is what names the rest of the build list; the inventory merges the
 *       two files' entries for the same module and version.
 * </ul>
 *
 * Go has no development dependencies: test-only modules are part of the build list and reported.
 */
public final class GoModAnalyzer implements Analyzer {

  @Override
  public String name() {
    return "go-mod";
  }

  @Override
  public int version() {
    return 2; // 2: the main module is reported as the project
  }

  @Override
  public Set<TargetKind> targets() {
    return Set.of(TargetKind.SOURCE);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    if (!file.equals("go.mod") && !file.equals("go.sum")) {
      return false;
    }
    // vendored copies and the module cache (GOPATH/pkg/mod) are other modules' files
    return !(path.startsWith("vendor/") || path.contains("/vendor/") || path.contains("pkg/mod/"));
  }

  @Override
  public long maxFileSize() {
    return 32L * 1024 * 1024;
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    String path = file.path();
    String text = file.text();
    return path.endsWith("go.sum") ? goSum(path, text) : goMod(path, text);
  }

  private record Require(String path, String version, boolean indirect) {}

  private record Replace(String oldPath, String oldVersion, String newPath, String newVersion) {}

  static List<Fact> goMod(String location, String text) {
    List<Require> requires = new ArrayList<>();
    List<Replace> replaces = new ArrayList<>();
    String goDirective = null;
    String mainModule = null;
    String block = null;
    for (String raw : text.split("\r?\n")) {
      String comment = "";
      String line = raw;
      int slashes = line.indexOf("//");
      if (slashes >= 0) {
        comment = line.substring(slashes + 2).strip();
        line = line.substring(0, slashes);
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      String verb;
      String args;
      if (block != null) {
        if (line.equals(")")) {
          block = null;
          continue;
        }
        verb = block;
        args = line;
      } else {
        int space = firstSpace(line);
        verb = space < 0 ? line : line.substring(0, space);
        args = space < 0 ? "" : line.substring(space).strip();
        if (args.equals("(")) {
          block = verb;
          continue;
        }
      }
      switch (verb) {
        case "go" -> goDirective = args;
        case "module" -> {
          String[] f = fields(args);
          mainModule = f.length == 1 ? f[0] : mainModule;
        }
        case "require" -> {
          String[] f = fields(args);
          if (f.length == 2) {
            requires.add(new Require(f[0], f[1], comment.matches("(?:.*;\\s*)?indirect(?:;.*)?")));
          }
        }
        case "replace" -> {
          int arrow = args.indexOf("=>");
          if (arrow > 0) {
            String[] left = fields(args.substring(0, arrow));
            String[] right = fields(args.substring(arrow + 2));
            if (left.length >= 1 && right.length >= 1) {
              replaces.add(new Replace(left[0], left.length > 1 ? left[1] : null, right[0],
                  right.length > 1 ? right[1] : null));
            }
          }
        }
        default -> { } // exclude, retract, toolchain, godebug, tool, ignore
      }
    }
    List<Fact> facts = new ArrayList<>();
    for (Require r : requires) {
      Map<String, String> attrs = new LinkedHashMap<>();
      if (goDirective != null) {
        attrs.put("goDirective", goDirective);
      }
      if (r.indirect()) {
        attrs.put("indirect", "true");
      }
      String name = r.path();
      String version = r.version();
      Replace rep = replacementFor(replaces, r);
      if (rep != null) {
        if (rep.newPath().startsWith(".") || rep.newPath().startsWith("/") || rep.newVersion() == null) {
          attrs.put("replacedBy", rep.newPath());
        } else {
          attrs.put("replaces", name + " " + version);
          name = rep.newPath();
          version = rep.newVersion();
        }
      }
      facts.add(found(location, name, version, attrs));
    }
    if (mainModule != null) {
      // the main module: the project itself (no version: go.mod does not record one), with an edge to each
      // direct requirement (a require marked // indirect is a dependency of a dependency)
      List<String> direct = new ArrayList<>();
      for (Fact f : facts) {
        Package dep = ((Fact.PackageFound) f).pkg();
        if (!"true".equals(dep.attribute("indirect"))) {
          direct.add(Purls.of(dep, null));
        }
      }
      Map<String, String> attrs = new LinkedHashMap<>();
      attrs.put("project", "root");
      if (goDirective != null) {
        attrs.put("goDirective", goDirective);
      }
      facts.add(0, new Fact.PackageFound(location, new Package(Ecosystem.GOLANG, null, mainModule, null, null, null,
          null, List.of(), location, attrs, direct)));
    }
    return facts;
  }

  /** A replace with a version applies to that version only; one without, to every version (and wins less). */
  private static Replace replacementFor(List<Replace> replaces, Require r) {
    Replace any = null;
    for (Replace rep : replaces) {
      if (rep.oldPath().equals(r.path())) {
        if (r.version().equals(rep.oldVersion())) {
          return rep;
        }
        if (rep.oldVersion() == null) {
          any = rep;
        }
      }
    }
    return any;
  }

  static List<Fact> goSum(String location, String text) {
    Map<String, String[]> modules = new LinkedHashMap<>();
    for (String line : text.split("\r?\n")) {
      String[] f = fields(line);
      if (f.length != 3 || !f[1].startsWith("v") || f[1].endsWith("/go.mod") || !f[2].contains(":")) {
        continue;
      }
      modules.putIfAbsent(f[0] + "@" + f[1], f);
    }
    List<Fact> facts = new ArrayList<>();
    for (String[] f : modules.values()) {
      facts.add(found(location, f[0], f[1], Map.of("sum", f[2])));
    }
    return facts;
  }

  private static int firstSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == '(') {
        return i;
      }
    }
    return -1;
  }

  /** Whitespace-separated fields; double-quoted or back-quoted strings unquoted. */
  private static String[] fields(String s) {
    String t = s.strip();
    if (t.isEmpty()) {
      return new String[0];
    }
    String[] parts = t.split("\\s+");
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.length() >= 2 && (p.startsWith("\"") && p.endsWith("\"") || p.startsWith("`") && p.endsWith("`"))) {
        parts[i] = p.substring(1, p.length() - 1);
      }
    }
    return parts;
  }

  private static Fact found(String location, String name, String version, Map<String, String> attrs) {
    Package pkg = new Package(Ecosystem.GOLANG, null, name, version, null, null, null, List.of(), location, attrs);
    return new Fact.PackageFound(location, pkg);
  }
}
