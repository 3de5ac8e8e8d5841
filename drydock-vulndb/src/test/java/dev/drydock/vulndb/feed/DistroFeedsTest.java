package dev.drydock.vulndb.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.vulndb.osv.OsvRecord;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistroFeedsTest {

  @TempDir Path cache;
  @TempDir Path work;

  static Path feeds(String sub) {
    try {
      return Path.of(DistroFeedsTest.class.getResource("/feeds/" + sub).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String[]> tsv(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isEmpty()).map(l -> l.split("\t", -1)).toList();
  }

  private static final Map<String, String> DEBIAN = Map.of("jessie", "8", "stretch", "9", "buster", "10",
      "bullseye", "11", "bookworm", "12", "trixie", "13", "sid", "unstable");

  /** (id, ecosystem, name, status, fixed-or-empty, urgency-or-empty) of every affected entry. */
  private static Set<List<String>> rows(VulnStore store, Set<String> ids) {
    Set<List<String>> out = new HashSet<>();
    for (String id : ids) {
      for (OsvRecord r : store.byId(id)) {
        for (OsvRecord.OsvAffected a : r.affected()) {
          String fixed = a.ranges().isEmpty() ? "" : a.ranges().get(0).events().stream()
              .filter(e -> e.fixed() != null).map(OsvRecord.OsvEvent::fixed).findFirst().orElse("");
          if (!a.ranges().isEmpty()) {
            assertThat(a.ranges().get(0).events().get(0).introduced()).isEqualTo("0");
            assertThat(a.ranges().get(0).type()).isEqualTo("ECOSYSTEM");
          }
          out.add(List.of(r.id(), a.pkg().ecosystem(), a.pkg().name(),
              a.ecosystemSpecific().path("status").asText(), fixed,
              a.ecosystemSpecific().path("urgency").asText("")));
        }
      }
    }
    return out;
  }

  @Test
  void debianTrackerJsonConvertsAsExpectedTsvSays() throws IOException {
    Path json = feeds("debian-tracker/vunnel-debian.json");
    ImportReport report = Imports.importPaths(List.of(json), cache);
    List<String[]> expected = tsv(feeds("debian-tracker/expected.tsv"));
    Set<String> allIds = new HashSet<>();
    Set<List<String>> want = new HashSet<>();
    for (String[] row : expected) { // package, CVE, release, status, fixed_version, urgency
      allIds.add(row[1]);
      if (row[3].equals("resolved") && row[4].equals("0")) {
        continue; // not affected
      }
      String status = row[3].equals("resolved") ? "fixed" : row[5].equals("end-of-life") ? "end_of_life" : row[3];
      want.add(List.of(row[1], "Debian:" + DEBIAN.get(row[2]), row[0], status, row[4], row[5]));
    }
    allIds.add("CVE-2022-0358"); // chromium-browser, "releases": []
    try (VulnStore store = VulnStore.open(cache)) {
      assertThat(rows(store, allIds)).containsExactlyInAnyOrderElementsOf(want);
      assertThat(store.byId("CVE-2007-2383")).isEmpty(); // fixed_version 0 everywhere
      assertThat(store.byId("CVE-2022-0358")).isEmpty();
      assertThat(store.advisories("Debian:11", "chromium")).extracting(OsvRecord::id).containsExactly("CVE-2022-0456");
      OsvRecord sope = store.byId("CVE-2025-53603").get(0);
      assertThat(sope.details()).startsWith("In Alinto SOPE SOGo 2.0.2 through 5.12.2");
      assertThat(sope.affected()).hasSize(4);
    }
    long distinctAffectedCves = want.stream().map(r -> r.get(0)).distinct().count();
    assertThat(report.records()).isEqualTo(distinctAffectedCves);
    assertThat(report.imported()).extracting(ImportResult::format).containsExactly("debian-tracker");
  }

  @Test
  void debianNodsaIgnoredPostponedAndUndetermined() throws IOException {
    // hand-made per the tracker's JSON keys (nodsa, nodsa_reason); the excerpt above has none of them
    Path f = work.resolve("tracker.json");
    Files.writeString(f, """
        {"openssl": {"CVE-2099-0001": {"description": "d", "releases": {
          "bookworm": {"status": "open", "urgency": "low", "nodsa": "Minor issue", "nodsa_reason": ""},
          "bullseye": {"status": "open", "urgency": "low", "nodsa": "Not worth it", "nodsa_reason": "ignored"},
          "trixie": {"status": "open", "urgency": "medium", "nodsa": "Revisit when fixed upstream", "nodsa_reason": "postponed"},
          "buster": {"status": "undetermined", "urgency": "not yet assigned"},
          "experimental": {"status": "open", "urgency": "low"}}}}}
        """);
    ImportReport report = Imports.importPaths(List.of(f), cache);
    assertThat(report.skipped()).extracting(Skipped::reason).containsExactly("unknown Debian release experimental (1 entries)");
    try (VulnStore store = VulnStore.open(cache)) {
      OsvRecord r = store.byId("CVE-2099-0001").get(0);
      assertThat(r.affected()).extracting(a -> a.pkg().ecosystem() + " " + a.ecosystemSpecific().path("status").asText()
          + " " + a.ecosystemSpecific().path("note").asText("-")).containsExactlyInAnyOrder(
              "Debian:12 open no-dsa: Minor issue",
              "Debian:11 will_not_fix ignored: Not worth it",
              "Debian:13 open postponed: Revisit when fixed upstream",
              "Debian:10 undetermined -");
    }
  }

  @Test
  void alpineSecdbJsonFixturesConvertAsExpectedTsvSays() throws IOException {
    for (String name : List.of("v3.10-community.claircore", "311-main.vuln-list-update",
        "312-main.vuln-list-update", "edge-main.vuln-list-update")) {
      checkAlpine(feeds("alpine-secdb/" + name + ".json"), feeds("alpine-secdb/" + name + ".expected.tsv"));
    }
  }

  @Test
  void alpineSecdbYamlConvertsAsPythonSays() throws IOException {
    checkAlpine(feeds("alpine-secdb-yaml/v3.11-main.yaml"), feeds("alpine-secdb-yaml/v3.11-main.expected.tsv"));
  }

  private void checkAlpine(Path feed, Path expectedTsv) throws IOException {
    Path dir = Files.createTempDirectory(work, "cache");
    ImportReport report = Imports.importPaths(List.of(feed), dir);
    Set<List<String>> want = new HashSet<>();
    Set<String> ids = new HashSet<>();
    long emptyLists = 0;
    for (String[] row : tsv(expectedTsv)) { // distroversion, reponame, package, fixed version, id
      if (row[4].equals("-")) {
        emptyLists++;
        continue;
      }
      ids.add(row[4]);
      want.add(List.of(row[4], "Alpine:" + row[0], row[2], row[3].equals("0") ? "not_affected" : "fixed",
          row[3].equals("0") ? "" : row[3], ""));
    }
    try (VulnStore store = VulnStore.open(dir)) {
      assertThat(rows(store, ids)).as(feed.toString()).containsExactlyInAnyOrderElementsOf(want);
      assertThat(store.status().counts()).containsEntry("advisories", (long) ids.size());
    }
    assertThat(report.records()).isEqualTo(ids.size());
    assertThat(report.skipped()).hasSize((int) emptyLists);
  }

  @Test
  void alpineSeveralIdsInOneStringAndNotAffectedKey() throws IOException {
    Path f = work.resolve("main.json");
    Files.writeString(f, """
        {"distroversion": "v3.18", "reponame": "main", "packages": [{"pkg": {"name": "xen",
          "secfixes": {"4.10.0-r2": ["CVE-2018-7540 XSA-252 (fixed upstream)"], "0": ["CVE-2020-0001"], "4.9.1-r0": ["XSA-248"]}}}]}
        """);
    Imports.importPaths(List.of(f), cache);
    try (VulnStore store = VulnStore.open(cache)) {
      assertThat(store.advisories("Alpine:v3.18", "xen")).extracting(OsvRecord::id)
          .containsExactlyInAnyOrder("CVE-2018-7540", "XSA-252", "CVE-2020-0001", "XSA-248");
      assertThat(rows(store, Set.of("XSA-252", "CVE-2020-0001"))).containsExactlyInAnyOrder(
          List.of("XSA-252", "Alpine:v3.18", "xen", "fixed", "4.10.0-r2", ""),
          List.of("CVE-2020-0001", "Alpine:v3.18", "xen", "not_affected", "", ""));
    }
  }
}
