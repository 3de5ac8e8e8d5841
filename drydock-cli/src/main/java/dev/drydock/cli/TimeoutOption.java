package dev.drydock.cli;

import dev.drydock.engine.Cancellation;
import dev.drydock.model.DrydockException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --timeout DURATION}: a bound on a whole command's time (docs/security.md "Bounds"). The deadline is checked
 * where the engine checks for Ctrl-C (between layers and between files, and once more before the report is
 * written): a command past it stops as a cancelled one does (nothing written, the cache keeping whole layers only)
 * and prints {@code drydock: <target>: not finished within <duration> (--timeout)}, exit 2.
 */
final class TimeoutOption {
  /**
   * Trivy's default is 5 minutes, and raising it is a common first step for large images there; drydock's first
   * scan of a multi-gigabyte image from a registry takes minutes on a slow link (later scans take layers from the
   * cache), so the default is twice Trivy's: long enough for real images, short enough that a job hung on hostile
   * input ends within a CI step's patience.
   */
  static final String DEFAULT = "10m";

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = DEFAULT, converter = Converter.class,
      description = "Stop with exit code 2 when the command has not finished within this time (as Trivy: 300ms,"
          + " 90s, 10m, 1h30m; 0 for none; default: ${DEFAULT-VALUE}). Nothing is written; the cache keeps the"
          + " layers analysed completely.")
  Limit timeout;

  /** The parsed option: what the user wrote (for the message) and its duration. */
  record Limit(String text, Duration duration) {}

  /** Starts the clock on {@code cancellation}. */
  void start(Cancellation cancellation) {
    cancellation.cancelAfter(timeout.duration());
  }

  /**
   * Throws the one-line timeout error when the deadline has passed ({@code e} null: checks before writing);
   * otherwise rethrows {@code e} (a Ctrl-C) or returns.
   */
  void check(Cancellation cancellation, String target, Cancellation.Cancelled e) {
    if (cancellation.timedOut()) {
      throw new DrydockException(target + ": not finished within " + timeout.text() + " (--timeout)");
    }
    if (e != null) {
      throw e;
    }
    cancellation.check();
  }

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)");

  /** Go's duration syntax as Trivy takes it: one or more number-and-unit parts ({@code 1h30m}, {@code 1.5s}), or 0. */
  static final class Converter implements ITypeConverter<Limit> {
    @Override
    public Limit convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      if (v.equals("0")) {
        return new Limit(v, Duration.ZERO);
      }
      Matcher m = PART.matcher(v);
      double millis = 0;
      int at = 0;
      while (at < v.length() && m.find(at) && m.start() == at) {
        double n = Double.parseDouble(m.group(1));
        millis += n * switch (m.group(2)) {
          case "h" -> 3_600_000d;
          case "m" -> 60_000d;
          case "s" -> 1_000d;
          default -> 1d;
        };
        at = m.end();
      }
      if (at == 0 || at != v.length() || millis > 1e15) {
        throw new TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 10m, 1h30m, or 0 for none)");
      }
      return new Limit(v, Duration.ofMillis(Math.max(1, Math.round(millis))));
    }
  }
}
