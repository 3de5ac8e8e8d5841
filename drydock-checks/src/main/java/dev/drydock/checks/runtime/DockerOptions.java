package dev.drydock.checks.runtime;

import java.util.Locale;

/** Docker's own spellings, shared by compose files and docker inspect output. */
public final class DockerOptions {
  private DockerOptions() {}

  /**
   * Applies one {@code --security-opt} value ({@code seccomp=unconfined}, {@code seccomp:unconfined},
   * {@code apparmor=unconfined}, {@code label=disable}, {@code label:type:svirt_t}, {@code no-new-privileges},
   * {@code no-new-privileges:true}).
   */
  public static void securityOpt(Setting<String> opt, ContainerSpec.Builder b) {
    String s = opt.value().trim();
    int eq = s.indexOf('=');
    int colon = s.indexOf(':');
    int sep = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
    String key = (sep < 0 ? s : s.substring(0, sep)).toLowerCase(Locale.ROOT);
    String value = sep < 0 ? "" : s.substring(sep + 1).trim();
    switch (key) {
      case "seccomp" -> b.seccomp = Setting.of(value.toLowerCase(Locale.ROOT), opt.pointer());
      case "apparmor" -> b.apparmor = Setting.of(value.toLowerCase(Locale.ROOT), opt.pointer());
      case "label" -> {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("disable")) {
          b.selinux.add(Setting.of("disable", opt.pointer()));
        } else if (v.matches("(type|user|role)[:=].*")) {
          b.selinux.add(Setting.of(v.substring(0, 4) + "=" + value.substring(5), opt.pointer()));
        }
      }
      case "no-new-privileges" ->
          b.noNewPrivileges = Setting.of(value.isEmpty() || value.equalsIgnoreCase("true"), opt.pointer());
      default -> {
        // other options (systempaths, mask, ...) are not checked
      }
    }
  }

  /** Whether a namespace mode ({@code network_mode}, {@code PidMode}, ...) is the host's. */
  public static Setting<Boolean> hostMode(Setting<String> mode) {
    return mode == null ? null : Setting.of(mode.value().trim().equalsIgnoreCase("host"), mode.pointer());
  }

  /** Whether a user ({@code root}, {@code 0:0}, {@code 1000}, {@code app:app}) is root. */
  public static boolean isRootUser(String user) {
    String u = user.trim();
    int colon = u.indexOf(':');
    String name = colon < 0 ? u : u.substring(0, colon);
    return name.equals("0") || name.equals("root");
  }

  /**
   * A bind volume in the short form {@code /host:/container[:ro,rshared]}, or null for named volumes,
   * relative paths, anonymous volumes ({@code /data}) and anything else that is not an absolute host path.
   */
  public static Mount bind(Setting<String> spec) {
    String v = spec.value().trim();
    if (!v.startsWith("/")) {
      return null;
    }
    String[] parts = v.split(":");
    if (parts.length < 2) {
      return null; // "/data" alone is an anonymous volume at that container path
    }
    String host = parts[0];
    boolean readOnly = false;
    String propagation = null;
    if (parts.length >= 3) {
      for (String o : parts[parts.length - 1].split(",")) {
        String opt = o.trim().toLowerCase(Locale.ROOT);
        if (opt.equals("ro") || opt.equals("readonly")) {
          readOnly = true;
        } else if (opt.matches("r?(shared|slave|private)")) {
          propagation = opt;
        }
      }
    }
    return new Mount(Mount.normalise(host), readOnly, propagation, spec.pointer(),
        propagation == null ? null : spec.pointer());
  }
}
