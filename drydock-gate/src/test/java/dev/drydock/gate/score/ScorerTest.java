package dev.drydock.gate.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
  void bonusesOnlyFromNinetyAndNeverPast100() {
    // clean: 100, the bonuses have nothing to add (the score never exceeds 100)
    Score clean = Scorer.score(new ScoreInput(0, 0, 0, 0, false, 2, 2));
    assertThat(clean.value()).isEqualTo(100);
    assertThat(clean.grade()).isEqualTo(Grade.A_PLUS);
    assertThat(clean.modifiers()).isEmpty();
    // one may-fail failure: 95 >= 90, so bonuses count, up to 100: the first adds 5, the second nothing
    Score one = Scorer.score(new ScoreInput(0, 1, 0, 0, false, 1, 1));
    assertThat(one.penaltyOnly()).isEqualTo(95);
    assertThat(one.value()).isEqualTo(100);
    assertThat(one.modifiers()).containsExactly(new Score.Modifier("may-fail rule failed", -5, 1),
        new Score.Modifier("no fixable HIGH or CRITICAL vulnerability", 5, 1));
    // two: 90 still counts, both bonuses add 5
    Score two = Scorer.score(new ScoreInput(0, 2, 0, 0, false, 1, 1));
    assertThat(two.value()).isEqualTo(100);
    assertThat(two.modifiers()).hasSize(3);
    assertThat(Scorer.score(new ScoreInput(0, 2, 0, 0, false, 0, 0)).value()).isEqualTo(95);
    // three: 85 < 90, no bonus
    Score three = Scorer.score(new ScoreInput(0, 3, 0, 0, false, 1, 1));
    assertThat(three.value()).isEqualTo(85);
    assertThat(three.grade()).isEqualTo(Grade.B);
    assertThat(three.modifiers()).hasSize(1);
  }

  @Test
  void ticketBonusNeedsEveryWaiverTicketedAndAtLeastOne() {
    assertThat(Scorer.score(new ScoreInput(0, 1, 0, 0, true, 0, 0)).value()).isEqualTo(95);
    assertThat(Scorer.score(new ScoreInput(0, 1, 0, 0, true, 3, 2)).value()).isEqualTo(95);
    assertThat(Scorer.score(new ScoreInput(0, 1, 0, 0, true, 3, 3)).value()).isEqualTo(100);
  }

  @Test
  void penaltiesPastZeroAreGivenBackByAFloorModifier() {
    Score s = Scorer.score(new ScoreInput(3, 2, 2, 0, true, 0, 0));
    // 100 - 75 - 10 - 40 = -25, shown as 0
    assertThat(s.value()).isZero();
    assertThat(s.modifiers()).last().isEqualTo(new Score.Modifier("score never below 0", 25, 1));
  }

  static IntStream seeds() {
    return IntStream.range(0, 400);
  }

  /** Small counts most of the time (so the bonus band 90..100 is reached often), sometimes large ones. */
  static ScoreInput generate(long seed) {
    Random rnd = new Random(seed);
    IntSupplier count = () -> rnd.nextInt(10) < 7 ? (rnd.nextInt(4) == 0 ? 1 : 0) : rnd.nextInt(12);
    int waivers = rnd.nextInt(4);
    return new ScoreInput(count.getAsInt(), count.getAsInt(), count.getAsInt(), count.getAsInt(), rnd.nextBoolean(),
        waivers, rnd.nextBoolean() ? waivers : rnd.nextInt(waivers + 1));
  }

  /** The formula of docs/baseline.md, "Score and grade", written out independently of Scorer. */
  static int documented(ScoreInput in) {
    int penaltyOnly = Math.max(0, 100 - 25 * in.mustPassFailed() - 5 * in.mayFailFailed() - 20 * in.kevFailing()
        - 10 * in.expiredWaivers());
    int bonus = 0;
    if (penaltyOnly >= 90) {
      bonus += in.anyFixableHighOrCritical() ? 0 : 5;
      bonus += in.waivers() > 0 && in.waiversWithTicket() == in.waivers() ? 5 : 0;
    }
    return Math.min(100, penaltyOnly + bonus);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void scoreIsWithin0To100FollowsTheDocumentedFormulaAndItsModifiersAddUp(int seed) {
    ScoreInput in = generate(seed);
    Score s = Scorer.score(in);
    assertThat(s.value()).as("score of %s", in).isBetween(0, 100);
    assertThat(s.penaltyOnly()).as("penalty-only score of %s", in).isBetween(0, 100);
    assertThat(s.value()).as("score of %s", in).isEqualTo(documented(in));
    assertThat(s.grade()).isEqualTo(Grade.of(s.value()));
    assertThat(100 + s.modifiers().stream().mapToInt(Score.Modifier::points).sum())
        .as("100 + modifiers of %s: %s", in, s.modifiers()).isEqualTo(s.value());
    // one more penalty never raises the score
    ScoreInput worse = new ScoreInput(in.mustPassFailed(), in.mayFailFailed() + 1, in.kevFailing(),
        in.expiredWaivers(), in.anyFixableHighOrCritical(), in.waivers(), in.waiversWithTicket());
    assertThat(Scorer.score(worse).value()).isLessThanOrEqualTo(s.value());
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
