package dev.drydock.vulndb.feed;

/** A file or record that was not imported, and why ({@code location} names file and record or line). */
public record Skipped(String location, String reason) {
  @Override
  public String toString() {
    return location + ": " + reason;
  }
}
