package dev.drydock.version.composer;

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

class ComposerVersionSchemeTest {
  private final ComposerVersionScheme scheme = new ComposerVersionScheme();

  static Stream<GoldenTable.Row> golden() {
    return GoldenTable.load("composer/composer.tsv").rows().stream();
  }

  @ParameterizedTest
  @MethodSource("golden")
  void agreesWithComposerSemver(GoldenTable.Row row) {
    assertThat(Integer.signum(scheme.compare(row.a(), row.b()))).as(row.toString()).isEqualTo(row.expected());
  }

  @Test
  void goldenTableIsLargeAndMixed() {
    List<GoldenTable.Row> rows = GoldenTable.load("composer/composer.tsv").rows();
    assertThat(rows).hasSizeGreaterThan(4000);
    assertThat(rows).extracting(GoldenTable.Row::expected).contains(-1, 0, 1);
  }

  static Stream<Arguments> validity() {
    return ValidityTable.load("composer/composer-valid.tsv");
  }

  @ParameterizedTest
  @MethodSource("validity")
  void validityAgreesWithComposerSemver(String version, boolean valid) {
    assertThat(scheme.isValid(version)).as("'%s'", version).isEqualTo(valid);
  }

  /** Composer packages keep their version as written ("v1.28.0"); the scheme compares it normalised. */
  @Test
  void leadingVIsTheSameVersion() {
    assertThat(scheme.compare("v1.28.0", "1.28.0")).isZero();
    assertThat(scheme.compare("v1.28.0", "1.28.1")).isNegative();
    assertThat(scheme.compare("v2.0.0-RC1", "2.0.0")).isNegative();
  }

  @Test
  void namedBranchesAreNotComparable() {
    assertThat(scheme.isValid("dev-master")).isFalse();
    assertThatThrownBy(() -> scheme.compare("1.0", "dev-master"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("dev-master");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2026})
  void orderingLawsHold(long seed) {
    OrderingLaws.check(scheme, randomVersions(new Random(seed), 160), seed, 4000);
  }

  static List<String> randomVersions(Random rnd, int n) {
    String[] labels = {"alpha", "a", "beta", "b", "RC", "rc", "patch", "pl", "p"};
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      StringBuilder sb = new StringBuilder(rnd.nextInt(5) == 0 ? "v" : "");
      int parts = 1 + rnd.nextInt(4);
      for (int i = 0; i < parts; i++) {
        sb.append(i == 0 ? "" : ".").append(rnd.nextInt(3));
      }
      if (rnd.nextInt(3) == 0) {
        sb.append('-').append(labels[rnd.nextInt(labels.length)]);
        if (rnd.nextBoolean()) {
          sb.append(rnd.nextInt(3));
        }
      }
      if (rnd.nextInt(5) == 0) {
        sb.append("-dev");
      }
      if (rnd.nextInt(10) == 0) {
        sb.setLength(0);
        sb.append(rnd.nextInt(3)).append(".x-dev");
      }
      out.add(sb.toString());
    }
    return out;
  }
}
