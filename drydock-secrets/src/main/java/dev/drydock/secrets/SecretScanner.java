package dev.drydock.secrets;

import dev.drydock.model.Entropy;
import dev.drydock.model.ExposedSecret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Finds secrets in file contents. One Aho-Corasick automaton over every rule's keywords selects the rules
 * worth running; each selected rule's regex runs only on a window around its keyword hits. Content is read
 * in chunks with an overlap, so files of any size (including one huge line) are scanned in bounded memory.
 * Each file has a time limit. Immutable and thread-safe: one instance may scan many files in parallel.
 */
public final class SecretScanner {
  /** Files with a NUL byte in this many leading bytes are treated as binary and skipped. */
  static final int BINARY_PROBE = 8192;
  /** Characters before a keyword hit that the regex may start at. */
  static final int BACK = 256;
  /** Characters after a keyword hit that the regex may reach. */
  static final int FORWARD = 1024;
  /** Characters a chunk shares with the next: a match starting in them is reported by the next round. */
  static final int OVERLAP = 64 * 1024;
  /** Characters kept before the first unreported position, for look-behind and validators. */
  static final int CONTEXT = 8 * 1024;
  /** Marker that suppresses findings on its line. */
  static final String ALLOW_MARKER = "drydock:allow";

  /**
   * Limits for one file.
   *
   * @param maxFileSize bytes read per file; the rest is not scanned and a warning says so
   * @param timeout time limit per file; when it passes the file's scan stops with a warning
   * @param chunkSize bytes read and decoded at a time
   */
  public record Options(long maxFileSize, Duration timeout, int chunkSize) {
    /** 256 MiB, 10 seconds, 1 MiB chunks. */
    public static final Options DEFAULT = new Options(256L * 1024 * 1024, Duration.ofSeconds(10), 1024 * 1024);

    public Options {
      Objects.requireNonNull(timeout, "timeout");
      if (maxFileSize < 0 || chunkSize < 1 || timeout.isNegative()) {
        throw new IllegalArgumentException("bad scanner options");
      }
    }

    public Options withMaxFileSize(long v) {
      return new Options(v, timeout, chunkSize);
    }

    public Options withTimeout(Duration v) {
      return new Options(maxFileSize, v, chunkSize);
    }

    public Options withChunkSize(int v) {
      return new Options(maxFileSize, timeout, v);
    }
  }

  /**
   * The outcome of scanning one file.
   *
   * @param findings secrets in order of position
   * @param warnings one line each, naming the file: time limit reached, size limit reached, regex failure
   */
  public record Result(List<ExposedSecret> findings, List<String> warnings) {
    public Result {
      findings = List.copyOf(findings);
      warnings = List.copyOf(warnings);
    }
  }

  private final List<Rule> rules;
  private final Options options;
  private final int[] order;
  /** Rule indexes per keyword id of the automaton. */
  private final int[][] rulesByKeyword;
  private final KeywordAutomaton automaton;
  private final boolean[] anchoredRule;
  private final FingerprintKey key;

  /** A scanner over the built-in rules. */
  public SecretScanner() {
    this(BuiltinRules.all());
  }

  /** A scanner over the given rules with default limits. */
  public SecretScanner(List<Rule> rules) {
    this(rules, Options.DEFAULT);
  }

  /**
   * A scanner over the given rules. Rules tagged {@code generic} run after the others; otherwise the rule
   * listed first claims a span of text, and a later rule's match overlapping it is dropped.
   */
  public SecretScanner(List<Rule> rules, Options options) {
    this(rules, options, FingerprintKey.none());
  }

