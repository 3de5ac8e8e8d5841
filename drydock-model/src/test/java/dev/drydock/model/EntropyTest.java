package dev.drydock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EntropyTest {
  @Test
  void bitsPerCharacter() {
    assertThat(Entropy.bits("")).isZero();
    assertThat(Entropy.bits("aaaa")).isZero();
    assertThat(Entropy.bits("abcd")).isEqualTo(2.0);
    assertThat(Entropy.bits("aabb")).isEqualTo(1.0);
    // the AWS documentation's example secret key: random-looking
    assertThat(Entropy.bits("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).isGreaterThan(4.0);
    assertThat(Entropy.bits("password")).isLessThan(3.0);
  }

  @Test
  void everyDistinctCharacterIsASymbolBeyondAsciiToo() {
    // as gitleaks counts: four distinct Cyrillic letters are two bits, not one symbol
    assertThat(Entropy.bits("абвг")).isEqualTo(2.0);
    assertThat(Entropy.bits("aбaб")).isEqualTo(1.0);
    assertThat(Entropy.bits("ab\u00e9\u00e8")).isCloseTo(2.0, within(1e-12));
  }
}
