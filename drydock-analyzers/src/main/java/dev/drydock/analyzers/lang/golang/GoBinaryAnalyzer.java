package dev.drydock.analyzers.lang.golang;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.analyzers.lang.binary.BoundedReader;
import dev.drydock.analyzers.lang.binary.Executable;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go executables (ELF, PE, Mach-O): reports the modules recorded in the embedded build information
 * (what {@code go version -m} prints) and the Go toolchain that built the binary.
 *
 * <p>Reported packages (ecosystem GOLANG, namespace null, name = full module path):
 *
 * <ul>
 *   <li>the main module ({@code mod} line) with its version as recorded, usually {@code (devel)}; when
 *       it is {@code (devel)} and the recorded {@code -ldflags} set {@code -X main.version=1.2.3} (or a
 *       {@code version} variable of a package in the main module, as GoReleaser builds do), that version,
 *       v-prefixed, with {@code versionFrom} naming the flag;
 *       attributes {@code mainModule=true}, {@code vcs.revision} / {@code vcs.time} when recorded;
 *   <li>every {@code dep}; a dependency replaced by a {@code =>} line is reported as the replacement
 *       with attribute {@code replaces} = "original-path original-version". A replacement by a local
 *       directory (path starting with "." or "/") keeps the original path and version and records the
 *       directory in {@code replacedBy}, since a directory is no module name to match advisories on;
 *   <li>the toolchain as name {@code stdlib}, version normalised to semantic form ("go1.21.0" becomes
 *       "1.21.0", "go1.17" becomes "1.17.0", "go1.21rc2" becomes "1.21.0-rc2"); not reported when the
 *       version is not a release (e.g. "devel ...").
 * </ul>
 *
 * Every package carries {@code goVersion} (raw, e.g. "go1.21.0"); modules carry {@code sum} (the
 * go.sum hash) when recorded. Binaries without build info, and non-Go executables, give no facts.
 */
public final class GoBinaryAnalyzer implements Analyzer {

  private static final long MIN_SIZE = 1024;
  private static final Pattern GO_RELEASE =
      Pattern.compile("go(\\d+)\\.(\\d+)(?:\\.(\\d+))?((?:rc|beta)\\d+)?");

  @Override
  public String name() {
    return "go-binary";
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
    return isExecutableCandidate(path, size, mode) && size <= maxFileSize();
  }

  /** Executable bit set, or unknown mode and a file in a bin/ or sbin/ directory; at least 1 KB. */
  static boolean isExecutableCandidate(String path, long size, int mode) {
    if (size < MIN_SIZE) {
      return false;
    }
    if ((mode & 0111) != 0) {
      return true;
    }
    return mode == 0
        && (path.startsWith("bin/") || path.startsWith("sbin/") || path.contains("/bin/") || path.contains("/sbin/"));
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    byte[] head;
    try (InputStream in = file.open()) {
      head = in.readNBytes(4);
    }
    if (!Executable.hasExecutableMagic(head)) {
      return List.of();
    }
    BuildInfoReader.BuildInfo info;
    try (BoundedReader reader = BoundedReader.open(file)) {
      Executable image = Executable.parse(reader);
      if (image == null) {
        return List.of();
      }
      info = BuildInfoReader.read(reader, image);
    }
    if (info == null || !info.goVersion().startsWith("go") && !info.goVersion().startsWith("devel")) {
      return List.of();
    }
    return facts(file.path(), info.goVersion(), ModInfo.parse(info.modInfo()));
  }

