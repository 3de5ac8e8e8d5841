package dev.drydock.secrets.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Misconfiguration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WeakCryptoScannerTest {
  private static final WeakCryptoScanner SCANNER = new WeakCryptoScanner();

  static List<Cases.Case> cases() {
    return Cases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void caseYieldsExactlyWhatItSays(Cases.Case c) {
    List<Misconfiguration> ofRule = SCANNER.scan(c.file(), c.code()).stream()
        .filter(m -> m.ruleId().equals(c.rule())).toList();
    if (c.positive()) {
      assertThat(ofRule).as("findings of %s", c.rule()).hasSize(1);
      Misconfiguration m = ofRule.get(0);
      assertThat(m.line()).isEqualTo(c.line());
      assertThat(m.column()).isPositive();
      assertThat(m.file()).isEqualTo(c.file());
      assertThat(m.references()).anyMatch(r -> r.startsWith("CWE-"));
      assertThat(m.remediation()).isNotBlank();
      assertThat(m.controls()).isEmpty();
      assertThat(m.layerDiffId()).isNull();
      assertThat(m.resource()).isNull();
    } else {
      assertThat(ofRule).as("findings of %s", c.rule()).isEmpty();
    }
  }

  @Test
  void everyRuleHasPositiveAndNegativeCasesAndEveryLanguageItClaimsIsExercised() {
    Map<String, Set<Boolean>> kinds = new TreeMap<>();
    Map<String, Set<Language>> positiveLanguages = new TreeMap<>();
    for (Cases.Case c : Cases.all()) {
      kinds.computeIfAbsent(c.rule(), k -> new java.util.HashSet<>()).add(c.positive());
      if (c.positive()) {
        positiveLanguages.computeIfAbsent(c.rule(), k -> EnumSet.noneOf(Language.class)).add(Language.of(c.file()));
      }
    }
    List<String> ids = WeakCryptoScanner.rules().stream().map(RuleInfo::id).toList();
    assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
    assertThat(kinds.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    for (RuleInfo info : WeakCryptoScanner.rules()) {
      assertThat(kinds.get(info.id())).as(info.id()).containsExactlyInAnyOrder(true, false);
      assertThat(positiveLanguages.get(info.id())).as(info.id() + " languages")
          .containsExactlyInAnyOrderElementsOf(info.languages());
    }
  }

  @Test
  void ruleListingIsCompleteForDocs() {
    for (RuleInfo info : WeakCryptoScanner.rules()) {
      assertThat(info.id()).matches("DD-CRY-0\\d\\d");
      assertThat(info.title()).isNotBlank();
      assertThat(info.remediation()).isNotBlank();
      assertThat(info.cwes()).isNotEmpty().allMatch(c -> c.matches("CWE-\\d+"));
      assertThat(info.languages()).isNotEmpty();
      assertThat(info.severity()).isNotNull();
    }
  }

  @Test
  void reportsOneBasedLineAndColumnOfTheCall() {
    String code =
        "class A {\n  void f() throws Exception {\n    var md = MessageDigest.getInstance(\"MD5\");\n  }\n}\n";
    List<Misconfiguration> found = SCANNER.scan("src/A.java", code);
    assertThat(found).singleElement().satisfies(m -> {
      assertThat(m.ruleId()).isEqualTo("DD-CRY-001");
      assertThat(m.line()).isEqualTo(3);
      assertThat(m.column()).isEqualTo(14);
      assertThat(m.file()).isEqualTo("src/A.java");
      assertThat(m.references()).containsExactly("CWE-328", "CWE-327", "FindSecBugs WEAK_MESSAGE_DIGEST_MD5");
      assertThat(m.remediation()).isEqualTo(WeakCryptoScanner.rules().get(0).remediation()
          + " (MessageDigest.getInstance(\"SHA-256\"))");
    });
  }

  @Test
  void keywordArgumentIsWhereVerifyFalseIsReported() {
    List<Misconfiguration> found = SCANNER.scan("a.py", "r = requests.get(url, verify=False)\n");
    assertThat(found).singleElement().satisfies(m -> {
      assertThat(m.column()).isEqualTo(23);
      assertThat(m.references()).containsExactly("CWE-295", "bandit B501");
      assertThat(m.remediation()).contains("verify='/path/to/ca.pem'");
    });
  }

  @Test
  void remediationExampleFollowsTheLanguage() {
    assertThat(SCANNER.scan("a.go", "h := md5.New()").get(0).remediation())
        .endsWith("(sha256.New() or sha256.Sum256(data))");
    assertThat(SCANNER.scan("a.py", "h = hashlib.md5(x)").get(0).remediation()).endsWith("(hashlib.sha256(data))");
  }

  @Test
  void allowMarkerAppliesToItsOwnLineOnly() {
    String code = "a = hashlib.md5(x)  # drydock:allow cache key\nb = hashlib.md5(y)\n";
    assertThat(SCANNER.scan("a.py", code)).extracting(Misconfiguration::line).containsExactly(2);
  }

  @Test
  void commentedOutCodeIsSkippedButCodeBeforeACommentIsNot() {
    String code = """
        // var md = MessageDigest.getInstance("MD5");
        /* var md = MessageDigest.getInstance("MD5"); */
         * var md = MessageDigest.getInstance("MD5");
        var url = "http://x"; // MessageDigest.getInstance("MD5")
        var md = MessageDigest.getInstance("MD5"); // TODO replace
        """;
    assertThat(SCANNER.scan("A.java", code)).extracting(Misconfiguration::line).containsExactly(5);
  }

  @Test
  void hashInsideAStringIsNotAPythonComment() {
    String code = "url = 'http://x/#a'; h = hashlib.md5(x)\n";
    assertThat(SCANNER.scan("a.py", code)).extracting(Misconfiguration::ruleId).containsExactly("DD-CRY-001");
  }

  @Test
  void acceptsOnlyTheSupportedSourceExtensions() {
    for (String ok : List.of("A.java", "a.kt", "b.kts", "c.py", "d.js", "e.mjs", "f.cjs", "g.jsx", "h.ts", "i.tsx",
        "j.go", "k.cs", "dir/UPPER.JAVA")) {
      assertThat(SCANNER.accepts(ok)).as(ok).isTrue();
    }
    for (String no : List.of("a.rb", "a.c", "a.json", "a.yaml", "Dockerfile", "a.d.ts", "a.java.bak", "a.pyc")) {
      assertThat(SCANNER.accepts(no)).as(no).isFalse();
    }
    assertThat(SCANNER.scan("a.rb", "Digest::MD5.hexdigest(x); hashlib.md5(x)")).isEmpty();
  }

  @Test
  void passwordNeverAppearsInAnyField() {
    String password = "Zq8" + "vX2pL" + "w7Nk"; // fake, built here so the file holds no full literal
    List<String> sources = List.of(
        "A.java|Connection c = DriverManager.getConnection(url, \"app\", \"" + password + "\");",
        "a.py|conn = psycopg2.connect(host='db', password='" + password + "')",
        "a.js|mysql.createConnection({ user: 'app', password: '" + password + "' })",
        "a.go|db, _ := sql.Open(\"mysql\", \"app:" + password + "@tcp(db:3306)/app\")",
        "A.cs|var c = new SqlConnection(\"Server=db;Password=" + password + ";\");");
    for (String s : sources) {
      String[] parts = s.split("\\|", 2);
      List<Misconfiguration> found = SCANNER.scan(parts[0], parts[1]);
      assertThat(found).as(parts[0]).extracting(Misconfiguration::ruleId).containsExactly("DD-CRY-009");
      assertThat(found.toString()).doesNotContain(password).doesNotContain(password.substring(0, 6));
    }
  }

  @Test
  void findingsAreSortedAndIndependentOfConcurrentUse() throws Exception {
    String code = "import hashlib, ssl, requests\n"
        + "a = hashlib.sha1(x)\n"
        + "ctx = ssl._create_unverified_context(); b = hashlib.md5(y)\n"
        + "requests.get(u, verify=False)\n";
    List<Misconfiguration> expected = SCANNER.scan("m.py", code);
    assertThat(expected).extracting(m -> m.line() + ":" + m.ruleId())
        .containsExactly("2:DD-CRY-002", "3:DD-CRY-008", "3:DD-CRY-001", "4:DD-CRY-008");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Misconfiguration>>> futures = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        futures.add(pool.submit(() -> SCANNER.scan("m.py", code)));
      }
      for (Future<List<Misconfiguration>> f : futures) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void hugeSingleLineWithoutKeywordsAndWithManyKeywordsStaysLinear() {
    String filler = "x".repeat(4_000_000);
    assertThat(SCANNER.scan("min.js", filler)).isEmpty();
    String many = "crypto.createHash('md5');".repeat(20_000);
    long start = System.nanoTime();
    List<Misconfiguration> found = SCANNER.scan("min.js", many);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(found).hasSize(20_000).allMatch(m -> m.line() == 1);
    assertThat(found.get(1).column()).isEqualTo(1 + "crypto.createHash('md5');".length() + "crypto.".length());
    assertThat(millis).as("ms for 20k hits").isLessThan(30_000);
  }

  @Test
  void bytesAreDecodedAsUtf8AndBinaryFilesSkipped() {
    byte[] source =
        "// é\nh = MessageDigest.getInstance(\"MD5\");\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(SCANNER.scan("A.java", source)).extracting(m -> m.line() + ":" + m.column()).containsExactly("2:5");
    byte[] binary = java.util.Arrays.copyOf(source, source.length + 1);
    assertThat(SCANNER.scan("A.java", binary)).isEmpty();
    byte[] invalid = {'h', '=', (byte) 0xC3, ' ', 'h', 'a', 's', 'h', 'l', 'i', 'b', '.', 'm', 'd', '5', '(', ')'};
    assertThat(SCANNER.scan("a.py", invalid)).extracting(Misconfiguration::ruleId).containsExactly("DD-CRY-001");
    assertThat(SCANNER.scan("a.txt", source)).isEmpty();
  }

  @Test
  void unclosedCallsAndEmptyInputDoNotBreak() {
    assertThat(SCANNER.scan("a.py", "")).isEmpty();
    assertThat(SCANNER.scan("a.js", "crypto.createCipheriv('aes-256-cbc', key, '0123")).isEmpty();
    assertThat(SCANNER.scan("a.py", "conn = psycopg2.connect(password='x'")).isEmpty();
    assertThat(SCANNER.scan("a.go", "\n\n\r\n")).isEmpty();
    String crlf = "a = 1\r\nh = hashlib.md5(x)\r\n";
    assertThat(SCANNER.scan("a.py", crlf)).extracting(m -> m.line() + ":" + m.column()).containsExactly("2:5");
  }

  @Test
  void languagesOfEveryDetectorAreListedOnItsRule() {
    Map<String, Set<Language>> fromDetectors = Rules.all().stream().collect(Collectors.toMap(r -> r.info().id(),
        r -> r.detectors().stream().flatMap(d -> d.languages().stream())
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Language.class)))));
    for (RuleInfo info : WeakCryptoScanner.rules()) {
      assertThat(info.languages()).containsExactlyElementsOf(fromDetectors.get(info.id()));
    }
  }
}
