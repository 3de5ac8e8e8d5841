package dev.drydock.report.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.model.ScanResult;
import dev.drydock.model.testing.FuzzContract;
import dev.drydock.report.FindingSamples;
import dev.drydock.report.ProjectSamples;
import dev.drydock.report.Reports;
import dev.drydock.report.Samples;
import dev.drydock.report.VulnSamples;
import dev.drydock.report.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Saved results (issue 18): the fuzzed bytes are a result JSON file, read as {@code gate}, {@code convert},
 * {@code diff} and {@code rescan} read it ({@link Json#read}), then rendered in every report format ({@code
 * convert}): what a hostile result can reach. Seeds: the report tests' sample results, written as JSON.
 */
class ResultJsonFuzzTest {
  private static final Path FILE;

  static {
    try {
      FILE = Files.createTempDirectory("drydock-fuzz-result-").resolve("result.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> seeds() {
    return Stream.of(Samples.debianImage(), Samples.debianImageWithCoverage(), Samples.emptySource(),
            VulnSamples.debianWithFindings(), FindingSamples.debianWithMisconfigurationsAndSecrets(),
            FindingSamples.everyKindWithSuppressed(), ProjectSamples.npmGraph(), ProjectSamples.twoProjects())
        .map(r -> Arguments.of((Object) json(r)));
  }

  private static byte[] json(ScanResult r) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Reports.byName("json").write(r, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @MethodSource("seeds")
  @FuzzTest
  void resultJson(byte[] data) throws IOException {
    Files.write(FILE, data);
    FuzzContract.holds(() -> {
      ScanResult result = Json.read(FILE);
      for (String format : Reports.names()) {
        Reports.byName(format, true).write(result, OutputStream.nullOutputStream());
      }
    });
  }
}
