package dev.drydock.analyzers.os.release;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Fact;
import dev.drydock.model.OsInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells the operating system from its release files: {@code os-release} (priority 100),
 * distribution-specific files such as {@code etc/alpine-release} or {@code etc/redhat-release} (50),
 * {@code etc/lsb-release} (40) and {@code etc/debian_version} (10). Red Hat content manifests
 * ({@code root/buildinfo/content_manifests/*.json}, one per layer of a Red Hat built image) add their
 * {@code content_sets} to an {@code rhel} fact of priority 1, so that EUS / AUS / E4S / TUS images can be
 * matched against their stream's data. Use {@link OsResolver} to pick the winner among the facts of the
 * squashed image.
 */
public final class OsReleaseAnalyzer implements Analyzer {
  static final int OS_RELEASE = 100;
  static final int DISTRO_FILE = 50;
  static final int LSB_RELEASE = 40;
  static final int DEBIAN_VERSION = 10;
  static final int CONTENT_MANIFEST = 1;
  static final String CONTENT_MANIFESTS = "root/buildinfo/content_manifests/";
  /** A content manifest may list every package of its layer (image_contents). */
  private static final long MAX_MANIFEST = 4L * 1024 * 1024;

  private static final long MAX_SIZE = 64 * 1024;

  /** Red Hat style files: "<Name> release <version> (<codename>)". */
  private static final Set<String> REDHAT_STYLE = Set.of(
      "etc/redhat-release",
      "etc/centos-release",
      "etc/fedora-release",
      "etc/rocky-release",
      "etc/almalinux-release",
      "etc/oracle-release",
      "etc/system-release");

  private static final Set<String> OTHERS = Set.of(
      "etc/os-release",
      "usr/lib/os-release",
      "etc/alpine-release",
      "etc/debian_version",
      "etc/lsb-release",
      "etc/photon-release");

  /** os-release IDs that older or derived files spell differently. */
  private static final Map<String, String> FAMILY_ALIASES = Map.of(
      "opensuse", "opensuse-leap",
      "redhat", "rhel",
      "oracle", "ol",
      "amazon", "amzn");

  @Override
  public String name() {
    return "os-release";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public Set<TargetKind> targets() {
    return Set.of(TargetKind.IMAGE);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    if (isContentManifest(path)) {
      return size <= MAX_MANIFEST;
    }
    return size <= MAX_SIZE && (OTHERS.contains(path) || REDHAT_STYLE.contains(path));
  }

  @Override
  public long maxFileSize() {
    return MAX_MANIFEST;
  }

  static boolean isContentManifest(String path) {
    return path.startsWith(CONTENT_MANIFESTS) && path.endsWith(".json")
        && path.indexOf('/', CONTENT_MANIFESTS.length()) < 0;
  }

  /**
   * The {@code content_sets} of a Red Hat content manifest (the image content manifest of atomic-reactor:
   * {@code metadata}, {@code content_sets}, {@code image_contents}) as an {@code rhel} fact; null when the file is
   * not JSON or names no content set.
   */
  static OsInfo contentManifest(byte[] bytes, String path) {
    com.fasterxml.jackson.databind.JsonNode doc;
    try {
      doc = MANIFEST_JSON.readTree(bytes);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (doc == null || !doc.path("content_sets").isArray()) {
      return null;
    }
    List<String> sets = new java.util.ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode s : doc.path("content_sets")) {
      if (s.isTextual() && !s.asText().isBlank() && s.asText().length() <= 256) {
        sets.add(s.asText().strip());
      }
    }
    return sets.isEmpty() ? null : new OsInfo("rhel", null, null, null, path, sets);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper MANIFEST_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    byte[] bytes = file.bytes();
    String path = file.path();
    if (isContentManifest(path)) {
      OsInfo sets = bytes.length > MAX_MANIFEST ? null : contentManifest(bytes, path);
      return sets == null ? List.of() : List.of(new Fact.OsDetected(path, sets, CONTENT_MANIFEST));
    }
    if (bytes.length > MAX_SIZE || isBinary(bytes)) {
      return List.of();
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    OsInfo info;
    int priority;
    if (path.equals("etc/os-release") || path.equals("usr/lib/os-release")) {
      info = osRelease(text, path);
      priority = OS_RELEASE;
    } else if (path.equals("etc/lsb-release")) {
      info = lsbRelease(text, path);
      priority = LSB_RELEASE;
    } else if (path.equals("etc/debian_version")) {
      info = debianVersion(text, path);
      priority = DEBIAN_VERSION;
    } else if (path.equals("etc/alpine-release")) {
      String v = firstLine(text);
      info = v.isEmpty() ? null : new OsInfo("alpine", v, null, null, path);
      priority = DISTRO_FILE;
    } else if (path.equals("etc/photon-release")) {
      info = photonRelease(text, path);
      priority = DISTRO_FILE;
    } else {
      info = redhatStyle(text, path);
      priority = DISTRO_FILE;
    }
    return info == null ? List.of() : List.of(new Fact.OsDetected(path, info, priority));
  }

  static OsInfo osRelease(String text, String path) {
    Map<String, String> kv = KeyValueFile.parse(text);
    String id = blankToNull(kv.get("ID"));
    if (id == null) {
      return null;
    }
    String family = family(id);
    String versionId = blankToNull(kv.get("VERSION_ID"));
    String codename = blankToNull(kv.get("VERSION_CODENAME"));
    if (codename == null) {
      codename = blankToNull(kv.get("UBUNTU_CODENAME"));
    }
    if (codename == null && family.equals("debian")) {
      // Debian 8 and older os-release files have no VERSION_CODENAME: VERSION="8 (jessie)".
      codename = parenthesised(kv.get("VERSION"));
      if (codename == null) {
        codename = DebianReleases.codename(DebianReleases.major(versionId));
      }
    }
    String pretty = blankToNull(kv.get("PRETTY_NAME"));
    if (pretty == null) {
      pretty = blankToNull(kv.get("NAME"));
    }
    return new OsInfo(family, versionId, codename, pretty, path);
  }

  static OsInfo lsbRelease(String text, String path) {
    Map<String, String> kv = KeyValueFile.parse(text);
    String id = blankToNull(kv.get("DISTRIB_ID"));
    if (id == null) {
      return null;
    }
    return new OsInfo(family(id), blankToNull(kv.get("DISTRIB_RELEASE")),
        blankToNull(kv.get("DISTRIB_CODENAME")), blankToNull(kv.get("DISTRIB_DESCRIPTION")), path);
  }

  /** "12.4" -> 12/bookworm; "bookworm/sid" -> no version, bookworm; "trixie/sid" -> trixie. */
  static OsInfo debianVersion(String text, String path) {
    String v = firstLine(text);
    if (v.isEmpty()) {
      return null;
    }
    String major = DebianReleases.major(v);
    if (major != null) {
      return new OsInfo("debian", major, DebianReleases.codename(major), null, path);
    }
    int slash = v.indexOf('/');
    String codename = (slash > 0 ? v.substring(0, slash) : v).strip().toLowerCase(Locale.ROOT);
    if (!codename.matches("[a-z]+")) {
      return null;
    }
    return new OsInfo("debian", null, codename, null, path);
  }

  /** "VMware Photon OS 4.0" followed by PHOTON_BUILD_NUMBER=... */
  static OsInfo photonRelease(String text, String path) {
    String line = firstLine(text);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Photon OS\\s+(\\d+(?:\\.\\d+)*)").matcher(line);
    return m.find() ? new OsInfo("photon", m.group(1), null, line, path) : null;
  }

  private static final java.util.regex.Pattern RELEASE_LINE =
      java.util.regex.Pattern.compile("^(.+?)\\s+release\\s+(\\S+)(?:\\s+\\(([^)]*)\\))?");

  /** "Rocky Linux release 9.3 (Blue Onyx)", "Amazon Linux release 2023.3.20240108 (Amazon Linux)", ... */
  static OsInfo redhatStyle(String text, String path) {
    String line = firstLine(text);
    java.util.regex.Matcher m = RELEASE_LINE.matcher(line);
    if (!m.find()) {
      return null;
    }
    String name = m.group(1).toLowerCase(Locale.ROOT);
    String family;
    if (name.contains("red hat")) {
      family = "rhel";
    } else if (name.contains("centos")) {
      family = "centos";
    } else if (name.contains("rocky")) {
      family = "rocky";
    } else if (name.contains("alma")) {
      family = "almalinux";
    } else if (name.contains("fedora")) {
      family = "fedora";
    } else if (name.contains("oracle")) {
      family = "ol";
    } else if (name.contains("amazon")) {
      family = "amzn";
    } else {
      return null;
    }
    String codename = blankToNull(m.group(3));
    if (family.equals("amzn")) {
      codename = codename != null && codename.startsWith("Amazon") ? null : codename;
    }
    return new OsInfo(family, m.group(2), codename, line, path);
  }

  static String family(String id) {
    String f = id.strip().toLowerCase(Locale.ROOT);
    return FAMILY_ALIASES.getOrDefault(f, f);
  }

  private static String parenthesised(String s) {
    if (s == null) {
      return null;
    }
    int open = s.indexOf('(');
    int close = s.indexOf(')', open + 1);
    if (open < 0 || close < 0) {
      return null;
    }
    String inner = s.substring(open + 1, close).strip().toLowerCase(Locale.ROOT);
    int space = inner.indexOf(' ');
    return inner.isEmpty() ? null : space > 0 ? inner.substring(0, space) : inner;
  }

  private static String firstLine(String text) {
    for (String line : text.split("\r?\n")) {
      String s = line.strip();
      if (!s.isEmpty()) {
        return s;
      }
    }
    return "";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  static boolean isBinary(byte[] bytes) {
    int n = Math.min(bytes.length, 8192);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
