package dev.drydock.checks.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: whatever value of whatever type a YAML corpus template holds at any key, checking it either
 * returns findings or fails with a one-line {@link DrydockException} naming the file and line, never another
 * exception (ClassCastException, NullPointerException, ...). Values are replaced at seeded random keys.
 */
class MalformedTemplateTest {
  private static final Pattern KEY_VALUE = Pattern.compile("^(\\s*-?\\s*[A-Za-z][A-Za-z0-9:]*:)( .*)?$");
  private static final List<String> VALUES = List.of(" [1, 2]", " {a: 1}", " 5", " null", " !Frobnicate x", " ''",
      " true", " [[]]", " {Fn::If: [c, 1]}", " '*'", " [{}]", " -1", " 0.0.0.0/0");

  static Stream<Path> templates() throws IOException {
    try (Stream<Path> s = Files.list(Paths.get("src/test/resources/corpus/cloudformation"))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void anyValueAtAnyKeyIsAFindingOrAOneLineError(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<Integer> keyed = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (KEY_VALUE.matcher(lines.get(i)).matches()) {
        keyed.add(i);
      }
    }
    assertThat(keyed).hasSizeGreaterThan(10);
    Random random = new Random(file.getFileName().toString().hashCode());
    CloudFormationChecker checker = new CloudFormationChecker();
    int errors = 0;
    for (int round = 0; round < 120; round++) {
      List<String> mutated = new ArrayList<>(lines);
      for (int k = 0; k < 3; k++) {
        int line = keyed.get(random.nextInt(keyed.size()));
        Matcher m = KEY_VALUE.matcher(mutated.get(line));
        if (m.matches()) {
          mutated.set(line, m.group(1) + VALUES.get(random.nextInt(VALUES.size())));
        }
      }
      String text = String.join("\n", mutated) + "\n";
      try {
        assertThat(checker.check("t.yaml", text)).isNotNull();
      } catch (DrydockException e) {
        errors++;
        assertThat(e.getMessage()).matches("t\\.yaml:\\d+: [^\\n]+");
      }
    }
    assertThat(errors).as("most mutations stay valid YAML").isLessThan(120);
  }
}
