package dev.drydock.version.pep440;

import dev.drydock.version.InvalidVersionException;
import dev.drydock.version.VersionScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 440 versions as Python's {@code packaging.version.Version} reads them: lenient spellings are
 * normalised (case, {@code -_.} separators, {@code alpha/beta/c/pre/preview/rev/r}, implicit post
 * releases such as {@code 1.0-1}), then ordered by epoch, release (trailing zeros ignored), pre, post,
 * dev and local segments.
 */
public final class Pep440VersionScheme implements VersionScheme {

  /** The grammar of PEP 440's appendix "Parsing version strings with regular expressions". */
  private static final Pattern GRAMMAR = Pattern.compile(
      "v?"
          + "(?:(?<epoch>[0-9]+)!)?"
          + "(?<release>[0-9]+(?:\\.[0-9]+)*)"
          + "(?<pre>[-_.]?(?<prel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pren>[0-9]+)?)?"
          + "(?<post>-(?<postn1>[0-9]+)|[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?)?"
          + "(?<dev>[-_.]?dev[-_.]?(?<devn>[0-9]+)?)?"
          + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?",
      Pattern.CASE_INSENSITIVE);

  private static final Pattern LOCAL_SEPARATOR = Pattern.compile("[-_.]");

  @Override
  public String name() {
    return "pep440";
  }

  @Override
  public boolean isValid(String version) {
    return version != null && parse(version) != null;
  }

  @Override
  public int compare(String a, String b) {
    return require(a).compareTo(require(b));
  }

  /** The canonical form of {@code version} (as {@code str(Version(v))} prints it). */
  public String normalize(String version) {
    return require(version).toString();
  }

  private Pep440Version require(String version) {
    Pep440Version v = version == null ? null : parse(version);
    if (v == null) {
      throw new InvalidVersionException(name(), version);
    }
    return v;
  }

  static Pep440Version parse(String raw) {
    // packaging strips surrounding whitespace (Python's str.strip: ASCII whitespace and more).
    String s = raw.strip();
    Matcher m = GRAMMAR.matcher(s);
    if (!m.matches()) {
      return null;
    }
    Num epoch = m.group("epoch") == null ? Num.ZERO : Num.of(m.group("epoch"));
    List<Num> release = new ArrayList<>();
    for (String part : m.group("release").split("\\.")) {
      release.add(Num.of(part));
    }
    Pep440Version.Pre pre = null;
    if (m.group("pre") != null) {
      String label = switch (m.group("prel").toLowerCase(Locale.ROOT)) {
        case "alpha", "a" -> "a";
        case "beta", "b" -> "b";
        default -> "rc";
      };
      pre = new Pep440Version.Pre(label, numOrZero(m.group("pren")));
    }
    Num post = null;
    if (m.group("post") != null) {
      post = m.group("postn1") != null ? Num.of(m.group("postn1")) : numOrZero(m.group("postn2"));
    }
    Num dev = m.group("dev") == null ? null : numOrZero(m.group("devn"));
    List<String> local = null;
    if (m.group("local") != null) {
      local = List.of(LOCAL_SEPARATOR.split(m.group("local").toLowerCase(Locale.ROOT)));
    }
    return new Pep440Version(epoch, List.copyOf(release), pre, post, dev, local);
  }

  private static Num numOrZero(String digits) {
    return digits == null ? Num.ZERO : Num.of(digits);
  }
}
