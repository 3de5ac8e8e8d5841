package dev.drydock.analyzers.lang.java;

import dev.drydock.model.DrydockException;
import dev.drydock.model.Package;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.jar.Manifest;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Walks one outer archive and the archives nested in it, collecting the packages each declares. A
 * nested archive that is merely corrupt is skipped whole; what was found outside it stays. Hostile
 * content fails closed with a one-line {@link DrydockException} naming the entry: an entry name that
 * escapes the archive (zip-slip), nesting deeper than {@link ArchiveLimits#maxDepth()}, and anything
 * passing a size, ratio, budget or count limit (zip bomb). One scanner per outer archive (it holds that
 * archive's {@link Budget}).
 */
final class ArchiveScanner {
  private final ArchiveLimits limits;
  private final Budget budget;
  private final Path scratchDir;

  /** @param scratchDir where nested archives too large for memory are inflated (the scan's scratch directory) */
  ArchiveScanner(ArchiveLimits limits, Path scratchDir) {
    this.limits = limits;
    this.budget = new Budget(limits);
    this.scratchDir = scratchDir;
  }

  /** Packages of {@code zip} at {@code location} and of everything nested in it. */
  List<Package> scan(ZipFile zip, String location, String sha1, int depth) throws IOException {
    ArchiveContents contents = new ArchiveContents();
    List<ZipArchiveEntry> nested = new ArrayList<>();
    List<ArchiveContents.PomProperties> pomXmls = new ArrayList<>();
    for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
      String name = entry.getName();
      if (EntryNames.escapesRoot(name)) {
        throw new DrydockException(location + ": entry '" + name + "' escapes the archive (zip-slip)");
      }
      if (entry.isDirectory()) {
        continue;
      }
      if (name.endsWith(".class")) {
        contents.countClass(name);
        if (name.equals(Log4jJndi.JNDI_LOOKUP_CLASS)) {
          contents.log4jJndiLookup = true;
        }
      } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
        byte[] bytes = readMetadata(zip, entry, location);
        if (bytes != null) {
          contents.manifest = new Manifest(new ByteArrayInputStream(bytes)).getMainAttributes();
        }
      } else if (isPomProperties(name)) {
        byte[] bytes = readMetadata(zip, entry, location);
        if (bytes != null) {
          ArchiveContents.PomProperties p = pomProperties(name, bytes);
          if (p != null) {
            contents.pomProperties.add(p);
          }
        }
      } else if (isPomXml(name)) {
        byte[] bytes = readMetadata(zip, entry, location);
        if (bytes != null) {
          ArchiveContents.PomProperties p = pomXml(name, bytes);
          if (p != null) {
            pomXmls.add(p);
          }
        }
      } else if (JavaArchiveAnalyzer.isArchiveName(name)) {
        nested.add(entry);
      }
    }
    if (contents.pomProperties.isEmpty()) {
      contents.pomProperties.addAll(pomXmls); // a pom.xml speaks only when no pom.properties does
    }
    List<Package> out = new ArrayList<>();
    for (Package p : ArchiveIdentity.packages(location, sha1, contents)) {
      out.add(Log4jJndi.mark(p, contents.log4jJndiLookup));
    }
    for (ZipArchiveEntry entry : nested) {
      String nestedLocation = location + "!/" + entry.getName();
      if (depth >= limits.maxDepth()) {
        throw new DrydockException(
            nestedLocation + ": archives nested deeper than " + limits.maxDepth() + " levels (limit)");
      }
      out.addAll(scanNested(zip, entry, nestedLocation, depth + 1));
    }
    return out;
  }

  /**
   * Whether the JVM could read this entry: stored or deflated, the only methods {@code java.util.zip} (and so a class
   * loader) knows. Another method (zstd, bzip2, ...) is skipped as if absent: commons-compress would reach for an
   * optional codec library drydock does not ship (found by fuzzing: NoClassDefFoundError for zstd-jni).
   */
  static boolean jvmReadable(ZipArchiveEntry entry) {
    return entry.getMethod() == java.util.zip.ZipEntry.STORED || entry.getMethod() == java.util.zip.ZipEntry.DEFLATED;
  }

  private List<Package> scanNested(ZipFile outer, ZipArchiveEntry entry, String location, int depth) {
    if (!jvmReadable(entry)) {
      return List.of();
    }
    if (!budget.takeArchive()) {
      throw bomb(location, "more than " + limits.maxNestedArchives() + " nested archives (limit)");
    }
    if (entry.getSize() > limits.maxNestedEntryBytes()) {
      throw bomb(location, "entry inflates past " + ArchiveLimits.describe(limits.maxNestedEntryBytes()) + " (limit)");
    }
    try (InputStream in = outer.getInputStream(entry);
        NestedContent content = NestedContent.read(in, entry.getCompressedSize(), limits, budget, scratchDir);
        ZipFile inner = ZipFile.builder().setSeekableByteChannel(content.channel()).get()) {
      return scan(inner, location, content.sha1(), depth);
    } catch (LimitExceededException e) {
      throw bomb(location, e.getMessage());
    } catch (DrydockException e) {
      throw e; // hostile content deeper down: already names its entry
    } catch (IOException | RuntimeException e) {
      // corrupt or not a zip after all: nothing is recorded for this archive
      return List.of();
    }
  }

  private static DrydockException bomb(String location, String limit) {
    return new DrydockException(location + ": zip bomb: " + limit);
  }

  /** Reads a small metadata entry; null when it is larger than {@link ArchiveLimits#MAX_METADATA_BYTES}. */
  private byte[] readMetadata(ZipFile zip, ZipArchiveEntry entry, String location) throws IOException {
    if (entry.getSize() > ArchiveLimits.MAX_METADATA_BYTES || !jvmReadable(entry)) {
      return null;
    }
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] bytes = in.readNBytes(ArchiveLimits.MAX_METADATA_BYTES + 1);
      if (!budget.spend(bytes.length)) {
        throw bomb(location + "!/" + entry.getName(), "archive inflates past "
            + ArchiveLimits.describe(limits.maxTotalInflatedBytes()) + " in total (limit)");
      }
      return bytes.length > ArchiveLimits.MAX_METADATA_BYTES ? null : bytes;
    }
  }

  /**
   * {@code META-INF/maven/<groupId>/<artifactId>/pom.properties}, or a pom.properties anywhere else (then
   * it must name groupId, artifactId and version itself).
   */
  static boolean isPomProperties(String name) {
    return name.equals("pom.properties") || name.endsWith("/pom.properties");
  }

  private static boolean isStandardPomProperties(String name) {
    return name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties") && name.split("/", -1).length == 5;
  }

  /** {@code META-INF/maven/<groupId>/<artifactId>/pom.xml}. */
  static boolean isPomXml(String name) {
    return name.startsWith("META-INF/maven/") && name.endsWith("/pom.xml");
  }

  /** Coordinates of an embedded pom.xml (groupId and version may come from its parent); null if incomplete. */
  private static ArchiveContents.PomProperties pomXml(String entry, byte[] bytes) {
    PomModel pom = PomModel.parse(bytes);
    if (pom == null) {
      return null;
    }
    String group = pom.groupId();
    String version = pom.version();
    if (group == null || pom.artifactId() == null || version == null || group.contains("${")
        || version.contains("${") || pom.artifactId().contains("${")) {
      return null;
    }
    return new ArchiveContents.PomProperties(entry, group, pom.artifactId(), version);
  }

  private static ArchiveContents.PomProperties pomProperties(String entry, byte[] bytes) throws IOException {
    Properties props = new Properties();
    try {
      props.load(new ByteArrayInputStream(bytes));
    } catch (IllegalArgumentException e) {
      return null; // malformed \\u escape
    }
    String[] parts = entry.split("/");
    boolean standard = isStandardPomProperties(entry);
    String group = value(props, "groupId", standard ? parts[2] : null);
    String artifact = value(props, "artifactId", standard ? parts[3] : null);
    String version = value(props, "version", null);
    if (group == null || artifact == null || version == null) {
      return null;
    }
    return new ArchiveContents.PomProperties(entry, group, artifact, version);
  }

  private static String value(Properties props, String key, String fallback) {
    String v = props.getProperty(key);
    v = v == null ? fallback : v.trim();
    if (v == null || v.isEmpty() || v.contains("${")) {
      return null;
    }
    return v;
  }
}
