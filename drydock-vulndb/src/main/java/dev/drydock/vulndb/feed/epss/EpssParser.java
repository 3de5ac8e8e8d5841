package dev.drydock.vulndb.feed.epss;

import dev.drydock.model.DrydockException;
import dev.drydock.vulndb.feed.FeedException;
import dev.drydock.vulndb.AdvisorySource;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Streams a FIRST EPSS score file (https://epss.cyentia.com/epss_scores-current.csv.gz), plain or gzip
 * (detected by the {@code 1f 8b} magic), into {@link AdvisorySource.Epss} values.
 *
 * <p>Layout: an optional comment line {@code #model_version:v2023.03.01,score_date:2024-10-25T00:00:00+0000},
 * the header {@code cve,epss,percentile}, then one row per CVE. Every value carries the score date's
 * {@code yyyy-mm-dd} (null when the file has no comment line). Malformed rows are skipped and reported with
 * their line number in {@link Summary#problems()}; a file that is not an EPSS CSV raises
 * {@link DrydockException} naming the file.
 */
public final class EpssParser {
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
  private static final Pattern SCORE_DATE = Pattern.compile("score_date:(\\d{4}-\\d{2}-\\d{2})");
  private static final String HEADER = "cve,epss,percentile";
  private static final int MAX_PROBLEMS_KEPT = 100;

  private EpssParser() {}

  /** What a parse produced: model version and score date (null if absent), rows emitted, malformed rows. */
  public record Summary(String modelVersion, String scoreDate, long accepted, long malformed, List<String> problems) {
    public Summary {
      problems = List.copyOf(problems);
    }
  }

  /** True if {@code head} (the first bytes of a file, possibly gzip) looks like an EPSS CSV. */
  public static boolean recognises(byte[] head) {
    byte[] text = head;
    if (isGzip(head)) {
      text = gunzipPrefix(head);
    }
    String s = new String(text, StandardCharsets.UTF_8);
    if (s.startsWith("\uFEFF")) {
      s = s.substring(1);
    }
    return s.startsWith("#model_version:") || s.startsWith(HEADER);
  }

  /** Parses {@code file}, handing each valid row to {@code sink}. */
  public static Summary parse(Path file, Consumer<AdvisorySource.Epss> sink) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString(), sink);
    } catch (IOException e) {
      throw new FeedException("cannot read EPSS file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses an EPSS CSV (plain or gzip) from {@code in}; {@code name} names the source in messages. */
  public static Summary parse(InputStream in, String name, Consumer<AdvisorySource.Epss> sink) {
    try {
      BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
      buffered.mark(2);
      boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
      buffered.reset();
      InputStream plain = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
      BufferedReader reader = new BufferedReader(new InputStreamReader(plain, StandardCharsets.UTF_8), 1 << 16);
      return new Run(reader, name, sink).document();
    } catch (java.util.zip.ZipException e) {
      throw new FeedException(name + ": not an EPSS CSV (corrupt gzip: " + e.getMessage() + ")", e);
    } catch (java.io.EOFException e) {
      throw new FeedException(name + ": truncated EPSS file (unexpected end of gzip stream)", e);
    } catch (IOException e) {
      throw new FeedException("cannot read EPSS file " + name + ": " + e.getMessage(), e);
    }
  }

  /** One parse over the decompressed lines. */
  private static final class Run {
    private final BufferedReader reader;
    private final String name;
    private final Consumer<AdvisorySource.Epss> sink;
    private final List<String> problems = new ArrayList<>();
    private long lineNo;
    private long accepted;
    private long malformed;

    Run(BufferedReader reader, String name, Consumer<AdvisorySource.Epss> sink) {
      this.reader = reader;
      this.name = name;
      this.sink = sink;
    }

    Summary document() throws IOException {
      String line = next();
      String modelVersion = null;
      String scoreDate = null;
      if (line != null && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line != null && line.startsWith("#")) {
        modelVersion = field(line, "model_version");
        Matcher m = SCORE_DATE.matcher(line);
        scoreDate = m.find() ? m.group(1) : null;
        line = next();
      }
      if (line == null || !line.strip().equalsIgnoreCase(HEADER)) {
        throw new FeedException(name + ": not an EPSS CSV (line " + lineNo + " is not the header '" + HEADER + "')");
      }
      while ((line = next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String problem = row(line, scoreDate);
        if (problem != null) {
          malformed++;
          if (problems.size() < MAX_PROBLEMS_KEPT) {
            problems.add(name + ": line " + lineNo + ": " + problem);
          }
        }
      }
      return new Summary(modelVersion, scoreDate, accepted, malformed, problems);
    }

    private String row(String line, String date) {
      String[] cols = line.split(",", -1);
      if (cols.length != 3) {
        return "expected 3 columns, found " + cols.length;
      }
      String cve = cols[0].strip();
      if (!CVE.matcher(cve).matches()) {
        return "'" + cve + "' is not a CVE id";
      }
      double score;
      double percentile;
      try {
        score = Double.parseDouble(cols[1].strip());
        percentile = Double.parseDouble(cols[2].strip());
      } catch (NumberFormatException e) {
        return cve + ": score or percentile is not a number";
      }
      if (!(score >= 0 && score <= 1 && percentile >= 0 && percentile <= 1)) {
        return cve + ": score or percentile outside [0, 1]";
      }
      sink.accept(new AdvisorySource.Epss(cve, score, percentile, date));
      accepted++;
      return null;
    }

    private String next() throws IOException {
      String line = reader.readLine();
      if (line != null) {
        lineNo++;
      }
      return line;
    }

    private static String field(String comment, String key) {
      for (String part : comment.substring(1).split(",")) {
        int colon = part.indexOf(':');
        if (colon > 0 && part.substring(0, colon).strip().equals(key)) {
          return part.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }

  private static boolean isGzip(byte[] head) {
    return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
  }

  /** Decompresses as much of a gzip prefix as is there (a head is usually cut mid-stream). */
  private static byte[] gunzipPrefix(byte[] head) {
    byte[] out = new byte[64];
    int n = 0;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(head))) {
      int r;
      while (n < out.length && (r = in.read(out, n, out.length - n)) > 0) {
        n += r;
      }
    } catch (IOException e) {
      // a cut-off stream ends early: keep what was inflated
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
