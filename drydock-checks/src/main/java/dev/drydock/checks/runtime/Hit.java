package dev.drydock.checks.runtime;

/**
 * Where a rule fired: the pointer of the offending key (or of the container, for a missing setting) and an
 * optional detail appended to the title ({@code SYS_ADMIN}, {@code /var/run/docker.sock}).
 */
public record Hit(String pointer, String detail) {
  public static Hit at(String pointer) {
    return new Hit(pointer, null);
  }
}
