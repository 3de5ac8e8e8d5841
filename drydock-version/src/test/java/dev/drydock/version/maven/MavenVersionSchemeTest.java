package dev.drydock.version.maven;

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
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MavenVersionSchemeTest {
  private final MavenVersionScheme scheme = new MavenVersionScheme();

  static Stream<GoldenTable.Row> golden() {
    return GoldenTable.load("maven/maven.tsv").rows().stream();
  }

  @ParameterizedTest
  @MethodSource("golden")
  void agreesWithComparableVersion(GoldenTable.Row row) {
    assertThat(Integer.signum(scheme.compare(row.a(), row.b()))).as(row.toString()).isEqualTo(row.expected());
  }

  @Test
  void goldenTableIsLargeAndMixed() {
    assertThat(GoldenTable.load("maven/maven.tsv").rows()).hasSizeGreaterThan(5000)
        .anyMatch(r -> r.expected() == 0 && !r.a().equals(r.b()))
        .anyMatch(r -> r.expected() < 0).anyMatch(r -> r.expected() > 0)
        .anyMatch(r -> r.a().contains("SNAPSHOT")).anyMatch(r -> r.a().endsWith(".Final"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "1.0", "2.0.0-SNAPSHOT", "4.1.138.Final", "1.0-beta-10", "0.9.0.M4",
      "7.8.0.202609011348-r", "1-1.foo-bar1baz-.1", "_", "-"})
  void nonBlankWithoutWhitespaceIsValid(String v) {
    assertThat(scheme.isValid(v)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "1.0 beta", " 1.0", "1.0\t", "1.0\n", "1.0\u00a0"})
  void blankOrWhitespaceIsInvalid(String v) {
    assertThat(scheme.isValid(v)).isFalse();
    assertThatThrownBy(() -> scheme.compare(v, "1.0")).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void nullIsInvalid() {
    assertThat(scheme.isValid(null)).isFalse();
    assertThatThrownBy(() -> scheme.compare("1.0", null)).isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("maven");
  }

  /**
   * ComparableVersion (3.10.0) is not a total order on arbitrary strings (unknown qualifiers, qualifiers
   * mixed across "." and "-"): the reference tool itself reports this cycle ({@code java -cp maven-artifact-3.10.0.jar
   * org.apache.maven.artifact.versioning.ComparableVersion 2.foo-sp1 2.M1 2 2.foo-sp1}). The scheme
   * delegates, so it shows the same cycle; the ordering laws below hold on versions shaped as published
   * ones (numbers, one known qualifier, maybe -SNAPSHOT).
   */
  @Test
  void inheritsComparableVersionsCycleWithUnknownQualifiers() {
    assertThat(scheme.compare("2.foo-sp1", "2.M1")).isNegative();
    assertThat(scheme.compare("2.M1", "2")).isNegative();
    assertThat(scheme.compare("2", "2.foo-sp1")).isNegative();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42})
  void obeysOrderingLawsOnPublishedShapes(long seed) {
    OrderingLaws.check(scheme, randomVersions(new Random(seed), 150), seed, 20_000);
  }

  /** Versions shaped as published ones: numbers, then at most one qualifier, then maybe -SNAPSHOT. */
  static List<String> randomVersions(Random r, int n) {
    String[] nums = {"0", "1", "2", "10"};
    String[] quals = {"-alpha", "-alpha-", "-a", "-beta", "-beta-", "-b", ".M", "-M", "-milestone", "-RC", "-rc",
        ".RC", "-cr", "-ga", ".GA", ".Final", ".RELEASE", "-release", "-sp", ".SP", "-SNAPSHOT"};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder v = new StringBuilder().append(nums[r.nextInt(nums.length)]);
      for (int k = r.nextInt(4); k > 0; k--) {
        v.append('.').append(nums[r.nextInt(nums.length)]);
      }
      if (r.nextBoolean()) {
        v.append(quals[r.nextInt(quals.length)]);
        if (!v.toString().endsWith("SNAPSHOT") && r.nextBoolean()) {
          v.append(1 + r.nextInt(3));
        }
      }
      if (r.nextInt(5) == 0 && !v.toString().endsWith("SNAPSHOT")) {
        v.append("-SNAPSHOT");
      }
      out.add(v.toString());
    }
    return out;
  }
}
