package dev.drydock.version.gem;

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

class GemVersionSchemeTest {
  private final GemVersionScheme scheme = new GemVersionScheme();

  static Stream<GoldenTable.Row> golden() {
    return GoldenTable.load("gem/gem.tsv").rows().stream();
  }

  @ParameterizedTest
  @MethodSource("golden")
  void agreesWithRubyGems(GoldenTable.Row row) {
    assertThat(Integer.signum(scheme.compare(row.a(), row.b()))).as(row.toString()).isEqualTo(row.expected());
  }

  @Test
  void goldenTableIsLargeAndMixed() {
    List<GoldenTable.Row> rows = GoldenTable.load("gem/gem.tsv").rows();
    assertThat(rows).hasSizeGreaterThan(4000);
    assertThat(rows).extracting(GoldenTable.Row::expected).contains(-1, 0, 1);
  }

  static Stream<Arguments> validity() {
    return ValidityTable.load("gem/gem-valid.tsv");
  }

  @ParameterizedTest
  @MethodSource("validity")
  void validityAgreesWithRubyGems(String version, boolean valid) {
    assertThat(scheme.isValid(version)).as("'%s'", version).isEqualTo(valid);
  }

  @Test
  void compareRejectsInvalidVersions() {
    assertThatThrownBy(() -> scheme.compare("1.0", "1..0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("1..0");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 123})
  void orderingLawsHold(long seed) {
    OrderingLaws.check(scheme, randomVersions(new Random(seed), 160), seed, 4000);
  }

  static List<String> randomVersions(Random rnd, int n) {
    String[] labels = {"a", "b", "pre", "rc", "beta", "RC"};
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      StringBuilder sb = new StringBuilder();
      int parts = 1 + rnd.nextInt(4);
      for (int i = 0; i < parts; i++) {
        sb.append(i == 0 ? "" : ".").append(rnd.nextInt(3));
      }
      if (rnd.nextInt(3) == 0) {
        sb.append(rnd.nextBoolean() ? "." : "-").append(labels[rnd.nextInt(labels.length)]);
        if (rnd.nextBoolean()) {
          sb.append('.').append(rnd.nextInt(3));
        }
      }
      out.add(sb.toString());
    }
    return out;
  }
}
