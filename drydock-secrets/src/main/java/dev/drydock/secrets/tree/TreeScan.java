package dev.drydock.secrets.tree;

import dev.drydock.model.DrydockException;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Misconfiguration;
import dev.drydock.secrets.SecretScanner;
import dev.drydock.secrets.crypto.WeakCryptoScanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scans a directory tree for secrets. The walk does not follow symbolic links and skips {@code .git}
 * directories, files with a binary extension ({@link BinaryNames}), files over the size limit and, when
 * asked, what {@code .gitignore} files exclude. Files are streamed to the secret scanner in bounded chunks
 * (memory per file does not grow with its size) on a fixed pool of threads while the walk goes on; the scanner
 * itself skips content with a NUL byte. Source files the weak-crypto checks take are read whole, up to
 * {@link #MAX_CRYPTO_BYTES}.
 */
public final class TreeScan {
  /**
   * Largest source file read whole for the weak-crypto checks (they need the whole text); secrets are streamed in
   * chunks whatever the size.
   */
  public static final int MAX_CRYPTO_BYTES = 16 * 1024 * 1024;

  /**
   * @param gitignore respect {@code .gitignore} files found in the tree
   * @param maxFileSize larger files are skipped (and counted)
   * @param threads scanning threads; 0 for one per processor
   */
  public record Options(boolean gitignore, long maxFileSize, int threads) {
    public static final long DEFAULT_MAX_FILE_SIZE = 10L * 1024 * 1024;

    public Options {
      if (maxFileSize <= 0) {
        throw new IllegalArgumentException("maxFileSize must be positive");
      }
      threads = threads <= 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads;
    }

    public static Options defaults() {
      return new Options(false, DEFAULT_MAX_FILE_SIZE, 0);
    }
  }

  /**
   * What the scan saw.
   *
   * @param secrets findings ordered by path, line and column; paths are root-relative and '/'-separated
   * @param filesScanned files read and handed to the scanner
   * @param bytesScanned their total size
   * @param skippedLarge files over the size limit
   * @param skippedBinary files skipped for their binary extension
   * @param warnings unreadable files and directories
   */
  public record Result(List<ExposedSecret> secrets, List<Misconfiguration> weakCrypto, long filesScanned,
      long bytesScanned, long skippedLarge, long skippedBinary, List<String> warnings) {}

  private record FileFindings(List<ExposedSecret> secrets, List<Misconfiguration> weakCrypto) {}

  private final SecretScanner scanner;
  private final WeakCryptoScanner crypto;
  private final Options options;

  /** Secrets only. */
  public TreeScan(SecretScanner scanner, Options options) {
    this(scanner, null, options);
  }

  /** Secrets, and weak crypto in the source files {@code crypto} accepts (null: none). */
  public TreeScan(SecretScanner scanner, WeakCryptoScanner crypto, Options options) {
    this.scanner = scanner;
    this.crypto = crypto;
    this.options = options;
  }

  /** Scans everything below {@code root}; a missing or unreadable root is bad input. */
  public Result scan(Path root) {
    if (!Files.isDirectory(root)) {
      throw new DrydockException(root + ": not a directory");
    }
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    AtomicLong bytes = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    List<Future<FileFindings>> futures = new ArrayList<>();
    Walker walker = new Walker(root, warnings, file -> futures.add(pool.submit(() -> {
      String rel = relative(root, file);
      try {
        SecretScanner.Result r;
        try (InputStream in = Files.newInputStream(file)) {
          r = scanner.analyze(rel, in);
        }
        bytes.addAndGet(Files.size(file));
        warnings.addAll(r.warnings());
        List<Misconfiguration> weak = List.of();
        if (crypto != null && crypto.accepts(rel)) {
          if (Files.size(file) > MAX_CRYPTO_BYTES) {
            warnings.add(rel + ": not checked for weak crypto: larger than " + MAX_CRYPTO_BYTES + " bytes");
          } else {
            weak = crypto.scan(rel, readAtMost(file, MAX_CRYPTO_BYTES));
          }
        }
        return new FileFindings(r.findings(), weak);
      } catch (IOException e) {
        warnings.add(rel + ": cannot read: " + e.getMessage());
        return new FileFindings(List.of(), List.of());
      }
    })));
    try {
      Files.walkFileTree(root, walker);
      List<ExposedSecret> all = new ArrayList<>();
      List<Misconfiguration> weak = new ArrayList<>();
      for (Future<FileFindings> f : futures) {
        FileFindings ff = get(f);
        all.addAll(ff.secrets());
        weak.addAll(ff.weakCrypto());
      }
      all.sort(Comparator.comparing(ExposedSecret::path).thenComparingInt(ExposedSecret::line)
          .thenComparingInt(ExposedSecret::column).thenComparing(ExposedSecret::ruleId));
      weak.sort(Comparator.comparing(Misconfiguration::file).thenComparingInt(Misconfiguration::line)
          .thenComparingInt(Misconfiguration::column).thenComparing(Misconfiguration::ruleId));
      List<String> w = new ArrayList<>(warnings);
      Collections.sort(w);
      return new Result(List.copyOf(all), List.copyOf(weak), futures.size(), bytes.get(), walker.skippedLarge,
          walker.skippedBinary, w);
    } catch (IOException e) {
      throw new DrydockException(root + ": " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The first {@code max} bytes of {@code file} (a file that grew after its size was read is cut there). */
  private static byte[] readAtMost(Path file, int max) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(max);
    }
  }

  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  private static FileFindings get(Future<FileFindings> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DrydockException("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private interface Sink {
    void accept(Path file);
  }

  /** Walks the tree, keeping the stack of {@code .gitignore} files that apply to the current directory. */
  private final class Walker extends SimpleFileVisitor<Path> {
    private record Ignore(Path dir, Gitignore rules) {}

    private final Path root;
    private final List<String> warnings;
    private final Sink sink;
    private final Deque<Ignore> ignores = new ArrayDeque<>();
    long skippedLarge;
    long skippedBinary;

    Walker(Path root, List<String> warnings, Sink sink) {
      this.root = root;
      this.warnings = warnings;
      this.sink = sink;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      if (!dir.equals(root)) {
        if (dir.getFileName().toString().equals(".git") || ignored(dir, true)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
      }
      if (options.gitignore()) {
        Path gi = dir.resolve(".gitignore");
        if (Files.isRegularFile(gi)) {
          try {
            ignores.push(new Ignore(dir, Gitignore.parse(Files.readString(gi, StandardCharsets.UTF_8))));
          } catch (IOException e) {
            warnings.add(relative(root, gi) + ": cannot read: " + e.getMessage());
          }
        }
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
      if (!ignores.isEmpty() && ignores.peek().dir().equals(dir)) {
        ignores.pop();
      }
      if (exc != null) {
        warnings.add(relative(root, dir) + ": " + exc.getMessage());
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      if (!attrs.isRegularFile() || ignored(file, false)) {
        return FileVisitResult.CONTINUE;
      }
      if (attrs.size() > options.maxFileSize()) {
        skippedLarge++;
      } else if (BinaryNames.isBinary(file.getFileName().toString())) {
        skippedBinary++;
      } else {
        sink.accept(file);
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException exc) {
      warnings.add(relative(root, file) + ": cannot read: " + exc.getMessage());
      return FileVisitResult.CONTINUE;
    }

    /** The deepest .gitignore with an opinion decides. */
    private boolean ignored(Path path, boolean directory) {
      for (Iterator<Ignore> it = ignores.iterator(); it.hasNext(); ) {
        Ignore ig = it.next();
        Boolean d = ig.rules().decide(relative(ig.dir(), path), directory);
        if (d != null) {
          return d;
        }
      }
      return false;
    }
  }
}
