package dev.drydock.vulndb.feed.photon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.vulndb.feed.FeedImporters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PhotonCveImporterTest {
  private final PhotonCveImporter importer = new PhotonCveImporter();

  @Test
  void theReleaseComesFromTheFileNameAsVmwareAndDbUpdateNameIt() {
    assertThat(PhotonCveImporter.releaseOf(
        "https://packages.vmware.com/photon/photon_cve_metadata/cve_data_photon5.0.json")).isEqualTo("5.0");
    assertThat(PhotonCveImporter.releaseOf("/cache/feeds/photon-4.0.json")).isEqualTo("4.0");
    assertThat(PhotonCveImporter.releaseOf("C:\\feeds\\cve_data_photon3.0.json")).isEqualTo("3.0");
    assertThat(PhotonCveImporter.releaseOf("/data/photon-4.0/advisories.json")).isNull(); // the last segment only
    assertThat(PhotonCveImporter.releaseOf("/data/cve_data_photon_empty_cveid.json")).isNull();
  }

  @Test
  void recognisesPhotonsArrayButNotOtherJson() throws Exception {
    byte[] real = Files.readAllBytes(Path.of(getClass().getResource("/match/photon/cve_data_photon4.0.json").toURI()));
    assertThat(importer.recognises("x.json", real)).isTrue();
    assertThat(FeedImporters.sniff("x.json", real)).containsSame(FeedImporters.sniff("y.json", real).orElseThrow())
        .hasValueSatisfying(i -> assertThat(i.format()).isEqualTo("photon-cve-json"));
    assertThat(importer.recognises("photon_versions.json",
        "{\"branches\": [\"1.0\", \"2.0\", \"3.0\"]}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(importer.recognises("osv.json",
        "[{\"id\": \"GHSA-1\", \"affected\": []}]".getBytes(StandardCharsets.UTF_8))).isFalse();
  }
}
