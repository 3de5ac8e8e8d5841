package dev.drydock.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Ecosystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VersionSchemesTest {
  @ParameterizedTest
  @EnumSource(Ecosystem.class)
  void everyEcosystemHasAScheme(Ecosystem e) {
    VersionScheme s = VersionSchemes.of(e);
    assertThat(VersionSchemes.byName(s.name())).containsSame(s);
  }

  @Test
  void schemesOrderTheirOwnEcosystem() {
    assertThat(VersionSchemes.of(Ecosystem.DEB).compare("1:1.0", "2.0")).isPositive();
    assertThat(VersionSchemes.of(Ecosystem.MAVEN).compare("2.14.1", "2.15.0")).isNegative();
    assertThat(VersionSchemes.of(Ecosystem.NPM).compare("4.17.15", "4.17.19")).isNegative();
    assertThat(VersionSchemes.of(Ecosystem.PYPI).compare("5.4", "5.4.0")).isZero();
  }
}
