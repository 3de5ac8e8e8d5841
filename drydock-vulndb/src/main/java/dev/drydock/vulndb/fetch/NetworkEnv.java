package dev.drydock.vulndb.fetch;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * What downloads take from the user's environment: proxy variables ({@code HTTPS_PROXY}, {@code HTTP_PROXY},
 * {@code ALL_PROXY}, {@code NO_PROXY}, lower case first) and the netrc file ({@code $NETRC}, else
 * {@code <home>/.netrc}). Injectable so that tests need not change the process environment.
 *
 * @param variables environment lookup; returns null for an unset variable
 * @param home the user's home directory (for {@code .netrc}); may be null
 */
public record NetworkEnv(Function<String, String> variables, Path home) {
  public NetworkEnv {
    Objects.requireNonNull(variables, "variables");
  }

  /** The process environment and {@code user.home}. */
  public static NetworkEnv system() {
    String home = System.getProperty("user.home");
    return new NetworkEnv(System::getenv, home == null || home.isBlank() ? null : Path.of(home));
  }

  /** The first of {@code names} that is set and not blank, or null. */
  String first(String... names) {
    for (String n : names) {
      String v = variables.apply(n);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }
}
