package dev.drydock.version.golang;

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

class GoVersionSchemeTest {
  private final GoVersionScheme scheme = new GoVersionScheme();

  static Stream<GoldenTable.Row> golden() {
    return GoldenTable.load("golang/go.tsv").rows().stream();
  }

  @ParameterizedTest
  @MethodSource("golden")
  void agreesWithXModSemverCompare(GoldenTable.Row row) {
    assertThat(Integer.signum(scheme.compare(row.a(), row.b()))).as(row.toString()).isEqualTo(row.expected());
  }

  static Stream<Arguments> validity() {
    return ValidityTable.arguments("golang/go-valid.tsv");
  }

  @ParameterizedTest
  @MethodSource("validity")
  void agreesWithXModSemverIsValid(String version, boolean valid) {
    assertThat(scheme.isValid(version)).as("valid(%s)", version).isEqualTo(valid);
  }

  @Test
  void goldenTablesAreLargeAndMixed() {
    assertThat(GoldenTable.load("golang/go.tsv").rows()).hasSizeGreaterThan(4000)
        .anyMatch(r -> r.expected() == 0).anyMatch(r -> r.expected() < 0).anyMatch(r -> r.expected() > 0)
        .anyMatch(r -> r.a().endsWith("+incompatible") && r.expected() == 0)
        .anyMatch(r -> r.a().matches("v\\d+\\.0\\.0-\\d{14}-[0-9a-f]{12}"))
        .anyMatch(r -> r.a().matches("v[0-9.]+-[a-z]+\\.0\\.\\d{14}-[0-9a-f]{12}"))
        .anyMatch(r -> r.a().matches("v[0-9.]+-0\\.\\d{14}-[0-9a-f]{12}"))
        .anyMatch(r -> r.a().matches("v\\d+") && r.expected() == 0);
    assertThat(ValidityTable.rows("golang/go-valid.tsv")).hasSizeGreaterThan(1000)
        .anyMatch(r -> r[1].equals("false")).anyMatch(r -> r[1].equals("true"));
  }

  @Test
  void invalidVersionsAreRejectedByCompare() {
    // standard-library / toolchain versions come without "v": callers add it
    assertThatThrownBy(() -> scheme.compare("v1.21.0", "1.21.0")).isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("'1.21.0'");
    assertThatThrownBy(() -> scheme.compare("v1.2.0", null)).isInstanceOf(InvalidVersionException.class);
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
    String[] stamps = {"20191109021931", "20191109021932", "20200101000000", "20230601120000"};
    String[] hashes = {"daa7c04131f5", "0123456789ab", "ffffffffffff"};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String m = nums[r.nextInt(nums.length)];
      String mi = nums[r.nextInt(2)];
      String p = nums[r.nextInt(nums.length)];
      String pseudo = stamps[r.nextInt(stamps.length)] + "-" + hashes[r.nextInt(hashes.length)];
      String v = switch (r.nextInt(7)) {
        case 0 -> "v" + m;
        case 1 -> "v" + m + "." + mi;
        case 2 -> "v" + m + ".0.0-" + pseudo;
        case 3 -> "v" + m + "." + mi + "." + p + "-" + ids[r.nextInt(ids.length)] + ".0." + pseudo;
        case 4 -> "v" + m + "." + mi + "." + p + "-0." + pseudo;
        case 5 -> "v" + m + "." + mi + "." + p + "-" + ids[r.nextInt(ids.length)] + "." + ids[r.nextInt(ids.length)];
        default -> "v" + m + "." + mi + "." + p;
      };
      if (v.chars().filter(c -> c == '.').count() >= 2 && r.nextInt(4) == 0) {
        v += r.nextBoolean() ? "+incompatible" : "+" + ids[r.nextInt(ids.length)];
      }
      out.add(v);
    }
    return out;
  }
}
