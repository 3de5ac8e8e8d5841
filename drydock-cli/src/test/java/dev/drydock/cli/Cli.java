package dev.drydock.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Runs {@code drydock} in-process, as a user would, and keeps what it printed. */
final class Cli {
  private static final Object STDOUT_LOCK = new Object();

  private Cli() {}

  /** What one run produced: exit code, picocli's out, standard output (reports) and standard error. */
  record Run(int exit, String out, String stdout, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }

    @Override
    public String toString() {
      return "exit=" + exit + "\n--- out ---\n" + out + "\n--- stdout ---\n" + stdout + "\n--- err ---\n" + err;
    }
  }

  /** Runs {@code drydock args...}; System.out is captured (reports without --output go there). */
  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    int exit;
    synchronized (STDOUT_LOCK) {
      PrintStream saved = System.out;
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      try {
        exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
      } finally {
        System.out.flush();
        System.setOut(saved);
      }
    }
    return new Run(exit, out.toString(), stdout.toString(StandardCharsets.UTF_8), err.toString());
  }

  /** Runs without touching System.out (safe to call from several threads); use with --output. */
  static Run runToFile(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), "", err.toString());
  }

  /** Every path under {@code dir} (relative), skipping {@code except} and what lies below it. */
  static TreeSet<String> tree(Path dir, Path except) {
    TreeSet<String> paths = new TreeSet<>();
    if (!Files.exists(dir)) {
      return paths;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(p -> except == null || !p.startsWith(except)).forEach(p -> paths.add(dir.relativize(p).toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return paths;
  }
}
