package dev.drydock.version.cargo;

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

class CargoVersionSchemeTest {
  private final CargoVersionScheme scheme = new CargoVersionScheme();

  static Stream<GoldenTable.Row> golden() {
    return GoldenTable.load("cargo/cargo.tsv").rows().stream();
  }

  @ParameterizedTest
  @MethodSource("golden")
  void agreesWithSemverCrateOrd(GoldenTable.Row row) {
    assertThat(Integer.signum(scheme.compare(row.a(), row.b()))).as(row.toString()).isEqualTo(row.expected());
  }

  static Stream<Arguments> validity() {
    return ValidityTable.arguments("cargo/cargo-valid.tsv");
  }

  @ParameterizedTest
  @MethodSource("validity")
  void agreesWithSemverCrateParse(String version, boolean valid) {
    assertThat(scheme.isValid(version)).as("valid(%s)", version).isEqualTo(valid);
  }

  @Test
  void goldenTablesAreLargeAndMixed() {
    assertThat(GoldenTable.load("cargo/cargo.tsv").rows()).hasSizeGreaterThan(5000)
        .anyMatch(r -> r.expected() == 0).anyMatch(r -> r.expected() < 0).anyMatch(r -> r.expected() > 0);
    assertThat(ValidityTable.rows("cargo/cargo-valid.tsv")).hasSizeGreaterThan(1000)
        .anyMatch(r -> r[1].equals("false")).anyMatch(r -> r[1].equals("true"));
  }

  @Test
  void invalidVersionsAreRejectedByCompare() {
    assertThatThrownBy(() -> scheme.compare("v1.2.0", "1.2.0")).isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("'v1.2.0'");
    assertThatThrownBy(() -> scheme.compare("1.2.0", null)).isInstanceOf(InvalidVersionException.class);
    assertThat(scheme.isValid(null)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42})
  void obeysOrderingLaws(long seed) {
    OrderingLaws.check(scheme, randomVersions(new Random(seed), 150), seed, 20_000);
  }

  static List<String> randomVersions(Random r, int n) {
    String[] nums = {"0", "1", "2", "10", "11"};
    String[] ids = {"alpha", "beta", "rc", "0", "1", "2", "10", "x-y", "-", "A", "a1", "1a"};
    String[] builds = {"0", "00", "1", "01", "001", "10", "a", "A", "sha", "-"};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder v = new StringBuilder();
      v.append(nums[r.nextInt(nums.length)]).append('.').append(nums[r.nextInt(2)]).append('.')
          .append(nums[r.nextInt(nums.length)]);
      if (r.nextBoolean()) {
        v.append('-').append(ids[r.nextInt(ids.length)]);
        for (int k = r.nextInt(3); k > 0; k--) {
          v.append('.').append(ids[r.nextInt(ids.length)]);
        }
      }
      if (r.nextInt(3) == 0) {
        v.append('+').append(builds[r.nextInt(builds.length)]);
        for (int k = r.nextInt(2); k > 0; k--) {
          v.append('.').append(builds[r.nextInt(builds.length)]);
        }
      }
      out.add(v.toString());
    }
    return out;
  }
}
