package dev.drydock.checks.dockerfile;

import java.util.List;

/** A parsed Dockerfile: its build stages in order. Global ARGs (before the first FROM) are in {@link #globalArgs()}. */
public record Dockerfile(List<Stage> stages, List<Instruction> globalArgs) {
  public Dockerfile {
    stages = List.copyOf(stages);
    globalArgs = List.copyOf(globalArgs);
  }

  /** The final stage (the one that becomes the image). */
  public Stage lastStage() {
    return stages.get(stages.size() - 1);
  }
}
