package dev.drydock.checks.runtime;

/**
 * A Pod Security Standards check (kubernetes/pod-security-admission, {@code policy/check_*.go}).
 *
 * @param level {@code baseline} or {@code restricted}
 * @param check the check's name ({@code privileged}, {@code hostNamespaces}, {@code runAsNonRoot}, ...)
 */
public record Pss(String level, String check) {
  public static Pss baseline(String check) {
    return new Pss("baseline", check);
  }

  public static Pss restricted(String check) {
    return new Pss("restricted", check);
  }
}
