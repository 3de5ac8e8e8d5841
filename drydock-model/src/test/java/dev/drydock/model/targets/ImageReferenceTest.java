package dev.drydock.model.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * References as users type them (docker pull, Kubernetes pod specs), normalised as the distribution reference
 * grammar and the docker CLI do (github.com/distribution/reference normalize.go: docker.io, library/, latest).
 */
class ImageReferenceTest {
  static final String SHA = "sha256:6a0ac1617861a677b045b7ff88545213ec31c0ff08763195a70a4a5adda577bb";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ubuntu                              | docker.io      | library/ubuntu    | latest | ",
      "ubuntu:22.04                        | docker.io      | library/ubuntu    | 22.04  | ",
      "bitnami/redis:7.2                   | docker.io      | bitnami/redis     | 7.2    | ",
      "docker.io/ubuntu                    | docker.io      | library/ubuntu    | latest | ",
      "index.docker.io/library/nginx:1.25  | docker.io      | library/nginx     | 1.25   | ",
      "localhost:5000/a/b:1.0              | localhost:5000 | a/b               | 1.0    | ",
      "localhost/app                       | localhost      | app               | latest | ",
      "quay.io/prometheus/node-exporter    | quay.io        | prometheus/node-exporter | latest | ",
      "registry.k8s.io/pause:3.9           | registry.k8s.io | pause            | 3.9    | ",
      "[::1]:5000/img:v1                   | [::1]:5000     | img               | v1     | ",
      "my_registry_/x                      | docker.io      | my_registry_/x    | latest | ",
  })
  void parsesAndNormalises(String input, String registry, String repository, String tag, String digest) {
    if (input.equals("my_registry_/x")) {
      // a trailing separator is not a path component: refused, not normalised
      assertThatThrownBy(() -> ImageReference.parse(input)).isInstanceOf(DrydockException.class);
      return;
    }
    ImageReference r = ImageReference.parse(input);
    assertThat(r.registry()).isEqualTo(registry);
    assertThat(r.repository()).isEqualTo(repository);
    assertThat(r.tag()).isEqualTo(tag);
    assertThat(r.digest()).isNull();
  }

  @org.junit.jupiter.api.Test
  void aDigestReferenceHasNoDefaultTag() {
    ImageReference r = ImageReference.parse("ghcr.io/org/img@" + SHA);
    assertThat(r.registry()).isEqualTo("ghcr.io");
    assertThat(r.repository()).isEqualTo("org/img");
    assertThat(r.tag()).isNull();
    assertThat(r.digest()).isEqualTo(Digest.parse(SHA));
    assertThat(r).hasToString("ghcr.io/org/img@" + SHA);

    ImageReference both = ImageReference.parse("nginx:1.25@" + SHA);
    assertThat(both).hasToString("docker.io/library/nginx:1.25@" + SHA);
    assertThat(ImageReference.parse("ubuntu")).hasToString("docker.io/library/ubuntu:latest");
    assertThat(ImageReference.parse("localhost:5000/a/b:1.0").name()).isEqualTo("localhost:5000/a/b");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "Ubuntu", "docker.io/Library/ubuntu", "ubuntu:", "ubuntu:-dash", "ubuntu:.dot", "a//b", "/ubuntu",
      "ubuntu/", "ubuntu@sha256:abc", "ubuntu@md5:0123456789abcdef0123456789abcdef", "ubuntu:tag with space",
      "registry:notaport/x", "a--_b", "-leading"})
  void refusesMalformedReferences(String input) {
    assertThatThrownBy(() -> ImageReference.parse(input)).isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("invalid image reference");
  }

  @org.junit.jupiter.api.Test
  void aTagIsAtMost128Characters() {
    assertThat(ImageReference.parse("a:" + "t".repeat(128)).tag()).hasSize(128);
    assertThatThrownBy(() -> ImageReference.parse("a:" + "t".repeat(129))).hasMessageContaining("bad tag");
  }

  @org.junit.jupiter.api.Test
  void upperCaseRepositoriesAreNamedAsSuch() {
    assertThatThrownBy(() -> ImageReference.parse("ghcr.io/Org/img")).hasMessageContaining("lower case");
  }
}
