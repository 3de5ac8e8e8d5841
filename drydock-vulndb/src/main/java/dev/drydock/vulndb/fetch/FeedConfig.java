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
 *       for Maven, npm, PyPI, Go, RubyGems, crates.io, NuGet, Packagist, Debian, Alpine, Ubuntu (Ubuntu's USN and
 *       UBUNTU-CVE records, CC BY-SA 4.0), AlmaLinux (AlmaLinux's ALSA errata, MIT);</li>
 *   <li>{@code osv-Rocky-Linux} (osv-zip): {@code https://osv-vulnerabilities.storage.googleapis.com/Rocky%20Linux/all.zip}
 *       (Rocky Linux's RLSA errata);</li>
 *   <li>{@code oracle-elsa} (oracle-oval-xml-bz2): {@code https://linux.oracle.com/security/oval/com.oracle.elsa-all.xml.bz2}
 *       (Oracle Linux's ELSA OVAL);</li>
 *   <li>{@code debian-tracker} (debian-tracker-json): {@code https://security-tracker.debian.org/tracker/data/json};</li>
 *   <li>{@code alpine-<branch>-<repo>} (alpine-secdb-json): {@code https://secdb.alpinelinux.org/<branch>/<repo>.json}
 *       for branches v3.19, v3.20, v3.21, v3.22 and repositories main, community;</li>
 *   <li>{@code wolfi-os} (alpine-secdb-json): {@code https://packages.wolfi.dev/os/security.json};</li>
 *   <li>{@code suse-csaf-vex} (suse-csaf-vex-tar-bz2): {@code https://ftp.suse.com/pub/projects/security/csaf-vex.tar.bz2}
 *       (SUSE's CSAF VEX documents, CC BY 4.0);</li>
 *   <li>{@code photon-<release>} (photon-cve-json):
 *       {@code https://packages.vmware.com/photon/photon_cve_metadata/cve_data_photon<release>.json} for 3.0, 4.0, 5.0;</li>
 *   <li>{@code kev} (kev-json): {@code https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json};</li>
 *   <li>{@code epss} (epss-csv-gz): {@code https://epss.cyentia.com/epss_scores-current.csv.gz};</li>
 *   <li>{@code amazon-linux-2}, {@code amazon-linux-2023} (amazon-updateinfo): the updateinfo of the x86_64 core
 *       repositories, found through {@code http://amazonlinux.default.amazonaws.com/2/core/latest/x86_64/mirror.list}
 *       and {@code https://cdn.amazonlinux.com/al2023/core/mirrors/latest/x86_64/mirror.list};</li>
 *   <li>{@code max-age-days}: 7.</li>
 * </ul>
 *
 * <p>A YAML file ({@link #load}) may set {@code max-age-days}, replace the list with {@code feeds:} (entries
 * {@code name}, {@code format}, {@code url}, optional {@code sha256}, {@code sha256-url}), set
 * {@code mirror:} a base URL that every feed URL is rewritten under: {@code https://host/path} becomes
 * {@code <mirror>/host/path}, and list {@code credentials:} ({@code host}, {@code username},
 * {@code password-env}) for HTTP Basic authentication. URLs are http, https or file.
 */
public record FeedConfig(List<Feed> feeds, int maxAgeDays, List<Credential> credentials, URI mirror) {
  public static final List<String> OSV_ECOSYSTEMS = List.of("Maven", "npm", "PyPI", "Go", "RubyGems", "crates.io",
      "NuGet", "Packagist", "Debian", "Alpine", "Ubuntu", "AlmaLinux");
  public static final List<String> ALPINE_BRANCHES = List.of("v3.19", "v3.20", "v3.21", "v3.22");
  /** Photon OS releases whose CVE metadata {@code db update} fetches. */
  public static final List<String> PHOTON_RELEASES = List.of("3.0", "4.0", "5.0");
  /** endoflife.date products whose support dates {@code db update} fetches (the OSes of container images). */
  public static final List<String> EOL_PRODUCTS = List.of("debian", "ubuntu", "alpine-linux", "rhel", "amazon-linux",
      "sles", "almalinux", "rocky-linux", "oracle-linux");
  public static final int DEFAULT_MAX_AGE_DAYS = 7;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");

  public FeedConfig {
    feeds = List.copyOf(feeds);
    credentials = credentials == null ? List.of() : List.copyOf(credentials);
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

  public FeedConfig(List<Feed> feeds, int maxAgeDays) {
    this(feeds, maxAgeDays, List.of());
  }

  /** A configuration without a mirror. */
  public FeedConfig(List<Feed> feeds, int maxAgeDays, List<Credential> credentials) {
    this(feeds, maxAgeDays, credentials, null);
  }

  /**
   * A URL that a feed's own data names (a repository listed in Amazon's {@code mirror.list}), rewritten under the
   * mirror as the feed URLs are; unchanged without a mirror.
   */
  public URI throughMirror(URI url) {
    return mirror == null ? url : mirrored(mirror, url);
  }

  /**
   * HTTP Basic credentials for one host ({@code host} or {@code host:port}); the password is read from the
   * environment variable {@code passwordEnv} when a request goes to that host, so it is never in the file.
   */
  public record Credential(String host, String username, String passwordEnv) {
    public Credential {
      if (host == null || host.isBlank() || host.contains("/")) {
        throw new IllegalArgumentException("credentials: host " + (host == null ? "missing" : "'" + host
            + "' is not a host name"));
      }
      if (username == null || username.isEmpty()) {
        throw new IllegalArgumentException("credentials for " + host + ": username missing");
      }
      if (passwordEnv == null || !passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("credentials for " + host + ": password-env "
            + (passwordEnv == null ? "missing" : "'" + passwordEnv + "' is not an environment variable name"));
      }
      host = host.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether these credentials are for {@code host} (lower case) on {@code port}. */
    boolean matches(String host, int port) {
      int colon = this.host.lastIndexOf(':');
      if (colon > 0 && !this.host.endsWith("]")) {
        return this.host.substring(0, colon).equals(host) && this.host.substring(colon + 1).equals(Integer.toString(port));
      }
      return this.host.equals(host);
    }
  }

  /** A feed's file format, which decides the importer. */
  public enum Format {
    OSV_ZIP("osv-zip", ".zip", 4L << 30),
    DEBIAN_TRACKER_JSON("debian-tracker-json", ".json", 1L << 30),
    /** The security tracker's {@code data/DSA/list} or {@code data/DLA/list}; not a default feed. */
    DEBIAN_ADVISORY_LIST("debian-advisory-list", ".list", 256L << 20),
    ALPINE_SECDB_JSON("alpine-secdb-json", ".json", 64L << 20),
    KEV_JSON("kev-json", ".json", 64L << 20),
    EPSS_CSV_GZ("epss-csv-gz", ".csv.gz", 256L << 20),
    /** Red Hat's archive of every CSAF VEX document ({@code csaf_vex_<date>.tar.zst}); not a default feed. */
    REDHAT_CSAF_VEX_TAR_ZST("redhat-csaf-vex-tar-zst", ".tar.zst", 4L << 30),
    /** Oracle Linux's ELSA OVAL ({@code com.oracle.elsa-all.xml.bz2}; plain XML is read too). */
    ORACLE_OVAL_XML_BZ2("oracle-oval-xml-bz2", ".xml.bz2", 1L << 30),
    /** SUSE's archive of every CSAF VEX document ({@code csaf-vex.tar.bz2}, a few hundred MiB). */
    SUSE_CSAF_VEX_TAR_BZ2("suse-csaf-vex-tar-bz2", ".tar.bz2", 4L << 30),
    /** An endoflife.date product file ({@code products/<product>.md}): the support dates of an OS's releases. */
    ENDOFLIFE_DATE_MD("endoflife-date-md", ".md", 4L << 20),
    /** One of VMware Photon OS's per-release CVE metadata files ({@code cve_data_photon<release>.json}). */
    PHOTON_CVE_JSON("photon-cve-json", ".json", 256L << 20),
    /**
     * Amazon Linux's ALAS as yum repository metadata: the url is the repository's {@code mirror.list}; drydock reads
     * the first repository URL in it, that repository's {@code repodata/repomd.xml}, and downloads the
     * {@code updateinfo} file it names (see {@link FeedSync}).
     */
    AMAZON_UPDATEINFO("amazon-updateinfo", ".xml.gz", 1L << 30);

    private final String id;
    private final String suffix;
    private final long maxDownloadBytes;

    Format(String id, String suffix, long maxDownloadBytes) {
      this.id = id;
      this.suffix = suffix;
      this.maxDownloadBytes = maxDownloadBytes;
    }

    /**
     * Largest download of a feed of this format (real ones are far below: Alpine secdb and KEV files are a few MiB,
     * the Debian tracker about 70 MiB, an OSV ecosystem zip up to a few hundred MiB).
     */
    public long maxDownloadBytes() {
      return maxDownloadBytes;
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
   * {@code url} is http, https or file; {@code sha256} (hex) and {@code sha256Url} (a sidecar) are optional checks.
   */
  public record Feed(String name, Format format, URI url, String sha256, URI sha256Url) {
    public Feed {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("feed name " + (name == null ? "missing" : "'" + name + "' is not [A-Za-z0-9._-]"));
      }
      if (format == null) {
        throw new IllegalArgumentException("feed '" + name + "': format missing");
      }
      checkUrl(name, url, "url");
      if (sha256Url != null) {
        checkUrl(name, sha256Url, "sha256-url");
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

    private static void checkUrl(String name, URI url, String what) {
      if (url == null) {
        throw new IllegalArgumentException("feed '" + name + "': " + what + " missing");
      }
      if (!isSupported(url)) {
        throw new IllegalArgumentException("feed '" + name + "': " + what + " '" + url
            + "' is not an http(s) or file URL");
      }
    }
  }

  /** http(s) with a host, or {@code file:} with an absolute path. */
  static boolean isSupported(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "http", "https" -> url.getHost() != null;
      case "file" -> url.getPath() != null && url.getPath().startsWith("/") && url.getRawAuthority() == null;
      default -> false;
    };
  }

  /**
   * A mirror base URL as a user typed it: http(s) or file (an absolute local path is taken as a file URL).
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static URI mirrorUrl(String text) {
    String t = text.strip();
    try {
      URI uri = t.startsWith("/") ? Path.of(t).toUri() : new URI(t);
      if (!isSupported(uri)) {
        throw new IllegalArgumentException("mirror '" + text + "' is not an http(s) or file URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("mirror '" + text + "' is not a URL: " + e.getReason());
    }
  }

  /** The built-in feed list (see the class comment) with max-age-days 7. */
  public static FeedConfig defaults() {
    List<Feed> feeds = new ArrayList<>();
    for (String eco : OSV_ECOSYSTEMS) {
      feeds.add(Feed.of("osv-" + eco, Format.OSV_ZIP,
          "https://osv-vulnerabilities.storage.googleapis.com/" + eco + "/all.zip"));
    }
    // osv.dev's "Rocky Linux" ecosystem: a space in its name, so its own line (feed names are [A-Za-z0-9._-])
    feeds.add(Feed.of("osv-Rocky-Linux", Format.OSV_ZIP,
        "https://osv-vulnerabilities.storage.googleapis.com/Rocky%20Linux/all.zip"));
    feeds.add(Feed.of("oracle-elsa", Format.ORACLE_OVAL_XML_BZ2,
        "https://linux.oracle.com/security/oval/com.oracle.elsa-all.xml.bz2"));
    feeds.add(Feed.of("debian-tracker", Format.DEBIAN_TRACKER_JSON, "https://security-tracker.debian.org/tracker/data/json"));
    for (String branch : ALPINE_BRANCHES) {
      for (String repo : List.of("main", "community")) {
        feeds.add(Feed.of("alpine-" + branch + "-" + repo, Format.ALPINE_SECDB_JSON,
            "https://secdb.alpinelinux.org/" + branch + "/" + repo + ".json"));
      }
    }
    // Wolfi's secdb: the Alpine secdb format without distroversion (AlpineSecdbImporter reads it as ecosystem Wolfi)
    feeds.add(Feed.of("wolfi-os", Format.ALPINE_SECDB_JSON, "https://packages.wolfi.dev/os/security.json"));
    // SUSE's CSAF VEX documents, one per CVE, in one archive (SuseCsafArchiveImporter; CC BY 4.0, SUSE LLC)
    feeds.add(Feed.of("suse-csaf-vex", Format.SUSE_CSAF_VEX_TAR_BZ2,
        "https://ftp.suse.com/pub/projects/security/csaf-vex.tar.bz2"));
    // VMware Photon OS's CVE metadata, one file per release (PhotonCveImporter; CC BY-SA 4.0 per VulnerableCode)
    for (String release : PHOTON_RELEASES) {
      feeds.add(Feed.of("photon-" + release, Format.PHOTON_CVE_JSON,
          "https://packages.vmware.com/photon/photon_cve_metadata/cve_data_photon" + release + ".json"));
    }
    feeds.add(Feed.of("kev", Format.KEV_JSON,
        "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"));
    feeds.add(Feed.of("epss", Format.EPSS_CSV_GZ, "https://epss.cyentia.com/epss_scores-current.csv.gz"));
    // the support dates of OS releases ("base image out of support"), from endoflife.date's product files
    for (String product : EOL_PRODUCTS) {
      feeds.add(Feed.of("eol-" + product, Format.ENDOFLIFE_DATE_MD,
          "https://raw.githubusercontent.com/endoflife-date/endoflife.date/master/products/" + product + ".md"));
    }
    feeds.add(Feed.of("amazon-linux-2", Format.AMAZON_UPDATEINFO,
        "http://amazonlinux.default.amazonaws.com/2/core/latest/x86_64/mirror.list"));
    feeds.add(Feed.of("amazon-linux-2023", Format.AMAZON_UPDATEINFO,
        "https://cdn.amazonlinux.com/al2023/core/mirrors/latest/x86_64/mirror.list"));
    return new FeedConfig(feeds, DEFAULT_MAX_AGE_DAYS);
  }

  /**
   * This configuration with every http(s) URL rewritten under {@code base} (http, https or file):
   * {@code https://host/path -> base/host/path}; file URLs stay as they are.
   */
  public FeedConfig withMirror(URI base) {
    List<Feed> out = new ArrayList<>();
    for (Feed f : feeds) {
      out.add(new Feed(f.name(), f.format(), mirrored(base, f.url()), f.sha256(),
          f.sha256Url() == null ? null : mirrored(base, f.sha256Url())));
    }
    return new FeedConfig(out, maxAgeDays, credentials, base);
  }

  private static URI mirrored(URI base, URI url) {
    if ("file".equalsIgnoreCase(url.getScheme())) {
      return url;
    }
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
  private record FileForm(@JsonProperty("max-age-days") Integer maxAgeDays, String mirror, List<FeedForm> feeds,
      List<CredentialForm> credentials) {
    FileForm {
      if (maxAgeDays != null && maxAgeDays < 1) {
        throw new IllegalArgumentException("max-age-days must be at least 1, not " + maxAgeDays);
      }
      if (mirror != null) {
        mirrorUri(mirror);
      }
      if (feeds != null && feeds.isEmpty()) {
        throw new IllegalArgumentException("feeds: the list is empty (leave it out for the default feeds)");
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
      List<Credential> creds = credentials == null ? List.of()
          : credentials.stream().map(CredentialForm::toCredential).toList();
      FeedConfig config = new FeedConfig(list, maxAgeDays == null ? DEFAULT_MAX_AGE_DAYS : maxAgeDays, creds);
      return mirror == null ? config : config.withMirror(mirrorUri(mirror));
    }

    private static URI mirrorUri(String mirror) {
      return mirrorUrl(mirror);
    }
  }

  /** One {@code credentials:} entry; checked as it is read so that an error carries its line. */
  private record CredentialForm(String host, String username, @JsonProperty("password-env") String passwordEnv) {
    CredentialForm {
      new Credential(host, username, passwordEnv);
    }

    Credential toCredential() {
      return new Credential(host, username, passwordEnv);
    }
  }

  /** An http(s) or file URL value; checked as it is read so that an error carries its line. */
  private record HttpUrl(URI uri) {
    @JsonCreator
    static HttpUrl of(String text) {
      try {
        URI uri = new URI(text.strip());
        if (!isSupported(uri)) {
          throw new IllegalArgumentException("'" + text + "' is not an http(s) or file URL");
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
