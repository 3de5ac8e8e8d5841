package dev.drydock.gate.score;

import java.util.ArrayList;
import java.util.List;

/** Computes the 0..100 (+ bonuses) score of a gate evaluation (docs/baseline.md, "Score and grade"). */
public final class Scorer {
  static final int MUST_PASS_FAILED = -25;
  static final int MAY_FAIL_FAILED = -5;
  static final int KEV_FINDING = -20;
  static final int EXPIRED_WAIVER = -10;
  static final int NO_FIXABLE_HIGH = 5;
  static final int ALL_WAIVERS_TICKETED = 5;
  /** Bonuses count only when the penalty-only score reaches this. */
  static final int BONUS_FLOOR = 90;

  private Scorer() {}

  /** The score of {@code in}. */
  public static Score score(ScoreInput in) {
    List<Score.Modifier> mods = new ArrayList<>();
    penalty(mods, "must-pass rule failed", MUST_PASS_FAILED, in.mustPassFailed());
    penalty(mods, "may-fail rule failed", MAY_FAIL_FAILED, in.mayFailFailed());
    penalty(mods, "failing finding in CISA KEV", KEV_FINDING, in.kevFailing());
    penalty(mods, "expired waiver", EXPIRED_WAIVER, in.expiredWaivers());
    int penaltyOnly = Math.max(0, 100 + mods.stream().mapToInt(Score.Modifier::points).sum());
    int value = penaltyOnly;
    if (penaltyOnly >= BONUS_FLOOR) {
      if (!in.anyFixableHighOrCritical()) {
        mods.add(new Score.Modifier("no fixable HIGH or CRITICAL vulnerability", NO_FIXABLE_HIGH, 1));
        value += NO_FIXABLE_HIGH;
      }
      if (in.waivers() > 0 && in.waiversWithTicket() == in.waivers()) {
        mods.add(new Score.Modifier("every waiver has a ticket", ALL_WAIVERS_TICKETED, 1));
        value += ALL_WAIVERS_TICKETED;
      }
    }
    return new Score(value, Grade.of(value), penaltyOnly, mods);
  }

  private static void penalty(List<Score.Modifier> mods, String name, int each, int count) {
    if (count > 0) {
      mods.add(new Score.Modifier(name, each * count, count));
    }
  }
}
