package dev.drydock.analyzers.lang.java;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntryNamesTest {

  @Test
  void namesLeavingTheRootEscape() {
    for (String name : new String[] {"../x", "/etc/passwd", "\\etc\\passwd", "..\\..\\x", "a\\..\\..\\x",
        "C:\\Windows\\x.dll", "c:x", "a/b/../../../x", "a//../../x", "..", "./.."}) {
      assertThat(EntryNames.escapesRoot(name)).as(name).isTrue();
    }
  }

  @Test
  void namesStayingInsideTheRootDoNot() {
    for (String name : new String[] {"a/../b", "a/b/../../c", "./x", "..x/y..", "a/.../b", "META-INF/", "a/b/..",
        "ab:c/d", "BOOT-INF/lib/x.jar"}) {
      assertThat(EntryNames.escapesRoot(name)).as(name).isFalse();
    }
  }
}
