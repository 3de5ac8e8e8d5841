package dev.drydock.analyzers.os.rpm;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Installed rpm packages from the rpm database in any of its three formats: SQLite
 * ({@code rpmdb.sqlite}), Berkeley DB ({@code Packages}) and NDB ({@code Packages.db}), under
 * {@code var/lib/rpm/} or {@code usr/lib/sysimage/rpm/}. A corrupt database yields the packages that
 * could be read before the damage; it never fails the scan.
 */
public final class RpmAnalyzer implements Analyzer {
  private static final List<String> DIRS = List.of("var/lib/rpm/", "usr/lib/sysimage/rpm/");
  private static final List<String> FILES = List.of("Packages", "Packages.db", "rpmdb.sqlite");

  @Override
  public String name() {
    return "rpm";
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
    for (String dir : DIRS) {
      if (path.startsWith(dir) && FILES.contains(path.substring(dir.length()))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public long maxFileSize() {
    return 1024L * 1024 * 1024;
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    List<byte[]> blobs = new ArrayList<>();
    Path local = file.localFile();
    try {
      if (file.path().endsWith("rpmdb.sqlite")) {
        SqliteRpmDb.readBlobs(local, blobs::add);
      } else {
        try (PagedFile pf = new PagedFile(local)) {
          if (file.path().endsWith(".db")) {
            Ndb.readBlobs(pf, blobs::add);
          } else {
            BerkeleyDb.readValues(pf, blobs::add);
          }
        }
      }
    } catch (SqliteRpmDb.Refused e) {
      // a bound or a shape rpm never writes: reported (the layer's warnings), not taken for an empty database
      throw new IOException(e.getMessage(), e);
    } catch (SQLException | IOException | RuntimeException e) {
      // Corrupt or truncated database: keep what was read before the damage.
    }
    return facts(file.path(), blobs);
  }

  static List<Fact> facts(String location, List<byte[]> blobs) {
    List<Fact> out = new ArrayList<>();
    for (byte[] blob : blobs) {
      RpmHeader h = RpmHeader.parse(blob);
      Package pkg = h == null ? null : toPackage(h, location);
      if (pkg == null) {
        continue;
      }
      out.add(new Fact.PackageFound(location, pkg));
      out.add(new Fact.OwnedFiles(location, pkg.name(), h.files()));
    }
    return out;
  }

  static Package toPackage(RpmHeader h, String location) {
    String name = h.string(RpmHeader.NAME);
    String version = h.string(RpmHeader.VERSION);
    if (name == null || name.isEmpty() || version == null || name.equals("gpg-pubkey")) {
      return null;
    }
    String release = h.string(RpmHeader.RELEASE);
    int[] epochs = h.ints(RpmHeader.EPOCH);
    Integer epoch = epochs != null && epochs.length > 0 ? epochs[0] : null;
    String full = (epoch != null && epoch > 0 ? epoch + ":" : "") + version + (release != null ? "-" + release : "");
    String sourceRpm = h.string(RpmHeader.SOURCERPM);
    String[] source = splitSourceRpm(sourceRpm);
    String license = h.string(RpmHeader.LICENSE);
    String vendor = h.string(RpmHeader.VENDOR);

    Map<String, String> attrs = new LinkedHashMap<>();
    if (epoch != null) {
      attrs.put("epoch", Integer.toUnsignedString(epoch));
    }
    attrs.put("version", version);
    putIf(attrs, "release", release);
    putIf(attrs, "vendor", vendor);
    putIf(attrs, "sourceRpm", sourceRpm);
    putIf(attrs, "modularitylabel", h.string(RpmHeader.MODULARITYLABEL));
    return new Package(
        Ecosystem.RPM,
        null,
        name,
        full,
        source == null ? null : source[0],
        source == null ? null : source[1],
        h.string(RpmHeader.ARCH),
        license == null || license.isEmpty() ? List.of() : List.of(license),
        location,
        attrs);
  }

  /**
   * "util-linux-2.32.1-42.el8_8.src.rpm" -> ["util-linux", "2.32.1-42.el8_8"]; null when the name
   * does not have the name-version-release.arch.rpm shape.
   */
  static String[] splitSourceRpm(String sourceRpm) {
    if (sourceRpm == null || !sourceRpm.endsWith(".rpm")) {
      return null;
    }
    String s = sourceRpm.substring(0, sourceRpm.length() - ".rpm".length());
    int dot = s.lastIndexOf('.');
    if (dot < 0) {
      return null;
    }
    s = s.substring(0, dot);
    int relDash = s.lastIndexOf('-');
    int verDash = relDash <= 0 ? -1 : s.lastIndexOf('-', relDash - 1);
    if (verDash <= 0) {
      return null;
    }
    return new String[] {s.substring(0, verDash), s.substring(verDash + 1)};
  }

  private static void putIf(Map<String, String> m, String k, String v) {
    if (v != null && !v.isEmpty()) {
      m.put(k, v);
    }
  }
}
