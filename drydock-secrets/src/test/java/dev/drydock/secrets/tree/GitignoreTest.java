package dev.drydock.secrets.tree;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected answers follow gitignore(5) (checked by hand against {@code git check-ignore}). */
class GitignoreTest {

  @ParameterizedTest(name = "{0} vs {1} (dir={2}) -> {3}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      // a name without a slash matches at any depth
      "*.log|app.log|false|true",
      "*.log|a/b/app.log|false|true",
      "*.log|app.log.txt|false|null",
      // a leading slash anchors to the .gitignore's directory
      "/build|build|true|true",
      "/build|src/build|true|null",
      // a slash in the middle anchors too
      "doc/frotz|doc/frotz|true|true",
      "doc/frotz|a/doc/frotz|true|null",
      // trailing slash: directories only
      "out/|out|true|true",
      "out/|out|false|null",
      "out/|a/out|true|true",
      // wildcards do not cross '/'
      "src/*.java|src/A.java|false|true",
      "src/*.java|src/x/A.java|false|null",
      "file?.txt|file1.txt|false|true",
      "file?.txt|file10.txt|false|null",
      "[abc].md|b.md|false|true",
      "[!abc].md|b.md|false|null",
      "[!abc].md|d.md|false|true",
      // ** forms
      "**/logs|logs|true|true",
      "**/logs|deep/er/logs|true|true",
      "logs/**|logs/a/b.txt|false|true",
      "logs/**|logs|true|null",
      "a/**/b|a/b|true|true",
      "a/**/b|a/x/y/b|true|true",
      "a/**/b|x/a/b|true|null",
      // escapes
      "\\#notcomment|#notcomment|false|true",
      "\\!important|!important|false|true",
  })
  void singlePattern(String pattern, String path, boolean dir, Boolean expected) {
    assertThat(Gitignore.parse(pattern + "\n").decide(path, dir)).isEqualTo(expected);
  }

  @Test
  void lastMatchWinsAndNegationReincludes() {
    Gitignore g = Gitignore.parse("# comment\n\n*.env\n!keep.env\n");
    assertThat(g.decide("prod.env", false)).isTrue();
    assertThat(g.decide("keep.env", false)).isFalse();
    assertThat(g.decide("README", false)).isNull();
    Gitignore reversed = Gitignore.parse("!keep.env\n*.env\n");
    assertThat(reversed.decide("keep.env", false)).isTrue();
  }

  @Test
  void commentsBlankLinesAndTrailingSpacesAreIgnored() {
    Gitignore g = Gitignore.parse("#*.txt\n   \nsecret.txt   \r\n");
    assertThat(g.decide("a.txt", false)).isNull();
    assertThat(g.decide("secret.txt", false)).isTrue();
  }
}
