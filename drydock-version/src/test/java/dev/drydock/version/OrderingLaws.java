package dev.drydock.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

/**
 * The laws every version order obeys, checked over many versions: reflexivity, antisymmetry and
 * transitivity. Use from a {@code @ParameterizedTest} over seeded generators.
 */
public final class OrderingLaws {
  private OrderingLaws() {}

  public static void check(VersionScheme scheme, List<String> versions, long seed, int triples) {
    for (String v : versions) {
      assertThat(scheme.compare(v, v)).as("%s: %s == itself", scheme.name(), v).isZero();
    }
    for (String a : versions) {
      for (String b : versions) {
        assertThat(Integer.signum(scheme.compare(a, b)))
            .as("%s: antisymmetry of %s and %s", scheme.name(), a, b)
            .isEqualTo(-Integer.signum(scheme.compare(b, a)));
      }
    }
    Random rnd = new Random(seed);
    for (int i = 0; i < triples; i++) {
      String a = versions.get(rnd.nextInt(versions.size()));
      String b = versions.get(rnd.nextInt(versions.size()));
      String c = versions.get(rnd.nextInt(versions.size()));
      int ab = Integer.signum(scheme.compare(a, b));
      int bc = Integer.signum(scheme.compare(b, c));
      if (ab <= 0 && bc <= 0) {
        assertThat(scheme.compare(a, c)).as("%s: %s <= %s <= %s", scheme.name(), a, b, c).isLessThanOrEqualTo(0);
      }
      if (ab >= 0 && bc >= 0) {
        assertThat(scheme.compare(a, c)).as("%s: %s >= %s >= %s", scheme.name(), a, b, c).isGreaterThanOrEqualTo(0);
      }
    }
  }
}
