package dev.drydock.gate.drift;

import dev.drydock.gate.drift.DriftReport.ConfigDrift;
import dev.drydock.gate.drift.DriftReport.LabelChange;
import dev.drydock.gate.drift.DriftReport.UserChange;
import dev.drydock.model.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Image configuration changes; environment variables are compared by key only. */
final class ConfigDiff {
  private ConfigDiff() {}

  static ConfigDrift of(ImageConfig was, ImageConfig now) {
    if (was == null && now == null) {
      return new ConfigDrift(null, List.of(), List.of(), List.of(), List.of(), false, null, null, false, null, null,
          false, false, Map.of(), List.of(), List.of());
    }
    ImageConfig a = was == null ? empty() : was;
    ImageConfig b = now == null ? empty() : now;
    UserChange user = null;
    if (!Objects.equals(norm(a.user()), norm(b.user()))) {
      user = new UserChange(norm(a.user()), norm(b.user()), !isRoot(a.user()) && isRoot(b.user()));
    }
    TreeSet<String> portsA = ports(a.exposedPorts());
    TreeSet<String> portsB = ports(b.exposedPorts());
    TreeSet<String> envA = envKeys(a.env());
    TreeSet<String> envB = envKeys(b.env());
    boolean entrypointChanged = !Objects.equals(a.entrypoint(), b.entrypoint());
    boolean cmdChanged = !Objects.equals(a.cmd(), b.cmd());
    Map<String, String> labelsAdded = new TreeMap<>();
    List<String> labelsRemoved = new ArrayList<>();
    List<LabelChange> labelsChanged = new ArrayList<>();
    for (var e : new TreeMap<>(b.labels()).entrySet()) {
      String old = a.labels().get(e.getKey());
      if (old == null) {
        labelsAdded.put(e.getKey(), e.getValue());
      } else if (!old.equals(e.getValue())) {
        labelsChanged.add(new LabelChange(e.getKey(), old, e.getValue()));
      }
    }
    new TreeSet<>(a.labels().keySet()).stream().filter(k -> !b.labels().containsKey(k)).forEach(labelsRemoved::add);
    return new ConfigDrift(user, minus(portsB, portsA), minus(portsA, portsB), minus(envB, envA), minus(envA, envB),
        entrypointChanged, entrypointChanged ? a.entrypoint() : null, entrypointChanged ? b.entrypoint() : null,
        cmdChanged, cmdChanged ? a.cmd() : null, cmdChanged ? b.cmd() : null,
        !hasHealthcheck(a) && hasHealthcheck(b), hasHealthcheck(a) && !hasHealthcheck(b),
        labelsAdded, labelsRemoved, labelsChanged);
  }

  /** Empty user, {@code root} and uid {@code 0} (optionally with a group: {@code 0:0}, {@code root:x}) run as root. */
  static boolean isRoot(String user) {
    String u = norm(user);
    int colon = u.indexOf(':');
    String name = colon < 0 ? u : u.substring(0, colon);
    return name.isEmpty() || name.equals("root") || name.equals("0");
  }

  private static boolean hasHealthcheck(ImageConfig c) {
    List<String> h = c.healthcheck();
    return h != null && !h.isEmpty() && !(h.size() == 1 && h.get(0).equals("NONE"));
  }

  private static String norm(String user) {
    return user == null ? "" : user.trim();
  }

  private static TreeSet<String> ports(List<String> ports) {
    TreeSet<String> out = new TreeSet<>();
    for (String p : ports) {
      String t = p.trim().toLowerCase(java.util.Locale.ROOT);
      out.add(t.contains("/") ? t : t + "/tcp");
    }
    return out;
  }

  private static TreeSet<String> envKeys(List<String> env) {
    TreeSet<String> out = new TreeSet<>();
    for (String e : env) {
      int eq = e.indexOf('=');
      out.add(eq < 0 ? e : e.substring(0, eq));
    }
    return out;
  }

  private static List<String> minus(TreeSet<String> a, TreeSet<String> b) {
    List<String> out = new ArrayList<>(a);
    out.removeAll(b);
    return out;
  }

  private static ImageConfig empty() {
    return new ImageConfig(null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
