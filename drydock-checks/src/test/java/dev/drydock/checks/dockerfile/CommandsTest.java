package dev.drydock.checks.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.checks.dockerfile.Commands.Cmd;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {

  @Test
  void separatorsQuotesAndPipes() {
    List<Cmd> cmds = Commands.parse("a 'x | y' \"z;w\" && b || c; d | e |& f 2>&1 & g >| h\n# c | d\ni");
    assertThat(cmds).extracting(Cmd::name).containsExactly("a", "b", "c", "d", "e", "f", "g", "i");
    assertThat(cmds.get(0).args()).containsExactly("x | y", "z;w");
    assertThat(cmds).extracting(Cmd::piped).containsExactly(false, false, false, false, true, true, false, false);
    assertThat(cmds.get(6).args()).containsExactly(">|", "h");
  }

  @Test
  void wrappersAssignmentsKeywordsAndPathsAreDropped() {
    List<Cmd> cmds = Commands.parse("DEBIAN_FRONTEND=noninteractive sudo -E -u app /usr/bin/apt-get install -y x; "
        + "if true; then env A=1 pip3 install y; fi; (cd /src && python3.12 -m pip install z)");
    assertThat(cmds).extracting(Cmd::name).containsExactly("apt-get", "true", "pip3", "fi", "cd", "pip");
    assertThat(cmds.get(0).sudo()).isTrue();
    assertThat(cmds.get(0).args()).containsExactly("install", "-y", "x");
    assertThat(cmds.get(2).sudo()).isFalse();
    assertThat(cmds.get(5).args()).containsExactly("install", "z");
  }

  @Test
  void continuationsInHeredocScriptsAndSubcommands() {
    List<Cmd> cmds = Commands.parse("apt-get -o Acquire::Retries=3 \\\n  install jq");
    assertThat(cmds).hasSize(1);
    assertThat(cmds.get(0).sub(java.util.Set.of("-o"))).isEqualTo("install");
    assertThat(cmds.get(0).sub(java.util.Set.of())).isEqualTo("Acquire::Retries=3");
    assertThat(Commands.operands(cmds.get(0), "install", java.util.Set.of("-o"))).containsExactly("jq");
  }

  @Test
  void hasPipe() {
    assertThat(Commands.hasPipe("ls | wc")).isTrue();
    assertThat(Commands.hasPipe("a || b && echo 'x|y' \"p|q\" >| f # c | d")).isFalse();
    assertThat(Commands.hasPipe("grep a\\|b f")).isFalse();
  }
}
