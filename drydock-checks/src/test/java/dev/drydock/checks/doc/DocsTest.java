package dev.drydock.checks.doc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocsTest {

  @Test
  void yamlKeepsLineAndColumnOfKeysAndValuesInEveryDocument() {
    String text = """
        apiVersion: v1
        kind: Pod
        ---
        apiVersion: v1
        kind: Pod
        spec:
          containers:
            - name: app
              securityContext:
                privileged: true
        """;
    List<Doc> docs = Docs.yaml("pod.yaml", text, Docs.Tags.IGNORE);
    assertThat(docs).hasSize(2);
    Doc d = docs.get(1);
    assertThat(d.index()).isEqualTo(1);
    String p = "/spec/containers/0/securityContext/privileged";
    assertThat(d.get(p).asBoolean()).isTrue();
    assertThat(d.keyAt(p)).isEqualTo(new Loc(10, 9));
    assertThat(d.at(p)).isEqualTo(new Loc(10, 21));
    assertThat(d.keyAt("/spec/containers/0")).isEqualTo(new Loc(8, 7));
    assertThat(d.at("/spec/containers/0/missing/deeper")).isEqualTo(d.at("/spec/containers/0"));
  }

  @Test
  void jsonKeepsLineAndColumn() {
    Doc d = Docs.json("inspect.json", "[\n  {\n    \"HostConfig\": {\n      \"Privileged\": true\n    }\n  }\n]\n");
    assertThat(d.get("/0/HostConfig/Privileged").asBoolean()).isTrue();
    assertThat(d.keyAt("/0/HostConfig/Privileged")).isEqualTo(new Loc(4, 7));
  }

  @Test
  void scalarTypesFollowYamlCoreSchema() {
    Doc d = Docs.yaml("x.yaml", "a: 0x1F\nb: 3.5\nc: null\nd: \"true\"\ne: yes\n", Docs.Tags.IGNORE).get(0);
    assertThat(d.get("/a").asInt()).isEqualTo(31);
    assertThat(d.get("/b").asDouble()).isEqualTo(3.5);
    assertThat(d.get("/c").isNull()).isTrue();
    assertThat(d.get("/d").isTextual()).isTrue();
    assertThat(d.get("/e").asText()).isEqualTo("yes");
  }

  @Test
  void cloudFormationShortFormsBecomeIntrinsicObjects() {
    String text = """
        Resources:
          Role:
            Properties:
              Arn: !GetAtt Bucket.Arn
              Name: !Sub "${AWS::StackName}-role"
              Ref: !Ref Bucket
              Odd: !Frobnicate x
        """;
    Doc d = Docs.yaml("t.yaml", text, Docs.Tags.CLOUDFORMATION).get(0);
    assertThat(d.get("/Resources/Role/Properties/Arn/Fn::GetAtt/1").asText()).isEqualTo("Arn");
    assertThat(d.get("/Resources/Role/Properties/Name/Fn::Sub").asText()).isEqualTo("${AWS::StackName}-role");
    assertThat(d.get("/Resources/Role/Properties/Ref/Ref").asText()).isEqualTo("Bucket");
    assertThat(d.get("/Resources/Role/Properties/Odd/drydock:unknownTag").asText()).isEqualTo("Frobnicate");
    assertThat(Docs.yaml("t.yaml", text, Docs.Tags.IGNORE).get(0).get("/Resources/Role/Properties/Ref").asText())
        .isEqualTo("Bucket");
  }

  @Test
  void mergeKeysAsComposeUsesThem() {
    String text = """
        x-base: &base
          privileged: true
          user: root
        services:
          web:
            <<: *base
            user: app
        """;
    Doc d = Docs.yaml("compose.yaml", text, Docs.Tags.IGNORE).get(0);
    assertThat(d.get("/services/web/privileged").asBoolean()).isTrue();
    assertThat(d.get("/services/web/user").asText()).isEqualTo("app");
  }

  @Test
  void billionLaughsFailsWithFileAndLine() {
    StringBuilder sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      char p = (char) (c - 1);
      sb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        sb.append(i == 0 ? "" : ",").append('*').append(p);
      }
      sb.append("]\n");
    }
    assertThatThrownBy(() -> Docs.yaml("bomb.yaml", sb.toString(), Docs.Tags.IGNORE))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("bomb.yaml:")
        .hasMessageContaining("invalid YAML");
  }

  @Test
  void deepButNarrowAliasChainsHitTheNodeBudget() {
    StringBuilder sb = new StringBuilder("a0: &a0 [1, 2]\n");
    for (int i = 1; i <= 40; i++) {
      sb.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1)
          .append("]\n");
    }
    assertThatThrownBy(() -> Docs.yaml("chain.yaml", sb.toString(), Docs.Tags.IGNORE))
        .isInstanceOf(DrydockException.class)
        .hasMessageMatching("chain\\.yaml:\\d+: invalid YAML: .*");
  }

  @Test
  void invalidYamlAndJsonNameFileAndLine() {
    assertThatThrownBy(() -> Docs.yaml("bad.yaml", "a: 1\nb: [1, 2\nc: 3\n", Docs.Tags.IGNORE))
        .hasMessageMatching("bad\\.yaml:[34]: invalid YAML: .*");
    assertThatThrownBy(() -> Docs.json("bad.json", "{\n  \"a\": 1,\n  \"b\": }\n"))
        .hasMessageStartingWith("bad.json:3: invalid JSON");
    assertThatThrownBy(() -> Docs.yaml("tab.yaml", "a:\n\t- b\n", Docs.Tags.IGNORE))
        .hasMessageStartingWith("tab.yaml:2: invalid YAML");
  }

  @Test
  void parsePicksJsonOrYamlByFirstCharacter() {
    assertThat(Docs.parse("a", "  {\"a\": 1}", Docs.Tags.IGNORE).get(0).get("/a").asInt()).isEqualTo(1);
    assertThat(Docs.parse("a", "a: 1", Docs.Tags.IGNORE).get(0).get("/a").asInt()).isEqualTo(1);
  }
}
