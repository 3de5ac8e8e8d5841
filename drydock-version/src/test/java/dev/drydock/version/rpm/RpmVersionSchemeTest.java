package dev.drydock.version.rpm;

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

class RpmVersionSchemeTest {
  private static final RpmVersionScheme RPM = new RpmVersionScheme();

  static Stream<GoldenTable.Row> golden() {
    return GoldenTable.load("rpm/pairs.tsv").rows().stream();
  }

  @ParameterizedTest
  @MethodSource("golden")
  void agreesWithRpmLabelCompare(GoldenTable.Row row) {
    assertThat(RPM.isValid(row.a())).as(row.a()).isTrue();
    assertThat(RPM.isValid(row.b())).as(row.b()).isTrue();
    assertThat(Integer.signum(RPM.compare(row.a(), row.b()))).as("%s", row).isEqualTo(row.expected());
    assertThat(Integer.signum(RPM.compare(row.b(), row.a()))).as("reversed %s", row).isEqualTo(-row.expected());
  }

  @Test
  void goldenTableCoversTildeCaretAndEpochs() {
    List<GoldenTable.Row> rows = GoldenTable.load("rpm/pairs.tsv").rows();
    assertThat(rows).hasSizeGreaterThan(3000);
    assertThat(rows).anyMatch(r -> r.a().contains("~")).anyMatch(r -> r.a().contains("^"))
        .anyMatch(r -> r.a().matches("\\d+:.*")).anyMatch(r -> r.a().equals("2.32.1-42.el8_8"));
    assertThat(rows).anyMatch(r -> r.expected() < 0).anyMatch(r -> r.expected() == 0).anyMatch(r -> r.expected() > 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "1:1.0-1", "0:2.34-2.cm2", "2.32.1-42.el8_8", "1.0~rc1-1", "1.0^20230101git1a2b-1",
      "1.1.1k-7.cm2", "20190513-3.3.1", "1_2+3", "10:1"})
  void validVersions(String v) {
    assertThat(RPM.isValid(v)).isTrue();
  }

  // rpmbuild allows letters, digits and ". _ + ~ ^" in Version and Release; epochs are numbers
  @ParameterizedTest
  @ValueSource(strings = {"", "-1", "1.0-", ":1.0", "1:", "a:1.0", "1.0 1", "1.0-1:2", "1.0/2", "1,0", "ä1", "1.0-1-",
      "1:-1"})
  void invalidVersions(String v) {
    assertThat(RPM.isValid(v)).isFalse();
    assertThatThrownBy(() -> RPM.compare(v, "1.0")).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void epochVersionAndReleaseAreSplitLikeRpm() {
    assertThat(RpmVersionScheme.parse("1:1.0-2.el8")).isEqualTo(new RpmVersionScheme.Evr("1", "1.0", "2.el8"));
    // the release follows the last '-', leaving a '-' in the version, which rpmbuild forbids
    assertThat(RpmVersionScheme.parse("1:1.0-1-2")).isNull();
    assertThat(RpmVersionScheme.parse("1.0")).isEqualTo(new RpmVersionScheme.Evr(null, "1.0", null));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void orderingLawsHold(long seed) {
    OrderingLaws.check(RPM, randomVersions(seed, 160), seed, 20_000);
  }

  static List<String> randomVersions(long seed, int n) {
    Random rnd = new Random(seed);
    String[] pieces = {"0", "1", "2", "10", "007", "a", "b", "Z", "rc", "~", "~~", "^", "^^", ".", "_", "+", "git"};
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      StringBuilder sb = new StringBuilder();
      if (rnd.nextInt(4) == 0) {
        sb.append(rnd.nextInt(3)).append(':');
      }
      sb.append(rnd.nextInt(5));
      for (int i = rnd.nextInt(5); i > 0; i--) {
        sb.append(pieces[rnd.nextInt(pieces.length)]);
      }
      if (rnd.nextBoolean()) {
        sb.append('-').append(rnd.nextInt(4));
        for (int i = rnd.nextInt(3); i > 0; i--) {
          sb.append(pieces[rnd.nextInt(pieces.length)]);
        }
      }
      String v = sb.toString();
      assertThat(RPM.isValid(v)).as(v).isTrue();
      out.add(v);
    }
    return out;
  }
}
