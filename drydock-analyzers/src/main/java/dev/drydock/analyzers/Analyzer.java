package dev.drydock.analyzers;

import dev.drydock.model.Fact;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Reads the files it claims and reports facts about them. One class per analyzer, registered in
 * {@link Analyzers}. Analyzers are stateless and thread-safe: {@link #analyze} may run concurrently on
 * files of different layers.
 *
 * <p>Facts must be a pure function of the file's content and path (plus {@link #version()} and
 * {@link #options()}): they are cached per (layer diffID, analyzer name, version, options). Change what an
 * analyzer reports, bump its version; give an analyzer an option that changes what it reports, say so in
 * {@link #options()}.
 */
public interface Analyzer {

  /** Stable short name, e.g. {@code dpkg}, {@code java-archive}. */
  String name();

  /** Bump whenever the facts this analyzer produces for the same input change. */
  int version();

  /**
   * Identifies the options this instance was built with that change its facts (e.g. {@code
   * secret-rules=sha256:...}, a digest of the content, never a path); empty for the defaults. Part of the
   * cache key, so a changed option re-runs only the analyzers it affects.
   */
  default String options() {
    return "";
  }

  /** Which kinds of target the analyzer runs on. */
  Set<TargetKind> targets();

  /**
   * Whether this analyzer wants the regular file at {@code path}. Called for every file of every layer,
   * so it must be cheap (string tests, no I/O).
   *
   * @param path image-root-relative, '/'-separated, no leading slash (e.g. {@code var/lib/dpkg/status})
   * @param size file size in bytes
   * @param mode Unix mode bits (permission bits plus setuid/setgid/sticky; 0 when unknown)
   */
  boolean wants(String path, long size, int mode);

  /** Largest file this analyzer accepts; larger wanted files are skipped with a warning. */
  default long maxFileSize() {
    return 256L * 1024 * 1024;
  }

  /**
   * Analyzes one wanted file. Throw {@link dev.drydock.model.DrydockException} for input so broken that
   * the scan must stop; for a file that is merely unparseable, return no facts (or what could be read)
   * and let the caller log it at debug level.
   */
  List<Fact> analyze(FileInput file) throws IOException;
}
