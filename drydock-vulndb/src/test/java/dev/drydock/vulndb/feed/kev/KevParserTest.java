package dev.drydock.vulndb.feed.kev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.vulndb.AdvisorySource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KevParserTest {
  @TempDir Path tmp;

  static Path resource(String name) throws URISyntaxException {
    return Path.of(KevParserTest.class.getResource("/fetch/" + name).toURI());
  }

  /** Rows of kev-excerpt.expected.tsv (written by make-kev-excerpt.py with Python's json module). */
  static List<String> expectedRows() throws Exception {
    return Files.readAllLines(resource("kev-excerpt.expected.tsv"), StandardCharsets.UTF_8);
  }

  static String row(AdvisorySource.Kev k) {
    return String.join("\t", k.cve(), k.dateAdded(), k.dueDate(), String.valueOf(k.knownRansomwareUse()),
        k.vendorProject(), k.product(), k.requiredAction());
  }

  @Test
  void realExcerptMatchesPythonsReading() throws Exception {
    List<String> got = new ArrayList<>();
    KevParser.Summary s = KevParser.parse(resource("kev-excerpt.json"), k -> got.add(row(k)));
    assertThat(got).containsExactlyElementsOf(expectedRows());
    assertThat(s.catalogVersion()).isEqualTo("2025.08.25");
    assertThat(s.accepted()).isEqualTo(201);
    assertThat(s.malformed()).isZero();
    assertThat(got).anyMatch(r -> r.contains("\ttrue\t")).anyMatch(r -> r.contains("\tfalse\t"));
  }

  @Test
  void malformedEntryIsCountedWithItsLineAndTheRestKept() throws Exception {
    String json = Files.readString(resource("kev-excerpt.json"));
    String victim = expectedRows().get(3).split("\t")[0];
    String broken = json.replace("\"cveID\": \"" + victim + "\"", "\"cveID\": \"not-a-cve\"");
    assertThat(broken).isNotEqualTo(json);
    broken = broken.replaceFirst("\"dueDate\": \"2025-09-15\"", "\"dueDate\": \"15/09/2025\"");
    int victimLine = lineOf(broken, "not-a-cve");
    Path file = tmp.resolve("kev.json");
    Files.writeString(file, broken);

    List<String> got = new ArrayList<>();
    KevParser.Summary s = KevParser.parse(file, k -> got.add(k.cve()));

    assertThat(s.accepted()).isEqualTo(199);
    assertThat(s.malformed()).isEqualTo(2);
    assertThat(got).doesNotContain(victim, expectedRows().get(0).split("\t")[0]).hasSize(199);
    assertThat(s.problems()).hasSize(2);
    assertThat(s.problems().get(0)).contains("15/09/2025").contains(file.toString());
    // the problem names the line where the entry's object starts: a few lines above its cveID
    String second = s.problems().get(1);
    assertThat(second).contains("vulnerabilities[3]").contains("not-a-cve");
    int reported = Integer.parseInt(second.replaceAll(".*: line (\\d+):.*", "$1"));
    assertThat(reported).isBetween(victimLine - 2, victimLine - 1);
  }

  private static int lineOf(String text, String needle) {
    return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count() + 1;
  }

  @Test
  void notAKevCatalogueNamesTheFile() throws Exception {
    Path epss = resource("vunnel-example-1.csv");
    assertThatThrownBy(() -> KevParser.parse(epss, k -> {}))
        .isInstanceOf(DrydockException.class).hasMessageContaining(epss.toString())
        .hasMessageContaining("not a CISA KEV catalogue");
    Path other = tmp.resolve("other.json");
    Files.writeString(other, "{\"title\": \"x\", \"vulnerabilities\": []}");
    assertThatThrownBy(() -> KevParser.parse(other, k -> {}))
        .isInstanceOf(DrydockException.class).hasMessage(other + ": not a CISA KEV catalogue (no catalogVersion)");
  }

  @Test
  void truncatedCatalogueIsAnError() throws Exception {
    byte[] all = Files.readAllBytes(resource("kev-excerpt.json"));
    Path cut = tmp.resolve("cut.json");
    Files.write(cut, Arrays.copyOf(all, all.length / 2));
    assertThatThrownBy(() -> KevParser.parse(cut, k -> {}))
        .isInstanceOf(DrydockException.class).hasMessageContaining(cut.toString());
  }

  @Test
  void recognisesKevButNotEpssOrOtherJson() throws Exception {
    assertThat(KevParser.recognises(head("kev-excerpt.json"))).isTrue();
    assertThat(KevParser.recognises(head("claircore-data.csv"))).isFalse();
    assertThat(KevParser.recognises("{\"id\": \"GHSA-xxxx\", \"modified\": \"2024\"}".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
  }

  static byte[] head(String name) throws IOException {
    try (InputStream in = KevParserTest.class.getResourceAsStream("/fetch/" + name)) {
      return in.readNBytes(512);
    }
  }
}
