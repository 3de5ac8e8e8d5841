package dev.drydock.version.semver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A validity table made by a reference tool: lines {@code version<TAB>true|false} under
 * src/test/resources/golden/, {@code #} lines are comments. Shared by the version-scheme tests.
 */
public final class ValidityTable {
  private ValidityTable() {}

  /** The rows as (version, expected validity) arguments. */
  public static Stream<Arguments> arguments(String resource) {
    return rows(resource).stream().map(r -> Arguments.of(r[0], Boolean.parseBoolean(r[1])));
  }

  public static List<String[]> rows(String resource) {
    try (InputStream in = ValidityTable.class.getResourceAsStream("/golden/" + resource)) {
      assertThat(in).as(resource).isNotNull();
      List<String[]> rows = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          String[] p = line.split("\t", -1);
          assertThat(p).as(line).hasSize(2);
          assertThat(p[1]).as(line).isIn("true", "false");
          rows.add(p);
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
