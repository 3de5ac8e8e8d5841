package dev.drydock.version.dpkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.version.GoldenTable;
import dev.drydock.version.InvalidVersionException;
import dev.drydock.version.OrderingLaws;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DpkgVersionSchemeTest {
  private static final DpkgVersionScheme DPKG = new DpkgVersionScheme();

  static Stream<GoldenTable.Row> golden() {
    return GoldenTable.load("dpkg/pairs.tsv").rows().stream();
  }

  @ParameterizedTest
  @MethodSource("golden")
  void agreesWithDpkgCompareVersions(GoldenTable.Row row) {
    assertThat(Integer.signum(DPKG.compare(row.a(), row.b()))).as("%s", row).isEqualTo(row.expected());
    assertThat(Integer.signum(DPKG.compare(row.b(), row.a()))).as("reversed %s", row).isEqualTo(-row.expected());
  }

  @Test
  void goldenTableIsLargeAndMixed() {
    List<GoldenTable.Row> rows = GoldenTable.load("dpkg/pairs.tsv").rows();
    assertThat(rows).hasSizeGreaterThan(3000);
    assertThat(rows).anyMatch(r -> r.expected() < 0).anyMatch(r -> r.expected() == 0).anyMatch(r -> r.expected() > 0);
  }

  record Judged(String version, boolean valid) {}

  static Stream<Judged> validity() throws IOException {
    List<Judged> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        DpkgVersionSchemeTest.class.getResourceAsStream("/golden/dpkg/validity.tsv"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#")) {
          continue;
        }
        int tab = line.lastIndexOf('\t');
        out.add(new Judged(line.substring(0, tab).replace("\\t", "\t"), line.substring(tab + 1).equals("valid")));
      }
    }
    assertThat(out).hasSizeGreaterThan(200);
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("validity")
  void validIsWhatDpkgAcceptsWithoutError(Judged j) {
    assertThat(DPKG.isValid(j.version())).as("'%s'", j.version()).isEqualTo(j.valid());
    if (!j.valid()) {
      assertThatThrownBy(() -> DPKG.compare(j.version(), "1.0")).isInstanceOf(InvalidVersionException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "1:", "1.0-", "a:1"})
  void invalidVersionsAreRejected(String v) {
    assertThat(DPKG.isValid(v)).isFalse();
    assertThatThrownBy(() -> DPKG.compare("1", v)).isInstanceOf(InvalidVersionException.class).hasMessageContaining("dpkg");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void orderingLawsHold(long seed) {
    OrderingLaws.check(DPKG, randomVersions(seed, 160), seed, 20_000);
  }

  static List<String> randomVersions(long seed, int n) {
    Random rnd = new Random(seed);
    String[] pieces = {"0", "1", "2", "10", "007", "99", "a", "b", "Z", "rc", "~", "~~", "+", ".", "+b", "~rc", "dfsg"};
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
      assertThat(DPKG.isValid(v)).as(v).isTrue();
      out.add(v);
    }
    return out;
  }
}
