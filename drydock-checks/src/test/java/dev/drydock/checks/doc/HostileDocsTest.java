package dev.drydock.checks.doc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.checks.cloudformation.CloudFormationChecker;
import dev.drydock.model.DrydockException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * YAML and JSON built to crash or exhaust the parser (issue 18): each is one {@code file:line:} error. A hang fails the
 * test instead of the build.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileDocsTest {
  private static final int MIB = 1 << 20;

  @Test
  void cloudFormationIfNestedAThousandDeepIsRefusedBeforeAnyCheckRecurses() {
    // about 10 KB; was a StackOverflowError in the checks that walk the template
    String nested = "x";
    for (int i = 0; i < 1000; i++) {
      nested = "!If [c," + nested + ",y]";
    }
    String template = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n"
        + "    Properties:\n      BucketName: " + nested + "\n";
    assertThat(template.length()).isLessThan(11_000);
    CloudFormationChecker checker = new CloudFormationChecker();
    assertThat(checker.accepts("stack.yaml", template)).isTrue();
    assertThatThrownBy(() -> checker.check("stack.yaml", template))
        .isInstanceOf(DrydockException.class)
        .hasMessage("stack.yaml:6: invalid YAML: nested deeper than 100 levels");
  }

  @Test
  void nestingUpToTheBoundIsRead() {
    String ok = "a: " + "[".repeat(99) + "1" + "]".repeat(99) + "\n";
    assertThat(Docs.yaml("ok.yaml", ok, Docs.Tags.IGNORE)).hasSize(1);
    String deep = "a: " + "[".repeat(100) + "1" + "]".repeat(100) + "\n";
    assertThatThrownBy(() -> Docs.yaml("deep.yaml", deep, Docs.Tags.IGNORE))
        .hasMessage("deep.yaml:1: invalid YAML: nested deeper than 100 levels");
  }

  @Test
  void aHundredThousandDocumentsAreRefusedAtTheFirstOverTheBound() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      sb.append("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p").append(i).append('\n');
    }
    assertThatThrownBy(() -> Docs.yaml("pods.yaml", sb.toString(), Docs.Tags.IGNORE))
        .isInstanceOf(DrydockException.class)
        .hasMessage("pods.yaml:50001: invalid YAML: more than 10000 documents in one file");
  }

  @Test
  void aSelfReferencingMergeKeyIsRefused() {
    assertThatThrownBy(() -> Docs.yaml("merge.yaml", "base: &a\n  x: 1\n  <<: *a\n", Docs.Tags.IGNORE))
        .isInstanceOf(DrydockException.class)
        .hasMessage("merge.yaml:3: invalid YAML: an alias refers to a node that contains it (it would expand forever)");
    assertThatThrownBy(() -> Docs.yaml("seq.yaml", "a: &a [1, *a]\n", Docs.Tags.IGNORE))
        .hasMessageStartingWith("seq.yaml:1: invalid YAML: an alias refers to a node that contains it");
  }

  @Test
  void aliasesCannotStackNestingPastTheBound() {
    // each anchor is 60 levels deep and holds the previous one: 120 levels once expanded
    String deep60 = "[".repeat(59) + "%s" + "]".repeat(59);
    String text = "a: &a " + String.format(deep60, "1") + "\nb: &b " + String.format(deep60, "*a") + "\n";
    assertThatThrownBy(() -> Docs.yaml("stack.yaml", text, Docs.Tags.IGNORE))
        .hasMessage("stack.yaml:1: invalid YAML: nested deeper than 100 levels once aliases are expanded");
  }

  @Test
  void oneValueOverTheLengthBoundIsRefused() {
    String big = "x".repeat(MIB + 1);
    assertThatThrownBy(() -> Docs.yaml("big.yaml", "a: 1\nb: " + big + "\n", Docs.Tags.IGNORE))
        .hasMessage("big.yaml:2: invalid YAML: a value longer than 1048576 characters");
    assertThatThrownBy(() -> Docs.json("big.json", "{\n\"a\": \"" + big + "\"}"))
        .hasMessageStartingWith("big.json:2: invalid JSON: String value length")
        .hasMessageNotContaining("\n");
    assertThat(Docs.yaml("ok.yaml", "a: " + "x".repeat(MIB) + "\n", Docs.Tags.IGNORE)
        .get(0).get("/a").asText()).hasSize(MIB);
  }

  @Test
  void jsonNestingIsBoundedLikeYaml() {
    String deep = "{\"a\":\n" + "[".repeat(101) + "]".repeat(101) + "}";
    assertThatThrownBy(() -> Docs.json("deep.json", deep))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("deep.json:2: invalid JSON: Document nesting depth")
        .hasMessageNotContaining("\n");
  }
}
