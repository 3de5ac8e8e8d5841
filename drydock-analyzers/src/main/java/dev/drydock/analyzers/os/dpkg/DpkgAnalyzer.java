package dev.drydock.analyzers.os.dpkg;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.analyzers.os.release.DebianReleases;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Debian packages: {@code var/lib/dpkg/status}, the distroless one-file-per-package
 * {@code var/lib/dpkg/status.d/<name>} (plus {@code <name>.md5sums} for the files each package owns)
 * and {@code var/lib/dpkg/info/<pkg>[:arch].list} (files owned by each package).
 */
public final class DpkgAnalyzer implements Analyzer {
  static final String STATUS = "var/lib/dpkg/status";
  static final String STATUS_D = "var/lib/dpkg/status.d/";
  static final String INFO = "var/lib/dpkg/info/";
  static final int STATUS_D_OS_PRIORITY = 5;

  @Override
  public String name() {
    return "dpkg";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public Set<TargetKind> targets() {
    return Set.of(TargetKind.IMAGE);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    if (path.equals(STATUS)) {
      return true;
    }
    if (path.startsWith(STATUS_D)) {
      return path.indexOf('/', STATUS_D.length()) < 0 && path.length() > STATUS_D.length()
          && path.charAt(STATUS_D.length()) != '.';
    }
    return path.startsWith(INFO) && path.endsWith(".list") && path.indexOf('/', INFO.length()) < 0
        && path.length() > INFO.length() + ".list".length();
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    byte[] bytes = file.bytes();
    if (isBinary(bytes)) {
      return List.of();
    }
    String path = file.path();
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (path.startsWith(INFO)) {
      String owner = ownerFromFileName(path.substring(INFO.length()), ".list");
      return List.of(new Fact.OwnedFiles(path, owner, listFiles(text)));
    }
    boolean statusD = path.startsWith(STATUS_D);
    if (statusD && path.endsWith(".md5sums")) {
      String owner = ownerFromFileName(path.substring(STATUS_D.length()), ".md5sums");
      return List.of(new Fact.OwnedFiles(path, owner, md5sumsFiles(text)));
    }
    List<Fact> facts = new ArrayList<>();
    for (ControlStanzas.Stanza s : ControlStanzas.parse(text)) {
      Package pkg = toPackage(s, path, statusD);
      if (pkg == null) {
        continue;
      }
      facts.add(new Fact.PackageFound(path, pkg));
      if (statusD && pkg.name().equals("base-files")) {
        OsInfo os = fromBaseFiles(pkg.version(), path);
        if (os != null) {
          facts.add(new Fact.OsDetected(path, os, STATUS_D_OS_PRIORITY));
        }
      }
    }
    return facts;
  }

  /** The package a stanza describes, or null when it lacks Package/Version or is not installed. */
  static Package toPackage(ControlStanzas.Stanza s, String path, boolean statusD) {
    String name = s.get("Package");
    String version = s.get("Version");
    if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
      return null;
    }
    String status = s.get("Status");
    if (status == null ? !statusD : !isInstalled(status)) {
      return null;
    }
    String sourceName = name;
    String sourceVersion = version;
    String source = s.get("Source");
    if (source != null && !source.isEmpty()) {
      int open = source.indexOf('(');
      if (open > 0) {
        int close = source.indexOf(')', open);
        String v = source.substring(open + 1, close < 0 ? source.length() : close).strip();
        sourceName = source.substring(0, open).strip();
        if (!v.isEmpty()) {
          sourceVersion = v;
        }
      } else {
        sourceName = source.strip();
      }
    }
    String arch = s.get("Architecture");
    String maintainer = s.get("Maintainer");
    Map<String, String> attributes = maintainer == null || maintainer.isEmpty()
        ? Map.of() : Map.of("maintainer", maintainer);
    return new Package(Ecosystem.DEB, null, name, version, sourceName, sourceVersion,
        arch == null || arch.isEmpty() ? null : arch, List.of(), path, attributes);
  }

  /** dpkg's "want flag state": the package is installed when the state (third word) is "installed". */
  static boolean isInstalled(String status) {
    String[] words = status.strip().split("\\s+");
    return words.length == 3 && words[2].equals("installed");
  }

  /** base-files 12.4+deb12u5 ships Debian 12's /etc; Ubuntu's base-files (12ubuntu4) says nothing of Debian. */
  static OsInfo fromBaseFiles(String version, String path) {
    if (version.contains("ubuntu")) {
      return null;
    }
    String major = DebianReleases.major(version);
    if (major == null) {
      return null;
    }
    return new OsInfo("debian", major, DebianReleases.codename(major), null, path);
  }

  /** "libc6:amd64.list" -> "libc6". */
  static String ownerFromFileName(String fileName, String suffix) {
    String base = fileName.endsWith(suffix) ? fileName.substring(0, fileName.length() - suffix.length()) : fileName;
    int colon = base.indexOf(':');
    return colon > 0 ? base.substring(0, colon) : base;
  }

  /** Lines of a .list file without the leading '/'; the root entry "/." is dropped. */
  static List<String> listFiles(String text) {
    List<String> files = new ArrayList<>();
    for (String line : text.split("\n")) {
      String p = stripRoot(line);
      if (p != null) {
        files.add(p);
      }
    }
    return files;
  }

  /** The paths of "md5sum  path" lines. */
  static List<String> md5sumsFiles(String text) {
    List<String> files = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      int sp = l.indexOf(' ');
      if (sp <= 0) {
        continue;
      }
      String p = stripRoot(l.substring(sp).stripLeading());
      if (p != null) {
        files.add(p);
      }
    }
    return files;
  }

  private static String stripRoot(String line) {
    String p = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.startsWith("./")) {
      p = p.substring(2);
    }
    return p.isEmpty() || p.equals(".") ? null : p;
  }

  private static boolean isBinary(byte[] bytes) {
    int n = Math.min(bytes.length, 8192);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
