package dev.drydock.checks.host;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.doc.Docs;
import dev.drydock.checks.doc.Loc;
import dev.drydock.model.DrydockException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Docker daemon's settings as written on the host: {@code /etc/docker/daemon.json} and the dockerd flags
 * of the {@code ExecStart} of its systemd unit (with drop-ins). dockerd refuses to start when one setting is
 * in both, so each setting has one source; a flag is looked at first.
 */
final class DaemonSettings {
  static final String DAEMON_JSON = "/etc/docker/daemon.json";

  /** Where systemd looks for docker.service / docker.socket, most specific first. */
  static final List<String> UNIT_DIRS = List.of("/etc/systemd/system", "/usr/lib/systemd/system",
      "/lib/systemd/system");

  /**
   * One setting.
   *
   * @param key the daemon.json key ({@code icc}, {@code hosts}, ...)
   * @param values the value(s) as text: booleans {@code true}/{@code false}, array items, object entries
   *     {@code name=value}
   * @param file where it was read (shown path)
   * @param line its line
   * @param text how it was written ({@code "icc": true}, {@code --icc=false})
   */
  record Setting(String key, List<String> values, String file, int line, String text) {
    String first() {
      return values.isEmpty() ? "" : values.get(0);
    }

    String where() {
      return file + ":" + line + ": " + text;
    }
  }

  private static final Map<String, String> FLAGS = Map.ofEntries(
      Map.entry("--icc", "icc"), Map.entry("--log-level", "log-level"), Map.entry("-l", "log-level"),
      Map.entry("--iptables", "iptables"), Map.entry("--insecure-registry", "insecure-registries"),
      Map.entry("--storage-driver", "storage-driver"), Map.entry("-s", "storage-driver"),
      Map.entry("--storage-opt", "storage-opts"), Map.entry("-H", "hosts"), Map.entry("--host", "hosts"),
      Map.entry("--tls", "tls"), Map.entry("--tlsverify", "tlsverify"), Map.entry("--tlscacert", "tlscacert"),
      Map.entry("--tlscert", "tlscert"), Map.entry("--tlskey", "tlskey"),
      Map.entry("--default-ulimit", "default-ulimits"), Map.entry("--userns-remap", "userns-remap"),
      Map.entry("--cgroup-parent", "cgroup-parent"), Map.entry("--authorization-plugin", "authorization-plugins"),
      Map.entry("--log-driver", "log-driver"), Map.entry("--no-new-privileges", "no-new-privileges"),
      Map.entry("--live-restore", "live-restore"), Map.entry("--userland-proxy", "userland-proxy"),
      Map.entry("--seccomp-profile", "seccomp-profile"), Map.entry("--experimental", "experimental"),
      Map.entry("--data-root", "data-root"), Map.entry("-g", "data-root"), Map.entry("--graph", "data-root"));

  private static final Set<String> BOOLEANS = Set.of("icc", "iptables", "tls", "tlsverify", "no-new-privileges",
      "live-restore", "userland-proxy", "experimental");

  private final Map<String, Setting> json = new LinkedHashMap<>();
  private final Map<String, Setting> flags = new LinkedHashMap<>();
  private final boolean jsonPresent;
  private String error;
  private String unit;

  DaemonSettings(HostRoot root) {
    int before = root.errors().size();
    Optional<String> text = root.read(DAEMON_JSON);
    jsonPresent = text.isPresent() || root.errors().size() > before;
    if (root.errors().size() > before) {
      error = root.errors().get(before);
    }
    text.ifPresent(t -> readJson(root.display(DAEMON_JSON), t));
    readExecStart(root);
  }

  private void readJson(String file, String text) {
    Doc doc;
    try {
      doc = Docs.json(file, text);
    } catch (DrydockException e) {
      error = e.getMessage();
      return;
    }
    if (!doc.root().isObject()) {
      error = file + ":" + doc.at("").line() + ": invalid daemon configuration: not a JSON object";
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.root().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String pointer = Doc.child("", e.getKey());
      Loc loc = doc.keyAt(pointer);
      String line = text.lines().skip(loc.line() - 1).findFirst().orElse("").strip();
      String key = e.getKey().equals("graph") ? "data-root" : e.getKey();
      json.put(key, new Setting(key, values(e.getValue()), file, loc.line(), line));
    }
  }

