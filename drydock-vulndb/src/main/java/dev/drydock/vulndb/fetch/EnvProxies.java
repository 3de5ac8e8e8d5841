package dev.drydock.vulndb.fetch;

import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Proxies from the environment, as curl and Go programs read them: {@code https_proxy} / {@code HTTPS_PROXY}
 * for https URLs, {@code http_proxy} / {@code HTTP_PROXY} for http URLs (lower case wins), each
 * {@code [http://][user:password@]host[:port]} (port 80 when absent); {@code no_proxy} / {@code NO_PROXY}
 * lists hosts reached directly: {@code *}, a host name (which also covers its subdomains; a leading
 * {@code .} or {@code *.} is allowed), an IP address or CIDR block, each optionally with {@code :port}.
 * Loopback hosts ({@code localhost}, 127.0.0.0/8, ::1) are always reached directly. Without any proxy
 * variable, the JVM's default selector ({@code -Dhttps.proxyHost=...}) decides.
 *
 * <p>Only http:// proxies are supported (the JDK client cannot speak TLS or SOCKS to a proxy); another
 * scheme, or a value that is not a URL, is an error naming the variable.
 */
final class EnvProxies extends ProxySelector {
  private static final Pattern SPLIT = Pattern.compile("[,\\s]+");

  /** One configured proxy: where it is, its {@code Proxy-Authorization} value (or null), and the variable. */
  record HttpProxy(String host, int port, String user, String password, String variable) {
    /** The {@code Proxy-Authorization} value, or null without credentials. */
    String authorization() {
      return user == null ? null : basic(user, password);
    }

    Proxy proxy() {
      return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
    }

    String label() {
      return "proxy " + host + ":" + port + " (" + variable + ")";
    }

    @Override
    public String toString() {
      return label(); // never the password
    }
  }

  private final HttpProxy https;
  private final HttpProxy http;
  private final List<String> noProxy;
  private final ProxySelector fallback;

  EnvProxies(NetworkEnv env) {
    this.https = parse(env, "https_proxy", "HTTPS_PROXY");
    this.http = parse(env, "http_proxy", "HTTP_PROXY");
    String no = env.first("no_proxy", "NO_PROXY");
    List<String> entries = new ArrayList<>();
    if (no != null) {
      for (String e : SPLIT.split(no)) {
        if (!e.isEmpty()) {
          entries.add(e.toLowerCase(Locale.ROOT));
        }
      }
    }
    this.noProxy = List.copyOf(entries);
    this.fallback = https == null && http == null ? ProxySelector.getDefault() : null;
  }

  /** Whether a proxy variable carries a user name. */
  boolean hasCredentials() {
    return (https != null && https.user() != null) || (http != null && http.user() != null);
  }

  /** The proxy for {@code url}, or null for a direct connection (or when the JVM's default selector decides). */
  HttpProxy proxyFor(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    HttpProxy p = scheme.equals("https") ? https : scheme.equals("http") ? http : null;
    if (p == null || url.getHost() == null || bypass(url.getHost(), port(url))) {
      return null;
    }
    return p;
  }

  @Override
  public List<Proxy> select(URI uri) {
    HttpProxy p = proxyFor(uri);
    if (p != null) {
      return List.of(p.proxy());
    }
    if (fallback != null && uri.getHost() != null && !isLoopback(hostOnly(uri.getHost()))) {
      List<Proxy> chosen = fallback.select(uri);
      return chosen == null || chosen.isEmpty() ? List.of(Proxy.NO_PROXY) : chosen;
    }
    return List.of(Proxy.NO_PROXY);
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // one proxy per scheme: nothing to fail over to
  }

  static int port(URI url) {
    if (url.getPort() != -1) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  private boolean bypass(String rawHost, int port) {
    String host = hostOnly(rawHost).toLowerCase(Locale.ROOT);
    if (isLoopback(host)) {
      return true;
    }
    for (String entry : noProxy) {
      if (entry.equals("*")) {
        return true;
      }
      String name = entry;
      int wantPort = -1;
      int colon = entry.lastIndexOf(':');
      boolean ipv6 = entry.startsWith("[") || entry.chars().filter(c -> c == ':').count() > 1;
      if (entry.startsWith("[")) {
        int end = entry.indexOf(']');
        name = end > 0 ? entry.substring(1, end) : entry;
        wantPort = end > 0 && entry.length() > end + 2 && entry.charAt(end + 1) == ':'
            ? parsePort(entry.substring(end + 2)) : -1;
      } else if (!ipv6 && colon > 0) {
        name = entry.substring(0, colon);
        wantPort = parsePort(entry.substring(colon + 1));
      }
      if (wantPort != -1 && wantPort != port) {
        continue;
      }
      if (name.contains("/")) {
        if (inCidr(host, name)) {
          return true;
        }
        continue;
      }
      if (name.startsWith("*.")) {
        name = name.substring(1);
      }
      if (name.startsWith(".")) {
        name = name.substring(1);
      }
      if (host.equals(name) || host.endsWith("." + name)) {
        return true;
      }
    }
    return false;
  }

  private static String hostOnly(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static int parsePort(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost") || host.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
      return true;
    }
    byte[] ip = literal(host);
    return ip != null && ((ip.length == 4 && ip[0] == 127) || (ip.length == 16 && isV6Loopback(ip)));
  }

  private static boolean isV6Loopback(byte[] ip) {
    for (int i = 0; i < 15; i++) {
      if (ip[i] != 0) {
        return false;
      }
    }
    return ip[15] == 1;
  }

  /** The bytes of an IP literal, or null for a host name (never a DNS lookup). */
  private static byte[] literal(String host) {
    boolean v4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = host.contains(":") && host.matches("[0-9a-fA-F:.]+");
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static boolean inCidr(String host, String cidr) {
    int slash = cidr.indexOf('/');
    byte[] ip = literal(host);
    byte[] net = literal(cidr.substring(0, slash));
    int bits = parsePort(cidr.substring(slash + 1));
    if (ip == null || net == null || ip.length != net.length || bits < 0 || bits > ip.length * 8) {
      return false;
    }
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((ip[i / 8] & mask) != (net[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static HttpProxy parse(NetworkEnv env, String lower, String upper) {
    String variable = env.variables().apply(lower) != null && !env.variables().apply(lower).isBlank() ? lower : upper;
    String value = env.first(lower, upper);
    if (value == null) {
      return null;
    }
    String text = value.contains("://") ? value : "http://" + value;
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new DrydockException(variable + " '" + redact(value) + "' is not a proxy URL: " + e.getReason());
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw new DrydockException(variable + " '" + redact(value) + "': only http:// proxies are supported, not "
          + scheme + "://");
    }
    if (uri.getHost() == null) {
      throw new DrydockException(variable + " '" + redact(value) + "' names no proxy host");
    }
    String user = null;
    String pass = null;
    if (uri.getRawUserInfo() != null) {
      String[] up = uri.getRawUserInfo().split(":", 2);
      user = URLDecoder.decode(up[0].replace("+", "%2B"), StandardCharsets.UTF_8);
      pass = up.length > 1 ? URLDecoder.decode(up[1].replace("+", "%2B"), StandardCharsets.UTF_8) : "";
    }
    return new HttpProxy(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort(), user, pass, variable);
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The value without its password, for messages. */
  private static String redact(String value) {
    return value.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@");
  }
}
