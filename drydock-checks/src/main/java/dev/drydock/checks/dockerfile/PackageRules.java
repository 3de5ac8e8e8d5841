package dev.drydock.checks.dockerfile;

import dev.drydock.checks.dockerfile.Commands.Cmd;
import dev.drydock.checks.dockerfile.Context.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * Package manager rules over RUN commands: version pins (every stage: reproducible builds) and caches or lists left
 * behind (only stages that end up in the image: a discarded builder stage's leftovers cost nothing).
 */
final class PackageRules {
  private static final Pattern PIP = Pattern.compile("pip[0-9.]*");
  private static final Pattern NO_RECOMMENDS = Pattern.compile("(?i).*Install-Recommends=(false|0|no)");
  private static final Set<String> APT = Set.of("apt-get", "apt");
  private static final Set<String> APT_ANY = Set.of("apt-get", "apt", "aptitude");
  private static final Set<String> RPM = Set.of("yum", "dnf", "microdnf", "tdnf");
  private static final Set<String> APT_VALUED = Set.of("-o", "-t", "-c", "--target-release", "--option",
      "--config-file");
  private static final Set<String> APK_VALUED = Set.of("-X", "--repository", "-t", "--virtual", "-p", "--root",
      "--arch", "--cache-dir", "--keys-dir", "--repositories-file");
  private static final Set<String> RPM_VALUED = Set.of("-x", "--exclude", "-c", "--config", "--setopt", "--enablerepo",
      "--disablerepo", "--releasever", "--installroot", "--repo", "--repoid");
  private static final Set<String> PIP_VALUED = Set.of("-i", "--index-url", "--extra-index-url", "-f", "--find-links",
      "-t", "--target", "--prefix", "--root", "--src", "--platform", "--python-version", "--implementation", "--abi",
      "--trusted-host", "--progress-bar", "--proxy", "--upgrade-strategy", "--no-binary", "--only-binary", "-e",
      "--editable", "-c", "--constraint", "-r", "--requirement", "--cache-dir", "--log", "--timeout", "--retries");
  private static final Set<String> NPM_VALUED = Set.of("--prefix", "--registry", "--cache", "-w", "--workspace",
      "--omit", "--include", "--userconfig", "--tag", "--loglevel");
  private static final Set<String> GEM_VALUED = Set.of("-v", "--version", "-i", "--install-dir", "-n", "--bindir",
      "--source", "-s", "-P", "--trust-policy", "--platform");

  private PackageRules() {}

  private static List<Instruction> where(List<Run> runs, BiPredicate<Run, List<Cmd>> test, Context c) {
    List<Instruction> out = new ArrayList<>();
    for (Run r : runs) {
      if (test.test(r, c.commands(r.ins()))) {
        out.add(r.ins());
      }
    }
    return out;
  }

  private static boolean any(List<Cmd> cmds, java.util.function.Predicate<Cmd> p) {
    for (Cmd c : cmds) {
      if (p.test(c)) {
        return true;
      }
    }
    return false;
  }

  /** Whether some {@code rm} in the commands removes a path starting with one of the prefixes. */
  private static boolean removes(List<Cmd> cmds, String... prefixes) {
    return any(cmds, c -> c.name().equals("rm") && c.args().stream().anyMatch(a -> {
      for (String p : prefixes) {
        if (a.startsWith(p)) {
          return true;
        }
      }
      return false;
    }));
  }

  private static boolean unknown(String pkg) {
    return pkg.contains("$") || pkg.contains("`");
  }

  // apt ----------------------------------------------------------------------------------------------------------

  private static boolean aptInstall(Cmd c) {
    return APT.contains(c.name()) && c.sub(APT_VALUED).equals("install");
  }

  static List<Instruction> aptUnpinned(Context c) {
    return where(c.runs(), (r, cmds) -> any(cmds, cmd -> aptInstall(cmd)
        && Commands.operands(cmd, "install", APT_VALUED).stream()
            .anyMatch(p -> !p.contains("=") && !p.endsWith(".deb") && !unknown(p))), c);
  }

  static List<Instruction> aptLists(Context c) {
    return where(c.imageRuns(), (r, cmds) -> any(cmds, cmd -> APT_ANY.contains(cmd.name())
        && cmd.sub(APT_VALUED).equals("update"))
        && !removes(cmds, "/var/lib/apt/lists") && !c.cacheMount(r.ins(), "/var/lib/apt"), c);
  }

  static List<Instruction> aptRecommends(Context c) {
    return where(c.imageRuns(), (r, cmds) -> any(cmds, cmd -> aptInstall(cmd)
        && !cmd.has("--no-install-recommends")
        && cmd.args().stream().noneMatch(a -> NO_RECOMMENDS.matcher(a).matches())), c);
  }

  static List<Instruction> upgrades(Context c) {
    boolean plain = c.options.flagPlainUpgrade();
    return where(c.runs(), (r, cmds) -> any(cmds, cmd -> {
      String sub = cmd.sub(cmd.name().equals("zypper") ? Set.of() : APT_VALUED);
      if (APT.contains(cmd.name())) {
        return sub.equals("dist-upgrade") || sub.equals("full-upgrade") || plain && sub.equals("upgrade");
      }
      if (cmd.name().equals("zypper")) {
        return sub.equals("dist-upgrade") || sub.equals("dup");
      }
      if (plain && cmd.name().equals("apk")) {
        return cmd.sub(APK_VALUED).equals("upgrade");
      }
      if (plain && RPM.contains(cmd.name())) {
        String s = cmd.sub(RPM_VALUED);
        return s.equals("upgrade") || s.equals("update");
      }
      return false;
    }), c);
  }

  /** CIS 4.7: an index update in a RUN that installs nothing leaves a cached, soon stale, index layer. */
  static List<Instruction> updateAlone(Context c) {
    return where(c.runs(), (r, cmds) -> {
      boolean aptUpdate = any(cmds, cmd -> APT_ANY.contains(cmd.name()) && cmd.sub(APT_VALUED).equals("update"));
      boolean aptUse = any(cmds, cmd -> APT_ANY.contains(cmd.name())
          && Set.of("install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "source", "reinstall")
              .contains(cmd.sub(APT_VALUED)));
      boolean apkUpdate = any(cmds, cmd -> cmd.name().equals("apk") && cmd.sub(APK_VALUED).equals("update"));
      boolean apkUse = any(cmds, cmd -> cmd.name().equals("apk")
          && Set.of("add", "upgrade", "fix").contains(cmd.sub(APK_VALUED)));
      return aptUpdate && !aptUse || apkUpdate && !apkUse;
    }, c);
  }

  // apk ----------------------------------------------------------------------------------------------------------

  private static boolean apkAdd(Cmd c) {
    return c.name().equals("apk") && c.sub(APK_VALUED).equals("add");
  }

  static List<Instruction> apkUnpinned(Context c) {
    return where(c.runs(), (r, cmds) -> any(cmds, cmd -> apkAdd(cmd)
        && Commands.operands(cmd, "add", APK_VALUED).stream().anyMatch(p -> !p.contains("=") && !p.contains("~")
            && !p.contains("<") && !p.contains(">") && !p.endsWith(".apk") && !unknown(p))), c);
  }

  static List<Instruction> apkCache(Context c) {
    return where(c.imageRuns(), (r, cmds) -> any(cmds, cmd -> apkAdd(cmd) && !cmd.has("--no-cache"))
        && !removes(cmds, "/var/cache/apk") && !c.cacheMount(r.ins(), "/var/cache/apk", "/etc/apk/cache"), c);
  }

  // yum / dnf / microdnf --------------------------------------------------------------------------------------------

  static List<Instruction> rpmUnpinned(Context c) {
    return where(c.runs(), (r, cmds) -> any(cmds, cmd -> {
      if (!RPM.contains(cmd.name())) {
        return false;
      }
      String sub = cmd.sub(RPM_VALUED);
      if (sub.equals("module")) {
        List<String> ops = Commands.operands(cmd, "module", RPM_VALUED);
        return !ops.isEmpty() && ops.get(0).equals("install")
            && ops.subList(1, ops.size()).stream().anyMatch(m -> !m.contains(":") && !unknown(m));
      }
      if (!sub.equals("install")) {
        return false;
      }
      return Commands.operands(cmd, "install", RPM_VALUED).stream().anyMatch(p -> !rpmPinned(p));
    }), c);
  }

  /** name-version[-release]: some dash-separated part after the name starts with a digit and has a dot or colon. */
  static boolean rpmPinned(String p) {
    if (p.endsWith(".rpm") || p.startsWith("@") || unknown(p) || p.contains("=")) {
      return true;
    }
    String[] parts = p.split("-");
    for (int k = 1; k < parts.length; k++) {
      String part = parts[k];
      if (!part.isEmpty() && Character.isDigit(part.charAt(0)) && (part.contains(".") || part.contains(":"))) {
        return true;
      }
    }
    return false;
  }

  static List<Instruction> rpmCache(Context c) {
    Set<String> filling = Set.of("install", "groupinstall", "localinstall", "reinstall", "update", "upgrade",
        "makecache", "module", "group", "distro-sync");
    return where(c.imageRuns(), (r, cmds) -> any(cmds, cmd -> RPM.contains(cmd.name())
        && filling.contains(cmd.sub(RPM_VALUED)))
        && !any(cmds, cmd -> RPM.contains(cmd.name()) && cmd.sub(RPM_VALUED).equals("clean") && cmd.has("all"))
        && !removes(cmds, "/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5")
        && !c.cacheMount(r.ins(), "/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"), c);
  }

  // pip ------------------------------------------------------------------------------------------------------------

  private static boolean pipInstall(Cmd c) {
    return c.name().startsWith("pip") && PIP.matcher(c.name()).matches() && c.sub(PIP_VALUED).equals("install");
  }

  static List<Instruction> pipUnpinned(Context c) {
    return where(c.runs(), (r, cmds) -> any(cmds, cmd -> pipInstall(cmd)
        && cmd.args().stream().noneMatch(a -> a.equals("-r") || a.startsWith("--requirement") || a.startsWith("-r")
            && !a.startsWith("--") || a.equals("-c") || a.startsWith("--constraint"))
        && Commands.operands(cmd, "install", PIP_VALUED).stream().anyMatch(p -> !pipPinned(p))), c);
  }

  private static boolean pipPinned(String p) {
    return p.contains("==") || p.contains(">") || p.contains("<") || p.contains("~=") || p.contains("!=")
        || p.contains("@") || p.contains("/") || p.equals(".") || p.endsWith(".whl") || p.endsWith(".tar.gz")
        || p.endsWith(".zip") || unknown(p);
  }

  static List<Instruction> pipCache(Context c) {
    return where(c.imageRuns(), (r, cmds) -> any(cmds, cmd -> pipInstall(cmd)
        && cmd.args().stream().noneMatch(a -> a.startsWith("--no-cache-dir")))
        && (c.env(r.stage(), "PIP_NO_CACHE_DIR") == null || c.env(r.stage(), "PIP_NO_CACHE_DIR").isEmpty())
        && !removes(cmds, "/root/.cache", "~/.cache", "$HOME/.cache")
        && c.mounts(r.ins()).stream().noneMatch(m -> m.type().equals("cache") && m.target().contains("/.cache")), c);
  }

  // npm, gem -------------------------------------------------------------------------------------------------------

  static List<Instruction> npmUnpinned(Context c) {
    return where(c.runs(), (r, cmds) -> any(cmds, cmd -> {
      if (!cmd.name().equals("npm")) {
        return false;
      }
      String sub = cmd.sub(NPM_VALUED);
      if (!sub.equals("install") && !sub.equals("i") && !sub.equals("add")) {
        return false;
      }
      return Commands.operands(cmd, sub, NPM_VALUED).stream().anyMatch(p -> !npmPinned(p));
    }), c);
  }

  private static boolean npmPinned(String p) {
    if (unknown(p) || p.startsWith("/") || p.startsWith(".") || p.startsWith("~/") || p.endsWith(".tgz")
        || p.endsWith(".tar.gz") || p.endsWith(".tar")) {
      return true;
    }
    if (p.startsWith("git") || p.contains("://")) {
      return p.contains("#");
    }
    int at = p.indexOf('@', 1);
    if (at < 0) {
      return false;
    }
    String v = p.substring(at + 1);
    return !v.isEmpty() && !v.equals("latest") && !v.equals("next");
  }

  static List<Instruction> gemUnpinned(Context c) {
    return where(c.runs(), (r, cmds) -> any(cmds, cmd -> cmd.name().equals("gem")
        && cmd.sub(GEM_VALUED).equals("install")
        && cmd.args().stream().noneMatch(a -> a.equals("-v") || a.startsWith("--version"))
        && Commands.operands(cmd, "install", GEM_VALUED).stream()
            .anyMatch(p -> !p.contains(":") && !p.endsWith(".gem") && !unknown(p))), c);
  }
}
