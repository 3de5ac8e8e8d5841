package dev.drydock.vulndb.feed;

import java.util.List;

/** The outcome of importing one feed file: records written and records skipped. */
public record ImportResult(String format, String location, long records, List<Skipped> skipped) {
  public ImportResult {
    skipped = List.copyOf(skipped);
  }
}
