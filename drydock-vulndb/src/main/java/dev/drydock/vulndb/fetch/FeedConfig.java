package dev.drydock.vulndb.fetch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The feeds {@code drydock db update} downloads, and how old the local copies may get before drydock warns.
 *
 * <p>Defaults ({@link #defaults()}), also listed in {@code docs/feeds.md}:
 * <ul>
 *   <li>{@code osv-<Ecosystem>} (osv-zip): {@code https://osv-vulnerabilities.storage.googleapis.com/<Ecosystem>/all.zip}
 *       for Maven, npm, PyPI, Go, RubyGems, crates.io, NuGet, Packagist, Debian, Alpine;</li>
 *   <li>{@code debian-tracker} (debian-tracker-json): {@code https://security-tracker.debian.org/tracker/data/json};</li>
 *   <li>{@code alpine-<branch>-<repo>} (alpine-secdb-json): {@code https://secdb.alpinelinux.org/<branch>/<repo>.json}
 *       for branches v3.19, v3.20, v3.21, v3.22 and repositories main, community;</li>
 *   <li>{@code kev} (kev-json): {@code https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json};</li>
 *   <li>{@code epss} (epss-csv-gz): {@code https://epss.cyentia.com/epss_scores-current.csv.gz};</li>
 *   <li>{@code max-age-days}: 7.</li>
 * </ul>
 *
 * <p>A YAML file ({@link #load}) may set {@code max-age-days}, replace the list with {@code feeds:} (entries
 * {@code name}, {@code format}, {@code url}, optional {@code sha256}, {@code sha256-url}), and/or set
 * {@code mirror:} a base URL that every feed URL is rewritten under: {@code https://host/path} becomes
 * {@code <mirror>/host/path}.
 */
public record FeedConfig(List<Feed> feeds, int maxAgeDays) {
  public static final List<String> OSV_ECOSYSTEMS = List.of("Maven", "npm", "PyPI", "Go", "RubyGems", "crates.io",
      "NuGet", "Packagist", "Debian", "Alpine");
  public static final List<String> ALPINE_BRANCHES = List.of("v3.19", "v3.20", "v3.21", "v3.22");
  public static final int DEFAULT_MAX_AGE_DAYS = 7;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");

  public FeedConfig {
    feeds = List.copyOf(feeds);
    if (maxAgeDays < 1) {
      throw new IllegalArgumentException("max-age-days must be at least 1, not " + maxAgeDays);
    }
    Set<String> names = new HashSet<>();
    for (Feed f : feeds) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("feed name '" + f.name() + "' is used twice");
      }
    }
  }

  /** A feed's file format, which decides the importer. */
  public enum Format {
    OSV_ZIP("osv-zip", ".zip"),
    DEBIAN_TRACKER_JSON("debian-tracker-json", ".json"),
    ALPINE_SECDB_JSON("alpine-secdb-json", ".json"),
    KEV_JSON("kev-json", ".json"),
    EPSS_CSV_GZ("epss-csv-gz", ".csv.gz");

    private final String id;
    private final String suffix;

    Format(String id, String suffix) {
      this.id = id;
      this.suffix = suffix;
    }

    /** The name used in configuration files, e.g. {@code osv-zip}. */
    public String id() {
      return id;
    }

    /** File name suffix of the local copy. */
    public String suffix() {
      return suffix;
    }

    @JsonCreator
    public static Format of(String id) {
      for (Format f : values()) {
        if (f.id.equals(id)) {
          return f;
        }
      }
      List<String> ids = new ArrayList<>();
      for (Format f : values()) {
        ids.add(f.id);
      }
      throw new IllegalArgumentException("unknown feed format '" + id + "' (expected one of " + String.join(", ", ids) + ")");
    }
  }

  /**
   * One feed. {@code name} ([A-Za-z0-9._-]) names the local file {@code <name><format suffix>};
   * {@code url} is http(s); {@code sha256} (hex) and {@code sha256Url} (a sidecar) are optional checks.
   */
  public record Feed(String name, Format format, URI url, String sha256, URI sha256Url) {
    public Feed {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("feed name " + (name == null ? "missing" : "'" + name + "' is not [A-Za-z0-9._-]"));
      }
      if (format == null) {
        throw new IllegalArgumentException("feed '" + name + "': format missing");
      }
      checkHttp(name, url, "url");
      if (sha256Url != null) {
        checkHttp(name, sha256Url, "sha256-url");
      }
      if (sha256 != null && !HEX64.matcher(sha256).matches()) {
        throw new IllegalArgumentException("feed '" + name + "': sha256 is not 64 hex digits");
      }
      sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
    }

    public static Feed of(String name, Format format, String url) {
      return new Feed(name, format, URI.create(url), null, null);
    }

    /** The local file name: {@code <name><format suffix>}. */
    public String fileName() {
      return name + format.suffix();
    }

    private static void checkHttp(String name, URI url, String what) {
      if (url == null) {
        throw new IllegalArgumentException("feed '" + name + "': " + what + " missing");
      }
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
        throw new IllegalArgumentException("feed '" + name + "': " + what + " '" + url + "' is not an http(s) URL");
      }
    }
  }

  /** The built-in feed list (see the class comment) with max-age-days 7. */
  public static FeedConfig defaults() {
    List<Feed> feeds = new ArrayList<>();
    for (String eco : OSV_ECOSYSTEMS) {
      feeds.add(Feed.of("osv-" + eco, Format.OSV_ZIP,
          "https://osv-vulnerabilities.storage.googleapis.com/" + eco + "/all.zip"));
    }
    feeds.add(Feed.of("debian-tracker", Format.DEBIAN_TRACKER_JSON, "https://security-tracker.debian.org/tracker/data/json"));
    for (String branch : ALPINE_BRANCHES) {
      for (String repo : List.of("main", "community")) {
        feeds.add(Feed.of("alpine-" + branch + "-" + repo, Format.ALPINE_SECDB_JSON,
            "https://secdb.alpinelinux.org/" + branch + "/" + repo + ".json"));
      }
    }
    feeds.add(Feed.of("kev", Format.KEV_JSON,
        "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"));
    feeds.add(Feed.of("epss", Format.EPSS_CSV_GZ, "https://epss.cyentia.com/epss_scores-current.csv.gz"));
    return new FeedConfig(feeds, DEFAULT_MAX_AGE_DAYS);
  }

  /** This configuration with every URL rewritten under {@code base}: {@code https://host/path -> base/host/path}. */
  public FeedConfig withMirror(URI base) {
    List<Feed> out = new ArrayList<>();
    for (Feed f : feeds) {
      out.add(new Feed(f.name(), f.format(), mirrored(base, f.url()), f.sha256(),
          f.sha256Url() == null ? null : mirrored(base, f.sha256Url())));
    }
    return new FeedConfig(out, maxAgeDays);
  }

  private static URI mirrored(URI base, URI url) {
    String b = base.toString().replaceAll("/+$", "");
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
    String port = url.getPort() == -1 ? "" : ":" + url.getPort();
    return URI.create(b + "/" + url.getHost() + port + path + query);
  }

  /**
   * Reads a YAML feed configuration; keys not given keep their defaults. Bad YAML, unknown keys and
   * invalid values raise {@link DrydockException} naming the file and line.
   */
  public static FeedConfig load(Path file) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    FileForm form;
    try {
      form = yaml.readValue(Files.newBufferedReader(file), FileForm.class);
    } catch (NoSuchFileException e) {
      throw new DrydockException("feed configuration " + file + " does not exist");
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      if (e instanceof DatabindException && e.getProcessor() instanceof JsonParser p && p.currentTokenLocation() != null) {
        where = p.currentTokenLocation(); // the offending value, not where the parser stopped
      }
      String line = lineOf(where);
      if (e instanceof PropertyBindingException unknown) {
        line = lineOfKey(file, unknown.getPropertyName(), line);
      }
      throw new DrydockException(file + line + ": " + reason(e), e);
    } catch (IOException e) {
      throw new DrydockException("cannot read feed configuration " + file + ": " + e.getMessage(), e);
    }
    if (form == null) {
      return defaults();
    }
    try {
      return form.toConfig();
    } catch (IllegalArgumentException e) {
      throw new DrydockException(file + ": " + e.getMessage(), e);
    }
  }

  /** The line of the first {@code key:} in the file (the YAML parser reports the line after its value). */
  private static String lineOfKey(Path file, String key, String fallback) {
    try {
      List<String> lines = Files.readAllLines(file);
      Pattern p = Pattern.compile("^[\\s-]*[\"']?" + Pattern.quote(key) + "[\"']?\\s*:.*");
      for (int i = 0; i < lines.size(); i++) {
        if (p.matcher(lines.get(i)).matches()) {
          return ":" + (i + 1);
        }
      }
    } catch (IOException e) {
      // keep the parser's idea
    }
    return fallback;
  }

  private static String lineOf(JsonLocation loc) {
    return loc == null || loc.getLineNr() < 1 ? "" : ":" + loc.getLineNr();
  }

  private static String reason(JsonProcessingException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    String msg = e.getOriginalMessage();
    int cut = msg.indexOf(" (class ");
    msg = cut > 0 ? msg.substring(0, cut) : msg;
    int nl = msg.indexOf('\n');
    return nl > 0 ? msg.substring(0, nl) : msg;
  }

  /** The YAML file as written; entries validate as they are read so errors carry their line. */
  private record FileForm(@JsonProperty("max-age-days") Integer maxAgeDays, String mirror, List<FeedForm> feeds) {
    FileForm {
      if (maxAgeDays != null && maxAgeDays < 1) {
        throw new IllegalArgumentException("max-age-days must be at least 1, not " + maxAgeDays);
      }
      if (mirror != null) {
        mirrorUri(mirror);
      }
    }

    FeedConfig toConfig() {
      FeedConfig base = defaults();
      List<Feed> list = base.feeds();
      if (feeds != null) {
        list = new ArrayList<>();
        for (FeedForm f : feeds) {
          list.add(f.toFeed());
        }
      }
      FeedConfig config = new FeedConfig(list, maxAgeDays == null ? DEFAULT_MAX_AGE_DAYS : maxAgeDays);
      return mirror == null ? config : config.withMirror(mirrorUri(mirror));
    }

    private static URI mirrorUri(String mirror) {
      try {
        URI uri = new URI(mirror.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
          throw new IllegalArgumentException("mirror '" + mirror + "' is not an http(s) URL");
        }
        return uri;
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("mirror '" + mirror + "' is not a URL: " + e.getReason());
      }
    }
  }

  /** An http(s) URL value; checked as it is read so that an error carries its line. */
  private record HttpUrl(URI uri) {
    @JsonCreator
    static HttpUrl of(String text) {
      try {
        URI uri = new URI(text.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
          throw new IllegalArgumentException("'" + text + "' is not an http(s) URL");
        }
        return new HttpUrl(uri);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
      }
    }
  }

  private record FeedForm(String name, Format format, HttpUrl url, String sha256,
      @JsonProperty("sha256-url") HttpUrl sha256Url) {
    FeedForm {
      toFeed(name, format, url, sha256, sha256Url);
    }

    Feed toFeed() {
      return toFeed(name, format, url, sha256, sha256Url);
    }

    private static Feed toFeed(String name, Format format, HttpUrl url, String sha256, HttpUrl sha256Url) {
      return new Feed(name, format, url == null ? null : url.uri(), sha256, sha256Url == null ? null : sha256Url.uri());
    }
  }
}
