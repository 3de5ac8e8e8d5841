package dev.drydock.vulndb.feed.eol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.DrydockException;
import dev.drydock.vulndb.AdvisorySource.EndOfLifeEntry;
import dev.drydock.vulndb.feed.FeedException;
import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.feed.Skipped;
import dev.drydock.vulndb.feed.Sniff;
import dev.drydock.vulndb.store.SourceWriter;
import dev.drydock.yaml.YamlJson;
import dev.drydock.yaml.YamlTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The support dates of OS releases from endoflife.date's product files ({@code products/<product>.md} of
 * github.com/endoflife-date/endoflife.date, MIT): YAML front matter between {@code ---} lines with
 * {@code permalink: /<product>} and {@code releases:}, one entry per {@code releaseCycle} with {@code eol} (the end
 * of security support, a date or a boolean) and, for some products, {@code eoes} (the end of extended support).
 *
 * <p>Only the products that are the OS of container images are read ({@link Product}); what a product's fields mean
 * differs (Debian's free LTS is its {@code eoes}; Ubuntu's {@code eoes} is the paid Ubuntu Pro ESM), so each has its
 * reading. A release whose dates cannot be read is skipped with one line; the rest of the file is imported.
 */
public final class EndOfLifeDateImporter implements FeedImporter {

  private static final Pattern PERMALINK = Pattern.compile("(?m)^permalink:\\s*/[A-Za-z0-9._-]+\\s*$");
  private static final Pattern RELEASE_CYCLE = Pattern.compile("(?m)^\\s*-?\\s*releaseCycle:");
  private static final YamlTree.Bounds BOUNDS = new YamlTree.Bounds(1, 32, 64 * 1024, 0, 200_000, 4 * 1024 * 1024);

  /**
   * How one endoflife.date product maps onto os-release: the {@code ID}, whether its {@code eoes} is free (then it is
   * the end of security updates) or paid (then it is shown as extended support), and how its release cycles are
   * spelled against {@code VERSION_ID} (drydock's lookup tries the whole version, then major.minor, then major).
   */
  enum Product {
    DEBIAN("debian", "debian", true),
    UBUNTU("ubuntu", "ubuntu", false),
    ALPINE("alpine-linux", "alpine", false),
    ALPINE_OLD("alpinelinux", "alpine", false),
    RHEL("rhel", "rhel", false),
    AMAZON("amazon-linux", "amzn", false),
    SLES("sles", "sles", false),
    OPENSUSE("opensuse", "opensuse-leap", false),
    ALMALINUX("almalinux", "almalinux", false),
    ROCKY("rocky-linux", "rocky", false),
    ORACLE("oracle-linux", "ol", false),
    FEDORA("fedora", "fedora", false);

    final String product;
    final String family;
    final boolean extendedIsFree;

    Product(String product, String family, boolean extendedIsFree) {
      this.product = product;
      this.family = family;
      this.extendedIsFree = extendedIsFree;
    }

    static Product of(String permalink) {
      for (Product p : values()) {
        if (p.product.equals(permalink)) {
          return p;
        }
      }
      return null;
    }
  }

  @Override
  public long maxBytes() {
    return 4L * 1024 * 1024;
  }

  @Override
  public String format() {
    return "endoflife-date-md";
  }

  @Override
  public boolean recognises(String fileName, byte[] head) {
    String text = Sniff.text(head);
    return text.startsWith("---") && PERMALINK.matcher(text).find() && RELEASE_CYCLE.matcher(text).find();
  }

  @Override
  public ImportResult importFrom(InputStream in, String location, SourceWriter out) throws IOException {
    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String front = frontMatter(text, location);
    JsonNode root;
    try {
      YamlTree.Node node = YamlTree.readOne(location, front, BOUNDS);
      root = node == null ? null : YamlJson.of(location, node, YamlJson.Keys.LAST_WINS, null).root();
    } catch (DrydockException e) {
      throw new FeedException(e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new FeedException(location + ": endoflife.date front matter is not a mapping");
    }
    String permalink = root.path("permalink").asText("").replaceFirst("^/", "").trim();
    Product product = Product.of(permalink);
    List<Skipped> skipped = new ArrayList<>();
    if (product == null) {
      skipped.add(new Skipped(location, "endoflife.date product '" + permalink
          + "' is not an operating system drydock judges (none of " + products() + ")"));
      out.addSkipped(1);
      return new ImportResult(format(), location, 0, skipped);
    }
    JsonNode releases = root.path("releases");
    if (!releases.isArray()) {
      throw new FeedException(location + ": endoflife.date product '" + permalink + "' has no releases list");
    }
    String link = root.path("releasePolicyLink").asText(null);
    long accepted = 0;
    for (int i = 0; i < releases.size(); i++) {
      JsonNode r = releases.get(i);
      String where = location + " releases[" + i + "]";
      String cycle = r.path("releaseCycle").isValueNode() ? r.path("releaseCycle").asText("").trim() : "";
      if (cycle.isEmpty()) {
        skipped.add(new Skipped(where, "no releaseCycle"));
        continue;
      }
      try {
        Support eol = support(r.get("eol"), "eol");
        Support eoes = support(r.get("eoes"), "eoes");
        String end;
        String extended;
        if (product.extendedIsFree && eoes.date != null) {
          end = eoes.date; // Debian LTS: still free security updates
          extended = null;
        } else {
          end = eol.date;
          extended = eoes.date;
        }
        if (end == null && eol.ended) {
          skipped.add(new Skipped(where + " " + cycle, "eol is true but gives no date; release skipped"));
          continue;
        }
        String releaseLink = r.path("link").isTextual() ? r.path("link").asText() : link;
        out.addEndOfLife(new EndOfLifeEntry(product.family, cycle, end, extended, releaseLink, out.name()));
        accepted++;
      } catch (IllegalArgumentException e) {
        skipped.add(new Skipped(where + " " + cycle, e.getMessage()));
      }
    }
    out.addSkipped(skipped.size());
    return new ImportResult(format(), location, accepted, skipped);
  }

  /** A support field: a date, {@code true} (ended, no date), {@code false} or absent (no end announced). */
  private record Support(String date, boolean ended) {}

  private static Support support(JsonNode v, String field) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return new Support(null, false);
    }
    if (v.isBoolean()) {
      return new Support(null, v.asBoolean());
    }
    String s = v.asText().trim();
    if ("true".equals(s) || "false".equals(s)) {
      return new Support(null, Boolean.parseBoolean(s));
    }
    try {
      return new Support(LocalDate.parse(s).toString(), true);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " '" + s + "' is not a date (YYYY-MM-DD) nor true/false");
    }
  }

  /** The text between the opening {@code ---} line and the next {@code ---} line. */
  private static String frontMatter(String text, String location) {
    String[] lines = text.split("\n", -1);
    if (lines.length == 0 || !lines[0].strip().equals("---")) {
      throw new FeedException(location + ": endoflife.date product file does not start with '---'");
    }
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].strip().equals("---")) {
        return b.toString();
      }
      b.append(lines[i]).append('\n');
    }
    throw new FeedException(location + ": endoflife.date front matter has no closing '---' (truncated?)");
  }

  private static String products() {
    List<String> names = new ArrayList<>();
    for (Product p : Product.values()) {
      names.add(p.product);
    }
    return String.join(", ", names);
  }

  /** The os-release family of an endoflife.date product, for docs and tests. */
  static Map<String, String> families() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (Product p : Product.values()) {
      m.put(p.product, p.family);
    }
    return m;
  }
}
