package dev.drydock.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

class BoundedEventsTest {
  private static final BoundedEvents.Bounds SMALL = new BoundedEvents.Bounds(2, 3, 10);

  private static List<Node> compose(String yaml) {
    LoadSettings settings = LoadSettings.builder().setUseMarks(true).build();
    Composer c = new Composer(settings,
        new BoundedEvents(new ParserImpl(settings, new StreamReader(settings, yaml)), "f.yaml", SMALL));
    List<Node> out = new ArrayList<>();
    c.forEachRemaining(out::add);
    return out;
  }

  @Test
  void withinTheBoundsEverythingIsComposed() {
    assertThat(compose("a: {b: [1, 2]}\n---\nc: short\n")).hasSize(2);
  }

  @Test
  void eachBoundIsOneErrorNamingFileAndLine() {
    assertThatThrownBy(() -> compose("a: 1\n---\nb: 2\n---\nc: 3\n")).isInstanceOf(DrydockException.class)
        .hasMessage("f.yaml:4: invalid YAML: more than 2 documents in one file");
    assertThatThrownBy(() -> compose("a:\n  b:\n    c:\n      d: 1\n"))
        .hasMessage("f.yaml:4: invalid YAML: nested deeper than 3 levels");
    assertThatThrownBy(() -> compose("a: 12345678901\n"))
        .hasMessage("f.yaml:1: invalid YAML: a value longer than 10 characters");
  }

  /** SnakeYAML's merge loop never ends on a self-referencing merge key: it must be refused before the composer. */
  @Test
  void anAliasInsideTheNodeItNamesIsRefused() {
    assertThatThrownBy(() -> compose("&a {<<: *a}\n"))
        .hasMessage("f.yaml:1: invalid YAML: an alias refers to a node that contains it (it would expand forever)");
    assertThat(compose("base: &b {x: 1}\nother: {<<: *b}\n")).hasSize(1);
  }
}
