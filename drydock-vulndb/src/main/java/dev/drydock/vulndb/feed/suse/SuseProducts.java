package dev.drydock.vulndb.feed.suse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SUSE product names (as SUSE's CSAF documents spell them) and the OSV ecosystem drydock files their packages
 * under, on the advisory side and on the image side.
 *
 * <p>SUSE files a package under the product that ships it: on SLE 15 the base packages belong to modules
 * ({@code SUSE Linux Enterprise Module for Basesystem 15 SP3}), the same builds appear again under the server,
 * desktop, SAP and HPC products, and support phases add suffixes ({@code -LTSS}, {@code -ESPOS}). An image's
 * os-release says only {@code ID=sles}, {@code VERSION_ID=15.3}. Every SUSE Linux Enterprise product of one
 * version and service pack is therefore one ecosystem, {@code SUSE:Linux Enterprise 15 SP3} ({@code
 * SUSE:Linux Enterprise 15} for the first release of 15), and openSUSE Leap releases are {@code openSUSE:Leap
 * 15.5} (also for the NonFree repository). Other products (SLE Micro, SUSE Manager, Leap Micro, Tumbleweed, ...)
 * keep their own name ({@code SUSE:Manager Server 4.3}) and are stored but not matched against images.
 */
public final class SuseProducts {
  /** {@code SUSE Linux Enterprise <product> <major>[ SP<n>][-<phase>]}. */
  private static final Pattern SLE = Pattern.compile(
      "^SUSE Linux Enterprise (?:.+ )?(\\d{2})(?: SP(\\d+))?(?:-[A-Za-z][A-Za-z0-9-]*)?$");
  private static final Pattern LEAP = Pattern.compile("^openSUSE Leap (\\d+\\.\\d+)(?: NonFree)?$");
  private static final Pattern VERSION = Pattern.compile("^(\\d+)(?:\\.(\\d+))?$");

  private SuseProducts() {}

  /** The ecosystem of SUSE product {@code name} (never null). */
  public static String ecosystem(String name) {
    String n = name.strip();
    Matcher m = SLE.matcher(n);
    if (m.matches()) {
      return sle(m.group(1), m.group(2));
    }
    m = LEAP.matcher(n);
    if (m.matches()) {
      return "openSUSE:Leap " + m.group(1);
    }
    if (n.startsWith("openSUSE ")) {
      return "openSUSE:" + n.substring("openSUSE ".length());
    }
    return "SUSE:" + (n.startsWith("SUSE ") ? n.substring("SUSE ".length()) : n);
  }

  /**
   * The ecosystem of an image with os-release {@code id} / {@code versionId}, or null when it is not SUSE Linux
   * Enterprise ({@code sles}, {@code sled}, {@code sles_sap}, {@code sle_hpc}, {@code sle_bci}) or openSUSE Leap
   * ({@code opensuse-leap}), or the version is not {@code <major>[.<service pack>]}.
   */
  public static String imageEcosystem(String id, String versionId) {
    if (id == null || versionId == null) {
      return null;
    }
    Matcher m = VERSION.matcher(versionId.strip());
    if (!m.matches()) {
      return null;
    }
    return switch (id) {
      // SLE BCI images say ID=sles; sle_bci is accepted in case a derived image spells it so
      case "sles", "sled", "sles_sap", "sle_hpc", "sle_bci" -> sle(m.group(1), m.group(2));
      case "opensuse-leap" -> m.group(2) == null ? null : "openSUSE:Leap " + m.group(1) + "." + m.group(2);
      default -> null;
    };
  }

  private static String sle(String major, String sp) {
    return "SUSE:Linux Enterprise " + major + (sp == null || sp.equals("0") ? "" : " SP" + sp);
  }
}
