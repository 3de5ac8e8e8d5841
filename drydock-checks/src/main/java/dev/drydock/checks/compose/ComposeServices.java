package dev.drydock.checks.compose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.runtime.ContainerSpec;
import dev.drydock.checks.runtime.DockerOptions;
import dev.drydock.checks.runtime.Mount;
import dev.drydock.checks.runtime.Nodes;
import dev.drydock.checks.runtime.Port;
import dev.drydock.checks.runtime.RuntimeRules;
import dev.drydock.checks.runtime.Setting;
import dev.drydock.checks.runtime.Source;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Maps each service of a compose file (v2, v3 or the compose spec) into a {@link ContainerSpec}. Merge keys
 * and extension fields are resolved by the YAML reader; a setting merged in from an anchor is reported at
 * its key in the anchor (and names the service).
 */
final class ComposeServices {
  private ComposeServices() {}

  static List<ContainerSpec> in(Doc doc) {
    List<ContainerSpec> out = new ArrayList<>();
    if (!doc.root().isObject()) {
      return out;
    }
    JsonNode services = Nodes.object(doc, "/services");
    if (services == null) {
      return out;
    }
    Iterator<String> names = services.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      String sp = Doc.child("/services", name);
      if (Nodes.object(doc, sp) != null) {
        out.add(service(doc, name, sp));
      }
    }
    return out;
  }

  private static ContainerSpec service(Doc d, String name, String sp) {
    String resource = "service " + name;
    ContainerSpec.Builder b = ContainerSpec.builder(Source.COMPOSE, "service", resource, resource, sp, sp);
    b.privileged = Nodes.bool(d, sp + "/privileged");
    for (Setting<String> cap : texts(d, sp + "/cap_add")) {
      b.capAdd.add(Setting.of(RuntimeRules.capability(cap.value()), cap.pointer()));
    }
    for (Setting<String> opt : texts(d, sp + "/security_opt")) {
      DockerOptions.securityOpt(opt, b);
    }
    b.hostNetwork = DockerOptions.hostMode(Nodes.text(d, sp + "/network_mode"));
    b.hostPid = DockerOptions.hostMode(Nodes.text(d, sp + "/pid"));
    b.hostIpc = DockerOptions.hostMode(Nodes.text(d, sp + "/ipc"));
    b.hostUts = DockerOptions.hostMode(Nodes.text(d, sp + "/uts"));
    b.hostUserns = DockerOptions.hostMode(Nodes.text(d, sp + "/userns_mode"));
    volumes(d, sp, b.mounts);
    b.user = Nodes.text(d, sp + "/user");
    if (b.user != null && !b.user.value().isBlank() && !DockerOptions.isRootUser(b.user.value())) {
      b.runAsNonRoot = Setting.of(true, b.user.pointer());
    }
    b.readOnlyRoot = Nodes.bool(d, sp + "/read_only");
    String limits = sp + "/deploy/resources/limits";
    Nodes.object(d, sp + "/deploy");
    Nodes.object(d, sp + "/deploy/resources");
    Nodes.object(d, limits);
    b.memoryLimit = first(Nodes.text(d, limits + "/memory"), Nodes.text(d, sp + "/mem_limit"));
    b.cpuLimit = first(Nodes.text(d, limits + "/cpus"), Nodes.text(d, sp + "/cpus"), Nodes.text(d, sp + "/cpu_quota"),
        Nodes.text(d, sp + "/cpu_shares"));
    b.pidsLimit = first(Nodes.text(d, limits + "/pids"), Nodes.text(d, sp + "/pids_limit"));
    b.image = Nodes.text(d, sp + "/image");
    ports(d, sp, b.ports);
    JsonNode devices = Nodes.list(d, sp + "/devices");
    for (int i = 0; devices != null && i < devices.size(); i++) {
      String dp = Doc.child(sp + "/devices", i);
      Setting<String> dev = devices.get(i).isObject() ? Nodes.text(d, dp + "/source") : Nodes.text(d, dp);
      if (dev != null) {
        b.devices.add(Setting.of(dev.value(), dp));
      }
    }
    return b.build();
  }

  @SafeVarargs
  private static Setting<String> first(Setting<String>... settings) {
    for (Setting<String> s : settings) {
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** A list of scalars (or a single scalar, as compose allows for some keys). */
  private static List<Setting<String>> texts(Doc d, String p) {
    JsonNode n = Nodes.node(d, p);
    if (n == null) {
      return List.of();
    }
    if (!n.isArray()) {
      return List.of(Nodes.text(d, p));
    }
    List<Setting<String>> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      Setting<String> s = Nodes.text(d, Doc.child(p, i));
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static void volumes(Doc d, String sp, List<Mount> out) {
    String vp = sp + "/volumes";
    JsonNode volumes = Nodes.list(d, vp);
    for (int i = 0; volumes != null && i < volumes.size(); i++) {
      String item = Doc.child(vp, i);
      if (volumes.get(i).isObject()) {
        Setting<String> type = Nodes.text(d, item + "/type");
        Setting<String> source = Nodes.text(d, item + "/source");
        if (source == null || !source.value().startsWith("/") || type != null && !type.value().equals("bind")) {
          continue;
        }
        Setting<Boolean> ro = Nodes.bool(d, item + "/read_only");
        Nodes.object(d, item + "/bind");
        Setting<String> prop = Nodes.text(d, item + "/bind/propagation");
        out.add(new Mount(Mount.normalise(source.value()), ContainerSpec.isTrue(ro),
            prop == null ? null : prop.value(), source.pointer(), prop == null ? null : prop.pointer()));
      } else {
        Setting<String> spec = Nodes.text(d, item);
        Mount m = spec == null ? null : DockerOptions.bind(spec);
        if (m != null) {
          out.add(m);
        }
      }
    }
  }

  private static void ports(Doc d, String sp, List<Port> out) {
    String pp = sp + "/ports";
    JsonNode ports = Nodes.list(d, pp);
    for (int i = 0; ports != null && i < ports.size(); i++) {
      String item = Doc.child(pp, i);
      if (ports.get(i).isObject()) {
        Setting<String> target = Nodes.text(d, item + "/target");
        Setting<String> published = Nodes.text(d, item + "/published");
        Setting<String> ip = Nodes.text(d, item + "/host_ip");
        if (target != null) {
          out.add(new Port(published == null ? 0 : port(published.value()), ip == null ? "" : ip.value(),
              port(target.value()), item));
        }
      } else {
        Setting<String> s = Nodes.text(d, item);
        if (s != null) {
          out.add(shortPort(s.value(), item));
        }
      }
    }
  }

  /** {@code [ip:][host:]container[/proto]} with ranges and [IPv6] addresses. */
  static Port shortPort(String spec, String pointer) {
    String s = spec.trim();
    int slash = s.indexOf('/');
    if (slash >= 0) {
      s = s.substring(0, slash);
    }
    String ip = "";
    if (s.startsWith("[")) {
      int end = s.indexOf(']');
      ip = s.substring(0, end + 1);
      s = s.substring(Math.min(s.length(), end + 2));
    } else {
      int colons = s.length() - s.replace(":", "").length();
      if (colons == 2) {
        ip = s.substring(0, s.indexOf(':'));
        s = s.substring(s.indexOf(':') + 1);
      }
    }
    int colon = s.lastIndexOf(':');
    String host = colon < 0 ? "" : s.substring(0, colon);
    String container = s.substring(colon + 1);
    return new Port(host.isEmpty() ? 0 : port(host), ip, port(container), pointer);
  }

  /** The first port of {@code 8080} or {@code 8080-8090}; -1 for variables and other text. */
  static int port(String v) {
    String t = v.trim();
    int dash = t.indexOf('-');
    if (dash > 0) {
      t = t.substring(0, dash);
    }
    return t.matches("\\d{1,5}") ? Integer.parseInt(t) : -1;
  }
}
