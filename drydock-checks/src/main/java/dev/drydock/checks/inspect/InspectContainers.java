package dev.drydock.checks.inspect;

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
 * Maps each container of {@code docker inspect} output (an array, or one container object) into a
 * {@link ContainerSpec}. Settings Docker always prints with a zero value (Memory 0, PidsLimit null) are
 * reported at their key; missing user and health check at {@code Config}.
 */
final class InspectContainers {
  private InspectContainers() {}

  static List<ContainerSpec> in(Doc doc) {
    List<ContainerSpec> out = new ArrayList<>();
    JsonNode root = doc.root();
    if (root.isArray()) {
      for (int i = 0; i < root.size(); i++) {
        String p = Doc.child("", i);
        if (Nodes.object(doc, p) != null) {
          out.add(container(doc, p));
        }
      }
    } else if (root.isObject()) {
      out.add(container(doc, ""));
    }
    return out;
  }

  private static ContainerSpec container(Doc d, String p) {
    Setting<String> name = Nodes.text(d, p + "/Name");
    String resource = "container " + (name == null ? "#" + (p.isEmpty() ? "0" : p.substring(1))
        : name.value().replaceFirst("^/", ""));
    String hc = p + "/HostConfig";
    String cfg = p + "/Config";
    Nodes.object(d, hc);
    Nodes.object(d, cfg);
    ContainerSpec.Builder b = ContainerSpec.builder(Source.DOCKER_INSPECT, "container", resource, resource, p, p);
    b.privileged = Nodes.bool(d, hc + "/Privileged");
    for (Setting<String> cap : texts(d, hc + "/CapAdd")) {
      b.capAdd.add(Setting.of(RuntimeRules.capability(cap.value()), cap.pointer()));
    }
    Setting<String> apparmor = Nodes.text(d, p + "/AppArmorProfile");
    if (apparmor != null && !apparmor.value().isEmpty()) {
      b.apparmor = Setting.of(apparmor.value().toLowerCase(java.util.Locale.ROOT), apparmor.pointer());
    }
    for (Setting<String> opt : texts(d, hc + "/SecurityOpt")) {
      DockerOptions.securityOpt(opt, b);
    }
    if (b.noNewPrivileges == null) {
      b.noNewPrivileges = Setting.of(false, Nodes.has(d, hc + "/SecurityOpt") ? hc + "/SecurityOpt" : hc);
    }
    b.hostNetwork = DockerOptions.hostMode(Nodes.text(d, hc + "/NetworkMode"));
    b.hostPid = DockerOptions.hostMode(Nodes.text(d, hc + "/PidMode"));
    b.hostIpc = DockerOptions.hostMode(Nodes.text(d, hc + "/IpcMode"));
    b.hostUts = DockerOptions.hostMode(Nodes.text(d, hc + "/UTSMode"));
    b.hostUserns = DockerOptions.hostMode(Nodes.text(d, hc + "/UsernsMode"));
    mounts(d, p, b.mounts);
    Setting<String> user = Nodes.text(d, cfg + "/User");
    if (user == null || user.value().isBlank()) {
      b.runAsNonRoot = Setting.of(false, user == null ? cfg : user.pointer());
    } else {
      b.user = user;
      b.runAsNonRoot = DockerOptions.isRootUser(user.value()) ? null : Setting.of(true, user.pointer());
    }
    b.readOnlyRoot = Nodes.bool(d, hc + "/ReadonlyRootfs");
    b.memoryLimit = number(d, hc + "/Memory", hc);
    b.cpuLimit = cpu(d, hc);
    b.pidsLimit = number(d, hc + "/PidsLimit", hc);
    b.image = Nodes.text(d, cfg + "/Image");
    ports(d, hc, b.ports);
    JsonNode devices = Nodes.list(d, hc + "/Devices");
    for (int i = 0; devices != null && i < devices.size(); i++) {
      String dp = Doc.child(hc + "/Devices", i);
      Nodes.object(d, dp);
      Setting<String> path = Nodes.text(d, dp + "/PathOnHost");
      b.devices.add(Setting.of(path == null ? "?" : path.value(), path == null ? dp : path.pointer()));
    }
    b.healthcheck = healthcheck(d, cfg);
    b.restart = restart(d, hc);
    return b.build();
  }

  /** A numeric limit; absent or null reads as "0" at the key (or at {@code fallback}). */
  private static Setting<String> number(Doc d, String p, String fallback) {
    Setting<Long> n = Nodes.integer(d, p);
    if (n == null) {
      return Setting.of("0", Nodes.has(d, p) ? p : fallback);
    }
    return Setting.of(Long.toString(n.value()), p);
  }

