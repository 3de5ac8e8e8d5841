package dev.drydock.model.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
  /** The config digest of examples/demo-app.tar's image (its manifest.json names the blob). */
  static final String SHA256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void parsesSha256AndSha512() {
    Digest d = Digest.parse(SHA256);
    assertThat(d.algorithm()).isEqualTo("sha256");
    assertThat(d.hex()).hasSize(64);
    assertThat(d).hasToString(SHA256);
    assertThat(d.shortForm()).isEqualTo("sha256:e3b0c44298fc");
    assertThat(Digest.parse("sha512:" + "ab".repeat(64)).hex()).hasSize(128);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "sha256", "sha256:", ":abc", "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
      "sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "md5:d41d8cd98f00b204e9800998ecf8427e",
      "SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"})
  void refusesWhatCannotBeVerified(String s) {
    assertThatThrownBy(() -> Digest.parse(s)).isInstanceOf(DrydockException.class).hasMessageStartingWith("invalid digest");
    assertThat(Digest.isValid(s)).isFalse();
  }
}
