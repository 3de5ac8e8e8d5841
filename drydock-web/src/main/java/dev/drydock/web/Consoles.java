package dev.drydock.web;

import dev.drydock.model.WebAlert;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exposed consoles and files: a fixed list of safe GET (and, for a heap dump, HEAD) requests on the target's
 * origin, each judged by what the answer contains (a site answering 200 to everything raises nothing).
 */
final class Consoles {
  private Consoles() {}

  /** A probe that failed to run (timeout, cut by the deadline). */
  interface Errors {
    void add(String line);
  }

  static List<WebAlert> probe(Fetcher f, Origin origin, Page first, Deadline deadline, Errors errors) {
    List<WebAlert> out = new ArrayList<>();
    boolean jenkins = first != null && (first.header("X-Jenkins") != null || first.header("X-Hudson") != null);
    if (jenkins) {
      String v = first.header("X-Jenkins") != null ? "X-Jenkins: " + first.header("X-Jenkins")
          : "X-Hudson: " + first.header("X-Hudson");
      out.add(WebRules.JENKINS_SEEN.alert(first.url().toString(), first.header("X-Jenkins") != null ? "X-Jenkins"
          : "X-Hudson", v));
      check(f, origin, "/script", deadline, errors, p -> p.status() == 200 && p.text().contains("Script Console")
          && p.text().contains("textarea"), p -> out.add(WebRules.JENKINS.alert(p.url().toString(), "/script",
              "anonymous Script Console (Groovy, runs commands on the controller)")));
      check(f, origin, "/manage", deadline, errors, p -> p.status() == 200 && p.text().contains("Manage Jenkins"),
          p -> out.add(WebRules.JENKINS.alert(p.url().toString(), "/manage", "anonymous Manage Jenkins")));
      check(f, origin, "/asynchPeople/", deadline, errors, p -> p.status() == 200 && p.text().contains("People"),
          p -> out.add(WebRules.JENKINS.alert(p.url().toString(), "/asynchPeople/", null,
              dev.drydock.model.Severity.MEDIUM, "Jenkins lists its users to anonymous users")));
      check(f, origin, "/api/json", deadline, errors, p -> p.status() == 200 && p.text().contains("\"jobs\""),
          p -> out.add(WebRules.JENKINS.alert(p.url().toString(), "/api/json", "anonymous job list",
              dev.drydock.model.Severity.MEDIUM, "Jenkins lists its jobs to anonymous users")));
    }
    check(f, origin, "/version", deadline, errors, p -> p.status() == 200 && p.text().contains("\"ApiVersion\""),
        p -> out.add(WebRules.DOCKER_API.alert(p.url().toString(), "/version", firstLine(p))));
    check(f, origin, "/containers/json", deadline, errors, p -> p.status() == 200 && p.text().startsWith("[")
        && (p.text().contains("\"Image\"") || p.text().strip().equals("[]")) && p.mediaType().contains("json"),
        p -> out.add(WebRules.DOCKER_API.alert(p.url().toString(), "/containers/json", "container list answered")));
    check(f, origin, "/api/v1/namespaces", deadline, errors, p -> p.status() == 200
        && p.text().contains("\"NamespaceList\""),
        p -> out.add(WebRules.KUBERNETES.alert(p.url().toString(), "/api/v1/namespaces", "NamespaceList answered")));
    check(f, origin, "/actuator/env", deadline, errors, p -> p.status() == 200
        && p.text().contains("\"propertySources\""),
        p -> out.add(WebRules.ACTUATOR.alert(p.url().toString(), "/actuator/env", "environment and properties")));
    if (!deadline.passed()) {
      try {
        Page h = f.head(origin.resolve("/actuator/heapdump")); // HEAD: a heap dump is never downloaded
        String ct = h.mediaType();
        if (h.status() == 200 && (ct.contains("octet-stream") || ct.contains("hprof"))) {
          out.add(WebRules.ACTUATOR.alert(h.url().toString(), "/actuator/heapdump", "heap dump downloadable",
              dev.drydock.model.Severity.CRITICAL, "Spring Boot actuator heapdump exposed (memory, secrets)"));
        }
      } catch (Fetcher.FetchException e) {
        errors.add(e.getMessage());
      }
    }
    check(f, origin, "/.git/HEAD", deadline, errors, p -> p.status() == 200 && p.text().startsWith("ref: refs/"),
        p -> out.add(WebRules.GIT.alert(p.url().toString(), "/.git/HEAD", firstLine(p))));
    check(f, origin, "/.env", deadline, errors, p -> p.status() == 200 && !p.html() && dotenv(p.text()),
        p -> out.add(WebRules.DOTENV.alert(p.url().toString(), "/.env", null)));
    check(f, origin, "/.DS_Store", deadline, errors, p -> p.status() == 200 && p.body().length >= 8
        && Arrays.equals(Arrays.copyOfRange(p.body(), 4, 8), "Bud1".getBytes(StandardCharsets.US_ASCII)),
        p -> out.add(WebRules.DS_STORE.alert(p.url().toString(), "/.DS_Store", null)));
    for (String path : List.of("/phpinfo.php", "/info.php")) {
      check(f, origin, path, deadline, errors, p -> p.status() == 200 && p.text().contains("<title>PHP ")
          && p.text().contains("phpinfo()"), p -> out.add(WebRules.PHPINFO.alert(p.url().toString(), path, null)));
    }
    check(f, origin, "/api/v1/status/config", deadline, errors, p -> p.status() == 200
        && p.text().contains("\"yaml\"") && p.text().contains("\"status\""),
        p -> out.add(WebRules.MONITORING.alert(p.url().toString(), "/api/v1/status/config",
            "Prometheus configuration readable")));
    check(f, origin, "/api/admin/settings", deadline, errors, p -> p.status() == 200
        && p.text().contains("\"security\"") && p.mediaType().contains("json"),
        p -> out.add(WebRules.MONITORING.alert(p.url().toString(), "/api/admin/settings",
            "Grafana admin settings readable")));
    return out;
  }

  private static boolean dotenv(String text) {
    int lines = 0;
    int assignments = 0;
    for (String l : text.split("\n", 50)) {
      String t = l.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      lines++;
      if (t.matches("(?:export\\s+)?[A-Za-z_][A-Za-z0-9_]*\\s*=.*")) {
        assignments++;
      }
    }
    return lines > 0 && assignments == lines;
  }

  private static String firstLine(Page p) {
    String t = p.text().strip();
    int nl = t.indexOf('\n');
    String line = nl < 0 ? t : t.substring(0, nl);
    return line.length() > 120 ? line.substring(0, 120) : line;
  }

  private static void check(Fetcher f, Origin origin, String path, Deadline deadline, Errors errors,
      java.util.function.Predicate<Page> hit, java.util.function.Consumer<Page> then) {
    if (deadline.passed()) {
      return;
    }
    try {
      Page p = f.get(origin.resolve(path));
      if (hit.test(p)) {
        then.accept(p);
      }
    } catch (Fetcher.FetchException e) {
      errors.add(e.getMessage());
    }
  }
}
