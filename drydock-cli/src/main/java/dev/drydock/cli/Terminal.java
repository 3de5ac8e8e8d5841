package dev.drydock.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether drydock's standard error is a terminal (progress bars are drawn only there). */
final class Terminal {
  private Terminal() {}

  /**
   * True when file descriptor 2 is a terminal. Java has no isatty: on Linux the answer is where
   * {@code /proc/self/fd/2} points ({@code /dev/pts/N}, {@code /dev/ttyN}). Elsewhere
   * {@link System#console()} is the fallback, which on JDK 17 to 21 is non-null only when stdin and stdout are
   * terminals (stderr is not checked); from JDK 22 it is non-null on pipes too, so there nothing is drawn.
   * {@code TERM=dumb} draws nothing.
   */
  static boolean stderr() {
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    Path fds = Path.of("/proc/self/fd");
    if (Files.isDirectory(fds)) {
      try {
        String to = Files.readSymbolicLink(fds.resolve("2")).toString();
        return to.startsWith("/dev/pts/") || to.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        return false;
      }
    }
    return Runtime.version().feature() < 22 && System.console() != null;
  }
}
