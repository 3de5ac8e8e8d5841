package dev.drydock.version.pep440;

import dev.drydock.version.ValidityTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.version.GoldenTable;
import dev.drydock.version.InvalidVersionException;
import dev.drydock.version.OrderingLaws;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Pep440VersionSchemeTest {
  private final Pep440VersionScheme scheme = new Pep440VersionScheme();

  static Stream<GoldenTable.Row> golden() {
    return GoldenTable.load("pep440/pep440.tsv").rows().stream();
  }

  @ParameterizedTest
  @MethodSource("golden")
  void agreesWithPackaging(GoldenTable.Row row) {
    assertThat(Integer.signum(scheme.compare(row.a(), row.b()))).as(row.toString()).isEqualTo(row.expected());
  }

  @Test
  void goldenTableIsLargeAndMixed() {
    List<GoldenTable.Row> rows = GoldenTable.load("pep440/pep440.tsv").rows();
    assertThat(rows).hasSizeGreaterThan(4000);
    assertThat(rows).extracting(GoldenTable.Row::expected).contains(-1, 0, 1);
  }

  static Stream<Arguments> validity() {
    return ValidityTable.load("pep440/pep440-valid.tsv");
  }

  @ParameterizedTest
  @MethodSource("validity")
  void validityAgreesWithPackaging(String version, boolean valid) {
    assertThat(scheme.isValid(version)).as("'%s'", version).isEqualTo(valid);
  }

  @Test
  void compareRejectsInvalidVersions() {
    assertThatThrownBy(() -> scheme.compare("1.0", "1.0.x"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("1.0.x");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 440})
  void orderingLawsHold(long seed) {
    OrderingLaws.check(scheme, randomVersions(new Random(seed), 160), seed, 4000);
  }

  static List<String> randomVersions(Random rnd, int n) {
    String[] pre = {"", "", "a", "b", "rc", "alpha", "c", "pre"};
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      StringBuilder sb = new StringBuilder();
      if (rnd.nextInt(8) == 0) {
        sb.append(rnd.nextInt(2)).append('!');
      }
      int parts = 1 + rnd.nextInt(3);
      for (int i = 0; i < parts; i++) {
        sb.append(i == 0 ? "" : ".").append(rnd.nextInt(3));
      }
      String p = pre[rnd.nextInt(pre.length)];
      if (!p.isEmpty()) {
        sb.append(p).append(rnd.nextInt(3));
      }
      if (rnd.nextInt(3) == 0) {
        sb.append(".post").append(rnd.nextInt(2));
      }
      if (rnd.nextInt(3) == 0) {
        sb.append(".dev").append(rnd.nextInt(2));
      }
      if (rnd.nextInt(5) == 0) {
        sb.append('+').append(rnd.nextBoolean() ? "abc" : "1").append(rnd.nextBoolean() ? ".5" : "");
      }
      out.add(sb.toString());
    }
    return out;
  }
}
