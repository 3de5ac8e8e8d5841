package dev.drydock.gate.score;

import java.util.List;

/**
 * A score and how it was reached.
 *
 * @param value 0..100 ({@link Scorer})
 * @param grade its grade
 * @param penaltyOnly the score before bonuses, 0..100
 * @param modifiers every modifier applied, e.g. {@code must-pass rule failed, -50, x2}; they add up:
 *     {@code 100 + sum(points) == value}
 */
public record Score(int value, Grade grade, int penaltyOnly, List<Modifier> modifiers) {
  public Score {
    modifiers = List.copyOf(modifiers);
    if (value < 0 || value > 100 || penaltyOnly < 0 || penaltyOnly > 100) {
      throw new IllegalArgumentException("a score is 0..100: value " + value + ", penaltyOnly " + penaltyOnly);
    }
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
