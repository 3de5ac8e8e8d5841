package dev.drydock.checks.dockerfile;

import java.util.List;

/**
 * One build stage. {@code baseImage} has ARGs substituted; {@code name} is the {@code AS} name or null;
 * {@code platform} is the {@code --platform} flag or null. The FROM itself is the first instruction.
 */
public record Stage(String name, String baseImage, String platform, int index, List<Instruction> instructions) {
  public Stage {
    instructions = List.copyOf(instructions);
  }
}
