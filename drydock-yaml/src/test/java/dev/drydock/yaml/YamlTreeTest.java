package dev.drydock.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.yaml.YamlTree.Kind;
import dev.drydock.yaml.YamlTree.Mapping;
import dev.drydock.yaml.YamlTree.Scalar;
import dev.drydock.yaml.YamlTree.Sequence;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one YAML-with-line-numbers reader: positions, types, tags, shared aliases and its bounds. */
class YamlTreeTest {
  private static final YamlTree.Bounds BOUNDS = new YamlTree.Bounds(3, 5, 20, 5, 50, 10_000);

  @Test
  void everyNodeKnowsItsLineAndColumn() {
    Mapping root = (Mapping) YamlTree.readOne("f.yaml", "a: 1\nb:\n  - x\n  -   'y'\n", BOUNDS);
    assertThat(root.line()).isEqualTo(1);
    YamlTree.Entry b = root.entries().get(1);
    assertThat(b.name()).isEqualTo("b");
    assertThat(b.key().line()).isEqualTo(2);
    Sequence items = (Sequence) b.value();
    Scalar y = (Scalar) items.items().get(1);
    assertThat(List.of(y.value(), y.line(), y.column(), y.plain())).containsExactly("y", 4, 7, false);
  }

  @Test
  void scalarsAreTypedByTheCoreSchema() {
    Sequence s = (Sequence) YamlTree.readOne("f.yaml", "[1, 0x1F, 2.5, True, ~, '1', text]", BOUNDS);
    assertThat(s.items()).extracting(n -> ((Scalar) n).kind())
        .containsExactly(Kind.INT, Kind.INT, Kind.FLOAT, Kind.BOOL, Kind.NULL, Kind.STRING, Kind.STRING);
    assertThat(((Scalar) s.items().get(1)).integer()).isEqualTo(BigInteger.valueOf(31));
    assertThat(((Scalar) s.items().get(3)).json().booleanValue()).isTrue();
  }

  @Test
  void localTagsAreKeptForTheReaderAndMergeKeysFlattened() {
    Mapping root = (Mapping) YamlTree.readOne("t.yaml", "a: !GetAtt Role.Arn\nb: !If [c, 1, 2]\nd:\n  <<: {e: 1}\n",
        BOUNDS);
    assertThat(root.entries().get(0).value().tag()).isEqualTo("!GetAtt");
    assertThat(root.entries().get(1).value()).isInstanceOf(Sequence.class);
    assertThat(root.entries().get(1).value().tag()).isEqualTo("!If");
    assertThat(((Mapping) root.entries().get(2).value()).entries().get(0).name()).isEqualTo("e");
  }

  @Test
  void anAliasSharesTheNodeItNames() {
    Mapping root = (Mapping) YamlTree.readOne("a.yaml", "a: &x [1, 2]\nb: *x\n", BOUNDS);
    assertThat(root.entries().get(1).value()).isSameAs(root.entries().get(0).value());
  }

  @Test
  void emptyDocumentsCountAsNull() {
    assertThat(YamlTree.readAll("d.yaml", "a: 1\n---\n---\nb: 2\n", BOUNDS)).hasSize(3)
        .satisfies(docs -> assertThat(((Scalar) docs.get(1)).isNull()).isTrue());
    assertThat(YamlTree.readOne("e.yaml", "", BOUNDS)).isNull();
  }

  @Test
  void anAliasBombIsOneLineNamingTheFile() {
    String bomb = "a: &a [1, 1, 1, 1]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\n";
    assertThatThrownBy(() -> YamlTree.readOne("bomb.yaml", bomb, new YamlTree.Bounds(3, 5, 20, 20, 50, 10_000))).isInstanceOf(DrydockException.class)
        .hasMessage("bomb.yaml:3: invalid YAML: more than 50 nodes once aliases are expanded (an alias bomb?)");
  }

  @Test
  void aliasesCannotStackNestingPastTheBound() {
    assertThatThrownBy(() -> YamlTree.readOne("deep.yaml", "a: &a [[[1]]]\nb: [[*a]]\n", BOUNDS))
        .hasMessage("deep.yaml:1: invalid YAML: nested deeper than 5 levels once aliases are expanded");
  }

  @Test
  void theWrittenBoundsComeFromBoundedEvents() {
    assertThatThrownBy(() -> YamlTree.readOne("v.yaml", "a: " + "x".repeat(21), BOUNDS))
        .hasMessage("v.yaml:1: invalid YAML: a value longer than 20 characters");
    assertThatThrownBy(() -> YamlTree.readAll("n.yaml", "a\n---\nb\n---\nc\n---\nd\n", BOUNDS))
        .hasMessage("n.yaml:6: invalid YAML: more than 3 documents in one file");
    assertThatThrownBy(() -> YamlTree.readOne("m.yaml", "a: &a\n  <<: *a\n", BOUNDS))
        .hasMessage("m.yaml:2: invalid YAML: an alias refers to a node that contains it (it would expand forever)");
  }

  @Test
  void syntaxErrorsKeepSnakeYamlsPartsOnOneLine() {
    assertThatThrownBy(() -> YamlTree.readOne("s.yaml", "a: 1\nb: \"open\nc: 2\n", BOUNDS))
        .isInstanceOfSatisfying(YamlTree.SyntaxError.class, e -> {
          assertThat(e.context()).isEqualTo("while scanning a quoted scalar");
          assertThat(e.problem()).isEqualTo("found unexpected end of stream");
          assertThat(e.contextLine()).isEqualTo(2);
          assertThat(e.getMessage()).doesNotContain("\n").startsWith("s.yaml:");
        });
    assertThatThrownBy(() -> YamlTree.readOne("two.yaml", "a: 1\n---\nb: 2\n", BOUNDS))
        .isInstanceOf(YamlTree.SyntaxError.class).hasMessage("two.yaml:2: invalid YAML: but found another document");
    assertThatThrownBy(() -> YamlTree.readOne("big.yaml", "a: b\n".repeat(3000), BOUNDS))
        .hasMessageStartingWith("big.yaml:1: invalid YAML: ").hasMessageContaining("10000 code points");
  }

  /** Found by BaselineFuzzTest (its input is kept in BaselineFuzzTestInputs): SnakeYAML threw IllegalArgumentException. */
  @org.junit.jupiter.api.Test
  void aTagSnakeYamlCannotBuildIsASyntaxError() {
    for (String text : java.util.List.of("# {{{u\n - !l%e")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> YamlTree.readOne("b.yaml", text, BOUNDS))
          .isInstanceOf(YamlTree.SyntaxError.class)
          .hasMessageStartingWith("b.yaml:1: invalid YAML: a tag that cannot be read: ")
          .hasMessageNotContaining("\n");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> YamlTree.readAll("b.yaml", text, BOUNDS))
          .isInstanceOf(YamlTree.SyntaxError.class);
    }
  }
}