  /**
   * A scanner over the given rules whose findings' fingerprints are keyed with {@code key}
   * ({@link FingerprintKey}); {@link FingerprintKey#none()} gives unkeyed digests.
   */
  public SecretScanner(List<Rule> rules, Options options, FingerprintKey key) {
    this.key = Objects.requireNonNull(key, "key");
    this.rules = List.copyOf(rules);
    this.options = Objects.requireNonNull(options, "options");
    Map<String, List<Integer>> byKeyword = new LinkedHashMap<>();
    for (int i = 0; i < this.rules.size(); i++) {
      for (String keyword : this.rules.get(i).keywords()) {
        List<Integer> ids = byKeyword.computeIfAbsent(keyword, k -> new ArrayList<>());
        if (!ids.contains(i)) {
          ids.add(i);
        }
      }
    }
    this.automaton = new KeywordAutomaton(new ArrayList<>(byKeyword.keySet()));
    this.anchoredRule = new boolean[this.rules.size()];
    for (int i = 0; i < this.rules.size(); i++) {
      anchoredRule[i] = this.rules.get(i).anchored();
    }
    this.rulesByKeyword = byKeyword.values().stream()
        .map(v -> v.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    List<Integer> ord = new ArrayList<>();
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < this.rules.size(); i++) {
        if (this.rules.get(i).generic() == (pass == 1)) {
          ord.add(i);
        }
      }
    }
    this.order = ord.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The rules, as given. */
  public List<Rule> rules() {
    return rules;
  }

  /** The limits. */
  public Options options() {
    return options;
  }

  /** The key of the findings' fingerprints. */
  public FingerprintKey fingerprintKey() {
    return key;
  }

  /** The secrets in one file, in order of position; empty for binary content. Warnings are dropped. */
  public List<ExposedSecret> scan(String path, byte[] content) {
    return analyze(path, content).findings();
  }

  /** The secrets in one stream, read in chunks; empty for binary content. Warnings are dropped. */
  public List<ExposedSecret> scan(String path, InputStream in) throws IOException {
    return analyze(path, in).findings();
  }

