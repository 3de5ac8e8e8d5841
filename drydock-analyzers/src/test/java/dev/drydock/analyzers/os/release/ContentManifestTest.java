package dev.drydock.analyzers.os.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.FileInput;
import dev.drydock.model.Fact;
import dev.drydock.model.OsInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Red Hat content manifests ({@code root/buildinfo/content_manifests/*.json}): their {@code content_sets} join the
 * RHEL os-release. The manifests here are written in the test in the shape Red Hat documents (security-data-guidelines
 * "scanning-vendors": one file per layer, a {@code content_sets} array of repository labels; atomic-reactor's image
 * content manifest schema for {@code metadata} and {@code image_contents}); no real manifest was found in the index.
 */
class ContentManifestTest {
  private final OsReleaseAnalyzer analyzer = new OsReleaseAnalyzer();

  private List<Fact> analyze(String path, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    assertThat(analyzer.wants(path, bytes.length, 0644)).isTrue();
    return analyzer.analyze(FileInput.ofBytes(path, bytes, 0644));
  }

  private static final String UBI9 = """
      NAME="Red Hat Enterprise Linux"
      VERSION="9.2 (Plow)"
      ID="rhel"
      VERSION_ID="9.2"
      PRETTY_NAME="Red Hat Enterprise Linux 9.2 (Plow)"
      """;

  @Test
  void eachLayersContentSetsJoinTheRhelOsRelease() throws IOException {
    List<Fact> facts = new java.util.ArrayList<>();
    facts.addAll(analyze("etc/os-release", UBI9));
    facts.addAll(analyze("root/buildinfo/content_manifests/ubi9-container-9.2-755.json", """
        {"metadata": {"icm_version": 1, "icm_spec": "https://raw.githubusercontent.com/containerbuildsystem/atomic-reactor/master/atomic_reactor/schemas/content_manifest.json", "image_layer_index": 0},
         "content_sets": ["rhel-9-for-x86_64-baseos-eus-rpms__9_DOT_2", "rhel-9-for-x86_64-appstream-eus-rpms__9_DOT_2"],
         "image_contents": []}
        """));
    facts.addAll(analyze("root/buildinfo/content_manifests/app-container-1-3.json", """
        {"metadata": {"icm_version": 1, "image_layer_index": 1},
         "content_sets": ["rhel-9-for-x86_64-appstream-eus-rpms__9_DOT_2"], "image_contents": []}
        """));
    OsInfo os = OsResolver.resolve(facts.stream().map(f -> (Fact.OsDetected) f).toList()).orElseThrow();
    assertThat(os.family()).isEqualTo("rhel");
    assertThat(os.versionId()).isEqualTo("9.2");
    assertThat(os.source()).isEqualTo("etc/os-release");
    assertThat(os.contentSets()).containsExactly("rhel-9-for-x86_64-appstream-eus-rpms__9_DOT_2",
        "rhel-9-for-x86_64-baseos-eus-rpms__9_DOT_2");
  }

  @Test
  void withoutManifestsNothingChangesAndBadManifestsAreIgnored() throws IOException {
    List<Fact> facts = new java.util.ArrayList<>(analyze("etc/os-release", UBI9));
    assertThat(analyze("root/buildinfo/content_manifests/broken.json", "{\"content_sets\": [")).isEmpty();
    assertThat(analyze("root/buildinfo/content_manifests/none.json", "{\"content_sets\": []}")).isEmpty();
    assertThat(analyzer.wants("root/buildinfo/content_manifests/sub/x.json", 10, 0644)).isFalse();
    assertThat(analyzer.wants("root/buildinfo/Dockerfile-ubi9-9.2", 10, 0644)).isFalse();
    OsInfo os = OsResolver.resolve(facts.stream().map(f -> (Fact.OsDetected) f).toList()).orElseThrow();
    assertThat(os.contentSets()).isEmpty();
    assertThat(os).isEqualTo(new OsInfo("rhel", "9.2", null, "Red Hat Enterprise Linux 9.2 (Plow)", "etc/os-release"));
  }
}
