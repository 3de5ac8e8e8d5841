package dev.drydock.version;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A golden table: ordered pairs produced by an ecosystem's reference tool, one per line,
 * {@code <a> TAB <op> TAB <b>} with op one of {@code <}, {@code =}, {@code >}. Lines starting with
 * {@code #} are comments. Tables live in src/test/resources/golden/ beside the script that made them.
 */
public record GoldenTable(String name, List<Row> rows) {

  public record Row(int line, String a, int expected, String b) {
    @Override
    public String toString() {
      return name() + ":" + line + " " + a + " " + (expected < 0 ? "<" : expected > 0 ? ">" : "=") + " " + b;
    }

    private String name() {
      return "";
    }
  }

  public static GoldenTable load(String resource) {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = GoldenTable.class.getResourceAsStream("/golden/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden table " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t", -1);
        if (parts.length != 3) {
          throw new IllegalArgumentException(resource + ":" + n + ": expected 'a<TAB>op<TAB>b'");
        }
        int op = switch (parts[1]) {
          case "<" -> -1;
          case "=" -> 0;
          case ">" -> 1;
          default -> throw new IllegalArgumentException(resource + ":" + n + ": bad operator " + parts[1]);
        };
        rows.add(new Row(n, parts[0], op, parts[2]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new GoldenTable(resource, List.copyOf(rows));
  }
}
