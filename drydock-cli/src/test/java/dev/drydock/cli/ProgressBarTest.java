package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress bar draws on a terminal only, in place, and leaves nothing behind. */
class ProgressBarTest {
  @TempDir Path tmp;

  @Test
  void onAPipeItWritesNothing() {
    // surefire's forked JVM writes its stderr to a pipe: not a terminal
    assertThat(Terminal.stderr()).isFalse();
    StringWriter w = new StringWriter();
    ProgressBar bar = ProgressBar.onStderr(new PrintWriter(w, true), true, false);
    for (int i = 0; i <= 6; i++) {
      bar.progress("layers", i, 6);
    }
    bar.clear();
    assertThat(w.toString()).isEmpty();
  }

  @Test
  void quietOrAnotherWriterWritesNothingEvenWhenItCouldDraw() {
    StringWriter w = new StringWriter();
    ProgressBar.onStderr(new PrintWriter(w, true), true, true).progress("layers", 1, 6);
    ProgressBar.onStderr(new PrintWriter(w, true), false, false).progress("layers", 1, 6);
    assertThat(w.toString()).isEmpty();
  }

  @Test
  void onATerminalItRedrawsOneLineAndClearsItWhenDone() {
    StringWriter w = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(w, true), true);
    bar.progress("layers", 0, 4);
    bar.progress("layers", 2, 4);
    bar.progress("layers", 2, 4); // unchanged: not redrawn
    assertThat(w.toString()).isEqualTo("\rlayers [                              ] 0/4"
        + "\rlayers [###############               ] 2/4");
    bar.progress("layers", 4, 4);
    assertThat(w.toString()).doesNotContain("\n").endsWith("2/4\r" + " ".repeat("layers [] 2/4".length() + 30) + "\r");
  }

  @Test
  void aCommandOnAPipePrintsWhatItPrintedWithoutTheBar() {
    Cli.Run r = Cli.run("scan", "--advisories", "../examples/advisories", "--cache-dir", tmp.toString(),
        "../examples/demo-app.tar");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err()).doesNotContain("\r").doesNotContain("layers [");
    assertThat(r.errLines()).singleElement().asString().startsWith("drydock: ../examples/demo-app.tar: 71 packages");
  }
}
