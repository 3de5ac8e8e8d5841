package dev.drydock.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.drydock.model.DrydockException;
import org.junit.jupiter.api.Test;

/** A YAML document as JSON plus the position of every value and key, by JSON pointer. */
class YamlJsonTest {
  private static final YamlTree.Bounds BOUNDS = new YamlTree.Bounds(1, 10, 100, 5, 100, 10_000);

  private static YamlJson json(String yaml, YamlJson.Keys keys) {
    return YamlJson.of("f.yaml", YamlTree.readOne("f.yaml", yaml, BOUNDS), keys, null);
  }

  @Test
  void valuesAndKeysHaveTheirPositionsByPointer() {
    YamlJson j = json("spec:\n  containers:\n    - name: a\n      image: 'x/y'\n", YamlJson.Keys.UNIQUE);
    assertThat(j.root().at("/spec/containers/0/image").asText()).isEqualTo("x/y");
    assertThat(j.positions().get("/spec/containers/0/image")).isEqualTo(new YamlJson.Position(4, 14));
    assertThat(j.positions().get("/spec/containers/0/image#key")).isEqualTo(new YamlJson.Position(4, 7));
    assertThat(YamlJson.child("/a", "b/c~d")).isEqualTo("/a/b~1c~0d");
  }

  @Test
  void aDuplicateKeyWinsOrIsAnErrorAsTheReaderAsks() {
    assertThat(json("a: 1\na: 2\n", YamlJson.Keys.LAST_WINS).root().get("a").asInt()).isEqualTo(2);
    assertThatThrownBy(() -> json("a: 1\na: 2\n", YamlJson.Keys.UNIQUE)).isInstanceOf(DrydockException.class)
        .hasMessage("f.yaml:2: duplicate key 'a' (expected each key once)");
    assertThatThrownBy(() -> json("? [a]\n: 1\n", YamlJson.Keys.UNIQUE))
        .hasMessageStartingWith("f.yaml:1: invalid YAML: "); // SnakeYAML refuses a key that is not a scalar
  }

  @Test
  void localTagsGoToTheReadersFunction() {
    YamlJson j = YamlJson.of("t.yaml", YamlTree.readOne("t.yaml", "a: !Ref b\n", BOUNDS), YamlJson.Keys.LAST_WINS,
        (tag, value) -> JsonNodeFactory.instance.objectNode().set(tag, value));
    assertThat(j.root().at("/a/Ref").asText()).isEqualTo("b");
  }
}
