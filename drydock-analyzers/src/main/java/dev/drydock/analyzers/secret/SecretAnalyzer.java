package dev.drydock.analyzers.secret;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Fact;
import dev.drydock.secrets.BuiltinRules;
import dev.drydock.secrets.SecretScanner;
import dev.drydock.secrets.tree.BinaryNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Secrets in the files of image layers and root filesystems, with the built-in rules. Every layer is read
 * once and its findings are cached like any analyzer's facts; the inventory then says which layer holds each
 * secret and whether an upper layer deleted or replaced the file.
 *
 * <p>What is not read, for speed (Trivy's secret scanning made image scans many times slower) and because
 * it holds no one's secrets:
 * <ul>
 *   <li>files over {@value #MAX_SIZE} bytes (minified bundles beyond that are rare; the size is the price of
 *       a full read);
 *   <li>files binary by name ({@link BinaryNames}: images, fonts, archives, shared objects {@code *.so*},
 *       class files, ...); other binaries (executables without an extension) are read but skipped by the
 *       scanner at their first NUL byte;
 *   <li>pseudo file systems {@code proc/}, {@code sys/}, {@code dev/};
 *   <li>distribution documentation and data: {@code usr/share/{doc,man,info,locale,i18n,zoneinfo,mime,icons,
 *       fonts,terminfo,X11,ca-certificates}/}, {@code usr/include/}, {@code etc/ssl/certs/} (certificates,
 *       not keys);
 *   <li>package manager state and caches: {@code var/lib/{dpkg,rpm,apk,apt}/}, {@code lib/apk/db/},
 *       {@code var/cache/}, {@code var/log/};
 *   <li>the test suites of language runtimes, which ship test keys: {@code usr/lib/python3.x/test/},
 *       {@code usr/local/lib/python3.x/test/}, {@code usr/local/go/src/}, {@code usr/lib/go-*&#47;src/}.
 * </ul>
 *
 * <p>{@link #version()} is derived from the built-in rule set, so a rule change re-scans every layer. Built
 * with custom rules ({@link SecretRules}, {@code drydock scan --secret-rules FILE}), {@link #options()} names
 * their digest: other rules re-read the layers for this analyzer only.
 */
public final class SecretAnalyzer implements Analyzer {
  /** The analyzer's name; the inventory treats its facts as secrets. */
  public static final String NAME = "secrets";
  /** Largest file read. */
  public static final long MAX_SIZE = 2L * 1024 * 1024;
  /** Bump when this class changes what it reports for the same rules. */
  private static final int LOGIC_VERSION = 1;

  private static final List<String> SKIPPED_PREFIXES = List.of(
      "proc/", "sys/", "dev/",
      "usr/share/doc/", "usr/share/man/", "usr/share/info/", "usr/share/locale/", "usr/share/i18n/",
      "usr/share/zoneinfo/", "usr/share/mime/", "usr/share/icons/", "usr/share/fonts/", "usr/share/terminfo/",
      "usr/share/X11/", "usr/share/ca-certificates/", "usr/include/", "etc/ssl/certs/",
      "var/lib/dpkg/", "var/lib/rpm/", "var/lib/apk/", "var/lib/apt/", "lib/apk/db/", "var/cache/", "var/log/",
      "usr/local/go/src/");

  private static final class Shared {
    static final SecretScanner SCANNER = new SecretScanner();
    static final int VERSION = (31 * LOGIC_VERSION + BuiltinRules.all().toString().hashCode()) & 0x7fffffff;
  }

  /** The custom rules' scanner; null for the built-in rules (built on first use, shared). */
  private final SecretScanner custom;
  private final String options;

  /** With the built-in rules. */
  public SecretAnalyzer() {
    this.custom = null;
    this.options = "";
  }

  /** With the rules of a rule file. */
  public SecretAnalyzer(SecretRules rules) {
    this.custom = new SecretScanner(rules.rules());
    this.options = "secret-rules=" + rules.digest();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int version() {
    return Shared.VERSION;
  }

  @Override
  public String options() {
    return options;
  }

  private SecretScanner scanner() {
    return custom != null ? custom : Shared.SCANNER;
  }

  @Override
  public Set<TargetKind> targets() {
    return Set.of(TargetKind.IMAGE);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    return size <= MAX_SIZE && covers(path);
  }

  @Override
  public long maxFileSize() {
    return MAX_SIZE;
  }

  /** Whether the path is one this analyzer reads when the file is small enough. */
  public static boolean covers(String path) {
    for (String prefix : SKIPPED_PREFIXES) {
      if (path.startsWith(prefix)) {
        return false;
      }
    }
    if (runtimeTests(path)) {
      return false;
    }
    return !BinaryNames.isBinary(path);
  }

  private static final java.util.regex.Pattern RUNTIME_TESTS =
      java.util.regex.Pattern.compile("usr/(?:local/)?lib/(?:python3[^/]*/test/|go-[^/]+/src/).*");

  /** {@code usr/lib/python3.x/test/}, {@code usr/local/lib/python3.x/test/}, {@code usr/lib/go-1.x/src/}. */
  private static boolean runtimeTests(String path) {
    return (path.startsWith("usr/lib/") || path.startsWith("usr/local/lib/")) && RUNTIME_TESTS.matcher(path).matches();
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    SecretScanner.Result result = scanner().analyze(file.path(), file.bytes());
    List<Fact> facts = new ArrayList<>(result.findings().size());
    for (ExposedSecret s : result.findings()) {
      facts.add(new Fact.SecretFound(file.path(), s));
    }
    if (!result.warnings().isEmpty()) {
      // the time limit per file (SecretScanner.Options): keep what was found, and say the rest was not read
      String prefix = file.path() + ": ";
      throw new dev.drydock.analyzers.PartialRead(facts, String.join("; ", result.warnings().stream()
          .map(w -> w.startsWith(prefix) ? w.substring(prefix.length()) : w).toList()));
    }
    return facts;
  }

  /** With {@code scanner} (tests: a short time limit per file). */
  SecretAnalyzer(SecretScanner scanner) {
    this.custom = scanner;
    this.options = "test";
  }

  /**
   * The image config's env values and history commands, as {@code image-config:env} /
   * {@code image-config:history} with line = the entry's index + 1. Env entries are scanned as
   * {@code NAME="value"} so that the assignment rules see them as they would in a file. With the built-in
   * rules; {@link #imageConfigSecrets} with this analyzer's.
   */
  public static List<ExposedSecret> imageConfig(List<String> env, List<String> historyCommands) {
    return imageConfig(Shared.SCANNER, env, historyCommands);
  }

  /** {@link #imageConfig} with this analyzer's rules. */
  public List<ExposedSecret> imageConfigSecrets(List<String> env, List<String> historyCommands) {
    return imageConfig(scanner(), env, historyCommands);
  }

  private static List<ExposedSecret> imageConfig(SecretScanner scanner, List<String> env,
      List<String> historyCommands) {
    List<ExposedSecret> out = new ArrayList<>();
    for (int i = 0; i < env.size(); i++) {
      String e = env.get(i);
      int eq = e == null ? -1 : e.indexOf('=');
      if (eq > 0) {
        out.addAll(entry(scanner, "image-config:env", i, e.substring(0, eq) + "=\"" + e.substring(eq + 1) + "\""));
      }
    }
    for (int i = 0; i < historyCommands.size(); i++) {
      String c = historyCommands.get(i);
      if (c != null && !c.isEmpty()) {
        out.addAll(entry(scanner, "image-config:history", i, c));
      }
    }
    return out;
  }

  /**
   * One entry scanned after {@code index} empty lines, so that the scanner's line (and fingerprint) is the
   * entry's; a finding on a later line of a multi-line entry keeps its fingerprint but is placed on the entry.
   */
  private static List<ExposedSecret> entry(SecretScanner scanner, String path, int index, String text) {
    byte[] content = ("\n".repeat(index) + text).getBytes(StandardCharsets.UTF_8);
    List<ExposedSecret> out = new ArrayList<>();
    for (ExposedSecret s : scanner.scan(path, content)) {
      out.add(s.line() == index + 1 ? s : new ExposedSecret(s.ruleId(), s.category(), s.severity(), s.title(),
          s.path(), index + 1, s.column(), s.redacted(), s.fingerprint(), s.layerDiffId(), s.deleted(), s.commit(), s.author(), s.date()));
    }
    return out;
  }
}