  static List<Fact> facts(String location, String goVersion, ModInfo mod) {
    List<Fact> facts = new ArrayList<>();
    String stdlib = normaliseGoVersion(goVersion);
    if (stdlib != null) {
      Map<String, String> attrs = Map.of("goVersion", goVersion);
      facts.add(found(location, "stdlib", stdlib, attrs));
    }
    if (mod.main() != null) {
      Map<String, String> attrs = moduleAttributes(mod.main(), goVersion);
      attrs.put("mainModule", "true");
      for (String key : List.of("vcs.revision", "vcs.time")) {
        String value = mod.settings().get(key);
        if (value != null && !value.isEmpty()) {
          attrs.put(key, value);
        }
      }
      String version = mod.main().version();
      if (version == null || version.isEmpty() || version.equals("(devel)")) {
        String[] fromFlags = ldflagsVersion(mod.settings().get("-ldflags"), mod.main().path());
        if (fromFlags != null) {
          version = fromFlags[0];
          attrs.put("versionFrom", "-ldflags " + fromFlags[1]);
        }
      }
      facts.add(found(location, mod.main().path(), version, attrs));
    }
    for (ModInfo.Module dep : mod.deps()) {
      Map<String, String> attrs = moduleAttributes(dep, goVersion);
      String name = dep.path();
      String version = dep.version();
      if (dep.replaces() != null && (name.startsWith(".") || name.startsWith("/"))) {
        attrs.remove("replaces");
        attrs.put("replacedBy", name);
        int space = dep.replaces().indexOf(' ');
        name = space < 0 ? dep.replaces() : dep.replaces().substring(0, space);
        version = space < 0 ? null : dep.replaces().substring(space + 1);
        attrs.remove("sum");
      }
      facts.add(found(location, name, version, attrs));
    }
    return facts;
  }

  private static Map<String, String> moduleAttributes(ModInfo.Module m, String goVersion) {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("goVersion", goVersion);
    if (m.sum() != null) {
      attrs.put("sum", m.sum());
    }
    if (m.replaces() != null) {
      attrs.put("replaces", m.replaces());
    }
    return attrs;
  }

  private static Fact found(String location, String name, String version, Map<String, String> attrs) {
    Package pkg = new Package(Ecosystem.GOLANG, null, name, version, null, null, null, List.of(), location, attrs);
    return new Fact.PackageFound(location, pkg);
  }

  private static final Pattern LDFLAGS_VERSION = Pattern.compile("v?\\d+(\\.\\d+){0,2}([-+][0-9A-Za-z.+-]+)?");

  /**
   * The version a {@code -X pkg.var=value} linker flag sets, as {v-prefixed version, the flag}; null when
   * none. Accepted: a variable named {@code version} (any case) in package {@code main} or in a package of
   * the main module ({@code example.com/app/internal/version.Version}), whose value looks like a version
   * ("dev", "unknown" and commit hashes are not).
   */
  static String[] ldflagsVersion(String ldflags, String mainModule) {
    if (ldflags == null || ldflags.isBlank()) {
      return null;
    }
    List<String> tokens = tokens(ldflags);
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      String assignment;
      String flag;
      if ((t.equals("-X") || t.equals("--X")) && i + 1 < tokens.size()) {
        assignment = tokens.get(++i);
        flag = "-X " + assignment;
      } else if (t.startsWith("-X=") || t.startsWith("--X=")) {
        assignment = t.substring(t.indexOf('=') + 1);
        flag = t;
      } else {
        continue;
      }
      int eq = assignment.indexOf('=');
      int dot = eq < 0 ? -1 : assignment.lastIndexOf('.', eq);
      if (dot <= 0) {
        continue;
      }
      String pkg = assignment.substring(0, dot);
      String variable = assignment.substring(dot + 1, eq);
      String value = assignment.substring(eq + 1);
      boolean ourPackage = pkg.equals("main") || mainModule != null && pkg.startsWith(mainModule + "/");
      if (ourPackage && variable.equalsIgnoreCase("version") && LDFLAGS_VERSION.matcher(value).matches()) {
        return new String[] {value.startsWith("v") ? value : "v" + value, flag};
      }
    }
    return null;
  }

  /** Splits linker flags on whitespace, honouring single and double quotes (removed). */
  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        any = true;
      } else if (Character.isWhitespace(c)) {
        if (any || cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
          any = false;
        }
      } else {
        cur.append(c);
      }
    }
    if (any || cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  /** "go1.21.0" to "1.21.0", "go1.17" to "1.17.0", "go1.21rc2" to "1.21.0-rc2"; null if not a release. */
  static String normaliseGoVersion(String goVersion) {
    String v = goVersion.strip();
    int space = v.indexOf(' ');
    if (space >= 0) {
      v = v.substring(0, space); // "go1.22.0 X:boringcrypto"
    }
    Matcher m = GO_RELEASE.matcher(v);
    if (!m.matches()) {
      return null;
    }
    String patch = m.group(3) == null ? "0" : m.group(3);
    String pre = m.group(4) == null ? "" : "-" + m.group(4);
    return m.group(1) + "." + m.group(2) + "." + patch + pre;
  }
}
