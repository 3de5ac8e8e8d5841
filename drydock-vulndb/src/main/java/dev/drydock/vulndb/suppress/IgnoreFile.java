package dev.drydock.vulndb.suppress;

import dev.drydock.model.DrydockException;
import dev.drydock.model.InputFiles;
import dev.drydock.yaml.YamlTree;
import dev.drydock.yaml.YamlTree.Mapping;
import dev.drydock.yaml.YamlTree.Node;
import dev.drydock.yaml.YamlTree.Scalar;
import dev.drydock.yaml.YamlTree.Sequence;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .drydockignore.yaml} file (modelled on Trivy's {@code .trivyignore.yaml}), with one list per finding
 * kind:
 *
 * <pre>
 * vulnerabilities:
 *   - id: CVE-2021-44228            # the finding id or any of its aliases
 *     purls: ["pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"]  # optional
 *     paths: ["app/*.jar"]           # optional, globs on the finding's locations
 *     reason: "not reachable"        # required
 *     expires: 2027-01-31            # optional; from this date on the entry no longer suppresses
 * misconfigurations:
 *   - id: DD-IMG-012                 # the rule id or one of its references (hadolint:DL3002)
 *     paths: ["image-config"]        # optional, globs on the finding's file
 *     reason: "health checked by the orchestrator"
 * secrets:
 *   - id: DD-SEC-016                 # the rule id, or one finding's fingerprint
 *     paths: ["usr/share/app/test-keys/**"]
 *     reason: "test keys of the library, not used"
 * </pre>
 */
public final class IgnoreFile {
  /**
   * The largest ignore file read, in bytes (4 MiB): a real one lists tens or hundreds of entries, a few kilobytes;
   * the YAML reader also stops at {@link #MAX_CODE_POINTS}.
   */
  static final long MAX_BYTES = 4L * 1024 * 1024;
  /** Nesting of mappings and sequences (an ignore file has four levels; SnakeYAML's own default is 50). */
  static final int MAX_DEPTH = 50;
  /** Characters in one value (a reason is a sentence, a purl or path a line). */
  static final int MAX_VALUE_LENGTH = 64 * 1024;
  /** Code points in the document (SnakeYAML's default, 3 Mi). */
  static final int MAX_CODE_POINTS = 3 << 20;
  /** Aliases to mappings or sequences, and nodes once aliases are expanded. */
  static final int MAX_COLLECTION_ALIASES = 50;
  static final int MAX_NODES = 1_000_000;
  private static final YamlTree.Bounds BOUNDS = new YamlTree.Bounds(Integer.MAX_VALUE, MAX_DEPTH, MAX_VALUE_LENGTH,
      MAX_COLLECTION_ALIASES, MAX_NODES, MAX_CODE_POINTS);
  private static final String EXPECTED = "a YAML mapping with vulnerabilities, misconfigurations and secrets lists";

  private static final String ENTRY_FORM =
      "id, reason and optional purls, paths, expires";

  /** The finding kinds an ignore file has a list for: its top-level keys. */
  public enum Kind {
    VULNERABILITIES("vulnerabilities"), MISCONFIGURATIONS("misconfigurations"), SECRETS("secrets");

    final String key;

    Kind(String key) {
      this.key = key;
    }
  }

  private final Path path;
  private final Map<Kind, List<Entry>> entries;

  private IgnoreFile(Path path, Map<Kind, List<Entry>> entries) {
    this.path = path;
    Map<Kind, List<Entry>> copy = new EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) {
      copy.put(k, List.copyOf(entries.getOrDefault(k, List.of())));
    }
    this.entries = copy;
  }

  /**
   * One rule of the file.
   *
   * @param id the vulnerability id (matched against the finding's id and aliases, ignoring case); for
   *     misconfigurations the rule id or a reference; for secrets the rule id or a fingerprint
   * @param purls purls the rule is limited to (empty: any package); qualifiers are ignored and a purl
   *     without a version matches every version
   * @param paths globs the rule is limited to (empty: any location); {@code *} and {@code ?} stay within
   *     one path segment, {@code **} crosses segments
   * @param reason why it is ignored
   * @param expires the first day on which the rule no longer applies, null for never
   * @param line the line of the entry in the file
   */
  public record Entry(String id, List<String> purls, List<String> paths, String reason, LocalDate expires,
      int line) {
    public Entry {
      purls = List.copyOf(purls);
      paths = List.copyOf(paths);
    }

    /** True when the entry has expired on {@code today} (on or after its expiry date). */
    public boolean expiredOn(LocalDate today) {
      return expires != null && !today.isBefore(expires);
    }
  }

  /** Reads and validates {@code file}; any problem is a {@link DrydockException} naming file and line. */
  public static IgnoreFile load(Path file) {
    return parse(file, new StringReader(InputFiles.readText(file, "ignore file", MAX_BYTES)));
  }

  static IgnoreFile parse(Path file, Reader reader) {
    String name = file.toString();
    Node root = read(name, reader);
    Map<Kind, List<Entry>> entries = new EnumMap<>(Kind.class);
    if (root == null || root instanceof Scalar s && s.isNull()) {
      return new IgnoreFile(file, entries);
    }
    if (!(root instanceof Mapping top)) {
      throw error(name, root.line(), "top level is " + describe(root), "a mapping with keys " + KEYS);
    }
    for (YamlTree.Entry e : entries(name, top)) {
      Kind kind = null;
      for (Kind k : Kind.values()) {
        if (k.key.equals(e.name())) {
          kind = k;
        }
      }
      if (kind == null) {
        throw error(name, e.key().line(), "unknown key '" + e.name() + "'", KEYS);
      }
      Node value = e.value();
      if (value instanceof Scalar s && s.isNull()) {
        continue;
      }
      if (!(value instanceof Sequence list)) {
        throw error(name, value.line(), "'" + kind.key + "' is " + describe(value), "a list of entries");
      }
      List<Entry> into = entries.computeIfAbsent(kind, k -> new ArrayList<>());
      for (Node item : list.items()) {
        into.add(entry(name, item, kind));
      }
    }
    return new IgnoreFile(file, entries);
  }

  private static final String KEYS = "vulnerabilities, misconfigurations, secrets";

  private static Entry entry(String file, Node item, Kind kind) {
    if (!(item instanceof Mapping map)) {
      throw error(file, item.line(), "entry is " + describe(item), "a mapping with " + ENTRY_FORM);
    }
    String id = null;
    String reason = null;
    LocalDate expires = null;
    List<String> purls = List.of();
    List<String> paths = List.of();
    for (YamlTree.Entry e : entries(file, map)) {
      Node value = e.value();
      if (value instanceof Scalar s && s.isNull()) {
        continue;
      }
      switch (e.name()) {
        case "id" -> id = string(file, "id", value, switch (kind) {
          case VULNERABILITIES -> "a vulnerability id such as CVE-2021-44228";
          case MISCONFIGURATIONS -> "a rule id such as DD-IMG-001";
          case SECRETS -> "a rule id such as DD-SEC-016 or a finding's fingerprint";
        });
        case "reason" -> reason = string(file, "reason", value, "a text saying why it is ignored");
        case "expires" -> expires = date(file, value);
        case "purls" -> {
          if (kind != Kind.VULNERABILITIES) {
            throw error(file, e.key().line(), "'purls' in a " + kind.key + " entry",
                "id, reason and optional paths, expires (purls select vulnerabilities only)");
          }
          purls = strings(file, "purls", value, "a list of purls such as [\"pkg:npm/lodash@4.17.20\"]");
        }
        case "paths" -> paths = strings(file, "paths", value, "a list of path globs such as [\"app/*.jar\"]");
        default -> throw error(file, e.key().line(), "unknown key '" + e.name() + "'",
            ENTRY_FORM);
      }
    }
    if (id == null || id.isBlank()) {
      throw error(file, map.line(), "entry has no id", kind == Kind.VULNERABILITIES ? "id: <vulnerability id>"
          : "id: <rule id>");
    }
    if (reason == null || reason.isBlank()) {
      throw error(file, map.line(), "entry for " + id.strip() + " has no reason", "reason: <why it is ignored>");
    }
    for (String purl : purls) {
      if (!purl.startsWith("pkg:")) {
        throw error(file, map.line(), "purl '" + purl + "' of " + id.strip() + " is not a package URL",
            "pkg:<type>/<namespace>/<name>@<version>");
      }
    }
    return new Entry(id.strip(), purls, paths, reason.strip(), expires, map.line());
  }

  private static String string(String file, String key, Node value, String form) {
    if (value instanceof Scalar s && s.isString()) {
      return s.value();
    }
    throw error(file, value.line(), "'" + key + "' is " + describe(value), form);
  }

  private static List<String> strings(String file, String key, Node value, String form) {
    if (!(value instanceof Sequence seq)) {
      throw error(file, value.line(), "'" + key + "' is " + describe(value), form);
    }
    List<String> out = new ArrayList<>();
    for (Node item : seq.items()) {
      if (!(item instanceof Scalar s && s.isString() && !s.value().isBlank())) {
        throw error(file, item.line(), "'" + key + "' item is " + describe(item), form);
      }
      out.add(s.value().strip());
    }
    return out;
  }

  private static LocalDate date(String file, Node value) {
    if (value instanceof Scalar s && s.isString()) {
      try {
        return LocalDate.parse(s.value().strip());
      } catch (DateTimeParseException e) {
        throw error(file, value.line(), "'expires' is not a date: '" + s.value() + "'", "YYYY-MM-DD");
      }
    }
    throw error(file, value.line(), "'expires' is " + describe(value), "YYYY-MM-DD");
  }

  private static String describe(Node node) {
    if (node instanceof Mapping) {
      return "a mapping";
    }
    if (node instanceof Sequence) {
      return "a list";
    }
    Scalar s = (Scalar) node;
    return switch (s.kind()) {
      case STRING -> "the text '" + shown(s.value()) + "'";
      case INT, FLOAT -> "the number " + s.value();
      case BOOL -> "the boolean " + s.value();
      case NULL -> "empty";
    };
  }

  /**
   * The one YAML document of the file, read by drydock-yaml's {@link YamlTree} within the bounds above; null when
   * it is empty. Text that is not YAML is one line, {@code file:line: invalid YAML: ...}.
   */
  private static Node read(String file, Reader reader) {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    try {
      for (int n; (n = reader.read(buffer)) >= 0; ) {
        text.append(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return YamlTree.readOne(file, text.toString(), BOUNDS);
    } catch (YamlTree.SyntaxError e) {
      String what = e.context() == null || e.context().isEmpty() ? e.problem() : e.context() + ": " + e.problem();
      // text cut off inside a quote or a collection is named where that starts, not at the end of the file
      int line = e.problem().contains("end of stream") && e.contextLine() > 0 ? e.contextLine() : e.line();
      throw new DrydockException(file + ":" + line + ": invalid YAML: " + what + " (expected " + EXPECTED + ")");
    }
  }

  /** The entries of {@code map} in file order; a key written twice, or one that is not text, is an error. */
  private static List<YamlTree.Entry> entries(String file, Mapping map) {
    List<String> seen = new ArrayList<>();
    for (YamlTree.Entry e : map.entries()) {
      if (e.name() == null) {
        throw error(file, e.key().line(), "a key that is " + describe(e.key()), "text keys");
      }
      if (seen.contains(e.name())) {
        throw new DrydockException(file + ":" + e.key().line() + ": duplicate key '" + e.name()
            + "' (expected each key once per mapping)");
      }
      seen.add(e.name());
    }
    return map.entries();
  }

  private static DrydockException error(String file, int line, String what, String expected) {
    return new DrydockException(file + ":" + line + ": " + what + " (expected " + expected + ")");
  }

  /** A value of the file as an error line shows it: line breaks and other controls escaped, at most 80 chars. */
  private static String shown(String value) {
    return dev.drydock.model.Shown.escaped(value, 80);
  }


  /** The file this was read from. */
  public Path path() {
    return path;
  }

  /** The {@code vulnerabilities} entries in file order. */
  public List<Entry> entries() {
    return entries.get(Kind.VULNERABILITIES);
  }

  /** The entries for findings of {@code kind}, in file order. */
  public List<Entry> entries(Kind kind) {
    return entries.get(kind);
  }
}
