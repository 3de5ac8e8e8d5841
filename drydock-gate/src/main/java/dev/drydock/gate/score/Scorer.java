package dev.drydock.gate.score;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes the 0..100 score of a gate evaluation (docs/baseline.md, "Score and grade"):
 *
 * <pre>
 *   penaltyOnly = max(0, 100 - 25*mustPassFailed - 5*mayFailFailed - 20*kevFailing - 10*expiredWaivers)
 *   score       = min(100, penaltyOnly + bonuses)   where bonuses count only when penaltyOnly >= 90
 * </pre>
 *
 * The modifiers always add up: {@code 100 + sum(points) == value}. Penalties are listed with their full
 * points; when they pass 0 a "never below 0" modifier gives the excess back; a bonus is listed with the
 * points it added, which stop at 100 (a bonus that adds nothing is not listed).
 */
public final class Scorer {
  static final int MAX = 100;
  static final int MUST_PASS_FAILED = -25;
  static final int MAY_FAIL_FAILED = -5;
  static final int KEV_FINDING = -20;
  static final int EXPIRED_WAIVER = -10;
  static final int NO_FIXABLE_HIGH = 5;
  static final int ALL_WAIVERS_TICKETED = 5;
  /** Bonuses count only when the penalty-only score reaches this. */
  static final int BONUS_FLOOR = 90;
  static final String FLOOR = "score never below 0";

  private Scorer() {}

  /** The score of {@code in}. */
  public static Score score(ScoreInput in) {
    List<Score.Modifier> mods = new ArrayList<>();
    penalty(mods, "must-pass rule failed", MUST_PASS_FAILED, in.mustPassFailed());
    penalty(mods, "may-fail rule failed", MAY_FAIL_FAILED, in.mayFailFailed());
    penalty(mods, "failing finding in CISA KEV", KEV_FINDING, in.kevFailing());
    penalty(mods, "expired waiver", EXPIRED_WAIVER, in.expiredWaivers());
    long raw = MAX + mods.stream().mapToLong(Score.Modifier::points).sum();
    if (raw < 0) {
      mods.add(new Score.Modifier(FLOOR, (int) -raw, 1));
    }
    int penaltyOnly = (int) Math.max(0, raw);
    int value = penaltyOnly;
    if (penaltyOnly >= BONUS_FLOOR) {
      if (!in.anyFixableHighOrCritical()) {
        value = bonus(mods, "no fixable HIGH or CRITICAL vulnerability", NO_FIXABLE_HIGH, value);
      }
      if (in.waivers() > 0 && in.waiversWithTicket() == in.waivers()) {
        value = bonus(mods, "every waiver has a ticket", ALL_WAIVERS_TICKETED, value);
      }
    }
    return new Score(value, Grade.of(value), penaltyOnly, mods);
  }

  private static void penalty(List<Score.Modifier> mods, String name, int each, int count) {
    if (count > 0) {
      mods.add(new Score.Modifier(name, Math.multiplyExact(each, count), count));
    }
  }

  /** Adds up to {@code points}, never past {@link #MAX}; returns the new value. */
  private static int bonus(List<Score.Modifier> mods, String name, int points, int value) {
    int added = Math.min(points, MAX - value);
    if (added > 0) {
      mods.add(new Score.Modifier(name, added, 1));
    }
    return value + added;
  }
}