  private static List<String> values(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      v.forEach(x -> out.add(x.isValueNode() ? x.asText() : x.toString()));
    } else if (v.isObject()) {
      v.fields().forEachRemaining(f -> out.add(f.getKey() + "=" + (f.getValue().isValueNode()
          ? f.getValue().asText() : f.getValue().toString())));
    } else if (!v.isNull()) {
      out.add(v.asText());
    }
    return out;
  }

  /** The ExecStart in effect: the unit's, replaced by drop-ins ({@code ExecStart=} alone resets it). */
  private void readExecStart(HostRoot root) {
    List<String> sources = new ArrayList<>();
    for (String dir : UNIT_DIRS) {
      if (root.read(dir + "/docker.service").isPresent()) {
        unit = dir + "/docker.service";
        sources.add(unit);
        break;
      }
    }
    for (String dir : UNIT_DIRS) {
      sources.addAll(root.list(dir + "/docker.service.d", ".conf"));
    }
    String execFile = null;
    int execLine = 0;
    String exec = null;
    for (String src : sources) {
      String[] lines = root.read(src).orElse("").split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        int start = i;
        StringBuilder sb = new StringBuilder(lines[i].strip());
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\\' && i + 1 < lines.length) {
          sb.setLength(sb.length() - 1);
          sb.append(' ').append(lines[++i].strip());
        }
        String l = sb.toString();
        if (l.startsWith("ExecStart=")) {
          String v = l.substring("ExecStart=".length()).strip();
          exec = v.isEmpty() ? null : v;
          execFile = root.display(src);
          execLine = start + 1;
        }
      }
    }
    if (exec != null) {
      parseFlags(exec, execFile, execLine);
    }
  }

  private void parseFlags(String exec, String file, int line) {
    String[] t = exec.replaceFirst("^[-@+!:]+", "").split("\\s+");
    int i = 0;
    while (i < t.length && !t[i].endsWith("dockerd") && !t[i].endsWith("/docker") && !t[i].equals("docker")) {
      i++;
    }
    for (i = i + 1; i < t.length; i++) {
      String tok = t[i];
      if (!tok.startsWith("-")) {
        continue;
      }
      int eq = tok.indexOf('=');
      String name = eq < 0 ? tok : tok.substring(0, eq);
      String key = FLAGS.get(name);
      if (key == null) {
        continue;
      }
      String value;
      String text;
      if (eq >= 0) {
        value = tok.substring(eq + 1);
        text = tok;
      } else if (BOOLEANS.contains(key)) {
        value = "true";
        text = tok;
      } else if (i + 1 < t.length) {
        value = t[++i];
        text = tok + " " + value;
      } else {
        continue;
      }
      Setting old = flags.get(key);
      List<String> vals = new ArrayList<>(old == null || BOOLEANS.contains(key) ? List.of() : old.values());
      vals.add(value);
      String shown = old == null || BOOLEANS.contains(key) ? text : old.text() + " " + text;
      flags.put(key, new Setting(key, vals, file, line, shown));
    }
  }

  /** The setting {@code key}, from the dockerd flags or daemon.json; empty when unset. */
  Optional<Setting> get(String key) {
    Setting f = flags.get(key);
    return Optional.ofNullable(f != null ? f : json.get(key));
  }

  /** Whether daemon.json exists. */
  boolean jsonPresent() {
    return jsonPresent;
  }

  /** The one-line error when daemon.json could not be read ({@code file:line: invalid JSON: ...}), else null. */
  String error() {
    return error;
  }

  /** The docker.service unit in effect (host path), or null. */
  String unit() {
    return unit;
  }

  /** Where an unset setting was looked for (for evidence). */
  String lookedIn(HostRoot root) {
    List<String> where = new ArrayList<>();
    where.add(root.display(DAEMON_JSON) + (jsonPresent ? "" : " (absent)"));
    if (unit != null) {
      where.add("ExecStart of " + root.display(unit));
    }
    return String.join(" and ", where);
  }
}
