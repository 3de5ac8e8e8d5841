package dev.drydock.version.apk;

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
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApkVersionSchemeTest {
  private static final ApkVersionScheme APK = new ApkVersionScheme();

  /** The versions of apk-tools' version.data that apk itself rejects; its comparisons still order them. */
  private static final Set<String> INVALID_IN_APK_DATA = Set.of("1.0bc", "23_foo");

  static Stream<GoldenTable.Row> golden() {
    return GoldenTable.load("apk/pairs.tsv").rows().stream();
  }

  @ParameterizedTest
  @MethodSource("golden")
  void agreesWithApkToolsTestVectors(GoldenTable.Row row) {
    assertThat(Integer.signum(ApkVersionScheme.compareLenient(row.a(), row.b()))).as("%s", row).isEqualTo(row.expected());
    assertThat(Integer.signum(ApkVersionScheme.compareLenient(row.b(), row.a()))).as("reversed %s", row)
        .isEqualTo(-row.expected());
    if (APK.isValid(row.a()) && APK.isValid(row.b())) {
      assertThat(Integer.signum(APK.compare(row.a(), row.b()))).as("%s", row).isEqualTo(row.expected());
    } else {
      assertThat(INVALID_IN_APK_DATA).as("invalid side of %s", row).containsAnyOf(row.a(), row.b());
    }
  }

  @Test
  void goldenTableIsApkToolsWholeFile() {
    List<GoldenTable.Row> rows = GoldenTable.load("apk/pairs.tsv").rows();
    assertThat(rows).hasSize(733);
    assertThat(rows).filteredOn(r -> !APK.isValid(r.a()) || !APK.isValid(r.b())).hasSize(2);
  }

  @Test
  void versionsApkToolsMarksInvalidAreInvalid() {
    // version.data: "1.0 < 1.0bc  # invalid"; "23_foo > 4_beta": foo is no suffix (4_beta alone is fine)
    assertThat(APK.isValid("1.0bc")).isFalse();
    assertThat(APK.isValid("23_foo")).isFalse();
    assertThat(APK.isValid("4_beta")).isTrue();
    assertThatThrownBy(() -> APK.compare("1.0", "1.0bc")).isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("1.0bc");
  }

  static Stream<String> realVersions() throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        ApkVersionSchemeTest.class.getResourceAsStream("/golden/apk/real-versions.txt"), StandardCharsets.UTF_8))) {
      r.lines().filter(l -> !l.startsWith("#") && !l.isEmpty()).forEach(out::add);
    }
    assertThat(out).hasSizeGreaterThan(30);
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("realVersions")
  void realAlpineVersionsAreValid(String v) {
    assertThat(APK.isValid(v)).as(v).isTrue();
    assertThat(APK.compare(v, v)).isZero();
  }

  // straight from apk's grammar: digit{.digit}...{letter}{_suf{#}}...{~hash}{-r#}
  @ParameterizedTest
  @ValueSource(strings = {"1", "1.2.3", "1.2.3a", "1.2_rc1", "1.2_alpha_pre2", "1.2_p", "1.0~abc123", "1.0_git1~0f-r2",
      "1.0-r0", "0.20070118", "007"})
  void validVersions(String v) {
    assertThat(APK.isValid(v)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a1", ".1", "1.", "1..2", "1.0-", "1.0-r", "1.0-1", "1.0_", "1.0_foo", "1.0_Rc1", "1.0A",
      "1.0ab", "1.0a.1", "1.0-r1_p1", "1.0-r1-r2", "1.0~", "1.0~XYZ", "1.0~ag", "1.0_p1a", "1.0 ", "v1.0", "1:1.0",
      "1.0-r1~ab"})
  void invalidVersions(String v) {
    assertThat(APK.isValid(v)).isFalse();
    assertThatThrownBy(() -> APK.compare("1.0", v)).isInstanceOf(InvalidVersionException.class);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void orderingLawsHold(long seed) {
    OrderingLaws.check(APK, randomVersions(seed, 160), seed, 20_000);
  }

  static List<String> randomVersions(long seed, int n) {
    Random rnd = new Random(seed);
    String[] suffixes = {"_alpha", "_beta", "_pre", "_rc", "_cvs", "_svn", "_git", "_hg", "_p"};
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      StringBuilder sb = new StringBuilder().append(rnd.nextInt(4));
      for (int i = rnd.nextInt(4); i > 0; i--) {
        sb.append('.').append(rnd.nextInt(3) == 0 ? "0" + rnd.nextInt(3) : String.valueOf(rnd.nextInt(12)));
      }
      if (rnd.nextInt(4) == 0) {
        sb.append((char) ('a' + rnd.nextInt(3)));
      }
      for (int i = rnd.nextInt(3); i > 0; i--) {
        sb.append(suffixes[rnd.nextInt(suffixes.length)]);
        if (rnd.nextBoolean()) {
          sb.append(rnd.nextInt(12));
        }
      }
      if (rnd.nextInt(5) == 0) {
        sb.append('~').append(Integer.toHexString(rnd.nextInt(4096)));
      }
      if (rnd.nextBoolean()) {
        sb.append("-r").append(rnd.nextInt(11));
      }
      String v = sb.toString();
      assertThat(APK.isValid(v)).as(v).isTrue();
      out.add(v);
    }
    return out;
  }
}
