package dev.drydock.checks.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Misconfiguration;
import dev.drydock.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileRulesTest {
  /** A hardened multi-stage Dockerfile: no rule fires. */
  private static final String GOOD = """
      # syntax=docker/dockerfile:1
      ARG GO_VERSION=1.22
      FROM golang:${GO_VERSION}-bookworm AS build
      SHELL ["/bin/bash", "-o", "pipefail", "-c"]
      RUN apt-get update \\
          && apt-get install -y --no-install-recommends ca-certificates=20230311 git=1:2.39.2-1.1 \\
          && rm -rf /var/lib/apt/lists/*
      RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
      WORKDIR /src
      COPY go.mod go.sum ./
      ADD vendor.tar.gz /src/vendor/
      RUN --mount=type=secret,id=netrc go build -o /out/app ./cmd/app
      FROM gcr.io/distroless/static-debian12@sha256:0000000000000000000000000000000000000000000000000000000000000000
      ENV POSTGRES_PASSWORD_FILE=/run/secrets/db APP_PORT=8080
      COPY --from=build --chown=65532:65532 /out/app /app
      EXPOSE 8080
      USER 65532:65532
      HEALTHCHECK --interval=30s CMD ["/app", "healthcheck"]
      ENTRYPOINT ["/app"]
      """;

  private static List<Misconfiguration> check(String text) {
    return DockerfileRules.check("Dockerfile", text);
  }

  private static List<String> ids(String text) {
    return check(text).stream().map(f -> f.ruleId() + "@" + f.line()).toList();
  }

  @Test
  void hardenedDockerfileHasNoFindings() {
    assertThat(check(GOOD)).isEmpty();
  }

  @Test
  void insecureDockerfileFlagsEveryRuleOnItsLine() {
    String bad = """
        FROM ubuntu
        ENV DB_PASSWORD=changeme
        ARG GITHUB_TOKEN
        RUN apt-get update && apt-get install -y curl openssh-server
        RUN curl -sSL https://get.example.com/install.sh | sh
        RUN sudo chmod -R 777 /srv
        ADD config.yml /etc/app/
        ADD https://example.com/app.jar /app.jar
        EXPOSE 80 22/tcp
        USER root
        CMD java -jar /app.jar
        FROM node:latest AS web
        FROM web
        USER root:root
        HEALTHCHECK NONE
        """;
    assertThat(ids(bad)).containsExactly(
        "DD-DF-002@1",
        "DD-DF-012@2",
        "DD-DF-012@3",
        "DD-DF-007@4", "DD-DF-008@4",
        "DD-DF-006@5", "DD-DF-014@5",
        "DD-DF-009@6", "DD-DF-013@6",
        "DD-DF-004@7",
        "DD-DF-005@8",
        "DD-DF-010@9",
        "DD-DF-015@11",
        "DD-DF-003@12",
        "DD-DF-001@14",
        "DD-DF-011@15");
  }

  @Test
  void findingCarriesMetadata() {
    Misconfiguration f = check("FROM alpine:3.20\nUSER root\nHEALTHCHECK CMD true\n").get(0);
    assertThat(f).isEqualTo(new Misconfiguration("DD-DF-001", Severity.HIGH,
        "Image runs as root: last USER is root or missing", "Dockerfile", 2, 1,
        "Add a USER instruction with a non-root user (name or UID) in the final stage.",
        List.of("hadolint DL3002", "CIS Docker 4.1"), List.of("cis-docker:4.1"), null, null));
  }

  @Test
  void missingUserAndHealthcheckReportedOnLastFrom() {
    assertThat(ids("FROM alpine:3.20 AS a\nUSER app\n\nFROM alpine:3.20\nRUN true\n"))
        .containsExactly("DD-DF-001@4", "DD-DF-011@4");
  }

  @Test
  void rootOnlyInBuilderStageIsFine() {
    assertThat(ids("FROM alpine:3.20 AS b\nUSER root\nFROM alpine:3.20\nUSER 1000\nHEALTHCHECK CMD true\n")).isEmpty();
  }

  @Test
  void scratchStageRefsAndUnresolvedArgsAreNotUntagged() {
    assertThat(ids("ARG IMG\nFROM $IMG AS a\nFROM scratch AS b\nFROM a\nUSER 1\nHEALTHCHECK CMD true\n")).isEmpty();
  }

  @Test
  void aptWithCacheMountNeedsNoCleanupAndPinnedDoesNotFlag() {
    String df = """
        FROM debian:12
        RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \\
            apt-get update && apt-get install -y -o Dpkg::Options::=--force-confold curl=7.88.1-10
        RUN apt-get install -y ./local.deb && rm -rf /var/lib/apt/lists/*
        USER 1
        HEALTHCHECK CMD true
        """;
    assertThat(ids(df)).isEmpty();
  }

  @Test
  void heredocRunIsChecked() {
    String df = """
        FROM debian:12
        RUN <<EOF
        set -e
        curl -fsSL https://example.com/x.sh | bash
        EOF
        USER 1
        HEALTHCHECK CMD true
        """;
    assertThat(ids(df)).containsExactly("DD-DF-006@2", "DD-DF-014@2");
  }

  @Test
  void pipefailSetInlineOrByShellIsFine() {
    assertThat(ids("FROM a:1\nRUN set -o pipefail && ls | wc -l\nRUN a || b\nUSER 1\nHEALTHCHECK CMD true\n")).isEmpty();
  }

  @Test
  void exposeRangeWithSshAndUdpWithout() {
    assertThat(ids("FROM a:1\nEXPOSE 20-25\nEXPOSE 22/udp 2222\nUSER 1\nHEALTHCHECK CMD true\n"))
        .containsExactly("DD-DF-010@2");
  }

  @Test
  void secretNamesViaLegacyEnvAndGlobalArg() {
    assertThat(ids("ARG NPM_TOKEN=x\nFROM a:1\nENV API_KEY abc\nENV SECRET_DIR=/s\nUSER 1\nHEALTHCHECK CMD true\n"))
        .containsExactly("DD-DF-012@1", "DD-DF-012@3");
  }

  @Test
  void inlineIgnoreSuppressesNamedRulesForNextInstructionOnly() {
    String df = """
        # drydock ignore=DD-DF-002, DD-DF-011
        FROM ubuntu
        # drydock ignore=DD-DF-009
        RUN sudo true
        RUN sudo false
        # drydock ignore=DD-DF-002
        USER root
        """;
    assertThat(ids(df)).containsExactly("DD-DF-009@5", "DD-DF-001@7");
  }

  @Test
  void allRulesHaveIdsSeveritiesAndRemediation() {
    assertThat(DockerfileRules.all()).hasSize(15).allSatisfy(r -> {
      assertThat(r.id()).matches("DD-DF-0\\d\\d");
      assertThat(r.remediation()).isNotBlank();
    });
    assertThat(DockerfileRules.all()).extracting(RuleInfo::id).doesNotHaveDuplicates();
  }

  @Test
  void wordsThatMerelyContainSudoOrAddGitAreNotFlagged() {
    String df = """
        FROM a:1
        RUN echo pseudo-random > /tmp/x && chmod 755 /tmp/x && chmod 7777 /tmp/y
        ADD https://github.com/moby/buildkit.git#v0.12.0 /src
        ADD --chown=1:1 site.tar.xz /srv/
        USER 1
        HEALTHCHECK CMD ["true"]
        """;
    assertThat(ids(df)).isEmpty();
  }

  @Test
  void aptInExecFormAndBareAptInstallFlagged() {
    String df = """
        FROM debian:12
        RUN ["apt-get", "install", "-y", "jq"]
        RUN apt install -y --no-install-recommends jq
        USER 1
        HEALTHCHECK CMD true
        """;
    assertThat(ids(df)).containsExactly("DD-DF-007@2", "DD-DF-008@2", "DD-DF-007@3", "DD-DF-008@3");
  }

  @Test
  void wgetToSudoBashAndEntrypointShellForm() {
    String df = """
        FROM a:1
        RUN wget -qO- https://example.com/i.sh | sudo -E bash -
        ENTRYPOINT /start.sh
        USER 1
        HEALTHCHECK CMD true
        """;
    assertThat(ids(df)).containsExactly("DD-DF-006@2", "DD-DF-009@2", "DD-DF-014@2", "DD-DF-015@3");
  }
}
