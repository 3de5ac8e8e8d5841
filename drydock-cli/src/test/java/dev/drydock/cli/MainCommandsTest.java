package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** Main builds only the subcommand being run, so its name table must match each command's own name. */
class MainCommandsTest {

  @Test
  void everyRegisteredNameIsTheCommandsOwnName() {
    for (Map.Entry<String, java.util.function.Supplier<Object>> e : Main.COMMANDS.entrySet()) {
      Command c = e.getValue().get().getClass().getAnnotation(Command.class);
      assertThat(c).as(e.getKey()).isNotNull();
      assertThat(c.name()).as("name of the command registered as '" + e.getKey() + "'").isEqualTo(e.getKey());
    }
  }

  @Test
  void helpStillListsEveryCommandAndAnUnknownOneIsUsageError() {
    Cli.Run help = Cli.run("--help");
    assertThat(help.exit()).isZero();
    for (String name : Main.COMMANDS.keySet()) {
      assertThat(help.out()).contains("  " + name);
    }
    Cli.Run unknown = Cli.run("frobnicate");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("drydock: ");
  }
}
