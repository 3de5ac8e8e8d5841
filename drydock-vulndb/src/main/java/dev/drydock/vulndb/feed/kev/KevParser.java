package dev.drydock.vulndb.feed.kev;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.DrydockException;
import dev.drydock.vulndb.feed.FeedException;
import dev.drydock.vulndb.AdvisorySource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Streams the CISA Known Exploited Vulnerabilities catalogue
 * (https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json) into
 * {@link AdvisorySource.Kev} values.
 *
 * <p>An entry without a valid {@code cveID}, or with a {@code dateAdded}/{@code dueDate} that is not an ISO
 * date, is skipped and reported in {@link Summary#problems()} with its line; a document that is not a KEV
 * catalogue at all raises {@link DrydockException} naming the file.
 */
public final class KevParser {
  static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
  private static final int MAX_PROBLEMS_KEPT = 100;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private KevParser() {}

  /**
   * What a parse produced: catalogue version, release time ({@code dateReleased}, null if absent), entries
   * emitted, malformed entries (first 100 described).
   */
  public record Summary(String catalogVersion, String dateReleased, int accepted, int malformed,
      List<String> problems) {
    public Summary {
      problems = List.copyOf(problems);
    }
  }

  /** True if {@code head} (the first bytes of a file) looks like a KEV catalogue: a JSON object naming catalogVersion. */
  public static boolean recognises(byte[] head) {
    String text = new String(head, StandardCharsets.UTF_8).stripLeading();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1).stripLeading();
    }
    return text.startsWith("{") && text.contains("\"catalogVersion\"");
  }

  /** Parses {@code file}, handing each valid entry to {@code sink}. */
  public static Summary parse(Path file, Consumer<AdvisorySource.Kev> sink) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString(), sink);
    } catch (IOException e) {
      throw new DrydockException("cannot read KEV catalogue " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a KEV catalogue from {@code in}; {@code name} names the source in messages. */
  public static Summary parse(InputStream in, String name, Consumer<AdvisorySource.Kev> sink) {
    try (JsonParser p = MAPPER.getFactory().createParser(in)) {
      return new Run(p, name, sink).document();
    } catch (JsonParseException e) {
      throw new FeedException(name + ": not a CISA KEV catalogue (invalid JSON"
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ": "
          + FeedException.oneLine(e.getOriginalMessage()) + ")", e);
    } catch (IOException e) {
      throw new FeedException("cannot read KEV catalogue " + name + ": " + e.getMessage(), e);
    }
  }

  /** One parse: walks the top-level object, streaming {@code vulnerabilities[]} entry by entry. */
  private static final class Run {
    private final JsonParser p;
    private final String name;
    private final Consumer<AdvisorySource.Kev> sink;
    private final List<String> problems = new ArrayList<>();
    private String catalogVersion;
    private String dateReleased;
    private boolean sawVulnerabilities;
    private int accepted;
    private int malformed;
    private int index;

    Run(JsonParser p, String name, Consumer<AdvisorySource.Kev> sink) {
      this.p = p;
      this.name = name;
      this.sink = sink;
    }

    Summary document() throws IOException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notKev("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("catalogVersion") && value == JsonToken.VALUE_STRING) {
          catalogVersion = p.getText();
        } else if (field.equals("dateReleased") && value == JsonToken.VALUE_STRING) {
          dateReleased = p.getText();
        } else if (field.equals("vulnerabilities") && value == JsonToken.START_ARRAY) {
          sawVulnerabilities = true;
          entries();
        } else {
          p.skipChildren();
        }
      }
      if (catalogVersion == null || !sawVulnerabilities) {
        throw notKev(catalogVersion == null ? "no catalogVersion" : "no vulnerabilities array");
      }
      return new Summary(catalogVersion, dateReleased, accepted, malformed, problems);
    }

    private void entries() throws IOException {
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw notKev("unterminated vulnerabilities array");
        }
        long line = p.currentTokenLocation().getLineNr();
        JsonNode node = p.readValueAsTree();
        index++;
        String problem = node != null && node.isObject() ? entry(node) : "not an object";
        if (problem != null) {
          malformed++;
          if (problems.size() < MAX_PROBLEMS_KEPT) {
            problems.add(name + ": line " + line + ": vulnerabilities[" + (index - 1) + "]: " + problem);
          }
        }
      }
    }

    /** Emits one entry; returns why it was rejected, or null. */
    private String entry(JsonNode v) {
      String cve = text(v, "cveID");
      if (cve == null || !CVE.matcher(cve.strip()).matches()) {
        return "cveID " + (cve == null ? "missing" : "'" + cve + "' is not a CVE id");
      }
      String dateAdded = text(v, "dateAdded");
      String dueDate = text(v, "dueDate");
      for (String date : new String[] {dateAdded, dueDate}) {
        if (date != null) {
          try {
            LocalDate.parse(date);
          } catch (DateTimeParseException e) {
            return cve.strip() + ": date '" + date + "' is not yyyy-mm-dd";
          }
        }
      }
      boolean ransomware = "known".equalsIgnoreCase(String.valueOf(text(v, "knownRansomwareCampaignUse")).strip());
      sink.accept(new AdvisorySource.Kev(cve.strip(), dateAdded, dueDate, ransomware, text(v, "vendorProject"),
          text(v, "product"), text(v, "requiredAction")));
      accepted++;
      return null;
    }

    private static String text(JsonNode v, String field) {
      JsonNode n = v.get(field);
      return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    private DrydockException notKev(String why) {
      // a FeedException: in a directory, a file that only looks like the catalogue (its JSON schema) is skipped
      return new FeedException(name + ": not a CISA KEV catalogue (" + why + ")");
    }
  }
}
