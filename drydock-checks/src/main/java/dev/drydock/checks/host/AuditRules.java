package dev.drydock.checks.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit rules of the host as written in {@code /etc/audit/audit.rules} and
 * {@code /etc/audit/rules.d/*.rules}: the paths watched by {@code -w PATH} and by
 * {@code -a ... -F path=PATH} / {@code -F dir=PATH} rules. (The rules loaded in the kernel, {@code auditctl -l},
 * are not files: when they differ from the files, the files are what the next boot loads.)
 */
final class AuditRules {
  /** Where a path is watched. */
  record Watch(String file, int line, String text) {}

  private final Map<String, Watch> watched = new LinkedHashMap<>();
  private final List<String> files = new ArrayList<>();

  AuditRules(HostRoot root) {
    List<String> paths = new ArrayList<>();
    paths.add("/etc/audit/audit.rules");
    paths.addAll(root.list("/etc/audit/rules.d", ".rules"));
    for (String p : paths) {
      root.read(p).ifPresent(text -> {
        files.add(root.display(p));
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          String line = lines[i].strip();
          if (line.isEmpty() || line.startsWith("#")) {
            continue;
          }
          String[] t = line.split("\\s+");
          for (int j = 0; j + 1 < t.length; j++) {
            String path = null;
            if (t[j].equals("-w")) {
              path = t[j + 1];
            } else if (t[j].equals("-F") && (t[j + 1].startsWith("path=") || t[j + 1].startsWith("dir="))) {
              path = t[j + 1].substring(t[j + 1].indexOf('=') + 1);
            }
            if (path != null) {
              watched.putIfAbsent(normalise(path), new Watch(root.display(p), i + 1, line));
            }
          }
        }
      });
    }
  }

  private static String normalise(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /** The rule watching {@code path}, or null. */
  Watch watch(String path) {
    return watched.get(normalise(path));
  }

  /** The rule files that exist (shown paths). */
  List<String> files() {
    return files;
  }
}
