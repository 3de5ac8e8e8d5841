package dev.drydock.analyzers.lang.java;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Fact;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Java archives (jar, war, ear and friends) and the archives nested in them at any depth (Spring Boot
 * {@code BOOT-INF/lib}, {@code WEB-INF/lib}, EAR modules, jars in jars), reported as Maven packages.
 *
 * <p>Identity comes from {@code META-INF/maven/<g>/<a>/pom.properties}; without one, from the manifest,
 * a table of well-known package prefixes, the classes' packages and the file name (see
 * {@link ArchiveIdentity}); attribute {@code derivation} tells which. Attribute {@code sha1} is the SHA-1
 * of the archive's bytes (of the nested bytes for nested archives), for lookup in a {@link Sha1Index}.
 * Nested packages are located as {@code app.jar!/BOOT-INF/lib/x.jar}.
 *
 * <p>Nothing is extracted to disk except nested archives larger than the in-memory threshold, which go
 * to a temp file in the scan's scratch directory ({@link FileInput#scratchDir()}). Limits ({@link ArchiveLimits}) bound
 * nesting depth, the size and compression ratio of a nested archive, the number of nested archives and
 * the total inflated bytes per outer archive. A corrupt archive yields no facts (a corrupt nested one
 * is skipped), but hostile content fails closed, since a scanner must not silently skip what an
 * attacker crafted to hide: passing a limit (zip bomb) or an entry name escaping the archive
 * (zip-slip) throws a one-line {@link DrydockException} naming the entry inside the archive, e.g.
 * {@code app.jar!/BOOT-INF/lib/x.jar: zip bomb: entry inflates past 256 MiB (limit)}.
 */
public final class JavaArchiveAnalyzer implements Analyzer {
  private static final List<String> EXTENSIONS =
      List.of(".jar", ".war", ".ear", ".par", ".sar", ".jpi", ".hpi", ".kar", ".nar");

  private final ArchiveLimits limits;

  public JavaArchiveAnalyzer() {
    this(ArchiveLimits.DEFAULT);
  }

  JavaArchiveAnalyzer(ArchiveLimits limits) {
    this.limits = limits;
  }

  @Override
  public String name() {
    return "java-archive";
  }

  @Override
  public int version() {
    return 4;
  }

  @Override
  public Set<TargetKind> targets() {
    return Set.of(TargetKind.IMAGE, TargetKind.SOURCE);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    return isArchiveName(path);
  }

  static boolean isArchiveName(String path) {
    int dot = path.lastIndexOf('.');
    if (dot < 0 || path.length() - dot != 4) {
      return false;
    }
    String ext = path.substring(dot).toLowerCase(Locale.ROOT);
    return EXTENSIONS.contains(ext);
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    Path local = file.localFile();
    String sha1 = Hashing.sha1(local);
    List<dev.drydock.model.Package> packages;
    // the channel is opened here, not by ZipFile: commons-compress leaves the file open when the builder throws on a
    // file that is not a zip ("Error reading Zip content"); found by fuzzing, which ran out of file descriptors
    try (java.nio.channels.SeekableByteChannel channel = java.nio.file.Files.newByteChannel(local);
        ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
      packages = new ArchiveScanner(limits, file.scratchDir()).scan(zip, file.path(), sha1, 0);
    } catch (DrydockException e) {
      throw e; // hostile content: the scan must not go on without it
    } catch (IOException | RuntimeException e) {
      // not a readable zip: an unparseable file inside an image is no reason to stop the scan
      return List.of();
    }
    return packages.stream().<Fact>map(p -> new Fact.PackageFound(file.path(), p)).toList();
  }
}
