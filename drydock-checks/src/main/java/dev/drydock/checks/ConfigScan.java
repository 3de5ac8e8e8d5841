package dev.drydock.checks;

import dev.drydock.model.DrydockException;
import dev.drydock.model.InputFiles;
import dev.drydock.model.Misconfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code drydock config}: finds the configuration files under some paths and checks each with the first
 * {@link ConfigChecker} that accepts it. A file a checker rejects (invalid YAML, an unterminated heredoc, ...)
 * becomes one warning line {@code file:line: message}; the other files are still checked.
 *
 * <p>Walking: directories are walked without following symbolic links (a link found in the walk is skipped, so
 * nothing outside the tree is read); {@code .git}, {@code node_modules}, {@code target} and {@code vendor} are
 * skipped. A file named on the command line is read even if it is a link; it must be (or link to) a regular file.
 */
public final class ConfigScan {
  /** Directories never entered. */
  public static final Set<String> SKIPPED_DIRS = Set.of(".git", "node_modules", "target", "vendor");
  /** Bytes looked at for a NUL byte to call a file binary. */
  static final int BINARY_PROBE = 8000;

  /**
   * Options.
   *
   * @param maxFileSize larger files are not read (a warning says so when their name is a configuration file's)
   * @param threads files checked in parallel
   */
  public record Options(long maxFileSize, int threads) {
    public static Options defaults() {
      return new Options(10L * 1024 * 1024, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }
  }

  /**
   * What a run found.
   *
   * @param misconfigurations every finding, by file (in path order) then as the checker sorted them
   * @param families the check families that checked at least one file, in {@link ConfigCheckers} order
   * @param warnings one line per file that could not be checked
   * @param checked files a checker accepted and checked
   * @param failed files a checker accepted but rejected, or that could not be read
   * @param bytesRead bytes read
   */
  public record Outcome(List<Misconfiguration> misconfigurations, List<String> families, List<String> warnings,
      int checked, int failed, long bytesRead) {
    public Outcome {
      misconfigurations = List.copyOf(misconfigurations);
      families = List.copyOf(families);
      warnings = List.copyOf(warnings);
    }
  }

  private record Candidate(Path path, String shown, boolean named) {}

  private record FileOutcome(String family, List<Misconfiguration> findings, String warning, long bytes) {
    static final FileOutcome SKIPPED = new FileOutcome(null, List.of(), null, 0);
  }

  private ConfigScan() {}

