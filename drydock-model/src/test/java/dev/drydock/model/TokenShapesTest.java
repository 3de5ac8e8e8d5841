package dev.drydock.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenShapesTest {

  @Test
  void documentedShapesAreNamedAndLookalikesAreNot() {
    // fake values of the documented shapes, built here; not credentials
    assertThat(TokenShapes.find("key=AKIA" + "Q".repeat(16))).isEqualTo("an AWS access key id");
    assertThat(TokenShapes.find("AKIAIOSFODNN7EXAMPLE")).as("AWS's documented example key").isNull();
    // the same shape drydock-secrets' DD-SEC-001 matches: four prefixes, any digit
    assertThat(TokenShapes.find("ABIA" + "Q".repeat(15) + "0")).isEqualTo("an AWS access key id");
    assertThat(TokenShapes.find("ACCA" + "19".repeat(8))).isEqualTo("an AWS access key id");
    assertThat(TokenShapes.find("AKIA" + "Q".repeat(15))).isNull();
    assertThat(TokenShapes.find("XAKIA" + "Q".repeat(16))).isNull();
    assertThat(TokenShapes.find("ghp_" + "a1B2c3".repeat(6))).isEqualTo("a GitHub token");
    assertThat(TokenShapes.find("postgres://app:s3cr3t@db:5432/app")).isEqualTo("a URL with a password");
    assertThat(TokenShapes.find("postgres://app:${DB_PASSWORD}@db:5432/app")).isNull();
    assertThat(TokenShapes.find("ghp_short")).isNull();
    assertThat(TokenShapes.find("-----BEGIN PUBLIC KEY-----")).isNull();
  }
}
