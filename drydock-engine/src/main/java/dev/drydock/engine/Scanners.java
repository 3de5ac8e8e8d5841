package dev.drydock.engine;

import dev.drydock.model.DrydockException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which detectors a scan runs and reports, as Trivy's {@code --scanners}: {@code vuln} (known vulnerabilities of
 * the packages), {@code misconfig} (image config and filesystem checks, {@code --dockerfile}) and {@code secret}
 * (secrets in layers and the image config). drydock runs all three by default.
 *
 * @param vuln match packages against advisories
 * @param misconfig run the configuration checks
 * @param secret look for secrets
 */
public record Scanners(boolean vuln, boolean misconfig, boolean secret) {
  /** Every scanner: the default of {@code drydock scan}. */
  public static final Scanners ALL = new Scanners(true, true, true);
  /** The names {@link #parse} accepts. */
  public static final List<String> NAMES = List.of("vuln", "misconfig", "secret");

  /**
   * Parses {@code vuln,misconfig,secret} (any subset, any order, any case); an empty list or an unknown name is
   * a {@link DrydockException}.
   */
  public static Scanners parse(String csv) {
    boolean vuln = false;
    boolean misconfig = false;
    boolean secret = false;
    String expected = " (expected a comma-separated list of " + String.join(", ", NAMES) + ")";
    if (csv == null || csv.isBlank()) {
      throw new DrydockException("--scanners: no scanner given" + expected);
    }
    for (String part : csv.split(",", -1)) {
      switch (part.strip().toLowerCase(Locale.ROOT)) {
        case "vuln" -> vuln = true;
        case "misconfig" -> misconfig = true;
        case "secret" -> secret = true;
        case "license" -> throw new DrydockException("--scanners: drydock has no license scanner" + expected);
        default -> throw new DrydockException("--scanners: unknown scanner '" + part.strip() + "'" + expected);
      }
    }
    return new Scanners(vuln, misconfig, secret);
  }

  /** These scanners without {@code misconfig}. */
  public Scanners withoutMisconfig() {
    return new Scanners(vuln, false, secret);
  }

  /** These scanners without {@code secret}. */
  public Scanners withoutSecret() {
    return new Scanners(vuln, misconfig, false);
  }

  /** {@code vuln,misconfig,secret} for the scanners selected, or {@code none}. */
  public String names() {
    List<String> on = new ArrayList<>();
    if (vuln) {
      on.add("vuln");
    }
    if (misconfig) {
      on.add("misconfig");
    }
    if (secret) {
      on.add("secret");
    }
    return on.isEmpty() ? "none" : String.join(",", on);
  }
}
