package dev.drydock.vulndb.match;

import dev.drydock.version.InvalidVersionException;
import dev.drydock.version.VersionScheme;
import dev.drydock.vulndb.osv.OsvRecord.OsvAffected;
import dev.drydock.vulndb.osv.OsvRecord.OsvEvent;
import dev.drydock.vulndb.osv.OsvRecord.OsvRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Whether a version lies in an OSV {@code affected[]} entry, following the evaluation algorithm of the
 * OSV schema: ECOSYSTEM ranges use the ecosystem's order, SEMVER ranges SemVer 2.0 order; events are
 * sorted by version (introduced {@code "0"} first) and walked, introduced switching "vulnerable" on,
 * fixed / limit ({@code >=}) and last_affected ({@code >}) switching it off. GIT ranges are ignored.
 * The explicit {@code versions} list matches by exact string.
 */
final class RangeCheck {
  private RangeCheck() {}

  enum Kind { AFFECTED, NOT_AFFECTED, NOT_COMPARABLE }

  /**
   * @param fixed fixed events above the version in the ranges that contain it
   * @param reason why the version could not be compared, for NOT_COMPARABLE
   * @param hasRanges whether the entry has any ECOSYSTEM/SEMVER range or versions list
   */
  record Verdict(Kind kind, List<String> fixed, String reason, boolean hasRanges) {}

  static Verdict evaluate(OsvAffected affected, PackageQuery q) {
    boolean hit = false;
    boolean hasRanges = !affected.versions().isEmpty();
    String reason = null;
    Set<String> fixed = new LinkedHashSet<>();
    for (OsvRange range : affected.ranges()) {
      String type = range.type() == null ? "" : range.type();
      VersionScheme scheme;
      UnaryOperator<String> form;
      if (type.equals("ECOSYSTEM")) {
        scheme = q.scheme();
        form = q::ecosystemForm;
      } else if (type.equals("SEMVER")) {
        scheme = PackageQuery.SEMVER;
        form = PackageQuery::semverForm;
      } else {
        continue;
      }
      hasRanges = true;
      String v = form.apply(q.version());
      if (!scheme.isValid(v)) {
        reason = "version '" + q.version() + "' is not a valid " + scheme.name() + " version";
        continue;
      }
      try {
        if (contains(range.events(), v, scheme, form)) {
          hit = true;
          for (OsvEvent e : range.events()) {
            if (e.fixed() != null && scheme.compare(v, form.apply(e.fixed())) < 0) {
              fixed.add(e.fixed());
            }
          }
        }
      } catch (InvalidVersionException e) {
        reason = "advisory range not comparable: " + e.getMessage();
      }
    }
    if (affected.versions().contains(q.version())) {
      hit = true;
    }
    if (hit) {
      return new Verdict(Kind.AFFECTED, List.copyOf(fixed), null, true);
    }
    if (reason != null) {
      return new Verdict(Kind.NOT_COMPARABLE, List.of(), reason, true);
    }
    return new Verdict(Kind.NOT_AFFECTED, List.of(), null, hasRanges);
  }

  /** The OSV schema's event walk over one range. */
  static boolean contains(List<OsvEvent> events, String v, VersionScheme scheme, UnaryOperator<String> form) {
    List<OsvEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing((OsvEvent e) -> form.apply(value(e)), (a, b) -> {
      boolean az = isZero(a);
      boolean bz = isZero(b);
      if (az || bz) {
        return Boolean.compare(!az, !bz);
      }
      return scheme.compare(a, b);
    }));
    boolean vulnerable = false;
    for (OsvEvent e : sorted) {
      if (e.introduced() != null) {
        if (isZero(form.apply(e.introduced())) || scheme.compare(v, form.apply(e.introduced())) >= 0) {
          vulnerable = true;
        }
      } else if (e.fixed() != null) {
        if (scheme.compare(v, form.apply(e.fixed())) >= 0) {
          vulnerable = false;
        }
      } else if (e.lastAffected() != null) {
        if (scheme.compare(v, form.apply(e.lastAffected())) > 0) {
          vulnerable = false;
        }
      } else if (e.limit() != null && !"*".equals(e.limit())) {
        if (scheme.compare(v, form.apply(e.limit())) >= 0) {
          vulnerable = false;
        }
      }
    }
    return vulnerable;
  }

  private static boolean isZero(String s) {
    return "0".equals(s) || "v0".equals(s);
  }

  private static String value(OsvEvent e) {
    if (e.introduced() != null) {
      return e.introduced();
    }
    if (e.fixed() != null) {
      return e.fixed();
    }
    if (e.lastAffected() != null) {
      return e.lastAffected();
    }
    return e.limit() == null || "*".equals(e.limit()) ? "0" : e.limit();
  }
}
