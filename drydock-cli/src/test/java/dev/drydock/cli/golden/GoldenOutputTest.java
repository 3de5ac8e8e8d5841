package dev.drydock.cli.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden-output tests: every CLI command, run in-process on the demo image and the repository's test corpora,
 * must print exactly what it printed when the golden files were generated (exit code, standard output and
 * standard error, byte for byte after {@link #normalize}). They guard refactorings that must not change any
 * output; a deliberate change is made by regenerating (see src/test/resources/golden/README.md):
 *
 * <pre>./mvnw -B -q -pl drydock-cli -am verify -Dtest='Golden*' -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true</pre>
 *
 * <p>The cases run in the order listed, in one temp directory: the scans share one cache (the first one
 * analyses the layers, the later ones read them from the cache, and the outputs say so), rescan follows the
 * scans, and gate/diff/compliance/convert read the JSON result of the scan.
 */
class GoldenOutputTest {
  /** The repository root (tests run in drydock-cli); paths are given relative to the module, as a user would. */
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final Path CASES = GOLDEN.resolve("cases");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  /** Outputs larger than this are stored gzip-compressed (the test shows a text diff either way). */
  private static final int GZIP_ABOVE = 24_000;

  private static final String DEMO = "../examples/demo-app.tar";
  /**
   * The example advisories, copied to one fixed path: the CLI shows an imported directory's absolute path as the
   * source of its data (table columns are laid out around it, and the gate's data findings fingerprint it), so a
   * path that differed between checkouts would change the output. Runs in other checkouts wait for each other
   * on {@link #LOCK}.
   */
  private static final Path FIXED = Path.of("/tmp/drydock-golden");
  private static final Path LOCK = Path.of("/tmp/drydock-golden.lock");
  private static final String ADVISORIES = FIXED.resolve("advisories").toString();
  private static java.nio.channels.FileChannel lockChannel;
  private static final String CORPUS = "../drydock-checks/src/test/resources/corpus/";

  @TempDir static Path tmp;
  private static Instant started;
  private static final List<String> written = new ArrayList<>();

  // ---------------------------------------------------------------------------------------------------------
  // Normalization: the ONLY things that legitimately differ between two runs of the same code. Keep this list
  // short and explicit; anything else that differs is a real output change.
  // ---------------------------------------------------------------------------------------------------------

  /** An ISO-8601 UTC instant, e.g. createdAt, importedAt, CycloneDX timestamp, SPDX created. */
  private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
  /** Run durations: JSON "durationMillis", "... in 863 ms" in the summary lines, "..., 12 ms" of secrets. */
  private static final Pattern MILLIS_JSON = Pattern.compile("(\"durationMillis\" ?: ?)\\d+");
  private static final Pattern MILLIS_TEXT = Pattern.compile("\\b\\d+ ms\\b");
  /**
   * Name-based (version 3) UUIDs of the CycloneDX serialNumber and the SPDX documentNamespace: they are derived
   * from the document's creation time, so they change on every run.
   */
  /** Ages relative to now: "is 469 days old" (advisory data), "(0 minutes ago)" (db status). */
  private static final Pattern DAYS_OLD = Pattern.compile("\\b\\d+ days old\\b");
  private static final Pattern AGO = Pattern.compile("\\(\\d+ (days|hours|minutes) ago\\)");
  private static final Pattern UUID3 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");

  /**
   * Replaces what varies between runs: the temp directory and repository checkout paths, instants that fall
   * inside this test run (fixed dates from advisory data are kept), today's date, durations in milliseconds,
   * ages counted up to now, and the time-derived UUIDs.
   */
  static String normalize(String s) {
    s = s.replace(tmp.toAbsolutePath().toString(), "<TMP>").replace(REPO.toString(), "<REPO>")
        .replace(FIXED.toString(), "<FIXED>");
    Instant from = started.minusSeconds(60);
    Instant to = Instant.now().plusSeconds(60);
    s = replaceAll(INSTANT, s, m -> {
      try {
        Instant t = Instant.parse(m.group());
        return t.isAfter(from) && t.isBefore(to) ? "<NOW>" : m.group();
      } catch (DateTimeParseException e) {
        return m.group();
      }
    });
    // today in UTC only: a date printed in the local time zone would be a time-zone dependence to report, not hide
    s = s.replace(LocalDate.now(ZoneOffset.UTC).toString(), "<TODAY>");
    s = MILLIS_JSON.matcher(s).replaceAll("$1<MILLIS>");
    s = MILLIS_TEXT.matcher(s).replaceAll("<MILLIS> ms");
    s = DAYS_OLD.matcher(s).replaceAll("<AGE> days old");
    s = AGO.matcher(s).replaceAll("(<AGE> ago)");
    s = UUID3.matcher(s).replaceAll("<UUID>");
    return s;
  }

  private static String replaceAll(Pattern p, String s, java.util.function.Function<Matcher, String> f) {
    Matcher m = p.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(f.apply(m)));
    }
    m.appendTail(b);
    return b.toString();
  }

  // ---------------------------------------------------------------------------------------------------------
  // The cases
  // ---------------------------------------------------------------------------------------------------------

  private record Case(String name, List<String> args, Runnable before) {}

  private static String t(String rel) {
    return tmp.resolve(rel).toString();
  }

  private static Case c(String name, String... args) {
    return new Case(name, List.of(args), () -> {});
  }

  private static List<Case> cases() {
    String cache = t("cache");
    List<Case> cs = new ArrayList<>();
    // scan: every format, then the options that change the report
    for (String f : List.of("table", "json", "sarif", "cyclonedx", "spdx")) {
      cs.add(c("scan-" + f, "scan", DEMO, "--advisories", ADVISORIES, "--cache-dir", cache, "-f", f));
    }
    cs.add(c("scan-json-to-file", "scan", DEMO, "--advisories", ADVISORIES, "--cache-dir", cache, "-f", "json",
        "-o", t("scan.json")));
    cs.add(c("scan-gate", "scan", DEMO, "--advisories", ADVISORIES, "--cache-dir", cache, "--gate"));
    cs.add(c("scan-gate-json", "scan", DEMO, "--advisories", ADVISORIES, "--cache-dir", cache, "--gate", "-f",
        "json"));
    cs.add(c("scan-list-packages", "scan", DEMO, "--advisories", ADVISORIES, "--cache-dir", cache,
        "--list-packages"));
    cs.add(c("scan-show-suppressed", "scan", DEMO, "--advisories", ADVISORIES, "--cache-dir", cache,
        "--ignorefile", GOLDEN.resolve("ignore.yaml").toString(), "--show-suppressed"));
    cs.add(c("scan-ignorefile-json", "scan", DEMO, "--advisories", ADVISORIES, "--cache-dir", cache,
        "--ignorefile", GOLDEN.resolve("ignore.yaml").toString(), "-f", "json"));
    cs.add(c("scan-scanners-vuln", "scan", DEMO, "--advisories", ADVISORIES, "--cache-dir", cache, "--scanners",
        "vuln"));
    cs.add(c("scan-exit-code", "scan", DEMO, "--advisories", ADVISORIES, "--cache-dir", cache, "--severity",
        "CRITICAL", "--exit-code", "5", "-q"));
    cs.add(c("scan-no-advisories", "scan", DEMO, "--cache-dir", t("empty-cache")));
    cs.add(c("scan-no-advisories-json-to-file", "scan", DEMO, "--cache-dir", t("empty-cache"), "-f", "json", "-o",
        t("no-advisories.json")));
    // rescan: the stored inventory of the scans above
    cs.add(c("rescan-table", "rescan", DEMO, "--advisories", ADVISORIES, "--cache-dir", cache));
    cs.add(c("rescan-json", "rescan", DEMO, "--advisories", ADVISORIES, "--cache-dir", cache, "-f", "json"));
    // sbom
    for (String f : List.of("cyclonedx", "spdx")) {
      cs.add(c("sbom-" + f, "sbom", DEMO, "--cache-dir", cache, "-f", f));
    }
    // config: each corpus of drydock-checks
    for (String corpus : List.of("dockerfile", "kubernetes", "compose", "inspect", "cloudformation", "iam")) {
      cs.add(c("config-" + corpus, "config", CORPUS + corpus));
    }
    cs.add(c("config-dockerfile-json", "config", CORPUS + "dockerfile", "-f", "json"));
    cs.add(c("config-kubernetes-sarif", "config", CORPUS + "kubernetes", "-f", "sarif"));
    // secrets
    String secrets = "../drydock-secrets/src/test/resources/crypto/sample";
    cs.add(c("secrets-table", "secrets", secrets));
    cs.add(c("secrets-json", "secrets", secrets, "-f", "json"));
    cs.add(c("secrets-sarif", "secrets", secrets, "-f", "sarif"));
    // host: a careless host built in the temp directory (as HostCliTest does), real containerd advisories
    String hostAdvisories = "src/test/resources/host/debian-tracker-containerd.json";
    cs.add(new Case("host-table", List.of("host", "--root", t("host"), "--advisories", hostAdvisories,
        "--cache-dir", t("host-cache")), GoldenOutputTest::carelessHost));
    cs.add(c("host-json", "host", "--root", t("host"), "--advisories", hostAdvisories, "--cache-dir",
        t("host-cache"), "-f", "json"));
    // gate, diff, compliance, convert: the JSON result of scan-json-to-file
    String result = t("scan.json");
    cs.add(c("gate-default", "gate", "--cache-dir", cache, result));
    cs.add(c("gate-default-json", "gate", "--cache-dir", cache, result, "-f", "json"));
    cs.add(c("gate-example-baseline", "gate", "--cache-dir", cache, result, "--baseline",
        GOLDEN.resolve("baseline.yaml").toString()));
    for (String f : List.of("junit", "sarif", "markdown", "html")) {
      cs.add(c("gate-default-" + f, "gate", "--cache-dir", cache, result, "-f", f));
    }
    cs.add(c("gate-bc5-internet", "gate", "--cache-dir", cache, result, "--tier", "BC5", "--exposure", "internet"));
    String older = "../drydock-gate/src/test/resources/fixtures/gate/demo-app-scan.json";
    cs.add(c("diff-saved-fixture", "diff", older, result, "--cache-dir", cache));
    for (String f : List.of("table", "json", "markdown")) {
      cs.add(c("diff-" + f, "diff", t("no-advisories.json"), result, "--cache-dir", cache, "-f", f));
    }
    for (String fw : List.of("cis-docker", "nist-800-190")) {
      cs.add(c("compliance-" + fw, "compliance", "--framework", fw, result));
      cs.add(c("compliance-" + fw + "-json", "compliance", "--framework", fw, result, "-f", "json"));
    }
    for (String f : List.of("table", "sarif", "cyclonedx", "spdx", "json")) {
      cs.add(c("convert-" + f, "convert", result, "--cache-dir", cache, "-f", f));
    }
    cs.add(c("convert-junit-unsupported", "convert", result, "--cache-dir", cache, "-f", "junit"));
    // db: import the example advisories into a fresh store, then its status
    cs.add(c("db-import", "db", "import", ADVISORIES, "--cache-dir", t("db-cache")));
    cs.add(c("db-status", "db", "status", "--cache-dir", t("db-cache")));
    cs.add(c("db-status-empty", "db", "status", "--cache-dir", t("no-db-cache")));
    // scan with the imported store instead of --advisories
    cs.add(c("scan-with-db", "scan", DEMO, "--cache-dir", t("db-cache")));
    return cs;
  }

  /** The careless host of HostCliTest: Docker's defaults, an outdated containerd, a world-writable daemon.json. */
  private static void carelessHost() {
    Path root = tmp.resolve("host");
    write(root, "etc/os-release", "ID=debian\nVERSION_ID=\"11\"\nVERSION_CODENAME=bullseye\n", "rw-r--r--");
    write(root, "var/lib/dpkg/status", "Package: containerd\nStatus: install ok installed\nArchitecture: amd64\n"
        + "Source: containerd\nVersion: 1.4.5~ds1-2\nDescription: daemon to control runC\n\n"
        + "Package: runc\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0.0~rc93+ds1-5+deb11u2\n"
        + "Description: Open Container Project - runtime\n\n", "rw-r--r--");
    write(root, "etc/docker/daemon.json", "{\n  \"icc\": true,\n  \"hosts\": [\"tcp://0.0.0.0:2375\"]\n}\n",
        "rw-rw-rw-");
    // directory modes and owners are part of the output (CIS 3.5 "/etc/docker owned by root:root"): fix the modes
    // instead of inheriting the umask, and require root as HostCliTest does
    try (Stream<Path> s = Files.walk(root)) {
      for (Path d : s.filter(Files::isDirectory).toList()) {
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getAttribute(d, "unix:uid")).as("the host cases run as root, like HostCliTest").isEqualTo(0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path root, String rel, String text, String mode) {
    try {
      Path p = root.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Running and comparing
  // ---------------------------------------------------------------------------------------------------------

  @TestFactory
  Stream<DynamicTest> everyCommandPrintsWhatItPrintedBefore() {
    started = Instant.now();
    return cases().stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> check(k)));
  }

  @org.junit.jupiter.api.BeforeAll
  static void fixedAdvisories() throws IOException {
    lockChannel = java.nio.channels.FileChannel.open(LOCK, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.WRITE);
    lockChannel.lock();
    if (Files.exists(FIXED)) {
      try (Stream<Path> all = Files.walk(FIXED)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Path from = REPO.resolve("examples/advisories");
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.sorted().toList()) {
        Path to = FIXED.resolve("advisories").resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
  }

  @AfterAll
  static void releaseFixedAdvisories() throws IOException {
    if (lockChannel != null) {
      lockChannel.close(); // releases the lock; the copy stays for the next run to replace
    }
  }

  @AfterAll
  static void reportUpdates() {
    if (UPDATE) {
      System.err.println("golden: rewrote " + written.size() + " file(s) in " + CASES + ": " + written);
    }
  }

  private static void check(Case k) throws IOException {
    k.before().run();
    String actual = render(k, run(k.args()));
    Path txt = CASES.resolve(k.name() + ".txt");
    Path gz = CASES.resolve(k.name() + ".txt.gz");
    boolean big = actual.getBytes(StandardCharsets.UTF_8).length > GZIP_ABOVE;
    Path file = big ? gz : txt;
    String expected = Files.exists(txt) ? Files.readString(txt) : Files.exists(gz) ? gunzip(gz) : null;
    if (UPDATE) {
      if (!actual.equals(expected) || !Files.exists(file)) {
        Files.deleteIfExists(txt);
        Files.deleteIfExists(gz);
        Files.createDirectories(CASES);
        Path part = CASES.resolve(file.getFileName() + ".part");
        Files.write(part, big ? gzip(actual) : actual.getBytes(StandardCharsets.UTF_8));
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        written.add(file.getFileName().toString());
      }
      return;
    }
    assertThat(expected).as("golden file %s (generate it with -Dgolden.update=true)", txt).isNotNull();
    if (!actual.equals(expected)) {
      throw new AssertionError("golden output of case '" + k.name() + "' changed (" + file + "):\n"
          + firstDifference(expected, actual)
          + "\nIf this change is intended (a documented improvement), regenerate with -Dgolden.update=true and "
          + "explain the diff in the commit message; see src/test/resources/golden/README.md.");
    }
  }

  /** Exit code, then picocli's out (help/version), standard output (reports) and standard error, normalized. */
  private static String render(Case k, Result r) {
    return "$ drydock " + String.join(" ", k.args()).replace(tmp.toAbsolutePath().toString(), "<TMP>")
        .replace(FIXED.toString(), "<FIXED>") + "\n"
        + "exit: " + r.exit() + "\n"
        + "--- out ---\n" + normalize(r.out())
        + "--- stdout ---\n" + normalize(r.stdout())
        + "--- stderr ---\n" + normalize(r.err());
  }

  /** The first differing line with 3 lines of context on both sides, in a unified-diff-like form. */
  static String firstDifference(String expected, String actual) {
    List<String> e = expected.lines().toList();
    List<String> a = actual.lines().toList();
    int i = 0;
    while (i < e.size() && i < a.size() && e.get(i).equals(a.get(i))) {
      i++;
    }
    if (i == e.size() && i == a.size()) {
      return "(the lines are equal; the difference is in line endings or a final newline)";
    }
    int from = Math.max(0, i - 3);
    StringBuilder b = new StringBuilder("--- expected (golden)\n+++ actual\n@@ first difference at line " + (i + 1)
        + " @@\n");
    for (int j = from; j < i; j++) {
      b.append(' ').append(e.get(j)).append('\n');
    }
    // the differing block: the first point (by fewest skipped lines, up to 40) where the two line up again
    int ej = e.size();
    int aj = a.size();
    search:
    for (int skip = 1; skip <= 40; skip++) {
      for (int de = 0; de <= skip; de++) {
        int x = i + de;
        int y = i + skip - de;
        if (x < e.size() && y < a.size() && e.get(x).equals(a.get(y))) {
          ej = x;
          aj = y;
          break search;
        }
      }
    }
    for (int j = i; j < ej && j < i + 10; j++) {
      b.append('-').append(e.get(j)).append('\n');
    }
    for (int j = i; j < aj && j < i + 10; j++) {
      b.append('+').append(a.get(j)).append('\n');
    }
    for (int j = ej, n = 0; j < e.size() && n < 3; j++, n++) {
      b.append(' ').append(e.get(j)).append('\n');
    }
    b.append("(expected ").append(e.size()).append(" lines, actual ").append(a.size()).append(")");
    return b.toString();
  }

  private record Result(int exit, String out, String stdout, String err) {}

  /** Runs {@code drydock args...} in-process; System.out is captured (reports without --output go there). */
  private static Result run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    } finally {
      System.out.flush();
      System.setOut(saved);
    }
    return new Result(exit, out.toString(), stdout.toString(StandardCharsets.UTF_8), err.toString());
  }

  private static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(b)) { // Java writes MTIME 0: the bytes depend on s only
      z.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }

  private static String gunzip(Path p) throws IOException {
    try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(p)))) {
      return new String(z.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
