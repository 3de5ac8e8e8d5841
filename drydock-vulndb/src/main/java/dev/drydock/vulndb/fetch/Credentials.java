package dev.drydock.vulndb.fetch;

import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP Basic credentials for feed and mirror hosts: the {@code credentials:} entries of the feed configuration
 * first (password read from the named environment variable), then the netrc file ({@code $NETRC}, else
 * {@code ~/.netrc}: {@code machine}, {@code default}, {@code login}, {@code password}; {@code account} and
 * {@code macdef} are skipped). Credentials are sent only to the host they name, and only over the request
 * that goes to that host: a redirect elsewhere does not carry them.
 */
final class Credentials {
  private record Machine(String host, String login, String password) {}

  private final List<FeedConfig.Credential> configured;
  private final NetworkEnv env;
  private List<Machine> netrc;

  Credentials(List<FeedConfig.Credential> configured, NetworkEnv env) {
    this.configured = List.copyOf(configured);
    this.env = env;
  }

  /** A user name and password for one host. */
  record Login(String user, String password) {
    @Override
    public String toString() {
      return "Login[" + user + "]"; // never the password
    }
  }

  /** The {@code Authorization} header for {@code url}, or null when there are no credentials for its host. */
  String authorization(URI url) {
    Login l = login(url);
    return l == null ? null : EnvProxies.basic(l.user(), l.password());
  }

  /** The credentials for {@code url}'s host, or null. */
  synchronized Login login(URI url) {
    String host = url.getHost() == null ? null : url.getHost().toLowerCase(Locale.ROOT);
    if (host == null) {
      return null;
    }
    int port = EnvProxies.port(url);
    for (FeedConfig.Credential c : configured) {
      if (c.matches(host, port)) {
        String password = env.variables().apply(c.passwordEnv());
        if (password == null) {
          throw new DrydockException("credentials for " + c.host() + ": environment variable " + c.passwordEnv()
              + " is not set");
        }
        return new Login(c.username(), password);
      }
    }
    Machine fallback = null;
    for (Machine m : netrc()) {
      if (m.host() == null) {
        fallback = fallback == null ? m : fallback;
      } else if (m.host().equalsIgnoreCase(host)) {
        return m.login() == null ? null : new Login(m.login(), m.password() == null ? "" : m.password());
      }
    }
    return fallback == null || fallback.login() == null ? null
        : new Login(fallback.login(), fallback.password() == null ? "" : fallback.password());
  }

  /** Which file netrc credentials come from (null when none is configured). */
  Path netrcFile() {
    String named = env.first("NETRC");
    if (named != null) {
      return Path.of(named);
    }
    return env.home() == null ? null : env.home().resolve(".netrc");
  }

  private List<Machine> netrc() {
    if (netrc == null) {
      Path file = netrcFile();
      netrc = file == null ? List.of() : parse(file);
    }
    return netrc;
  }

  static List<Machine> parse(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new DrydockException("cannot read netrc file " + file + ": " + e.getMessage(), e);
    }
    List<String> tokens = tokens(text);
    List<Machine> out = new ArrayList<>();
    String host = null;
    String login = null;
    String password = null;
    boolean inEntry = false;
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      switch (t) {
        case "machine", "default" -> {
          if (inEntry) {
            out.add(new Machine(host, login, password));
          }
          inEntry = true;
          host = t.equals("machine") && i + 1 < tokens.size() ? tokens.get(++i) : null;
          login = null;
          password = null;
        }
        case "login" -> login = i + 1 < tokens.size() ? tokens.get(++i) : null;
        case "password" -> password = i + 1 < tokens.size() ? tokens.get(++i) : null;
        case "account" -> i++;
        case "macdef" -> {
          // a macro runs to the next blank line: tokens() marks it with an empty token
          while (i + 1 < tokens.size() && !tokens.get(i + 1).isEmpty()) {
            i++;
          }
        }
        default -> {
          // unknown tokens are ignored, like curl does
        }
      }
    }
    if (inEntry) {
      out.add(new Machine(host, login, password));
    }
    return out;
  }

  private static boolean blankLineFollows(String text, int from) {
    int j = from;
    while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t' || text.charAt(j) == '\r')) {
      j++;
    }
    return j < text.length() && text.charAt(j) == '\n';
  }

  /** Whitespace-separated tokens ("double quotes" with backslash escapes allowed); a blank line becomes "". */
  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n' && blankLineFollows(text, i + 1)) {
        out.add("");
        i++;
        continue;
      }
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      StringBuilder t = new StringBuilder();
      if (c == '"') {
        i++;
        while (i < n && text.charAt(i) != '"') {
          if (text.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          t.append(text.charAt(i++));
        }
        i++;
      } else {
        while (i < n && !Character.isWhitespace(text.charAt(i))) {
          t.append(text.charAt(i++));
        }
      }
      out.add(t.toString());
    }
    return out;
  }
}
