package dev.drydock.model;

/**
 * Bad input or an environment problem the user can fix. The CLI prints {@link #getMessage()} as one
 * line and exits with code 2; the stack trace is shown only under {@code --debug}. Bugs are not
 * wrapped in this type.
 */
public class DrydockException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DrydockException(String message) {
    super(message);
  }

  public DrydockException(String message, Throwable cause) {
    super(message, cause);
  }
}
