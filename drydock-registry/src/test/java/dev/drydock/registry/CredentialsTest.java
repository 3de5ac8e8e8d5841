package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where credentials come from: docker's config.json (auths, credHelpers, credsStore), podman's auth.json, flags. */
class CredentialsTest {
  @TempDir Path tmp;

  private RegistryOptions options(Map<String, String> env) {
    return new RegistryOptions(null, null, null, null, null, null, 0, 0, Duration.ofSeconds(1), env, null);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private Path helper(String name, String script) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path p = bin.resolve("docker-credential-" + name);
    Files.writeString(p, "#!/bin/sh\n" + script);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  @Test
  void dockerConfigAuthsByHostAndDockerHubsLegacyKey() throws Exception {
    Path docker = Files.createDirectories(tmp.resolve("docker"));
    Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"reg.example:5000\":{\"auth\":\"" + b64("alice:pw1")
        + "\"},\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("bob:pw:with:colons") + "\"}}}");
    Credentials c = new Credentials(options(Map.of("HOME", tmp.toString(), "DOCKER_CONFIG", docker.toString())));
    Credentials.Login alice = c.find("reg.example:5000", "team/app").orElseThrow();
    assertThat(alice.username()).isEqualTo("alice");
    assertThat(alice.secret()).isEqualTo("pw1");
    Credentials.Login bob = c.find("docker.io", "library/ubuntu").orElseThrow();
    assertThat(bob.username()).isEqualTo("bob");
    assertThat(bob.secret()).isEqualTo("pw:with:colons");
    assertThat(c.find("other.example", "x")).isEmpty();
    assertThat(alice.toString()).doesNotContain("pw1");
  }

  @Test
  void registryAuthFileComesBeforeDockersAndRepositoryScopedKeysWin() throws Exception {
    Path docker = Files.createDirectories(tmp.resolve("docker"));
    Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"reg.example\":{\"auth\":\"" + b64("docker:x")
        + "\"}}}");
    Path podman = tmp.resolve("auth.json");
    Files.writeString(podman, "{\"auths\":{\"reg.example\":{\"auth\":\"" + b64("podman:y") + "\"},"
        + "\"reg.example/team\":{\"auth\":\"" + b64("team:z") + "\"}}}");
    Credentials c = new Credentials(options(Map.of("HOME", tmp.toString(), "DOCKER_CONFIG", docker.toString(),
        "REGISTRY_AUTH_FILE", podman.toString())));
    assertThat(c.find("reg.example", "team/app").orElseThrow().username()).isEqualTo("team");
    assertThat(c.find("reg.example", "other/app").orElseThrow().username()).isEqualTo("podman");
  }

  @Test
  void credHelpersAndCredsStoreRunDockerCredentialPrograms() throws Exception {
    Path bin = helper("good", "read host\necho \"{\\\"ServerURL\\\":\\\"$host\\\",\\\"Username\\\":\\\"u-$host\\\","
        + "\\\"Secret\\\":\\\"s\\\"}\"\n");
    helper("none", "echo 'credentials not found in native keychain'\nexit 1\n");
    helper("broken", "echo 'Secret: hunter2 not json'\n");
    Path docker = Files.createDirectories(tmp.resolve("docker"));
    Files.writeString(docker.resolve("config.json"), "{\"credHelpers\":{\"a.example\":\"good\",\"b.example\":\"none\","
        + "\"c.example\":\"broken\"},\"credsStore\":\"good\"}");
    Credentials c = new Credentials(options(Map.of("HOME", tmp.toString(), "DOCKER_CONFIG", docker.toString(),
        "PATH", bin.toString())));
    assertThat(c.find("a.example", "r").orElseThrow().username()).isEqualTo("u-a.example");
    assertThat(c.find("b.example", "r")).isEmpty();
    assertThat(c.find("docker.io", "library/x").orElseThrow().username())
        .isEqualTo("u-" + Credentials.DOCKER_HUB_KEY);
    assertThatThrownBy(() -> c.find("c.example", "r")).isInstanceOf(DrydockException.class)
        .hasMessage("credential helper docker-credential-broken gave a malformed answer for c.example (expected JSON"
            + " with Username and Secret)")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aMissingHelperOrABadAuthValueIsOneLine() throws Exception {
    Path docker = Files.createDirectories(tmp.resolve("docker"));
    Files.writeString(docker.resolve("config.json"), "{\"credsStore\":\"absent\",\"auths\":{\"x.example\":{\"auth\":"
        + "\"!!!\"}}}");
    Credentials c = new Credentials(options(Map.of("HOME", tmp.toString(), "DOCKER_CONFIG", docker.toString(),
        "PATH", tmp.toString())));
    assertThatThrownBy(() -> c.find("y.example", "r")).hasMessageContaining("docker-credential-absent, which is not"
        + " on PATH");
    assertThatThrownBy(() -> c.find("x.example", "r")).hasMessageContaining("the auth value is not base64");
  }

  @Test
  void flagsWinOverFiles() {
    RegistryOptions o = new RegistryOptions("cli", "pw", null, null, null, null, 0, 0, null,
        Map.of("HOME", tmp.toString()), null);
    assertThat(new Credentials(o).find("any.example", "r").orElseThrow().username()).isEqualTo("cli");
    assertThatThrownBy(() -> new RegistryOptions("cli", null, null, null, null, null, 0, 0, null, Map.of(), null))
        .isInstanceOf(DrydockException.class);
  }
}
