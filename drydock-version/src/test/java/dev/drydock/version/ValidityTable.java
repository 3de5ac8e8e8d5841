package dev.drydock.version;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A validity table made by an ecosystem's reference tool, under src/test/resources/golden/: rows
 * {@code version TAB verdict} with verdict {@code valid|invalid} or {@code true|false}; the version is
 * taken verbatim up to the last tab (it may be empty or hold spaces); {@code #} lines are comments.
 */
public final class ValidityTable {
  private ValidityTable() {}

  /** The rows as (version, expected validity) arguments for a parameterized test. */
  public static Stream<Arguments> arguments(String resource) {
    return rows(resource).stream().map(r -> Arguments.of(r[0], Boolean.parseBoolean(r[1])));
  }

  /** Same as {@link #arguments}. */
  public static Stream<Arguments> load(String resource) {
    return arguments(resource);
  }

  /** The rows as {@code {version, "true"|"false"}}. */
  public static List<String[]> rows(String resource) {
    try (InputStream in = ValidityTable.class.getResourceAsStream("/golden/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no validity table " + resource);
      }
      List<String[]> rows = new ArrayList<>();
      int n = 0;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        n++;
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int tab = line.lastIndexOf('\t');
        String verdict = tab < 0 ? "" : line.substring(tab + 1);
        boolean valid = switch (verdict) {
          case "valid", "true" -> true;
          case "invalid", "false" -> false;
          default -> throw new IllegalArgumentException(resource + ":" + n + ": bad verdict in '" + line + "'");
        };
        rows.add(new String[] {line.substring(0, tab), Boolean.toString(valid)});
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
