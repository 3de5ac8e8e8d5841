package dev.drydock.analyzers.fuzz;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.model.Fact;
import dev.drydock.model.testing.FuzzContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One fuzz input for a family of analyzers: the first byte picks the file (path and analyzer), the rest is the
 * file's content. The seeds in each target's {@code Inputs} directory are fixture files with that byte in front
 * (written by {@code bench/fuzz-seeds.py}).
 */
final class AnalyzerTargets {
  /** A file an analyzer claims: its path in the image, its mode and the analyzer that reads it. */
  record Case(String path, int mode, Analyzer analyzer) {}

  private static final Path SCRATCH;

  static {
    try {
      SCRATCH = Files.createTempDirectory("drydock-fuzz-");
      SCRATCH.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private AnalyzerTargets() {}

  /** Runs the analyzer the first byte picks on the rest, under {@link FuzzContract}. */
  static void analyze(List<Case> cases, byte[] data) {
    if (data.length == 0) {
      return;
    }
    Case c = cases.get((data[0] & 0xff) % cases.size());
    byte[] content = Arrays.copyOfRange(data, 1, data.length);
    if (!c.analyzer().wants(c.path(), content.length, c.mode())) {
      return; // e.g. an executable under the analyzer's minimum size: never handed to it in a scan
    }
    FuzzContract.holds(() -> {
      FileInput in = FileInput.ofBytes(c.path(), content, c.mode(), SCRATCH);
      try {
        List<Fact> facts = c.analyzer().analyze(in);
        if (facts == null || facts.stream().anyMatch(java.util.Objects::isNull)) {
          throw new AssertionError(c.analyzer().name() + " returned a null fact list or a null fact");
        }
      } finally {
        in.discard();
      }
    }, IOException.class);
  }

  /** A seed for {@code cases}: the selector byte of the case at {@code path}, then {@code content}. */
  static org.junit.jupiter.params.provider.Arguments seed(List<Case> cases, String path, byte[] content) {
    for (int i = 0; i < cases.size(); i++) {
      if (cases.get(i).path().equals(path)) {
        byte[] data = new byte[content.length + 1];
        data[0] = (byte) i;
        System.arraycopy(content, 0, data, 1, content.length);
        return org.junit.jupiter.params.provider.Arguments.of((Object) data);
      }
    }
    throw new IllegalArgumentException("no case for " + path);
  }

  /** A seed from a fixture file under {@code src/test/resources/fixtures/}. */
  static org.junit.jupiter.params.provider.Arguments seed(List<Case> cases, String path, String fixture) {
    return seed(cases, path, fixture(fixture));
  }

  static byte[] fixture(String name) {
    try (java.io.InputStream in = AnalyzerTargets.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
