package dev.drydock.checks.image;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.ImageConfig;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.LayerInfo;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of a scanned image's config and filesystem (issue 5 item 2): user, exposed ports, secrets in the
 * environment and the build history, setuid/setgid and world-writable files, package managers and shells in
 * production images, HEALTHCHECK. A pure function of the scan result: no layer is read again.
 *
 * <p>Findings on the config have file {@value #CONFIG} and line 0; findings on files name the image-root-relative
 * path and, when known, the layer that introduced it.
 */
public final class ImageChecks {
  /** The family name, as listed in {@link ScanResult#checksRun()}. */
  public static final String FAMILY = "image-config";
  /** The file name of findings about the image config. */
  public static final String CONFIG = "image-config";

  private static final Pattern PORT = Pattern.compile("^(\\d+)(?:-(\\d+))?(?:/(\\w+))?$");
  private static final Map<Integer, String> DATABASE_PORTS = Map.ofEntries(
      Map.entry(1433, "SQL Server"), Map.entry(1521, "Oracle"), Map.entry(3306, "MySQL/MariaDB"),
      Map.entry(5432, "PostgreSQL"), Map.entry(5984, "CouchDB"), Map.entry(6379, "Redis"),
      Map.entry(7000, "Cassandra"), Map.entry(9042, "Cassandra"), Map.entry(9200, "Elasticsearch"),
      Map.entry(11211, "Memcached"), Map.entry(27017, "MongoDB"), Map.entry(28015, "RethinkDB"),
      Map.entry(50000, "DB2"));
  private static final Map<Ecosystem, Set<String>> PACKAGE_MANAGERS = Map.of(
      Ecosystem.DEB, Set.of("apt", "dpkg"),
      Ecosystem.APK, Set.of("apk-tools"),
      Ecosystem.RPM, Set.of("rpm", "yum", "dnf", "microdnf", "tdnf", "zypper"),
      Ecosystem.PYPI, Set.of("pip"),
      Ecosystem.NPM, Set.of("npm"));
  private static final Map<Ecosystem, Set<String>> SHELLS = Map.of(
      Ecosystem.DEB, Set.of("bash", "dash", "busybox", "zsh"),
      Ecosystem.APK, Set.of("busybox", "bash", "zsh"),
      Ecosystem.RPM, Set.of("bash", "busybox", "zsh"));

  private ImageChecks() {}

  /** The findings of every image check on {@code scan}; none when it is not an image (no config). */
  public static List<Misconfiguration> check(ScanResult scan, ImageCheckOptions options) {
    List<Misconfiguration> out = new ArrayList<>();
    ImageConfig c = scan.config();
    if (c != null) {
      user(c, out);
      ports(c, out);
      env(c, out);
      history(c, scan.layers(), out);
      if (c.healthcheck() == null || c.healthcheck().isEmpty()
          || c.healthcheck().get(0).equalsIgnoreCase("NONE")) {
        out.add(ImageRules.NO_HEALTHCHECK.finding(null, CONFIG, null, "Healthcheck"));
      }
    }
    files(scan.notableFiles(), out);
    if (options.isProduction(c == null ? Map.of() : c.labels())) {
      packages(scan.packages(), PACKAGE_MANAGERS, ImageRules.PACKAGE_MANAGER, out);
      packages(scan.packages(), SHELLS, ImageRules.SHELL, out);
    }
    return List.copyOf(out);
  }

  private static void user(ImageConfig c, List<Misconfiguration> out) {
    String user = c.user() == null ? "" : c.user().strip();
    String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
    if (name.isEmpty() || name.equals("root") || name.equals("0")) {
      out.add(ImageRules.ROOT_USER.finding(user.isEmpty() ? "no USER set" : "USER " + user, CONFIG, null, "User"));
    }
  }

  private static void ports(ImageConfig c, List<Misconfiguration> out) {
    for (String p : c.exposedPorts()) {
      Matcher m = PORT.matcher(p.strip());
      if (!m.matches() || (m.group(3) != null && !m.group(3).equalsIgnoreCase("tcp"))
          || m.group(1).length() > 5 || (m.group(2) != null && m.group(2).length() > 5)) {
        continue; // not a port Docker could expose (99999999999/tcp): nothing is listening there
      }
      int lo = Integer.parseInt(m.group(1));
      int hi = m.group(2) == null ? lo : Integer.parseInt(m.group(2));
      if (hi - lo > 65535) {
        continue;
      }
      String res = "ExposedPorts " + p;
      if (lo <= 22 && 22 <= hi) {
        out.add(ImageRules.SSH_PORT.finding(p, CONFIG, null, res));
      }
      for (int docker : new int[] {2375, 2376}) {
        if (lo <= docker && docker <= hi) {
          out.add(ImageRules.DOCKER_PORT.finding(p + (docker == 2375 ? " (unencrypted)" : " (TLS)"), CONFIG, null,
              res));
          break;
        }
      }
      DATABASE_PORTS.entrySet().stream()
          .filter(e -> lo <= e.getKey() && e.getKey() <= hi)
          .map(Map.Entry::getKey).sorted().findFirst()
          .ifPresent(port -> out.add(ImageRules.DATABASE_PORT.finding(p + " (" + DATABASE_PORTS.get(port) + ")",
              CONFIG, null, res)));
    }
  }

  private static void env(ImageConfig c, List<Misconfiguration> out) {
    for (String e : c.env()) {
      int eq = e.indexOf('=');
      String name = eq < 0 ? e : e.substring(0, eq);
      String value = eq < 0 ? "" : e.substring(eq + 1);
      if (value.isBlank()) {
        continue;
      }
      if (Secrets.secretName(name)) {
        out.add(ImageRules.SECRET_ENV_NAME.finding(name, CONFIG, null, "Env " + name));
      }
      String what = Secrets.secretValue(value);
      if (what != null) {
        out.add(ImageRules.SECRET_ENV_VALUE.finding(name + " holds " + what + " (value not shown)", CONFIG, null,
            "Env " + name));
      }
    }
  }

  private static void history(ImageConfig c, List<LayerInfo> layers, List<Misconfiguration> out) {
    long nonEmpty = c.history().stream().filter(h -> !h.emptyLayer()).count();
    boolean mapped = nonEmpty == layers.size();
    int layer = 0;
    for (int i = 0; i < c.history().size(); i++) {
      ImageConfig.HistoryEntry h = c.history().get(i);
      String diffId = mapped && !h.emptyLayer() ? layers.get(layer).diffId() : null;
      if (!h.emptyLayer()) {
        layer++;
      }
      String what = HistoryCredentials.find(h.createdBy());
      if (what != null) {
        out.add(ImageRules.HISTORY_CREDENTIALS.finding("history entry " + i + " has " + what, CONFIG, diffId,
            "history[" + i + "]"));
      }
    }
  }

  private static void files(List<Fact.FileInfo> files, List<Misconfiguration> out) {
    for (Fact.FileInfo f : files) {
      int mode = f.mode();
      if ((mode & 06000) != 0) {
        String bits = (mode & 04000) != 0 && (mode & 02000) != 0 ? "setuid and setgid"
            : (mode & 04000) != 0 ? "setuid" : "setgid";
        out.add(ImageRules.SETUID.finding(bits + ", mode " + octal(mode) + ", owner " + f.uid() + ":" + f.gid(),
            f.path(), f.layerDiffId(), null));
      }
      if ((mode & 0002) != 0 && (mode & 01000) == 0) {
        out.add(ImageRules.WORLD_WRITABLE.finding("mode " + octal(mode), f.path(), f.layerDiffId(), null));
      }
    }
  }

  private static void packages(List<InstalledPackage> packages, Map<Ecosystem, Set<String>> names, ImageRule rule,
      List<Misconfiguration> out) {
    for (InstalledPackage p : packages) {
      Set<String> wanted = names.get(p.pkg().ecosystem());
      if (wanted != null && wanted.contains(p.pkg().name().toLowerCase(Locale.ROOT))) {
        String file = p.locations().isEmpty() ? CONFIG : p.locations().get(0);
        String id = p.pkg().ecosystem().purlType() + " " + p.pkg().name()
            + (p.pkg().version() == null ? "" : " " + p.pkg().version());
        out.add(rule.finding(id, file, p.layerDiffId(), p.purl()));
      }
    }
  }

  private static String octal(int mode) {
    return String.format("%04o", mode & 07777);
  }
}
