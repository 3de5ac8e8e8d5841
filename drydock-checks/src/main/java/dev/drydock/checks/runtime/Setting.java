package dev.drydock.checks.runtime;

/**
 * One container setting and the JSON pointer of the key it was read from, so a finding can point at the
 * exact line. A setting that is absent is {@code null} in {@link ContainerSpec}, not a {@code Setting}.
 *
 * @param value the normalised value
 * @param pointer where it came from in its {@link dev.drydock.checks.doc.Doc}
 */
public record Setting<T>(T value, String pointer) {
  public static <T> Setting<T> of(T value, String pointer) {
    return new Setting<>(value, pointer);
  }
}
