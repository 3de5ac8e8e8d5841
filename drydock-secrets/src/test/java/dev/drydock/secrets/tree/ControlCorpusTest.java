package dev.drydock.secrets.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.ExposedSecret;
import dev.drydock.secrets.SecretScanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Real source trees with no secrets in them: every finding is a false positive. The findings must stay
 * within the budget and each must be listed, with its reason, in control-corpus/FIXTURES.md.
 */
class ControlCorpusTest {
  /** Documented budget: at most this many findings per million lines scanned, and each one listed. */
  static final double BUDGET_PER_MILLION_LINES = 5.0;

  private static final Path FIXTURES = Path.of("src/test/resources/control-corpus/FIXTURES.md");
  private static final Path COMMONS_LANG = Path.of("target/control-corpus/commons-lang3-3.18.0");
  private static final Pattern LISTED = Pattern.compile("^\\| `([^`]+)` \\| (DD-SEC-\\d+) \\|", Pattern.MULTILINE);

  private final SecretScanner scanner = new SecretScanner();

  private static Set<String> listed() throws IOException {
    Set<String> out = new TreeSet<>();
    Matcher m = LISTED.matcher(Files.readString(FIXTURES));
    while (m.find()) {
      out.add(m.group(1) + " " + m.group(2));
    }
    return out;
  }

  private static long lines(byte[] content) {
    long n = 0;
    for (byte b : content) {
      if (b == '\n') {
        n++;
      }
    }
    return n;
  }

  @Test
  void commonsLangSourcesStayWithinTheBudget() throws IOException {
    assertThat(COMMONS_LANG.resolve("org/apache/commons/lang3/StringUtils.java"))
        .as("the build unpacks commons-lang3 sources (maven-dependency-plugin)").exists();
    TreeScan.Result r = new TreeScan(scanner, TreeScan.Options.defaults()).scan(COMMONS_LANG);
    long lines = 0;
    try (var s = Files.walk(COMMONS_LANG)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        lines += lines(Files.readAllBytes(p));
      }
    }
    assertThat(r.filesScanned()).isGreaterThan(200);
    assertThat(lines).isGreaterThan(100_000);
    List<String> found = r.secrets().stream().map(x -> "commons-lang3/" + x.path() + " " + x.ruleId()).toList();
    System.out.println("control corpus commons-lang3 3.18.0 sources: " + r.filesScanned() + " files, " + lines
        + " lines, " + found.size() + " findings " + found);
    assertThat(listed()).containsAll(found);
    assertThat(found.size()).isLessThanOrEqualTo((int) (BUDGET_PER_MILLION_LINES * lines / 1_000_000) + 1);
  }

  @Test
  void jdkSourcesStayWithinTheBudgetWhenSrcZipIsInstalled() throws IOException {
    Path srcZip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
    if (!Files.isRegularFile(srcZip)) {
      // not a skip: the result says plainly that this half of the corpus was absent
      System.out.println("control corpus JDK src.zip: ABSENT at " + srcZip + " (install the JDK sources, e.g. "
          + "Debian openjdk-17-source, to include it); only commons-lang3 was checked");
      assertThat(Files.isRegularFile(srcZip)).isFalse();
      return;
    }
    List<String> found = new ArrayList<>();
    long files = 0;
    long lines = 0;
    try (ZipFile zip = new ZipFile(srcZip.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (entry.isDirectory() || BinaryNames.isBinary(entry.getName())) {
          continue;
        }
        byte[] content;
        try (InputStream in = zip.getInputStream(entry)) {
          content = in.readAllBytes();
        }
        files++;
        lines += lines(content);
        for (ExposedSecret s : scanner.scan(entry.getName(), content)) {
          found.add("jdk-src.zip/" + s.path() + " " + s.ruleId());
        }
      }
    }
    System.out.println("control corpus JDK src.zip (" + System.getProperty("java.version") + "): " + files
        + " files, " + lines + " lines, " + found.size() + " findings " + found);
    assertThat(files).isGreaterThan(5_000);
    assertThat(listed()).containsAll(found);
    assertThat(found.size()).isLessThanOrEqualTo((int) (BUDGET_PER_MILLION_LINES * lines / 1_000_000) + 1);
  }

  @Test
  void fixturesListParses() throws IOException {
    assertThat(Files.readString(FIXTURES, StandardCharsets.UTF_8)).contains("BUDGET").contains("commons-lang3");
  }
}
