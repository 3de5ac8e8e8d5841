package dev.drydock.checks.dockerfile;

import java.util.List;

/** A Dockerfile rule: its description and the instructions it flags. */
record Rule(RuleInfo info, Check check) {
  @FunctionalInterface
  interface Check {
    List<Instruction> find(Context c);
  }
}
