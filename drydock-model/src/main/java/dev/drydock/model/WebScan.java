package dev.drydock.model;

import java.util.List;

/**
 * What {@code drydock web} covered and how the target scored (docs/web.md).
 *
 * @param origin the origin scanned ({@code https://host:port}); no request went anywhere else
 * @param pages pages (HTML responses) fetched
 * @param requests requests sent (GET and HEAD only)
 * @param millis how long the scan took
 * @param complete true when every page the spider found was fetched; false when {@code stoppedBy} cut it short
 * @param stoppedBy why the spider stopped early ({@code max-duration}, {@code max-pages}), null when complete
 * @param score the MDN HTTP Observatory score of the first page (may exceed 100 with bonuses), null when it
 *     could not be fetched
 * @param grade that score's Observatory grade ({@code A+} .. {@code F}), null with no score
 * @param scoreTests per Observatory test, {@code test: result (modifier)}
 * @param errors requests that failed (unreachable, timeout, TLS, too large, redirect loop), one line each
 */
public record WebScan(
    String origin,
    int pages,
    int requests,
    long millis,
    boolean complete,
    String stoppedBy,
    Integer score,
    String grade,
    List<String> scoreTests,
    List<String> errors) {

  public WebScan {
    scoreTests = scoreTests == null ? List.of() : List.copyOf(scoreTests);
    errors = errors == null ? List.of() : List.copyOf(errors);
  }
}
