package dev.drydock.version.pep440;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A validity table made by an ecosystem's reference tool: rows {@code version TAB valid|invalid}, the
 * version taken verbatim (it may be empty or have spaces); {@code #} lines are comments. Shared by the
 * scheme tests of the language ecosystems.
 */
public final class ValidityTable {
  private ValidityTable() {}

  public static Stream<Arguments> load(String resource) {
    List<Arguments> rows = new ArrayList<>();
    try (InputStream in = ValidityTable.class.getResourceAsStream("/golden/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no validity table " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#")) {
          continue;
        }
        int tab = line.lastIndexOf('\t');
        String verdict = line.substring(tab + 1);
        if (!verdict.equals("valid") && !verdict.equals("invalid")) {
          throw new IllegalArgumentException(resource + ": bad verdict in '" + line + "'");
        }
        rows.add(Arguments.of(line.substring(0, tab), verdict.equals("valid")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows.stream();
  }
}
