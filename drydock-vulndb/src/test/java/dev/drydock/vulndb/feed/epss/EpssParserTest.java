package dev.drydock.vulndb.feed.epss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.vulndb.AdvisorySource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EpssParserTest {
  @TempDir Path tmp;

  static Path resource(String name) throws URISyntaxException {
    return Path.of(EpssParserTest.class.getResource("/fetch/" + name).toURI());
  }

  /** The .expected.tsv made by make-epss-expected.py (Python csv module): "date\tD" then cve, epss, percentile. */
  static List<String> expected(String csv) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(resource(csv.replace(".csv", ".expected.tsv")))) {
      String[] f = line.split("\t");
      // same doubles, Java's spelling (Python writes 0.00073, Java 7.3E-4)
      out.add(f[0].equals("date") ? line : f[0] + "\t" + Double.parseDouble(f[1]) + "\t" + Double.parseDouble(f[2]));
    }
    return out;
  }

  static List<String> rows(List<AdvisorySource.Epss> got) {
    List<String> out = new ArrayList<>();
    for (AdvisorySource.Epss e : got) {
      out.add(e.cve() + "\t" + e.score() + "\t" + e.percentile());
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"claircore-data.csv", "vunnel-example-1.csv"})
  void realFilesMatchPythonsReading(String name) throws Exception {
    List<String> want = expected(name);
    String date = want.get(0).split("\t")[1];
    for (boolean gzip : new boolean[] {false, true}) {
      Path file = resource(name);
      if (gzip) {
        file = tmp.resolve(name + ".gz");
        Files.write(file, gzip(Files.readAllBytes(resource(name))));
      }
      List<AdvisorySource.Epss> got = new ArrayList<>();
      EpssParser.Summary s = EpssParser.parse(file, got::add);
      assertThat(rows(got)).containsExactlyElementsOf(want.subList(1, want.size()));
      assertThat(got).allSatisfy(e -> assertThat(e.date()).isEqualTo(date));
      assertThat(s.scoreDate()).isEqualTo(date);
      assertThat(s.modelVersion()).isEqualTo("v2023.03.01");
      assertThat(s.accepted()).isEqualTo(want.size() - 1);
      assertThat(s.malformed()).isZero();
    }
  }

  @Test
  void malformedRowsAreCountedWithLineNumbers() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(resource("claircore-data.csv")));
    lines.set(4, "CVE-1999-0007,0.00073");          // line 5: a column missing
    lines.set(6, "CVE-1999-0009,high,0.94772");     // line 7: not a number
    lines.set(9, "GHSA-xxxx-yyyy-zzzz,0.1,0.2");    // line 10: not a CVE
    lines.add(12, "CVE-2024-0001,1.5,0.3");         // line 13: out of range
    Path file = tmp.resolve("scores.csv.gz");
    Files.write(file, gzip(String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8)));

    List<AdvisorySource.Epss> got = new ArrayList<>();
    EpssParser.Summary s = EpssParser.parse(file, got::add);

    assertThat(s.malformed()).isEqualTo(4);
    assertThat(s.accepted()).isEqualTo(29 - 3);
    assertThat(got).hasSize(26);
    assertThat(s.problems()).extracting(p -> p.replaceAll(".*: line (\\d+):.*", "$1"))
        .containsExactly("5", "7", "10", "13");
    assertThat(s.problems().get(0)).startsWith(file + ": line 5: ");
  }

  @Test
  void notAnEpssFileNamesTheFile() throws Exception {
    Path kev = resource("kev-excerpt.json");
    assertThatThrownBy(() -> EpssParser.parse(kev, e -> {}))
        .isInstanceOf(DrydockException.class).hasMessageStartingWith(kev + ": not an EPSS CSV");
    byte[] gz = gzip(Files.readAllBytes(resource("claircore-data.csv")));
    Path cut = tmp.resolve("cut.csv.gz");
    Files.write(cut, Arrays.copyOf(gz, gz.length - 12));
    assertThatThrownBy(() -> EpssParser.parse(cut, e -> {}))
        .isInstanceOf(DrydockException.class).hasMessageContaining(cut.toString());
  }

  @Test
  void recognisesPlainAndGzipHeads() throws Exception {
    byte[] plain = Files.readAllBytes(resource("vunnel-example-1.csv"));
    assertThat(EpssParser.recognises(Arrays.copyOf(plain, 40))).isTrue();
    assertThat(EpssParser.recognises(Arrays.copyOf(gzip(plain), 60))).isTrue();
    assertThat(EpssParser.recognises("cve,epss,percentile\nCVE-1-2".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(EpssParser.recognises(Arrays.copyOf(Files.readAllBytes(resource("kev-excerpt.json")), 200))).isFalse();
    assertThat(EpssParser.recognises(Arrays.copyOf(gzip("name,version\n".getBytes(StandardCharsets.UTF_8)), 20)))
        .isFalse();
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }
}
