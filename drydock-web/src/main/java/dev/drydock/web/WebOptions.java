package dev.drydock.web;

import dev.drydock.model.DrydockException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How {@code drydock web} scans (docs/web.md, "Bounds").
 *
 * @param target the start URL; its origin is the only one requested
 * @param maxDuration the whole scan, probes and score included, ends by then
 * @param maxPages pages fetched at most (probes not counted)
 * @param depth links followed from the start page at most
 * @param headers sent with every request ({@code --header "K: V"})
 * @param cookies sent with every request ({@code --cookie name=value}); with headers naming credentials they make
 *     the scan authenticated (the cache-control rule then applies)
 * @param requestTimeout one request's limit (headers and body), within what is left of {@code maxDuration}
 * @param minInterval requests are at least this far apart (the rate limit)
 * @param maxBodyBytes a body is read up to this many bytes, the rest dropped
 * @param probes whether the exposed-console and exposed-file probes run (safe GETs and HEADs)
 * @param userAgent the User-Agent sent
 */
public record WebOptions(String target, Duration maxDuration, int maxPages, int depth, List<Header> headers,
    List<String> cookies, Duration requestTimeout, Duration minInterval, long maxBodyBytes, boolean probes,
    String userAgent) {

  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_PAGES = 500;
  public static final int DEFAULT_DEPTH = 10;
  public static final long DEFAULT_MAX_BODY = 2L * 1024 * 1024;

  /** One request header. */
  public record Header(String name, String value) {
    /** {@code "Name: value"}; bad input when it has no colon or no name. */
    public static Header parse(String s) {
      int colon = s.indexOf(':');
      if (colon <= 0 || s.substring(0, colon).isBlank() || s.substring(0, colon).strip().contains(" ")) {
        throw new DrydockException("--header: expected \"Name: value\", not \"" + s + "\"");
      }
      return new Header(s.substring(0, colon).strip(), s.substring(colon + 1).strip());
    }
  }

  public WebOptions {
    Objects.requireNonNull(target, "target");
    maxDuration = maxDuration == null ? DEFAULT_DURATION : maxDuration;
    if (maxDuration.isNegative() || maxDuration.isZero()) {
      throw new DrydockException("--max-duration must be positive");
    }
    if (maxPages < 1) {
      throw new DrydockException("--max-pages must be at least 1");
    }
    if (depth < 0) {
      throw new DrydockException("--depth must not be negative");
    }
    headers = headers == null ? List.of() : List.copyOf(headers);
    cookies = cookies == null ? List.of() : List.copyOf(cookies);
    for (String c : cookies) {
      if (!c.contains("=") || c.startsWith("=") || c.contains(";") || c.contains("\n") || c.contains("\r")) {
        throw new DrydockException("--cookie: expected name=value, not \"" + c + "\"");
      }
    }
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
    minInterval = minInterval == null ? Duration.ofMillis(10) : minInterval;
    maxBodyBytes = maxBodyBytes <= 0 ? DEFAULT_MAX_BODY : maxBodyBytes;
    userAgent = userAgent == null ? "drydock-web" : userAgent;
  }

  /** {@code target} with the defaults. */
  public static WebOptions of(String target) {
    return new WebOptions(target, null, DEFAULT_MAX_PAGES, DEFAULT_DEPTH, null, null, null, null, 0, true, null);
  }

  public WebOptions withMaxDuration(Duration d) {
    return new WebOptions(target, d, maxPages, depth, headers, cookies, requestTimeout, minInterval, maxBodyBytes,
        probes, userAgent);
  }

  public WebOptions withRequestTimeout(Duration d) {
    return new WebOptions(target, maxDuration, maxPages, depth, headers, cookies, d, minInterval, maxBodyBytes,
        probes, userAgent);
  }

  public WebOptions withLimits(int pages, int maxDepth) {
    return new WebOptions(target, maxDuration, pages, maxDepth, headers, cookies, requestTimeout, minInterval,
        maxBodyBytes, probes, userAgent);
  }

  public WebOptions withProbes(boolean on) {
    return new WebOptions(target, maxDuration, maxPages, depth, headers, cookies, requestTimeout, minInterval,
        maxBodyBytes, on, userAgent);
  }

  public WebOptions withAuth(List<Header> h, List<String> c) {
    return new WebOptions(target, maxDuration, maxPages, depth, h, c, requestTimeout, minInterval, maxBodyBytes,
        probes, userAgent);
  }

  public WebOptions withMaxBody(long bytes) {
    return new WebOptions(target, maxDuration, maxPages, depth, headers, cookies, requestTimeout, minInterval, bytes,
        probes, userAgent);
  }

  /** Whether requests carry credentials (a cookie, or an Authorization / API key header). */
  public boolean authenticated() {
    return !cookies.isEmpty() || headers.stream().anyMatch(h -> h.name().equalsIgnoreCase("Authorization")
        || h.name().equalsIgnoreCase("Cookie") || h.name().toLowerCase(java.util.Locale.ROOT).contains("api-key")
        || h.name().toLowerCase(java.util.Locale.ROOT).contains("token"));
  }

  /** Parses {@code 60s}, {@code 2m}, {@code 500ms}, {@code 1h} or plain seconds. */
  public static Duration parseDuration(String s) {
    String t = s.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(t));
    } catch (NumberFormatException e) {
      throw new DrydockException("--max-duration: expected e.g. 60s, 2m or 500ms, not \"" + s + "\"");
    }
  }

  static List<Header> parseHeaders(List<String> raw) {
    List<Header> out = new ArrayList<>();
    for (String r : raw) {
      out.add(Header.parse(r));
    }
    return out;
  }
}
