package dev.drydock.vulndb.suppress;

import dev.drydock.model.Vulnerability;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@link Suppressor#apply} decided.
 *
 * @param kept findings that stay in the report, in input order
 * @param suppressed findings removed, in input order, each with the rule that removed it
 * @param expired ignore entries whose expiry date has passed (they no longer suppress), in file order
 */
public record Suppressed(List<Vulnerability> kept, List<Suppression> suppressed, List<Expired> expired) {
  public Suppressed {
    kept = List.copyOf(kept);
    suppressed = List.copyOf(suppressed);
    expired = List.copyOf(expired);
  }

  /**
   * A finding removed by a rule.
   *
   * @param finding the finding
   * @param by {@code ignorefile:<file>:<line>} or {@code vex:<file>}
   * @param reason the ignore entry's reason, or the VEX status with justification and detail
   */
  public record Suppression(Vulnerability finding, String by, String reason) {}

  /**
   * An ignore entry that has expired.
   *
   * @param entry the entry
   * @param file the ignore file
   * @param line the entry's line
   * @param expires its expiry date (the first day it no longer applies)
   */
  public record Expired(IgnoreFile.Entry entry, Path file, int line, LocalDate expires) {}
}
