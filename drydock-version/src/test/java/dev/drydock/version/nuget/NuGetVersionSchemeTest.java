package dev.drydock.version.nuget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.version.GoldenTable;
import dev.drydock.version.InvalidVersionException;
import dev.drydock.version.OrderingLaws;
import dev.drydock.version.ValidityTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NuGetVersionSchemeTest {
  private final NuGetVersionScheme scheme = new NuGetVersionScheme();

  static Stream<GoldenTable.Row> golden() {
    return GoldenTable.load("nuget/nuget.tsv").rows().stream();
  }

  @ParameterizedTest
  @MethodSource("golden")
  void agreesWithNuGetDocsAndTests(GoldenTable.Row row) {
    assertThat(Integer.signum(scheme.compare(row.a(), row.b()))).as(row.toString()).isEqualTo(row.expected());
  }

  @Test
  void goldenTableIsLargeAndMixed() {
    List<GoldenTable.Row> rows = GoldenTable.load("nuget/nuget.tsv").rows();
    assertThat(rows).hasSizeGreaterThan(400);
    assertThat(rows).extracting(GoldenTable.Row::expected).contains(-1, 0, 1);
  }

  static Stream<Arguments> validity() {
    return ValidityTable.load("nuget/nuget-valid.tsv");
  }

  @ParameterizedTest
  @MethodSource("validity")
  void validityAgreesWithNuGetTests(String version, boolean valid) {
    assertThat(scheme.isValid(version)).as("'%s'", version).isEqualTo(valid);
  }

  @Test
  void compareRejectsInvalidVersions() {
    assertThatThrownBy(() -> scheme.compare("1.0", "1.2.3.4.5"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("1.2.3.4.5");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 123})
  void orderingLawsHold(long seed) {
    OrderingLaws.check(scheme, randomVersions(new Random(seed), 160), seed, 4000);
  }

  static List<String> randomVersions(Random rnd, int n) {
    String[] labels = {"alpha", "Alpha", "beta", "rc", "RC", "1", "2", "10", "a-b", "x"};
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      StringBuilder sb = new StringBuilder();
      int parts = 1 + rnd.nextInt(4);
      for (int i = 0; i < parts; i++) {
        sb.append(i == 0 ? "" : ".").append(rnd.nextInt(3));
      }
      if (rnd.nextInt(2) == 0) {
        int count = 1 + rnd.nextInt(3);
        for (int i = 0; i < count; i++) {
          sb.append(i == 0 ? "-" : ".").append(labels[rnd.nextInt(labels.length)]);
        }
      }
      if (rnd.nextInt(5) == 0) {
        sb.append("+build.").append(rnd.nextInt(3));
      }
      out.add(sb.toString());
    }
    return out;
  }
}
