package dev.drydock.secrets.crypto;

import dev.drydock.model.Misconfiguration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Finds weak cryptography and insecure TLS/credential code in Java, Kotlin, Python, JavaScript/TypeScript, Go
 * and C# sources ({@code DD-CRY-0xx}). Per language, one keyword pass ({@link Keywords}) over the detectors' keywords
 * and anchors decides which statement regexes run at all, and each runs only in a small window around its anchors'
 * occurrences; a match in a comment or on a line with {@code drydock:allow} is dropped. This is pattern matching
 * on one statement, not data-flow analysis.
 *
 * <p>Thread-safe and stateless after construction: share one instance across threads.
 */
public final class WeakCryptoScanner {
  /** A file with a NUL byte in this many leading bytes is binary and not scanned. */
  public static final int BINARY_PROBE = 8192;

  private final Map<Language, Keywords> keywords = new EnumMap<>(Language.class);
  private final Map<Language, List<Hit>> detectors = new EnumMap<>(Language.class);

  /** A detector with the rule it belongs to, in declaration order per language. */
  private record Hit(Rule rule, Detector detector) {}

  /** A scanner over all built-in rules. */
  public WeakCryptoScanner() {
    List<Rule> rules = Rules.all();
    for (Language lang : Language.values()) {
      List<Hit> hits = new ArrayList<>();
      Set<String> literals = new HashSet<>();
      for (Rule rule : rules) {
        for (Detector d : rule.detectors()) {
          if (d.languages().contains(lang)) {
            hits.add(new Hit(rule, d));
            literals.addAll(d.keywords());
            literals.addAll(d.anchors());
          }
        }
      }
      keywords.put(lang, new Keywords(literals));
      detectors.put(lang, List.copyOf(hits));
    }
  }

  /** Every rule, in id order, for docs and rule listings. */
  public static List<RuleInfo> rules() {
    return Rules.all().stream().map(Rule::info).toList();
  }

  /** Whether {@link #scan} reads this file, by extension. */
  public boolean accepts(String path) {
    return Language.of(path) != null;
  }

  /**
   * The findings in one file's bytes: empty when a NUL byte in the first {@value #BINARY_PROBE} bytes marks it
   * binary, else the bytes are decoded as UTF-8 (malformed sequences replaced) and passed to
   * {@link #scan(String, String)}.
   */
  public List<Misconfiguration> scan(String path, byte[] content) {
    Objects.requireNonNull(content, "content");
    if (!accepts(path)) {
      return List.of();
    }
    for (int i = 0, n = Math.min(content.length, BINARY_PROBE); i < n; i++) {
      if (content[i] == 0) {
        return List.of();
      }
    }
    return scan(path, new String(content, StandardCharsets.UTF_8));
  }

  /**
   * The findings in one source file, ordered by line, column and rule id; empty for files it does not accept.
   *
   * @param path the file's path as it should appear in findings
   * @param text the file's content
   */
  public List<Misconfiguration> scan(String path, String text) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(text, "text");
    Language lang = Language.of(path);
    if (lang == null || text.isEmpty()) {
      return List.of();
    }
    Map<String, List<Integer>> positions = keywords.get(lang).find(text);
    List<Hit> selected = new ArrayList<>();
    for (Hit hit : detectors.get(lang)) {
      if (hit.detector().keywords().stream().anyMatch(positions::containsKey)) {
        selected.add(hit);
      }
    }
    if (selected.isEmpty()) {
      return List.of();
    }
    Source source = new Source(text, lang);
    Map<String, Finding> found = new HashMap<>();
    for (Hit hit : selected) {
      runDetector(hit, source, anchorPositions(hit.detector(), positions), found);
    }
    List<Finding> ordered = new ArrayList<>(found.values());
    ordered.sort(Comparator.comparingInt(Finding::offset).thenComparing(f -> f.rule().info().id()));
    List<Misconfiguration> out = new ArrayList<>(ordered.size());
    for (Finding f : ordered) {
      out.add(f.toMisconfiguration(path, source));
    }
    return List.copyOf(out);
  }

  /** Sorted, distinct offsets of a detector's anchors in the file. */
  private static int[] anchorPositions(Detector detector, Map<String, List<Integer>> positions) {
    return detector.anchors().stream().flatMap(a -> positions.getOrDefault(a, List.of()).stream())
        .mapToInt(Integer::intValue).sorted().distinct().toArray();
  }

  /**
   * Tries the detector's regex at each start from {@link Detector#back} characters before an anchor up to the
   * anchor (never the whole file), leftmost match first, and records the matches that pass every filter.
   */
  private static void runDetector(Hit hit, Source source, int[] anchors, Map<String, Finding> found) {
    String text = source.text();
    Detector detector = hit.detector();
    Matcher m = detector.pattern().matcher(text);
    m.useTransparentBounds(true);
    m.useAnchoringBounds(false);
    int covered = 0;
    for (int pos : anchors) {
      if (pos < covered) {
        continue;
      }
      int end = Math.min(text.length(), pos + Detector.FORWARD);
      for (int i = Math.max(covered, pos - detector.back()); i <= pos; i++) {
        m.region(i, end);
        if (!m.lookingAt()) {
          continue;
        }
        covered = Math.max(m.end(), i + 1);
        i = covered - 1;
        int at = detector.at(m);
        String key = hit.rule().info().id() + "@" + at;
        if (found.containsKey(key) || source.inComment(at) || source.allowed(at)) {
          continue;
        }
        if (detector.check() == null || detector.check().test(source, m)) {
          found.put(key, new Finding(hit.rule(), detector, at));
        }
      }
    }
  }

  /** A match that passed every filter. */
  private record Finding(Rule rule, Detector detector, int offset) {
    Misconfiguration toMisconfiguration(String path, Source source) {
      RuleInfo info = rule.info();
      List<String> references = new ArrayList<>(info.cwes());
      references.addAll(detector.references());
      return new Misconfiguration(info.id(), info.severity(), info.title(), path, source.lineOf(offset),
          source.columnOf(offset), info.remediationFor(source.language()), references, List.of(), null, null);
    }
  }
}
