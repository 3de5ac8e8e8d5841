package dev.drydock.web;

import dev.drydock.model.DrydockException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A web origin (scheme, host, port): the only place {@code drydock web} sends requests to. Every URL is checked
 * against it before a request is made, redirects included.
 */
public record Origin(String scheme, String host, int port) {

  /** The origin of {@code url}; bad input (exit 2) when it is not an absolute http(s) URL with a host. */
  public static Origin of(String url) {
    URI u;
    try {
      u = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new DrydockException("web: not a URL: " + url + " (" + e.getReason() + ")");
    }
    Origin o = ofOrNull(u);
    if (o == null) {
      throw new DrydockException("web: " + url + " is not an absolute http:// or https:// URL with a host");
    }
    return o;
  }

  /** The origin of {@code u}, null when it has none (relative, mailto:, javascript:, no host). */
  public static Origin ofOrNull(URI u) {
    String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme) || u.getHost() == null) {
      return null;
    }
    int port = u.getPort() == -1 ? ("https".equals(scheme) ? 443 : 80) : u.getPort();
    return new Origin(scheme, u.getHost().toLowerCase(Locale.ROOT), port);
  }

  /** Whether {@code u} is on this origin (same scheme, host and port). */
  public boolean contains(URI u) {
    return equals(ofOrNull(u));
  }

  public boolean https() {
    return "https".equals(scheme);
  }

  /** {@code scheme://host[:port]}, the port left out when it is the scheme's default. */
  @Override
  public String toString() {
    boolean dflt = https() ? port == 443 : port == 80;
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return scheme + "://" + h + (dflt ? "" : ":" + port);
  }

  /** {@code path} (absolute, may carry a query) on this origin. */
  public URI resolve(String path) {
    return URI.create(this + path);
  }
}
