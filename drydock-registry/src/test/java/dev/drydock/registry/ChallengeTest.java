package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {
  @Test
  void bearerChallengeWithQuotedCommaInScope() {
    Challenge c = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
        + "scope=\"repository:library/ubuntu:pull,push\"");
    assertThat(c.bearer()).isTrue();
    assertThat(c.params()).containsEntry("realm", "https://auth.docker.io/token")
        .containsEntry("service", "registry.docker.io")
        .containsEntry("scope", "repository:library/ubuntu:pull,push");
  }

  @Test
  void basicChallengeAndUnquotedValues() {
    Challenge c = Challenge.parse("Basic realm=test, charset=UTF-8");
    assertThat(c.basic()).isTrue();
    assertThat(c.params()).containsEntry("realm", "test").containsEntry("charset", "UTF-8");
    assertThat(Challenge.parse("")).isNull();
  }

  @Test
  void retryAfterInSecondsOrAsADate() {
    HttpHeaders secs = HttpHeaders.of(Map.of("Retry-After", List.of("7")), (a, b) -> true);
    assertThat(RegistryClient.retryAfter(secs)).contains(Duration.ofSeconds(7));
    HttpHeaders past = HttpHeaders.of(Map.of("Retry-After", List.of("Wed, 21 Oct 2015 07:28:00 GMT")), (a, b) -> true);
    assertThat(RegistryClient.retryAfter(past)).contains(Duration.ZERO);
    HttpHeaders junk = HttpHeaders.of(Map.of("Retry-After", List.of("soon")), (a, b) -> true);
    assertThat(RegistryClient.retryAfter(junk)).isEmpty();
  }

  @Test
  void platformMatching() {
    assertThat(RegistryImages.matches("linux/arm64", "linux/arm64/v8")).isTrue();
    assertThat(RegistryImages.matches("linux/arm/v7", "linux/arm/v6")).isFalse();
    assertThat(RegistryImages.matches("linux/amd64", "linux/amd64")).isTrue();
    assertThat(RegistryImages.matches(null, "linux/amd64")).isFalse();
  }
}
