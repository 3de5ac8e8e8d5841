package dev.drydock.vulndb.feed;

import dev.drydock.model.DrydockException;

/** A feed file that cannot be read at all (a record-level problem is a skip, not this). */
public class FeedException extends DrydockException {
  private static final long serialVersionUID = 1L;

  public FeedException(String message) {
    super(message);
  }

  public FeedException(String message, Throwable cause) {
    super(message, cause);
  }
}
