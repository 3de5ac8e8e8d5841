package dev.drydock.checks.host;

import dev.drydock.model.Severity;
import java.util.List;

/**
 * What the engine learnt about control 1.2.2 ("Ensure that the version of Docker is up to date") from the
 * host's package database and the vulnerability store.
 *
 * @param packages the Docker packages installed ({@code containerd 1.4.5~ds1-2}), empty if none was found
 * @param packageDb the package database they were read from (path under the root), null if none
 * @param fixable ids of advisories that affect an installed Docker package and have a fix
 * @param unfixed ids of advisories without a fix yet
 * @param worst the highest severity among {@code fixable}, {@link Severity#UNKNOWN} if none
 * @param notTested why the packages were not matched (no vulnerability store), null when they were
 */
public record UpToDate(List<String> packages, String packageDb, List<String> fixable, List<String> unfixed,
    Severity worst, String notTested) {

  public UpToDate {
    packages = List.copyOf(packages);
    fixable = List.copyOf(fixable);
    unfixed = List.copyOf(unfixed);
  }

  /** Nothing known: the audit ran without the package check. */
  public static UpToDate unknown(String why) {
    return new UpToDate(List.of(), null, List.of(), List.of(), Severity.UNKNOWN, why);
  }
}
