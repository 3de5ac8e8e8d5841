package dev.drydock.checks.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Misconfiguration;
import dev.drydock.model.Severity;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each rule with a case that fires and one that must not. Snippets end with {@link #OK_TAIL} so that the final-stage
 * rules (user, healthcheck) stay quiet unless the test is about them.
 */
class DockerfileRulesTest {
  private static final String OK_TAIL = "USER 1000\nHEALTHCHECK CMD [\"true\"]\n";

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

  /** The findings of {@code body} placed after "FROM debian:12" (line 1), with the quiet tail appended. */
  private static List<String> after(String body) {
    return ids("FROM debian:12\n" + body + (body.endsWith("\n") ? "" : "\n") + OK_TAIL);
  }

  private static String random(String alphabet, int n, long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  @Test
  void hardenedDockerfileHasNoFindings() {
    assertThat(check(GOOD)).isEmpty();
    assertThat(DockerfileRules.check("Dockerfile", GOOD, new DockerfileOptions(true, true)))
        .extracting(Misconfiguration::ruleId).containsExactly("DD-DF-016");
  }

  @Test
  void findingCarriesMetadata() {
    Misconfiguration f = check("FROM alpine:3.20\nUSER root\nHEALTHCHECK CMD true\n").get(0);
    assertThat(f).isEqualTo(new Misconfiguration("DD-DF-001", Severity.HIGH,
        "Image runs as root: last USER is root or missing", "Dockerfile", 2, 1,
        "Add a USER instruction with a non-root user (name or UID) in the final stage.",
        List.of("hadolint DL3002", "CIS Docker 4.1", "Dockle CIS-DI-0001"), List.of("cis-docker:4.1"), null, null));
  }

  @Test
  void allRulesHaveIdsSeveritiesReferencesAndRemediation() {
    assertThat(DockerfileRules.all()).hasSize(35).allSatisfy(r -> {
      assertThat(r.id()).matches("DD-DF-0\\d\\d");
      assertThat(r.remediation()).isNotBlank();
      assertThat(r.title()).isNotBlank();
    });
    assertThat(DockerfileRules.all()).extracting(RuleInfo::id).doesNotHaveDuplicates().isSorted();
    assertThat(DockerfileRules.all()).filteredOn(r -> !r.id().equals("DD-DF-016"))
        .allSatisfy(r -> assertThat(r.references()).isNotEmpty());
    assertThat(DockerfileRules.all()).flatExtracting(RuleInfo::references)
        .allMatch(ref -> ref.matches(
            "hadolint DL\\d{4}|CIS Docker \\d\\.\\d+|Dockle (CIS|DKL)-[A-Z]{2}-\\d{4}|CWE-\\d+"));
  }

  // DD-DF-001 user -------------------------------------------------------------------------------------------------

  @Test
  void rootUser() {
    assertThat(ids("FROM alpine:3.20 AS a\nUSER app\n\nFROM alpine:3.20\nRUN true\n"))
        .containsExactly("DD-DF-001@4", "DD-DF-011@4");
    assertThat(ids("FROM alpine:3.20 AS b\nUSER root\nFROM alpine:3.20\nUSER 1000\nHEALTHCHECK CMD true\n")).isEmpty();
    assertThat(ids("FROM a:1\nUSER 0:0\nHEALTHCHECK CMD true\n")).containsExactly("DD-DF-001@2");
    assertThat(ids("FROM a:1\nUSER ContainerAdministrator\nHEALTHCHECK CMD true\n")).containsExactly("DD-DF-001@2");
    assertThat(ids("FROM gcr.io/distroless/base-debian12:nonroot\nHEALTHCHECK CMD [\"/x\"]\n")).isEmpty();
  }

  @Test
  void userAndHealthcheckInheritedThroughStageChain() {
    String df = """
        FROM alpine:3.20 AS base
        USER root
        HEALTHCHECK NONE
        FROM base AS final
        RUN true
        """;
    assertThat(ids(df)).containsExactly("DD-DF-001@2", "DD-DF-011@3");
    assertThat(ids("FROM alpine:3.20 AS base\nUSER app\nHEALTHCHECK CMD true\nFROM base\nRUN true\n")).isEmpty();
  }

  // DD-DF-002, 003, 016 base images ----------------------------------------------------------------------------------

  @Test
  void baseImageTags() {
    assertThat(ids("FROM ubuntu\n" + OK_TAIL)).containsExactly("DD-DF-002@1");
    assertThat(ids("FROM registry:5000/team/app\n" + OK_TAIL)).containsExactly("DD-DF-002@1");
    assertThat(ids("FROM node:latest\n" + OK_TAIL)).containsExactly("DD-DF-003@1");
    assertThat(ids("FROM registry:5000/team/app:1.2\n" + OK_TAIL)).isEmpty();
    assertThat(ids("FROM nginx:latest@sha256:" + "a".repeat(64) + "\n" + OK_TAIL)).isEmpty();
    assertThat(ids("ARG IMG\nFROM $IMG AS a\nFROM scratch AS b\nFROM a\n" + OK_TAIL)).isEmpty();
  }

  @Test
  void digestRequiredOnlyWhenConfigured() {
    String df = "FROM alpine:3.20\nFROM ubuntu\nFROM debian@sha256:" + "b".repeat(64) + "\n" + OK_TAIL;
    assertThat(ids(df)).containsExactly("DD-DF-002@2");
    assertThat(DockerfileRules.check("Dockerfile", df, new DockerfileOptions(true, false)))
        .extracting(f -> f.ruleId() + "@" + f.line()).containsExactly("DD-DF-016@1", "DD-DF-002@2");
  }

  // DD-DF-004, 005 ADD -----------------------------------------------------------------------------------------------

  @Test
  void addLocalAndRemote() {
    assertThat(after("ADD config.yml /etc/app/")).containsExactly("DD-DF-004@2");
    assertThat(after("ADD https://example.com/app.jar /app.jar")).containsExactly("DD-DF-005@2");
    assertThat(after("ADD --checksum=sha256:" + "c".repeat(64) + " https://example.com/app.jar /app.jar")).isEmpty();
    assertThat(after("ADD https://github.com/moby/buildkit.git#v0.12.0 /src\nADD --chown=1:1 site.tar.xz /srv/"))
        .isEmpty();
  }

  // DD-DF-006 pipe to shell ------------------------------------------------------------------------------------------

  @Test
  void remoteScriptIntoShell() {
    assertThat(after("RUN set -o pipefail && curl -sSL https://x.example/i.sh | sh -s -- -y"))
        .containsExactly("DD-DF-006@2");
    assertThat(after("RUN set -o pipefail && wget -qO- https://x.example/i | /bin/bash"))
        .containsExactly("DD-DF-006@2");
    assertThat(after("RUN set -o pipefail; wget -O - https://x.example/i | sudo -E bash -"))
        .containsExactly("DD-DF-006@2", "DD-DF-009@2");
    assertThat(after("RUN set -o pipefail; curl -sSL https://install.python-poetry.org | python3 -"))
        .containsExactly("DD-DF-006@2");
    assertThat(after("RUN bash <(curl -fsSL https://x.example/i.sh)")).containsExactly("DD-DF-006@2");
    assertThat(after("RUN sh -c \"$(curl -fsSL https://x.example/i.sh)\"")).containsExactly("DD-DF-006@2");
    assertThat(after("RUN curl -fsSLo /tmp/i.sh https://x.example/i.sh && sha256sum -c i.sha && sh /tmp/i.sh"))
        .isEmpty();
    assertThat(after("RUN set -o pipefail && curl -fsSL https://x.example/a.tgz | tar -xz")).isEmpty();
  }

  @Test
  void heredocRunIsShellUnlessAnotherInterpreter() {
    String df = """
        FROM debian:12
        RUN <<EOF
        set -e
        curl -fsSL https://example.com/x.sh | bash
        EOF
        RUN <<EOF
        #!/usr/bin/env python3
        print("curl https://example.com/x.sh | bash")
        EOF
        RUN cat <<EOF > /etc/motd
        sudo is not used here: curl x | sh
        EOF
        """ + OK_TAIL;
    assertThat(ids(df)).containsExactly("DD-DF-006@2", "DD-DF-014@2");
  }

  // DD-DF-007, 008, 017, 026, 027 apt -------------------------------------------------------------------------------

  @Test
  void aptPinsListsAndRecommends() {
    assertThat(after("RUN apt-get update && apt-get install -y curl"))
        .containsExactly("DD-DF-007@2", "DD-DF-008@2", "DD-DF-017@2");
    assertThat(after("RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 "
        + "&& rm -rf /var/lib/apt/lists/*")).isEmpty();
    assertThat(after("RUN DEBIAN_FRONTEND=noninteractive apt-get -o Dpkg::Use-Pty=0 install -y "
        + "-o APT::Install-Recommends=false ./local.deb \"$EXTRA\"")).isEmpty();
  }

  @Test
  void aptCacheMountMeansNoCleanupNeeded() {
    String df = """
        RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \\
            apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10
        """;
    assertThat(after(df)).isEmpty();
  }

  @Test
  void aptExecFormAndShellFormAndBuilderStage() {
    assertThat(after("RUN [\"apt-get\", \"install\", \"-y\", \"jq\"]")).containsExactly("DD-DF-007@2", "DD-DF-017@2");
    assertThat(after(
        "RUN [\"/bin/sh\", \"-c\", \"apt-get update && apt-get install -y --no-install-recommends jq=1\"]"))
        .containsExactly("DD-DF-008@2");
    String builder = "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y jq=1\nFROM debian:12\n"
        + OK_TAIL;
    assertThat(ids(builder)).as("leftovers in a discarded stage do not matter").isEmpty();
  }

  @Test
  void upgradesAndUpdateAlone() {
    assertThat(after("RUN apt-get update && apt-get dist-upgrade -y && rm -rf /var/lib/apt/lists/*"))
        .containsExactly("DD-DF-026@2");
    assertThat(after("RUN zypper --non-interactive dup")).containsExactly("DD-DF-026@2");
    String plain = "RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*";
    assertThat(after(plain)).containsExactly("DD-DF-026@2");
    assertThat(DockerfileRules.check("Dockerfile", "FROM debian:12\n" + plain + "\n" + OK_TAIL,
        new DockerfileOptions(false, false))).isEmpty();
    assertThat(after("RUN apt-get update")).containsExactly("DD-DF-008@2", "DD-DF-027@2");
    assertThat(after("RUN apk update")).containsExactly("DD-DF-027@2");
    assertThat(after("RUN apk update && apk add --no-cache curl=8.8.0-r0")).isEmpty();
  }

  // DD-DF-018, 019 apk ----------------------------------------------------------------------------------------------

  @Test
  void apkPinsAndCache() {
    assertThat(after("RUN apk add curl")).containsExactly("DD-DF-018@2", "DD-DF-019@2");
    assertThat(after("RUN apk add --no-cache --virtual .build-deps gcc=13.2.1-r0 'musl-dev>1.2'")).isEmpty();
    assertThat(after("RUN apk add --update curl~8.8 && rm -rf /var/cache/apk/*")).isEmpty();
    assertThat(after("RUN --mount=type=cache,target=/var/cache/apk apk add curl=8.8.0-r0")).isEmpty();
  }

  // DD-DF-020, 021 yum / dnf ----------------------------------------------------------------------------------------

  @Test
  void rpmPinsAndClean() {
    assertThat(after("RUN yum install -y httpd")).containsExactly("DD-DF-020@2", "DD-DF-021@2");
    assertThat(after("RUN dnf install -y httpd-2.4.57-5.el9 && dnf clean all")).isEmpty();
    assertThat(after("RUN microdnf install -y java-17-openjdk && microdnf clean all"))
        .as("17 is part of the name, not a version").containsExactly("DD-DF-020@2");
    assertThat(after("RUN dnf module install -y nodejs:20/common && rm -rf /var/cache/dnf")).isEmpty();
    assertThat(after("RUN dnf module install -y nodejs && dnf clean all")).containsExactly("DD-DF-020@2");
    assertThat(after("RUN yum install -y /tmp/pkg.rpm && yum clean all")).isEmpty();
  }

  // DD-DF-022, 023 pip ----------------------------------------------------------------------------------------------

  @Test
  void pipPinsAndCache() {
    assertThat(after("RUN pip install flask")).containsExactly("DD-DF-022@2", "DD-DF-023@2");
    assertThat(after("RUN python3 -m pip install --no-cache-dir 'flask==3.0.3' \"requests>=2.32\" ./wheels/x.whl"))
        .isEmpty();
    assertThat(after("RUN pip3 install --no-cache-dir -r requirements.txt -c constraints.txt")).isEmpty();
    assertThat(after("RUN pip install --no-cache-dir --index-url https://pypi.example/simple flask"))
        .containsExactly("DD-DF-022@2");
    assertThat(after("ENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.3")).isEmpty();
    assertThat(after("RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3")).isEmpty();
  }

  // DD-DF-024, 025 npm, gem -----------------------------------------------------------------------------------------

  @Test
  void npmAndGemPins() {
    assertThat(after("RUN npm install -g typescript")).containsExactly("DD-DF-024@2");
    assertThat(after("RUN npm i -g @angular/cli")).containsExactly("DD-DF-024@2");
    assertThat(after("RUN npm install -g @angular/cli@18.0.1 typescript@5.5.2 ./local-pkg")).isEmpty();
    assertThat(after("RUN npm install && npm ci")).isEmpty();
    assertThat(after("RUN gem install rails")).containsExactly("DD-DF-025@2");
    assertThat(after("RUN gem install rails:7.1.3 && gem install bundler -v 2.5.16 && gem install x --version=1"))
        .isEmpty();
  }

  // DD-DF-009 sudo, DD-DF-013 chmod, DD-DF-014 pipefail, DD-DF-031 cd -----------------------------------------------

  @Test
  void sudoOnlyWhenRunAsCommand() {
    assertThat(after("RUN sudo -E make install")).containsExactly("DD-DF-009@2");
    assertThat(after("RUN true && env FOO=1 sudo -u app whoami")).containsExactly("DD-DF-009@2");
    assertThat(after("RUN apt-get install -y --no-install-recommends sudo=1.9.13p3-1 && echo pseudo-sudo"))
        .isEmpty();
  }

  @Test
  void worldWritableModes() {
    assertThat(after("RUN chmod -R 777 /srv")).containsExactly("DD-DF-013@2");
    assertThat(after("RUN chmod 0666 /srv/a")).containsExactly("DD-DF-013@2");
    assertThat(after("RUN chmod a+rwx /srv")).containsExactly("DD-DF-013@2");
    assertThat(after("RUN chmod u+x,o+w /srv")).containsExactly("DD-DF-013@2");
    assertThat(after("RUN chmod 1777 /tmp && chmod 755 /srv && chmod +x /srv/run && chmod o+t /srv")).isEmpty();
  }

  @Test
  void pipefail() {
    assertThat(after("RUN ls | wc -l")).containsExactly("DD-DF-014@2");
    assertThat(after("RUN set -o pipefail && ls | wc -l\nRUN a || b\nRUN echo 'a|b' \"c|d\"")).isEmpty();
    assertThat(after("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN ls | wc -l")).isEmpty();
    assertThat(ids("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir | findstr x\n" + OK_TAIL))
        .isEmpty();
  }

  @Test
  void cdInRun() {
    assertThat(after("RUN cd /src && make")).containsExactly("DD-DF-031@2");
    assertThat(after("RUN (cd /src && make)")).containsExactly("DD-DF-031@2");
    assertThat(after("RUN make -C /src && echo cd")).isEmpty();
  }

  // DD-DF-010 EXPOSE 22, DD-DF-011 HEALTHCHECK ----------------------------------------------------------------------

  @Test
  void exposeSsh() {
    assertThat(after("EXPOSE 20-25\nEXPOSE 22/udp 2222")).containsExactly("DD-DF-010@2");
    assertThat(after("EXPOSE 80 443/tcp 99999999999")).isEmpty();
  }

  @Test
  void healthcheck() {
    assertThat(ids("FROM a:1\nUSER 1\n")).containsExactly("DD-DF-011@1");
    assertThat(ids("FROM a:1\nUSER 1\nHEALTHCHECK NONE\n")).containsExactly("DD-DF-011@3");
    assertThat(ids("FROM a:1\nHEALTHCHECK NONE\nUSER 1\nHEALTHCHECK --interval=5s CMD true\n")).isEmpty();
  }

  // DD-DF-012, 028, 029 secrets -------------------------------------------------------------------------------------

  @Test
  void secretNames() {
    assertThat(ids("ARG NPM_TOKEN=x\nFROM a:1\nENV API_KEY abc\nENV SECRET_DIR=/s\n" + OK_TAIL))
        .containsExactly("DD-DF-012@1", "DD-DF-012@3");
    assertThat(after("ENV DB_PASSWORD_FILE=/run/secrets/db JWT_SECRET=\"\" TOKEN_URL=https://x/t FEATURE_SECRET=true"))
        .isEmpty();
    assertThat(after("ENV DB_PASSWORD=/run/secrets/db\nARG GITHUB_TOKEN")).containsExactly("DD-DF-012@3");
  }

  @Test
  void credentialValuesByFormatAndEntropyNeverInTheTitle() {
    String ghp = "ghp_" + random(ALNUM, 36, 1);
    String aws = "AKIA" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 2);
    String random = random(ALNUM, 32, 3);
    String df = "ENV GITHUB_TOKEN=" + ghp + "\n"
        + "RUN curl -H \"Authorization: token " + ghp + "\" https://api.github.com/user\n"
        + "ARG SOME_ID=" + aws + "\n"
        + "ENV APP_SECRET=" + random + "\n"
        + "COPY <<EOF /root/.ssh/key\n-----BEGIN OPENSSH PRIVATE KEY-----\nabc\nEOF\n"
        + "ENV DATABASE_URL=mysql://app:" + random.substring(0, 12) + "@db/app\n";
    List<Misconfiguration> found = check("FROM debian:12\n" + df + OK_TAIL);
    assertThat(found).extracting(f -> f.ruleId() + "@" + f.line()).containsExactly(
        "DD-DF-012@2", "DD-DF-028@2", "DD-DF-028@3", "DD-DF-028@4", "DD-DF-012@5", "DD-DF-028@5", "DD-DF-028@6",
        "DD-DF-028@10");
    assertThat(found).allSatisfy(f -> {
      assertThat(f.title()).doesNotContain(ghp).doesNotContain(aws).doesNotContain(random);
      assertThat(f.remediation()).doesNotContain(ghp).doesNotContain(random);
    });
    assertThat(found.get(1).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void placeholdersAndExamplesAreNotCredentials() {
    String df = """
        ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
        ENV DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app HEALTH_URL=http://localhost:8080/health
        ENV API_TOKEN=changeme-in-production
        """;
    assertThat(after(df)).as("names are still reported, values are not credentials")
        .containsExactly("DD-DF-012@2", "DD-DF-012@4");
  }

  @Test
  void sensitiveFilesCopied() {
    assertThat(after("COPY id_ed25519 /root/.ssh/\nCOPY .git /src/.git\nADD secrets/tls.key /etc/tls/\n"
        + "COPY --from=build /root/.aws/credentials /x\nCOPY .env.local /app/"))
        .containsExactly("DD-DF-029@2", "DD-DF-029@3", "DD-DF-004@4", "DD-DF-029@4", "DD-DF-029@5", "DD-DF-029@6");
    assertThat(after("COPY ca.pem cacert-chain.pem /etc/ssl/\nCOPY .env.example .gitignore /app/\nCOPY . .")).isEmpty();
  }

  // DD-DF-015, 030, 032, 033, 034, 035 instructions -----------------------------------------------------------------

  @Test
  void shellFormCmdAndEntrypoint() {
    assertThat(after("ENTRYPOINT /start.sh\nCMD [\"--help\"]")).containsExactly("DD-DF-015@2");
    assertThat(after("CMD java -jar app.jar")).containsExactly("DD-DF-015@2");
  }

  @Test
  void relativeWorkdir() {
    assertThat(after("WORKDIR app")).containsExactly("DD-DF-030@2");
    assertThat(after("WORKDIR /app\nWORKDIR $HOME\nWORKDIR C:\\\\app\nARG D=/x\nWORKDIR ${D}/y")).isEmpty();
  }

  @Test
  void repeatedCmdAndEntrypointPerStage() {
    String df = """
        FROM a:1 AS one
        CMD ["a"]
        ENTRYPOINT ["x"]
        FROM a:1
        CMD ["b"]
        CMD ["c"]
        ENTRYPOINT ["y"]
        ENTRYPOINT ["z"]
        """ + OK_TAIL;
    assertThat(ids(df)).containsExactly("DD-DF-032@6", "DD-DF-033@8");
  }

  @Test
  void maintainer() {
    assertThat(after("MAINTAINER me@example.com")).containsExactly("DD-DF-034@2");
    assertThat(after("LABEL org.opencontainers.image.authors=me@example.com")).isEmpty();
  }

  @Test
  void copyFromOwnOrLaterStage() {
    String df = """
        FROM a:1 AS one
        COPY --from=one /a /a
        COPY --from=TWO /b /b
        FROM a:1 AS two
        COPY --from=0 /c /c
        COPY --from=1 /d /d
        COPY --from=one /e /e
        COPY --from=nginx:1.27 /f /f
        """ + OK_TAIL;
    assertThat(ids(df)).containsExactly("DD-DF-035@2", "DD-DF-035@3", "DD-DF-035@6");
  }

  // ignores and line numbers ----------------------------------------------------------------------------------------

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
  void ignoresCountLinesLikeTheParserWithCrOrCrlf() {
    String df = "FROM debian:12\r\n# drydock ignore=DD-DF-009\r\nRUN sudo true\r\nRUN sudo x\r\n" + OK_TAIL;
    assertThat(ids(df)).containsExactly("DD-DF-009@4");
    assertThat(ids(df.replace("\r\n", "\r"))).containsExactly("DD-DF-009@4");
  }

  @Test
  void hadolintIgnoresMapThroughReferences() {
    String df = """
        # hadolint global ignore=DL3057
        FROM debian:12
        # hadolint ignore=DL3008,DL3015
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
        # hadolint ignore=SC2086
        USER 1000
        """;
    assertThat(ids(df)).containsExactly("DD-DF-007@5");
  }

  @Test
  void findingsPointAtTheFirstLineOfAContinuedInstruction() {
    String df = """
        FROM debian:12

        # comment
        RUN apt-get update \\
            # a comment line inside the continuation
            && apt-get install -y \\

               curl

        RUN echo one \\
          | wc -l
        COPY <<EOF /etc/a
        x
        EOF
        ENV A=1 \\
            API_TOKEN=x
        """ + OK_TAIL;
    assertThat(ids(df)).containsExactly("DD-DF-007@4", "DD-DF-008@4", "DD-DF-017@4", "DD-DF-014@10",
        "DD-DF-012@15");
  }
}
