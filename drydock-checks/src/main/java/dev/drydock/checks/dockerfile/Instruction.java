package dev.drydock.checks.dockerfile;

import java.util.List;
import java.util.Map;

/**
 * One instruction. {@code keyword} is upper-case; {@code raw} is the logical line (continuations joined, before
 * substitution); {@code args} are the arguments after the flags (exec form: the JSON array elements; RUN/CMD/
 * ENTRYPOINT/HEALTHCHECK/ONBUILD shell form: one element, the command; others: words), with variables substituted
 * where Docker substitutes them. {@code flags} maps a flag name without dashes ("from", "mount") to its value
 * ("" for a bare flag; repeated flags joined by a newline). {@code line} is the 1-based first line.
 */
public record Instruction(String keyword, String raw, List<String> args, boolean jsonForm, Map<String, String> flags,
    int line, List<Heredoc> heredocs) {
  public Instruction {
    args = List.copyOf(args);
    flags = Map.copyOf(flags);
    heredocs = List.copyOf(heredocs);
  }

  /** The arguments joined with spaces, plus the heredoc bodies, each on its own line. */
  public String commandText() {
    StringBuilder sb = new StringBuilder(String.join(" ", args));
    for (Heredoc h : heredocs) {
      sb.append('\n').append(h.body());
    }
    return sb.toString();
  }
}
