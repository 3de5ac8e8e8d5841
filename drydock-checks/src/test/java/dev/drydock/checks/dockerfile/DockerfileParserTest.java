package dev.drydock.checks.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

  private static Dockerfile parse(String text) {
    return DockerfileParser.parse("Dockerfile", text);
  }

  @Test
  void continuationsCommentsAndLineNumbers() {
    Dockerfile df = parse("""
        # syntax=docker/dockerfile:1
        FROM debian:12-slim

        # install tools
        RUN apt-get update \\
        # a comment inside the continuation is dropped
            && apt-get install -y curl \\

            && rm -rf /var/lib/apt/lists/*
        USER app
        """);
    List<Instruction> ins = df.lastStage().instructions();
    assertThat(ins).extracting(Instruction::keyword).containsExactly("FROM", "RUN", "USER");
    assertThat(ins).extracting(Instruction::line).containsExactly(2, 5, 10);
    assertThat(ins.get(1).args()).containsExactly(
        "apt-get update     && apt-get install -y curl     && rm -rf /var/lib/apt/lists/*");
    assertThat(ins.get(1).jsonForm()).isFalse();
    assertThat(ins.get(2).args()).containsExactly("app");
  }

  @Test
  void aLoneContinuationAtTheEndIsNothing() {
    // found by fuzzing: a last line that is only the escape character made an empty instruction the parser
    // could not split (IllegalStateException). `docker build` ignores it; so does drydock.
    Dockerfile df = parse("FROM debian:12-slim\nUSER app\n\\");
    assertThat(df.lastStage().instructions()).extracting(Instruction::keyword).containsExactly("FROM", "USER");
    assertThat(parse("FROM scratch\n  \\\n\n# c\n").lastStage().instructions()).hasSize(1);
  }

  @Test
  void escapeDirectiveBacktick() {
    Dockerfile df = parse("""
        # escape=`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        RUN powershell -Command `
            New-Item -ItemType Directory C:\\app
        WORKDIR C:\\app
        """);
    List<Instruction> ins = df.lastStage().instructions();
    assertThat(ins).extracting(Instruction::line).containsExactly(2, 3, 5);
    assertThat(ins.get(1).args().get(0)).isEqualTo("powershell -Command     New-Item -ItemType Directory C:\\app");
    assertThat(ins.get(2).args()).containsExactly("C:\\app");
  }

  @Test
  void backslashIsNotContinuationUnderBacktickEscape() {
    Dockerfile df = parse("# escape=`\nFROM scratch\nCOPY a C:\\\nUSER x\n");
    assertThat(df.lastStage().instructions()).extracting(Instruction::line).containsExactly(2, 3, 4);
  }

  @Test
  void jsonAndShellForm() {
    Dockerfile df = parse("""
        FROM alpine:3.20
        ENTRYPOINT ["/bin/tini", "--", "app \\"x\\""]
        CMD echo hello
        RUN [not json
        """);
    List<Instruction> ins = df.lastStage().instructions();
    assertThat(ins.get(1).jsonForm()).isTrue();
    assertThat(ins.get(1).args()).containsExactly("/bin/tini", "--", "app \"x\"");
    assertThat(ins.get(2).jsonForm()).isFalse();
    assertThat(ins.get(2).args()).containsExactly("echo hello");
    assertThat(ins.get(3).jsonForm()).isFalse();
    assertThat(ins.get(3).args()).containsExactly("[not json");
  }

  @Test
  void heredocsSeveralPerInstructionAndTabStripping() {
    Dockerfile df = parse("FROM alpine:3.20\n"
        + "COPY <<EOF /etc/a.conf <<-'END' /etc/b.conf\n"
        + "a=1\n"
        + "EOF\n"
        + "\tb=$HOME\n"
        + "\tEND\n"
        + "RUN <<EOF\n"
        + "set -e\n"
        + "echo hi\n"
        + "EOF\n"
        + "USER nobody\n");
    List<Instruction> ins = df.lastStage().instructions();
    assertThat(ins).extracting(Instruction::line).containsExactly(1, 2, 7, 11);
    List<Heredoc> h = ins.get(1).heredocs();
    assertThat(h).hasSize(2);
    assertThat(h.get(0)).isEqualTo(new Heredoc("EOF", "a=1\n", false, false, 3));
    assertThat(h.get(1)).isEqualTo(new Heredoc("END", "b=$HOME\n", true, true, 5));
    assertThat(ins.get(2).heredocs().get(0).body()).isEqualTo("set -e\necho hi\n");
    assertThat(ins.get(2).commandText()).contains("echo hi");
  }

  @Test
  void unterminatedHeredocNamesFileAndLine() {
    assertThatThrownBy(() -> DockerfileParser.parse("app/Dockerfile", "FROM alpine\n\nRUN <<EOF\necho\n"))
        .isInstanceOf(DrydockException.class)
        .hasMessage("app/Dockerfile:3: unterminated heredoc <<EOF");
  }

  @Test
  void unknownInstructionNamesFileAndLine() {
    assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile.dev", "FROM alpine\nRUN true\nCOPPY a b\n"))
        .isInstanceOf(DrydockException.class)
        .hasMessage("Dockerfile.dev:3: unknown instruction COPPY");
  }

  @Test
  void instructionBeforeFromAndMissingFrom() {
    assertThatThrownBy(() -> parse("ARG X=1\nRUN true\nFROM a\n"))
        .hasMessage("Dockerfile:2: RUN before the first FROM");
    assertThatThrownBy(() -> parse("# only a comment\n")).isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("Dockerfile:").hasMessageContaining("no FROM");
  }

  @Test
  void globalArgsSubstituteInFromAndStageArgsRedeclare() {
    Dockerfile df = parse("""
        ARG NODE_VERSION=20
        ARG VARIANT
        FROM --platform=$BUILDPLATFORM node:${NODE_VERSION}-${VARIANT:-bookworm} AS build
        ARG NODE_VERSION
        ENV APP_HOME=/srv/app PORT=8080
        WORKDIR $APP_HOME/v${NODE_VERSION}
        EXPOSE ${PORT:-80} ${MISSING:+9999}
        RUN echo $APP_HOME
        FROM gcr.io/distroless/nodejs${NODE_VERSION}-debian12
        WORKDIR /x${APP_HOME}
        COPY --from=build --chown=nonroot:nonroot /srv/app /app
        """);
    assertThat(df.globalArgs()).extracting(Instruction::line).containsExactly(1, 2);
    assertThat(df.stages()).hasSize(2);
    Stage build = df.stages().get(0);
    assertThat(build.name()).isEqualTo("build");
    assertThat(build.baseImage()).isEqualTo("node:20-bookworm");
    assertThat(build.platform()).isEqualTo("$BUILDPLATFORM");
    assertThat(build.index()).isZero();
    assertThat(build.instructions().get(3).args()).containsExactly("/srv/app/v20");
    assertThat(build.instructions().get(4).args()).containsExactly("8080");
    assertThat(build.instructions().get(5).args()).containsExactly("echo $APP_HOME");
    Stage last = df.stages().get(1);
    assertThat(last.name()).isNull();
    assertThat(last.index()).isEqualTo(1);
    assertThat(last.baseImage()).isEqualTo("gcr.io/distroless/nodejs20-debian12");
    assertThat(last.instructions().get(1).args()).containsExactly("/x");
    Instruction copy = last.instructions().get(2);
    assertThat(copy.flags()).containsEntry("from", "build").containsEntry("chown", "nonroot:nonroot");
    assertThat(copy.args()).containsExactly("/srv/app", "/app");
    assertThat(copy.line()).isEqualTo(11);
  }

  @Test
  void plusAlternativeAndEscapedDollar() {
    Dockerfile df = parse("FROM a\nARG DEBUG=1\nENV FLAGS=${DEBUG:+-g} LIT=\\$HOME OLD\nLABEL x=${FLAGS}y\n");
    List<Instruction> ins = df.lastStage().instructions();
    assertThat(ins.get(2).args()).containsExactly("FLAGS=-g", "LIT=$HOME", "OLD");
    assertThat(ins.get(3).args()).containsExactly("x=-gy");
  }

  @Test
  void legacyEnvFormAndRepeatedMountFlags() {
    Dockerfile df = parse("""
        FROM a
        ENV JAVA_OPTS -Xmx1g -Xms1g
        RUN --mount=type=cache,target=/root/.m2 --mount=type=secret,id=npm mvn package
        WORKDIR ${JAVA_OPTS}
        """);
    List<Instruction> ins = df.lastStage().instructions();
    assertThat(ins.get(2).flags().get("mount")).isEqualTo("type=cache,target=/root/.m2\ntype=secret,id=npm");
    assertThat(ins.get(2).args()).containsExactly("mvn package");
    assertThat(ins.get(3).args()).containsExactly("-Xmx1g", "-Xms1g");
  }

  @Test
  void lowercaseKeywordsCrlfAndOnbuild() {
    Dockerfile df = parse("from alpine:3.20\r\nonbuild run echo hi\r\nrun ['sh', '-c', 'x']\r\n");
    List<Instruction> ins = df.lastStage().instructions();
    assertThat(ins).extracting(Instruction::keyword).containsExactly("FROM", "ONBUILD", "RUN");
    assertThat(ins.get(1).args()).containsExactly("run echo hi");
    assertThat(ins.get(2).jsonForm()).as("single quotes are not JSON").isFalse();
    assertThat(ins).extracting(Instruction::line).containsExactly(1, 2, 3);
  }

  @Test
  void fromKeepsBuildArgWithoutValueAndPlatformFlag() {
    Dockerfile df = parse("ARG BASE\nFROM --platform=linux/arm64 ${BASE} AS app\n");
    Stage s = df.lastStage();
    assertThat(s.baseImage()).isEqualTo("${BASE}");
    assertThat(s.platform()).isEqualTo("linux/arm64");
    assertThat(s.name()).isEqualTo("app");
  }

  @Test
  void directivesOnlyAtTopAndInvalidEscapeRejected() {
    Dockerfile df = parse("# a comment\n# escape=`\nFROM a\nRUN echo \\\n  done\n");
    assertThat(df.lastStage().instructions().get(1).args()).containsExactly("echo   done");
    assertThatThrownBy(() -> parse("# escape=x\nFROM a\n")).hasMessage("Dockerfile:1: invalid escape character x");
  }

  @Test
  void badFromNamesLine() {
    assertThatThrownBy(() -> parse("FROM a\n\nFROM b c\n")).isInstanceOf(DrydockException.class)
        .hasMessage("Dockerfile:3: FROM expects 'image [AS name]'");
  }

  @Test
  void rawKeepsLogicalLineBeforeSubstitution() {
    Dockerfile df = parse("FROM a\nENV X=1\nWORKDIR /w/$X \\\n  \n");
    Instruction w = df.lastStage().instructions().get(2);
    assertThat(w.raw()).isEqualTo("WORKDIR /w/$X");
    assertThat(w.args()).containsExactly("/w/1");
  }

  @Test
  void flagsOnlyOnInstructionsThatTakeThem() {
    Dockerfile df = parse("FROM a\nCMD --help\nHEALTHCHECK --interval=5s --retries=3 CMD curl -f http://localhost/\n");
    List<Instruction> ins = df.lastStage().instructions();
    assertThat(ins.get(1).flags()).isEmpty();
    assertThat(ins.get(1).args()).containsExactly("--help");
    assertThat(ins.get(2).flags()).containsOnlyKeys("interval", "retries").containsEntry("interval", "5s");
    assertThat(ins.get(2).args()).containsExactly("CMD curl -f http://localhost/");
  }

  @Test
  void mountSecretAndCacheFlagsPlatformAndFromAreKept() {
    Dockerfile df = parse("""
        FROM --platform=linux/amd64 alpine:3.20 AS base
        RUN --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=cache,target=/var/cache/apk \\
            --network=none apk add curl
        COPY --from=base --link /a /b
        """);
    List<Instruction> ins = df.lastStage().instructions();
    assertThat(df.lastStage().platform()).isEqualTo("linux/amd64");
    assertThat(ins.get(1).flags()).containsEntry("network", "none")
        .containsEntry("mount", "type=secret,id=npmrc,target=/root/.npmrc\ntype=cache,target=/var/cache/apk");
    assertThat(ins.get(1).args()).containsExactly("apk add curl");
    assertThat(ins.get(2).flags()).containsEntry("from", "base").containsEntry("link", "");
  }

  @Test
  void unterminatedHeredocInCopyAndLaterInstructionsLines() {
    assertThatThrownBy(() -> parse("FROM a\nRUN true\nCOPY <<-EOT /etc/x\n\tdata\n\tEOF\n"))
        .isInstanceOf(DrydockException.class).hasMessage("Dockerfile:3: unterminated heredoc <<EOT");
    Dockerfile df = parse("FROM a\nRUN <<A <<B\n1\nA\n2\nB\nUSER x\n");
    Instruction run = df.lastStage().instructions().get(1);
    assertThat(run.heredocs()).extracting(Heredoc::body).containsExactly("1\n", "2\n");
    assertThat(df.lastStage().instructions().get(2).line()).isEqualTo(7);
  }

  @Test
  void shellArithmeticShiftIsNotAHeredoc() {
    Dockerfile df = parse("FROM a\nRUN echo $((1<<EOF)) && x=2<<3\nUSER x\n");
    assertThat(df.lastStage().instructions().get(1).heredocs()).isEmpty();
    assertThat(df.lastStage().instructions()).extracting(Instruction::line).containsExactly(1, 2, 3);
  }

  @Test
  void binaryContentIsRejectedWithOneReadableLine() {
    assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile", "FROM a\nRUN x\u0000\u0001"))
        .isInstanceOf(DrydockException.class).hasMessage("Dockerfile:2: binary content (NUL byte), not a Dockerfile");
    assertThatThrownBy(() -> parse("FROM a\n\u0007\u001b[31m" + "x".repeat(100) + " y\n"))
        .isInstanceOf(DrydockException.class)
        .hasMessage("Dockerfile:2: unknown instruction ??[31m" + "x".repeat(34) + "...");
  }

  @Test
  void substitutionForms() {
    Dockerfile df = parse("""
        ARG REG=docker.io
        ARG TAG
        FROM ${REG}/library/node:${TAG:-20}-alpine
        ARG A=1
        ENV B=${A:+set} C=${UNSET:-dflt} D=${A-x} E="$A two" F='$A'
        LABEL l="${B}-${C}-${D}-${E}-${F}"
        """);
    assertThat(df.lastStage().baseImage()).isEqualTo("docker.io/library/node:20-alpine");
    Instruction label = df.lastStage().instructions().get(3);
    assertThat(label.args()).containsExactly("l=set-dflt-1-1 two-$A");
  }
}
