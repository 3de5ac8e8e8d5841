package dev.drydock.analyzers.os.apk;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alpine (and Wolfi/Chainguard) packages from the apk database {@code lib/apk/db/installed} (or
 * {@code usr/lib/apk/db/installed}): records
 * separated by blank lines, one {@code X:value} line per field. Used fields: {@code P} name, {@code V}
 * version, {@code A} arch, {@code o} origin (source package), {@code L} licence, {@code F} directory
 * and {@code R} file (a file of the last {@code F} directory).
 */
public final class ApkAnalyzer implements Analyzer {
  static final String INSTALLED = "lib/apk/db/installed";
  /** Where the database lands in a /usr-merged root (lib -> usr/lib), as in recent Wolfi/Chainguard images. */
  static final String USR_INSTALLED = "usr/lib/apk/db/installed";

  @Override
  public String name() {
    return "apk";
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
    return path.equals(INSTALLED) || path.equals(USR_INSTALLED);
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    byte[] bytes = file.bytes();
    int n = Math.min(bytes.length, 8192);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return List.of(); // not a text database
      }
    }
    String path = file.path();
    List<Fact> facts = new ArrayList<>();
    Record rec = new Record();
    for (String raw : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (line.isBlank()) {
        rec.emit(path, facts);
        rec = new Record();
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != ':') {
        continue;
      }
      rec.add(line.charAt(0), line.substring(2));
    }
    rec.emit(path, facts);
    return facts;
  }

  /** One package record being read; the first value of a single-valued field wins. */
  private static final class Record {
    String name;
    String version;
    String arch;
    String origin;
    String license;
    String maintainer;
    String dir = "";
    final List<String> files = new ArrayList<>();

    void add(char key, String value) {
      switch (key) {
        case 'P' -> name = name == null ? value.strip() : name;
        case 'V' -> version = version == null ? value.strip() : version;
        case 'A' -> arch = arch == null ? value.strip() : arch;
        case 'o' -> origin = origin == null ? value.strip() : origin;
        case 'L' -> license = license == null ? value.strip() : license;
        case 'm' -> maintainer = maintainer == null ? value.strip() : maintainer;
        case 'F' -> dir = trimSlashes(value);
        case 'R' -> {
          String f = trimSlashes(value);
          if (!f.isEmpty()) {
            files.add(dir.isEmpty() ? f : dir + "/" + f);
          }
        }
        default -> { }
      }
    }

    void emit(String path, List<Fact> facts) {
      if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
        return;
      }
      String source = origin == null || origin.isEmpty() ? name : origin;
      List<String> licenses = license == null || license.isEmpty() ? List.of() : List.of(license);
      Map<String, String> attributes = maintainer == null || maintainer.isEmpty()
          ? Map.of() : Map.of("maintainer", maintainer);
      Package pkg = new Package(Ecosystem.APK, null, name, version, source, version,
          arch == null || arch.isEmpty() ? null : arch, licenses, path, attributes);
      facts.add(new Fact.PackageFound(path, pkg));
      facts.add(new Fact.OwnedFiles(path, name, files));
    }

    private static String trimSlashes(String s) {
      String t = s.strip();
      while (t.startsWith("/")) {
        t = t.substring(1);
      }
      while (t.endsWith("/")) {
        t = t.substring(0, t.length() - 1);
      }
      return t;
    }
  }
}