  /**
   * Checks every supported file under {@code paths} with {@code checkers}.
   *
   * @throws DrydockException when a path does not exist or names neither a directory nor a regular file (a FIFO, a
   *     device): a usage error
   */
  public static Outcome scan(List<Path> paths, List<ConfigChecker> checkers, Options options) {
    List<Candidate> files = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new DrydockException(p + ": no such file or directory");
      }
      if (Files.isDirectory(p)) {
        walk(p, files);
      } else {
        // a FIFO would block the read forever, a device such as /dev/zero never ends: refused at once
        InputFiles.requireRegularFile(p, "configuration file");
        files.add(new Candidate(p, p.toString(), true));
      }
    }
    // a file reached twice (a directory and a file in it, or the same path given twice) is checked once
    Set<Path> seen = new java.util.HashSet<>();
    files.removeIf(c -> !seen.add(c.path().toAbsolutePath().normalize()));
    List<FileOutcome> outcomes = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads()), r -> {
      Thread t = new Thread(r, "drydock-config");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<FileOutcome>> futures = new ArrayList<>();
      for (Candidate c : files) {
        futures.add(pool.submit(() -> checkOne(c, checkers, options)));
      }
      for (Future<FileOutcome> f : futures) {
        outcomes.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DrydockException("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    List<Misconfiguration> found = new ArrayList<>();
    Set<String> ran = new LinkedHashSet<>();
    List<String> warnings = new ArrayList<>();
    int checked = 0;
    int failed = 0;
    long bytes = 0;
    for (FileOutcome o : outcomes) {
      bytes += o.bytes();
      if (o.warning() != null) {
        warnings.add(o.warning());
        failed++;
      } else if (o.family() != null) {
        checked++;
        ran.add(o.family());
        found.addAll(o.findings());
      }
    }
    List<String> families = checkers.stream().map(ConfigChecker::family).filter(ran::contains).distinct().toList();
    return new Outcome(found, families, warnings, checked, failed, bytes);
  }

  /**
   * The regular files under {@code root}, in path order. A root named through a symbolic link is walked at its real
   * location, but reported under the name given.
   */
  private static void walk(Path root, List<Candidate> out) {
    List<Path> found = new ArrayList<>();
    Path start;
    try {
      start = root.toRealPath();
      Files.walkFileTree(start, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return !dir.equals(start) && SKIPPED_DIRS.contains(dir.getFileName().toString())
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile()) {
            found.add(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new DrydockException(root + ": cannot list: " + e.getMessage(), e);
    }
    found.sort(null);
    for (Path f : found) {
      out.add(new Candidate(f, root.resolve(start.relativize(f)).toString(), false));
    }
  }

  private static FileOutcome checkOne(Candidate c, List<ConfigChecker> checkers, Options options) {
    String name = c.path().getFileName() == null ? c.shown() : c.path().getFileName().toString();
    try {
      if (!c.named() && !Files.isRegularFile(c.path(), LinkOption.NOFOLLOW_LINKS)) {
        return FileOutcome.SKIPPED;
      }
      long size = Files.size(c.path());
      if (size > options.maxFileSize()) {
        return !looksLikeConfig(name, checkers) && !c.named() ? FileOutcome.SKIPPED
            : warn(c.shown() + ":0: not checked: " + size + " bytes is over the limit of " + options.maxFileSize(), 0);
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(c.path())) {
        bytes = in.readNBytes((int) Math.min(size + 1, options.maxFileSize() + 1));
      }
      String text = text(bytes);
      if (text == null) {
        return !looksLikeConfig(name, checkers) && !c.named() ? new FileOutcome(null, List.of(), null, bytes.length)
            : warn(c.shown() + ":1: not checked: binary file (not UTF-8 text)", bytes.length);
      }
      ConfigChecker checker = null;
      for (ConfigChecker k : checkers) {
        if (k.accepts(name, text)) {
          checker = k;
          break;
        }
      }
      if (checker == null) {
        return c.named() ? warn(c.shown() + ":0: not checked: no checker supports this file", bytes.length)
            : new FileOutcome(null, List.of(), null, bytes.length);
      }
      try {
        return new FileOutcome(checker.family(), checker.check(c.shown(), text), null, bytes.length);
      } catch (DrydockException e) {
        String msg = e.getMessage() == null ? "invalid" : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
        return warn(msg.startsWith(c.shown() + ":") ? msg : c.shown() + ":0: " + msg, bytes.length);
      }
    } catch (IOException e) {
      return warn(c.shown() + ":0: cannot read: " + e.getMessage(), 0);
    }
  }

  private static FileOutcome warn(String line, long bytes) {
    return new FileOutcome(null, List.of(), line, bytes);
  }

  /**
   * Whether a binary or huge file is worth a warning: a checker takes it by its name alone, or it has the
   * extension of a YAML/JSON/template configuration file.
   */
  private static boolean looksLikeConfig(String name, List<ConfigChecker> checkers) {
    if (name.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(ya?ml|json|template)$")) {
      return true;
    }
    for (ConfigChecker k : checkers) {
      if (k.accepts(name, "")) {
        return true;
      }
    }
    return false;
  }

  /** The file as UTF-8 text (a BOM dropped), or null when it has a NUL byte early on or is not UTF-8. */
  static String text(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, BINARY_PROBE); i++) {
      if (bytes[i] == 0) {
        return null;
      }
    }
    try {
      String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