  /** Findings and warnings for one file. */
  public Result analyze(String path, byte[] content) {
    Objects.requireNonNull(content, "content");
    try {
      return analyze(path, new ByteArrayInputStream(content));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Findings and warnings for one stream, read in chunks of {@link Options#chunkSize()} bytes. */
  public Result analyze(String path, InputStream in) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(in, "in");
    return new FileScan(path).run(in);
  }

  static boolean isBinary(byte[] content, int length) {
    int n = Math.min(length, BINARY_PROBE);
    for (int i = 0; i < n; i++) {
      if (content[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** First 4 characters and "****"; only "****" when the secret is 8 characters or less. */
  static String redact(String secret) {
    return (secret.length() > 8 ? secret.substring(0, 4) : "") + "****";
  }

  /** The unkeyed fingerprint ({@link FingerprintKey#unkeyed}). */
  static String fingerprint(String ruleId, String path, int line, String secret) {
    return FingerprintKey.unkeyed(ruleId, path, line, secret);
  }

  private record Hit(Rule rule, int line, int column, String secret) {}

  /** The state of one file's scan; confined to the calling thread. */
  private final class FileScan {
    private final String path;
    private final DeadlineText.Deadline deadline;
    private final List<Hit> hits = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Integer> active = new ArrayList<>();
    /** 1-based line and column of the buffer's first character. */
    private int bufLine = 1;
    private int bufColumn = 1;

    FileScan(String path) {
      this.path = path;
      this.deadline = new DeadlineText.Deadline(System.nanoTime() + options.timeout().toNanos());
    }

    Result run(InputStream in) throws IOException {
      for (int i : order) {
        Rule rule = rules.get(i);
        boolean pathOk = rule.path() == null || rule.path().foundIn(path);
        if (!pathOk) {
          continue;
        }
        if (rule.regex() == null) {
          if (!allowedByList(rule, "", "", "")) {
            hits.add(new Hit(rule, 1, 1, ""));
          }
        } else {
          active.add(i);
        }
      }
      if (!active.isEmpty()) {
        try {
          stream(in);
        } catch (DeadlineText.TimedOut e) {
          warnings.add(path + ": secret scan stopped at the time limit of " + options.timeout().toMillis()
              + " ms; later content was not scanned");
        }
      }
      hits.sort(Comparator.comparingInt(Hit::line).thenComparingInt(Hit::column).thenComparing(h -> h.rule().id()));
      List<ExposedSecret> findings = new ArrayList<>(hits.size());
      for (Hit h : hits) {
        findings.add(ExposedSecret.inFile(h.rule().id(), h.rule().category(), h.rule().severity(),
            h.rule().description(), path, h.line(), h.column(), redact(h.secret()),
            key.fingerprint(h.rule().id(), path, h.line(), h.secret())));
      }
      return new Result(findings, warnings);
    }

    private void stream(InputStream in) throws IOException {
      CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
      // Small files are common: start with a buffer the size of what is available, grow to the chunk size.
      int hint = Math.max(in.available(), 0);
      byte[] chunk = new byte[(int) Math.min(options.chunkSize(), Math.max(4096, Math.min((long) hint + 1, 1L << 16)))];
      ByteBuffer bytes = ByteBuffer.allocate(chunk.length + 8);
      char[] buf = new char[chunk.length + 16];
      int len = 0;
      long total = 0;
      int reportFrom = 0;
      boolean first = true;
      while (true) {
        int want = (int) Math.min(chunk.length, options.maxFileSize() - total);
        int n = want == 0 ? 0 : in.readNBytes(chunk, 0, want);
        total += n;
        boolean eof = n < want;
        if (!eof && total == options.maxFileSize()) {
          eof = true;
          if (in.read() != -1) {
            warnings.add(path + ": only the first " + options.maxFileSize() + " bytes were scanned (size limit)");
          }
        }
        if (first) {
          if (isBinary(chunk, n)) {
            return;
          }
          first = false;
        }
        if (bytes.remaining() < n) {
          ByteBuffer bigger = ByteBuffer.allocate(bytes.position() + n + 8);
          bytes.flip();
          bigger.put(bytes);
          bytes = bigger;
        }
        bytes.put(chunk, 0, n).flip();
        if (buf.length - len < bytes.remaining() + 8) {
          buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + bytes.remaining() + 8));
        }
        CharBuffer out = CharBuffer.wrap(buf, len, buf.length - len);
        decoder.decode(bytes, out, eof);
        if (eof) {
          decoder.flush(out);
        }
        len = out.position();
        bytes.compact();
        if (!eof && chunk.length < options.chunkSize()) {
          chunk = new byte[options.chunkSize()];
        }
        int reportTo = eof ? len : len - OVERLAP;
        if (reportTo <= reportFrom && !eof) {
          continue;
        }
        int[] newlines = scanRound(buf, len, reportFrom, reportTo);
        if (eof) {
          return;
        }
        int keep = Math.max(0, reportTo - CONTEXT);
        int k = countBefore(newlines, keep);
        bufLine += k;
        bufColumn = k == 0 ? bufColumn + keep : keep - newlines[k - 1];
        System.arraycopy(buf, keep, buf, 0, len - keep);
        len -= keep;
        reportFrom = reportTo - keep;
        deadline.check();
      }
    }

    /**
     * Runs the active rules over the first {@code len} characters of {@code buf}; reports matches starting in
     * {@code [reportFrom, reportTo)}. Returns the newline positions.
     */
    private int[] scanRound(char[] buf, int len, int reportFrom, int reportTo) {
      DeadlineText text = new DeadlineText(buf, len, deadline);
      KeywordWindows windows = new KeywordWindows(rules.size());
      int[] newlines = windows(buf, len, windows);
      TreeMap<Integer, Integer> claimed = new TreeMap<>();
      for (int id : active) {
        Rule rule = rules.get(id);
        if (rule.anchored()) {
          matchAtHits(rule, text, newlines, windows.hits(id), len, claimed, reportFrom, reportTo);
          continue;
        }
        List<int[]> ruleWindows = rule.keywords().isEmpty() ? List.of(new int[] {0, len}) : windows.windows(id);
        if (ruleWindows == null) {
          continue;
        }
        for (int[] w : ruleWindows) {
          deadline.check();
          List<SecretPattern.Match> matches;
          try {
            matches = rule.regex().findAll(text, w[0], w[1]);
          } catch (StackOverflowError e) {
            warnings.add(path + ": rule " + rule.id() + " overflowed the stack on this file; skipped");
            continue;
          }
          for (SecretPattern.Match m : matches) {
            consider(rule, text, newlines, m, claimed, reportFrom, reportTo);
          }
        }
      }
      return newlines;
    }

    /** An anchored rule: the regex is tried at each keyword hit, skipping hits inside the previous match. */
    private void matchAtHits(Rule rule, DeadlineText text, int[] newlines, int[] hits, int len,
        TreeMap<Integer, Integer> claimed, int reportFrom, int reportTo) {
      if (hits == null) {
        return;
      }
      int end = -1;
      for (int i = 0; i < hits.length; i++) {
        int at = hits[i];
        if (at < end || (i > 0 && at == hits[i - 1])) {
          continue;
        }
        if ((i & 63) == 0) {
          deadline.check();
        }
        SecretPattern.Match m;
        try {
          m = rule.regex().matchAt(text, at, Math.min(len, at + FORWARD));
        } catch (StackOverflowError e) {
          warnings.add(path + ": rule " + rule.id() + " overflowed the stack on this file; skipped");
          return;
        }
        if (m != null && m.end() > m.start()) {
          end = m.end();
          consider(rule, text, newlines, m, claimed, reportFrom, reportTo);
        }
      }
    }

    private void consider(Rule rule, DeadlineText text, int[] newlines, SecretPattern.Match m,
        TreeMap<Integer, Integer> claimed, int reportFrom, int reportTo) {
      int group = secretGroup(rule, m);
      int start = m.start(group);
      int end = m.end(group);
      String secret = text.substring(start, end);
      if (secret.isEmpty() || (rule.entropy() != null && Entropy.bits(secret) < rule.entropy())) {
        return;
      }
      if (rule.validator() != null && !rule.validator().accept(secret, text, m)) {
        return;
      }
      if (overlaps(claimed, start, end)) {
        return;
      }
      int[] line = lineBounds(text, m.start(), m.end());
      if (!rule.allowlists().isEmpty()
          && allowedByList(rule, secret, text.substring(m.start(), m.end()), text.substring(line[0], line[1]))) {
        return;
      }
      claimed.put(start, end);
      if (m.start() < reportFrom || m.start() >= reportTo) {
        return;
      }
      if (text.substring(line[0], lineBounds(text, m.start(), m.start())[1]).contains(ALLOW_MARKER)) {
        return;
      }
      int k = countBefore(newlines, m.start());
      int lineNo = bufLine + k;
      int column = k == 0 ? bufColumn + m.start() : m.start() - newlines[k - 1];
      hits.add(new Hit(rule, lineNo, column, secret));
    }

    private boolean allowedByList(Rule rule, String secret, String match, String line) {
      for (Allowlist a : rule.allowlists()) {
        if (a.allows(path, secret, match, line)) {
          return true;
        }
      }
      return false;
    }

    /** Fills keyword windows (or hit starts, for anchored rules) per rule index; returns the newlines. */
    private int[] windows(char[] buf, int length, KeywordWindows windows) {
      return automaton.scan(buf, length, (keyword, start, end) -> {
        for (int id : rulesByKeyword[keyword]) {
          if (anchoredRule[id]) {
            windows.hit(id, start);
          } else {
            windows.add(id, Math.max(0, start - BACK), Math.min(length, end + FORWARD));
          }
        }
      });
    }
  }

  private static int secretGroup(Rule rule, SecretPattern.Match m) {
    int g = rule.secretGroup();
    if (g > 0) {
      return m.start(g) >= 0 ? g : 0;
    }
    for (int i = 1; i <= m.groupCount(); i++) {
      if (m.start(i) >= 0 && m.end(i) > m.start(i)) {
        return i;
      }
    }
    return 0;
  }

  private static boolean overlaps(TreeMap<Integer, Integer> claimed, int start, int end) {
    Map.Entry<Integer, Integer> before = claimed.floorEntry(start);
    if (before != null && before.getValue() > start) {
      return true;
    }
    Map.Entry<Integer, Integer> after = claimed.ceilingEntry(start);
    return after != null && after.getKey() < end;
  }

  /** Start and end of the line(s) holding {@code [start, end)}, at most 4096 characters beyond them. */
  private static int[] lineBounds(CharSequence text, int start, int end) {
    int lo = Math.max(0, start - 4096);
    int from = start;
    while (from > lo && text.charAt(from - 1) != '\n') {
      from--;
    }
    int hi = Math.min(text.length(), end + 4096);
    int to = end;
    while (to < hi && text.charAt(to) != '\n') {
      to++;
    }
    return new int[] {from, to};
  }

  /** Number of newlines before {@code offset}. */
  private static int countBefore(int[] newlines, int offset) {
    int i = Arrays.binarySearch(newlines, offset);
    return i >= 0 ? i : -i - 1;
  }
}
