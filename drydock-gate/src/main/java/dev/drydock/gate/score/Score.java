package dev.drydock.gate.score;

import java.util.List;

/**
 * A score and how it was reached.
 *
 * @param value 0..110
 * @param grade its grade
 * @param penaltyOnly the score before bonuses
 * @param modifiers every modifier applied, e.g. {@code "-25 must-pass rule failed (x2)"}
 */
public record Score(int value, Grade grade, int penaltyOnly, List<Modifier> modifiers) {
  public Score {
    modifiers = List.copyOf(modifiers);
  }

  /**
   * One applied modifier.
   *
   * @param name what it is for
   * @param points total points (negative for penalties)
   * @param count how many times it applied
   */
  public record Modifier(String name, int points, int count) {}
}
