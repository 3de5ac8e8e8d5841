package dev.drydock.model;

/**
 * Bad input or an environment problem the user can fix. The CLI prints {@link #getMessage()} as one
 * line and exits with code 2; the stack trace is shown only under {@code --debug}. Bugs are not
 * wrapped in this type.
 *
 * <p>The message is one line whatever it quotes: line breaks and other control characters in it (a file name, an
 * entry name or a value taken from the input, another library's message) are escaped here ({@link Shown}), once
 * for every caller.
 */
public class DrydockException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DrydockException(String message) {
    super(message == null ? null : Shown.escaped(message));
  }

  public DrydockException(String message, Throwable cause) {
    super(message == null ? null : Shown.escaped(message), cause);
  }
}
