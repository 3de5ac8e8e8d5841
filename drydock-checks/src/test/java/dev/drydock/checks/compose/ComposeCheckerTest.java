package dev.drydock.checks.compose;

import static dev.drydock.checks.runtime.Snippets.compose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.checks.runtime.Port;
import dev.drydock.checks.runtime.Snippets;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Misconfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ComposeCheckerTest {
  private final ComposeChecker checker = new ComposeChecker();

  @ParameterizedTest
  @ValueSource(strings = {"docker-compose.yml", "docker-compose.prod.yaml", "compose.yaml", "compose.override.yml",
      "Docker-Compose.YML"})
  void acceptsComposeFileNamesWhateverTheContent(String name) {
    assertThat(checker.accepts(name, "")).isTrue();
  }

  @Test
  void acceptsOtherNamesByTopLevelServicesWithImageOrBuild() {
    assertThat(checker.accepts("stack.yml", "version: '3'\nservices:\n  web:\n    image: nginx\n")).isTrue();
    assertThat(checker.accepts("app.yml", "services:  # ours\n  web:\n    build: .\n")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "apiVersion: v1\nkind: Service\nspec:\n  services:\n    image: x\n",
      "AWSTemplateFormatVersion: '2010-09-09'\nservices:\n  x:\n    image: y\n",
      "services:\n  - name: dns\n",
      "steps:\n  - image: node\n"})
  void doesNotClaimOtherYaml(String text) {
    assertThat(checker.accepts("config.yaml", text)).isFalse();
  }

  /** A setting merged in with {@code <<} is reported at its key in the anchor, named after the service. */
  @Test
  void mergeKeysAndExtensionFieldsApply() {
    String text = String.join("\n",
        "x-base: &base",
        "  privileged: true",
        "  user: \"1000\"",
        "services:",
        "  web:",
        "    <<: *base",
        "    image: app:1.0",
        "    read_only: true",
        "    security_opt: [no-new-privileges:true]",
        "    mem_limit: 64m",
        "    cpus: 1",
        "    pids_limit: 9",
        "");
    List<Misconfiguration> found = checker.check("docker-compose.yml", text);
    assertThat(found).extracting(m -> m.line() + " " + m.ruleId()).containsExactly("2 DD-RT-001");
    assertThat(found.get(0).resource()).isEqualTo("service web");
  }

  @Test
  void longVolumeAndPortSyntax() {
    String text = compose(List.of(),
        "    volumes:",
        "      - type: bind",
        "        source: /proc",
        "        target: /host/proc",
        "        read_only: true",
        "      - type: volume",
        "        source: /var/run/docker.sock",
        "        target: /x",
        "    ports:",
        "      - target: 22",
        "        published: \"2222\"",
        "        host_ip: 0.0.0.0");
    assertThat(Snippets.found(checker, "c.yml", text)).containsExactly(
        Snippets.lineOf(text, "source: /proc") + " DD-RT-011", Snippets.lineOf(text, "target: 22") + " DD-RT-020");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "80|0|||80",
      "8080:80|8080|||80",
      "127.0.0.1:8080:80/tcp|8080|127.0.0.1||80",
      "127.0.0.1::5000|0|127.0.0.1||5000",
      "[::1]:6000:6000|6000|[::1]||6000",
      "9090-9091:8080-8081|9090|||8080",
      "${PORT}:80|-1|||80"})
  void shortPortSyntax(String spec, int host, String ip, String unused, int container) {
    Port p = ComposeServices.shortPort(spec, "/p");
    assertThat(p.hostPort()).isEqualTo(host);
    assertThat(p.hostIp()).isEqualTo(ip == null ? "" : ip);
    assertThat(p.containerPort()).isEqualTo(container);
  }

  @Test
  void aServiceThatIsNotAMappingIsBadInput() {
    assertThatThrownBy(() -> checker.check("docker-compose.yml", "services:\n  web: nginx\n"))
        .isInstanceOf(DrydockException.class)
        .hasMessage("docker-compose.yml:2: services.web must be a mapping, not \"nginx\"");
    assertThatThrownBy(() -> checker.check("docker-compose.yml", compose(List.of(), "    read_only: maybe")))
        .isInstanceOf(DrydockException.class).hasMessageStartingWith("docker-compose.yml:10: services.s.read_only");
  }

  @Test
  void interpolatedBooleansAreUnknownNotBadInput() {
    assertThat(checker.check("docker-compose.yml", compose(List.of("read_only"), "    privileged: \"${PRIV:-false}\"",
        "    read_only: ${RO}"))).extracting(Misconfiguration::ruleId).containsExactly("DD-RT-015");
  }

  @Test
  void emptyServicesAndNoServicesHaveNoFindings() {
    assertThat(checker.check("docker-compose.yml", "services:\n  placeholder:\nvolumes: {}\n")).isEmpty();
    assertThat(checker.check("docker-compose.yml", "version: '3'\n")).isEmpty();
  }
}
