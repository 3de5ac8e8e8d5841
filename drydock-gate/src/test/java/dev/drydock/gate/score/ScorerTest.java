package dev.drydock.gate.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScorerTest {

  @Test
  void penaltiesFollowTheTable() {
    Score s = Scorer.score(new ScoreInput(1, 2, 1, 1, true, 0, 0));
    // 100 - 25 - 2*5 - 20 - 10
    assertThat(s.value()).isEqualTo(35);
    assertThat(s.penaltyOnly()).isEqualTo(35);
    assertThat(s.grade()).isEqualTo(Grade.E);
    assertThat(s.modifiers()).containsExactly(
        new Score.Modifier("must-pass rule failed", -25, 1),
        new Score.Modifier("may-fail rule failed", -10, 2),
        new Score.Modifier("failing finding in CISA KEV", -20, 1),
        new Score.Modifier("expired waiver", -10, 1));
  }

  @Test
  void neverBelowZero() {
    Score s = Scorer.score(new ScoreInput(4, 3, 2, 0, true, 0, 0));
    assertThat(s.value()).isZero();
    assertThat(s.grade()).isEqualTo(Grade.F);
  }

  @Test
  void bonusesOnlyFromNinety() {
    // clean: 100 + 5 (no fixable HIGH) + 5 (every waiver ticketed)
    Score clean = Scorer.score(new ScoreInput(0, 0, 0, 0, false, 2, 2));
    assertThat(clean.value()).isEqualTo(110);
    assertThat(clean.grade()).isEqualTo(Grade.A_PLUS);
    // one may-fail failure: 95 >= 90, so bonuses count: 100
    Score one = Scorer.score(new ScoreInput(0, 1, 0, 0, false, 1, 1));
    assertThat(one.penaltyOnly()).isEqualTo(95);
    assertThat(one.value()).isEqualTo(105);
    // two: 90 still counts
    assertThat(Scorer.score(new ScoreInput(0, 2, 0, 0, false, 0, 0)).value()).isEqualTo(95);
    // three: 85 < 90, no bonus
    Score three = Scorer.score(new ScoreInput(0, 3, 0, 0, false, 1, 1));
    assertThat(three.value()).isEqualTo(85);
    assertThat(three.grade()).isEqualTo(Grade.B);
    assertThat(three.modifiers()).hasSize(1);
  }

  @Test
  void ticketBonusNeedsEveryWaiverTicketedAndAtLeastOne() {
    assertThat(Scorer.score(new ScoreInput(0, 0, 0, 0, true, 0, 0)).value()).isEqualTo(100);
    assertThat(Scorer.score(new ScoreInput(0, 0, 0, 0, true, 3, 2)).value()).isEqualTo(100);
    assertThat(Scorer.score(new ScoreInput(0, 0, 0, 0, true, 3, 3)).value()).isEqualTo(105);
  }

  @Test
  void gradeBands() {
    assertThat(Grade.of(100)).isEqualTo(Grade.A_PLUS);
    assertThat(Grade.of(99)).isEqualTo(Grade.A);
    assertThat(Grade.of(90)).isEqualTo(Grade.A);
    assertThat(Grade.of(89)).isEqualTo(Grade.B);
    assertThat(Grade.of(75)).isEqualTo(Grade.B);
    assertThat(Grade.of(74)).isEqualTo(Grade.C);
    assertThat(Grade.of(60)).isEqualTo(Grade.C);
    assertThat(Grade.of(59)).isEqualTo(Grade.D);
    assertThat(Grade.of(45)).isEqualTo(Grade.D);
    assertThat(Grade.of(44)).isEqualTo(Grade.E);
    assertThat(Grade.of(25)).isEqualTo(Grade.E);
    assertThat(Grade.of(24)).isEqualTo(Grade.F);
    assertThat(Grade.of(0)).isEqualTo(Grade.F);
    assertThat(Grade.parse("a+")).isEqualTo(Grade.A_PLUS);
    assertThat(Grade.B.atLeast(Grade.C)).isTrue();
    assertThat(Grade.C.atLeast(Grade.B)).isFalse();
    assertThat(Grade.C.atLeast(Grade.C)).isTrue();
    assertThatThrownBy(() -> Grade.parse("G")).isInstanceOf(IllegalArgumentException.class);
  }
}