  /** Limited by NanoCpus, CpuQuota or CpuShares other than the default 1024. */
  private static Setting<String> cpu(Doc d, String hc) {
    for (String k : List.of("NanoCpus", "CpuQuota")) {
      Setting<Long> n = Nodes.integer(d, hc + "/" + k);
      if (n != null && n.value() > 0) {
        return Setting.of(Long.toString(n.value()), n.pointer());
      }
    }
    Setting<Long> shares = Nodes.integer(d, hc + "/CpuShares");
    if (shares != null && shares.value() > 0 && shares.value() != 1024) {
      return Setting.of(Long.toString(shares.value()), shares.pointer());
    }
    String where = Nodes.has(d, hc + "/NanoCpus") ? hc + "/NanoCpus" : hc;
    return Setting.of("0", where);
  }

  private static Setting<String> healthcheck(Doc d, String cfg) {
    String hp = cfg + "/Healthcheck";
    Nodes.object(d, hp);
    JsonNode test = Nodes.list(d, hp + "/Test");
    if (test == null || test.isEmpty()) {
      return Setting.of("NONE", Nodes.node(d, hp) == null ? cfg : hp);
    }
    return Setting.of(test.get(0).asText(), hp);
  }

  private static Setting<String> restart(Doc d, String hc) {
    String rp = hc + "/RestartPolicy";
    Nodes.object(d, rp);
    Setting<String> name = Nodes.text(d, rp + "/Name");
    if (name == null || name.value().isEmpty() || name.value().equals("no")) {
      return null;
    }
    if (name.value().equals("on-failure")) {
      Setting<Long> max = Nodes.integer(d, rp + "/MaximumRetryCount");
      return Setting.of("on-failure:" + (max == null ? 0 : max.value()), name.pointer());
    }
    return name;
  }

  private static List<Setting<String>> texts(Doc d, String p) {
    JsonNode n = Nodes.list(d, p);
    List<Setting<String>> out = new ArrayList<>();
    for (int i = 0; n != null && i < n.size(); i++) {
      Setting<String> s = Nodes.text(d, Doc.child(p, i));
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** Bind mounts from {@code Mounts} (what the container really has), else {@code HostConfig.Binds}. */
  private static void mounts(Doc d, String p, List<Mount> out) {
    JsonNode mounts = Nodes.list(d, p + "/Mounts");
    if (mounts != null && !mounts.isEmpty()) {
      for (int i = 0; i < mounts.size(); i++) {
        String m = Doc.child(p + "/Mounts", i);
        Nodes.object(d, m);
        Setting<String> type = Nodes.text(d, m + "/Type");
        Setting<String> source = Nodes.text(d, m + "/Source");
        if (type == null || !type.value().equals("bind") || source == null || !source.value().startsWith("/")) {
          continue;
        }
        Setting<Boolean> rw = Nodes.bool(d, m + "/RW");
        Setting<String> prop = Nodes.text(d, m + "/Propagation");
        boolean hasProp = prop != null && !prop.value().isEmpty();
        out.add(new Mount(Mount.normalise(source.value()), rw != null && !rw.value(), hasProp ? prop.value() : null,
            source.pointer(), hasProp ? prop.pointer() : null));
      }
      return;
    }
    for (Setting<String> bind : texts(d, p + "/HostConfig/Binds")) {
      Mount m = DockerOptions.bind(bind);
      if (m != null) {
        out.add(m);
      }
    }
  }

  private static void ports(Doc d, String hc, List<Port> out) {
    JsonNode bindings = Nodes.object(d, hc + "/PortBindings");
    if (bindings == null) {
      return;
    }
    Iterator<String> keys = bindings.fieldNames();
    while (keys.hasNext()) {
      String key = keys.next();
      String kp = Doc.child(hc + "/PortBindings", key);
      JsonNode list = Nodes.list(d, kp);
      int slash = key.indexOf('/');
      String cport = slash < 0 ? key : key.substring(0, slash);
      int containerPort = cport.matches("\\d{1,5}") ? Integer.parseInt(cport) : -1;
      for (int i = 0; list != null && i < list.size(); i++) {
        String item = Doc.child(kp, i);
        Nodes.object(d, item);
        Setting<String> ip = Nodes.text(d, item + "/HostIp");
        Setting<String> hostPort = Nodes.text(d, item + "/HostPort");
        String hp = hostPort == null ? "" : hostPort.value().trim();
        int host = hp.matches("\\d{1,5}") ? Integer.parseInt(hp) : 0;
        out.add(new Port(host, ip == null ? "" : ip.value(), containerPort, hostPort == null ? item
            : hostPort.pointer()));
      }
    }
  }
}
