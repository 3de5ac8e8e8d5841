package dev.drydock.checks.runtime;

import static dev.drydock.checks.runtime.ContainerSpec.isTrue;
import static dev.drydock.model.Severity.CRITICAL;
import static dev.drydock.model.Severity.HIGH;
import static dev.drydock.model.Severity.LOW;
import static dev.drydock.model.Severity.MEDIUM;

import dev.drydock.checks.doc.Doc;
import dev.drydock.model.Severity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The container-runtime rules shared by Kubernetes, compose and docker inspect ({@code DD-RT-0xx}): the same
 * id whichever source the settings came from. docs/runtime-checks.md describes each one.
 */
public final class RuntimeRules {
  private static final Set<Source> ALL = EnumSet.allOf(Source.class);
  private static final Set<Source> DOCKER = EnumSet.of(Source.COMPOSE, Source.DOCKER_INSPECT);
  private static final Set<Source> INSPECT = EnumSet.of(Source.DOCKER_INSPECT);

  /** One rule: its description, the sources it applies to, and what it finds in a container. */
  public record Rule(RuleInfo info, Set<Source> sources, Function<ContainerSpec, List<Hit>> check) {}

  private static final List<Rule> RULES = List.of(
      rule("DD-RT-001", CRITICAL, "Container runs privileged",
          "Remove privileged mode; grant only the specific capabilities or devices the workload needs.",
          List.of("kubesec Privileged"), "5.5", true, Pss.baseline("privileged"), ALL,
          c -> isTrue(c.privileged()) ? List.of(Hit.at(c.privileged().pointer())) : List.of()),
      rule("DD-RT-002", HIGH, "Capability added beyond the default set",
          "Do not add this capability; drop ALL and add back only what the PSS baseline set allows "
              + "(e.g. NET_BIND_SERVICE).",
          List.of("kubesec CapSysAdmin"), "5.4", true, Pss.baseline("capabilities_baseline"), ALL,
          RuntimeRules::dangerousCaps),
      rule("DD-RT-003", HIGH, "Seccomp profile is unconfined",
          "Use the runtime's default seccomp profile (RuntimeDefault) or a Localhost profile.",
          List.of(), "5.22", true, Pss.baseline("seccompProfile_baseline"), ALL,
          c -> is(c.seccomp(), "unconfined")),
      rule("DD-RT-004", HIGH, "AppArmor profile is unconfined",
          "Use the runtime's default AppArmor profile (RuntimeDefault, docker-default) or a custom one.",
          List.of(), "5.2", true, Pss.baseline("appArmorProfile"), ALL,
          c -> is(c.apparmor(), "unconfined")),
      rule("DD-RT-005", HIGH, "SELinux confinement disabled or overridden",
          "Do not disable SELinux labelling; in Kubernetes use only the types container_t, container_init_t "
              + "or container_kvm_t and do not set user or role.",
          List.of(), "5.3", true, Pss.baseline("seLinuxOptions"), ALL, RuntimeRules::selinux),
      rule("DD-RT-006", HIGH, "Container shares the host network namespace",
          "Do not use host networking; publish the needed ports instead.",
          List.of("kubesec HostNetwork"), "5.10", true, Pss.baseline("hostNamespaces"), ALL,
          c -> flag(c.hostNetwork())),
      rule("DD-RT-007", HIGH, "Container shares the host PID namespace",
          "Do not share the host's process namespace.",
          List.of("kubesec HostPID"), "5.16", true, Pss.baseline("hostNamespaces"), ALL, c -> flag(c.hostPid())),
      rule("DD-RT-008", HIGH, "Container shares the host IPC namespace",
          "Do not share the host's IPC namespace.",
          List.of("kubesec HostIPC"), "5.17", true, Pss.baseline("hostNamespaces"), ALL, c -> flag(c.hostIpc())),
      rule("DD-RT-009", MEDIUM, "Container shares the host UTS namespace",
          "Do not share the host's UTS namespace (uts: host / --uts=host).",
          List.of(), "5.21", true, null, DOCKER, c -> flag(c.hostUts())),
      rule("DD-RT-010", CRITICAL, "Container runtime socket mounted into the container",
          "Do not mount docker.sock (or containerd/CRI-O sockets): it gives full control of the host. Use a "
              + "socket proxy that allows only the needed API calls, or a rootless alternative.",
          List.of("kubesec DockerSock"), "5.32", true, null, ALL, RuntimeRules::runtimeSocket),
      rule("DD-RT-011", HIGH, "Sensitive host directory mounted",
          "Do not mount host system directories (/, /boot, /dev, /etc, /lib, /proc, /sys, /usr, /var/run, ...); "
              + "mount only the specific files needed, read-only.",
          List.of(), "5.6", true, null, ALL, RuntimeRules::sensitiveMounts),
      rule("DD-RT-012", MEDIUM, "Privilege escalation not prevented (no-new-privileges)",
          "Kubernetes: set securityContext.allowPrivilegeEscalation: false. Docker: add security_opt "
              + "no-new-privileges:true (--security-opt no-new-privileges).",
          List.of("kubesec AllowPrivilegeEscalation"), "5.26", true,
          Pss.restricted("allowPrivilegeEscalation"), ALL,
          c -> isTrue(c.noNewPrivileges()) ? List.of() : List.of(Hit.at(where(c.noNewPrivileges(), c)))),
      rule("DD-RT-013", MEDIUM, "Container runs as root",
          "Run as a non-root user: set runAsUser / user to a non-zero UID.",
          List.of("kubesec RunAsUser"), "4.1", true, Pss.restricted("runAsUser"), ALL,
          c -> isRoot(c) ? List.of(new Hit(c.user().pointer(), "user " + c.user().value())) : List.of()),
      rule("DD-RT-014", MEDIUM, "Container may run as root: no non-root user enforced",
          "Kubernetes: set securityContext.runAsNonRoot: true (pod or container). Docker: set user to a "
              + "non-root UID.",
          List.of("kubesec RunAsNonRoot"), "4.1", true, Pss.restricted("runAsNonRoot"), ALL,
          c -> isRoot(c) || isTrue(c.runAsNonRoot()) ? List.of() : List.of(Hit.at(where(c.runAsNonRoot(), c)))),
      rule("DD-RT-015", LOW, "Root filesystem is writable",
          "Mount the root filesystem read-only (readOnlyRootFilesystem: true, read_only: true, --read-only) "
              + "and use volumes or tmpfs for paths that must be written.",
          List.of("kubesec ReadOnlyRootFilesystem"), "5.13", false, null, ALL,
          c -> isTrue(c.readOnlyRoot()) ? List.of() : List.of(Hit.at(where(c.readOnlyRoot(), c)))),
      rule("DD-RT-016", MEDIUM, "No memory limit",
          "Set a memory limit (resources.limits.memory, deploy.resources.limits.memory / mem_limit, --memory).",
          List.of("kubesec LimitsMemory"), "5.11", false, null, ALL, c -> limit(c, c.memoryLimit())),
      rule("DD-RT-017", LOW, "No CPU limit",
          "Set a CPU limit (resources.limits.cpu, deploy.resources.limits.cpus / cpus, --cpus or --cpu-shares).",
          List.of("kubesec LimitsCPU"), "5.12", false, null, ALL, c -> limit(c, c.cpuLimit())),
      rule("DD-RT-018", MEDIUM, "Image uses the 'latest' tag or no tag",
          "Pin the image to a version tag, ideally with a digest (image:tag@sha256:...).",
          List.of(), null, false, null, ALL, RuntimeRules::imageTag),
      rule("DD-RT-019", LOW, "Privileged host port (below 1024) published",
          "Publish the service on a host port of 1024 or above.",
          List.of(), "5.8", false, null, DOCKER, RuntimeRules::privilegedPorts),
      rule("DD-RT-020", HIGH, "Remote-admin or database port published on all host interfaces",
          "Do not publish SSH, the Docker API or database ports, or bind them to 127.0.0.1 or a private "
              + "address (\"127.0.0.1:5432:5432\").",
          List.of(), "5.14", false, null, DOCKER, c -> openPorts(c, true)),
      rule("DD-RT-021", LOW, "Port published on all host interfaces",
          "Bind published ports to a specific host address (\"127.0.0.1:8080:80\") when the service need not be "
              + "reachable from everywhere.",
          List.of(), "5.14", false, null, DOCKER, c -> openPorts(c, false)),
      rule("DD-RT-022", MEDIUM, "Host device exposed to the container",
          "Do not pass host devices into containers unless the workload needs them; then only with the "
              + "permissions needed (e.g. :r).",
          List.of(), "5.18", true, null, DOCKER,
          c -> c.devices().stream().map(d -> new Hit(d.pointer(), d.value())).toList()),
      rule("DD-RT-023", MEDIUM, "Mount propagation is shared",
          "Use private or slave propagation (the default); shared/Bidirectional lets the container's mounts "
              + "appear on the host.",
          List.of(), "5.20", true, null, ALL, RuntimeRules::sharedPropagation),
      rule("DD-RT-024", LOW, "No PIDs limit",
          "Limit the number of processes (pids_limit / deploy.resources.limits.pids, --pids-limit).",
          List.of(), "5.29", false, null, DOCKER, c -> limit(c, c.pidsLimit())),
      rule("DD-RT-025", MEDIUM, "Container shares the host user namespace",
          "Do not use userns_mode: host (--userns=host) on a daemon with user namespace remapping.",
          List.of(), "5.31", true, null, DOCKER, c -> flag(c.hostUserns())),
      rule("DD-RT-026", LOW, "No health check",
          "Define a HEALTHCHECK in the image or --health-cmd at run time.",
          List.of(), "5.27", false, null, INSPECT,
          c -> c.healthcheck() == null || c.healthcheck().value().equals("NONE")
              ? List.of(Hit.at(where(c.healthcheck(), c))) : List.of()),
      rule("DD-RT-027", LOW, "Restart policy is not on-failure with at most 5 retries",
          "Use --restart on-failure:5 so a crashing container cannot restart forever.",
          List.of(), "5.15", false, null, INSPECT, RuntimeRules::restart));

  private RuntimeRules() {}

  /** Every shared rule, in id order. */
  public static List<Rule> all() {
    return RULES;
  }

  /** Runs every rule that applies to the container's source and adds the findings. */
  public static void check(Doc doc, ContainerSpec c, Findings out) {
    for (Rule r : RULES) {
      if (r.sources().contains(c.source())) {
        for (Hit h : r.check().apply(c)) {
          out.add(doc, r.info(), h, c);
        }
      }
    }
  }

  /** Capabilities the PSS baseline allows to add (Docker's default set minus NET_RAW). */
  public static final Set<String> BASELINE_CAPS = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
      "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

  /** Host directories CIS Docker 5.6 names, plus other host-control paths. */
  static final Set<String> SENSITIVE_DIRS = Set.of("/", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/sys",
      "/usr", "/bin", "/sbin", "/root", "/run", "/var/run", "/var/lib/docker", "/var/lib/containerd",
      "/var/lib/kubelet");

  /** SSH, telnet, the Docker API, etcd and common databases and caches. */
  static final Set<Integer> SENSITIVE_PORTS = Set.of(22, 23, 2375, 2376, 2379, 2380, 3306, 5432, 6379, 9200, 9300,
      11211, 27017, 27018, 1433, 1521, 5984, 9042);

  /** Capability name in upper case without the {@code CAP_} prefix. */
  public static String capability(String raw) {
    String c = raw.trim().toUpperCase(Locale.ROOT);
    return c.startsWith("CAP_") ? c.substring(4) : c;
  }

  private static Rule rule(String id, Severity severity, String title, String remediation, List<String> refs,
      String cis, boolean nist, Pss pss, Set<Source> sources, Function<ContainerSpec, List<Hit>> check) {
    return new Rule(new RuleInfo(id, severity, title, remediation, refs, cis, nist, pss), sources, check);
  }

  private static String where(Setting<?> s, ContainerSpec c) {
    return s != null ? s.pointer() : c.anchor();
  }

  private static List<Hit> flag(Setting<Boolean> s) {
    return isTrue(s) ? List.of(Hit.at(s.pointer())) : List.of();
  }

  private static List<Hit> is(Setting<String> s, String value) {
    return s != null && s.value().equals(value) ? List.of(Hit.at(s.pointer())) : List.of();
  }

  private static List<Hit> dangerousCaps(ContainerSpec c) {
    List<Hit> out = new ArrayList<>();
    for (Setting<String> cap : c.capAdd()) {
      if (!BASELINE_CAPS.contains(cap.value())) {
        out.add(new Hit(cap.pointer(), cap.value()));
      }
    }
    return out;
  }

  private static final Set<String> PSS_SELINUX_TYPES = Set.of("container_t", "container_init_t", "container_kvm_t");

  private static List<Hit> selinux(ContainerSpec c) {
    List<Hit> out = new ArrayList<>();
    for (Setting<String> s : c.selinux()) {
      String v = s.value();
      boolean bad = v.equals("disable")
          || c.source() == Source.KUBERNETES && (v.startsWith("user=") || v.startsWith("role=")
              || v.startsWith("type=") && !PSS_SELINUX_TYPES.contains(v.substring(5)));
      if (bad) {
        out.add(new Hit(s.pointer(), v.equals("disable") ? "labelling disabled" : v));
      }
    }
    return out;
  }

  private static boolean isSocket(String path) {
    return path.endsWith("/docker.sock") || path.endsWith("/containerd.sock") || path.endsWith("/crio.sock")
        || path.endsWith("/podman.sock");
  }

  private static List<Hit> runtimeSocket(ContainerSpec c) {
    return c.mounts().stream().filter(m -> isSocket(m.hostPath())).map(m -> new Hit(m.pointer(), m.hostPath()))
        .toList();
  }

  /** Exactly a sensitive directory, or read-write below one (other than below "/"). */
  static boolean sensitive(Mount m) {
    String p = m.hostPath();
    if (isSocket(p)) {
      return false;
    }
    if (SENSITIVE_DIRS.contains(p)) {
      return true;
    }
    if (m.readOnly()) {
      return false;
    }
    for (String d : SENSITIVE_DIRS) {
      if (!d.equals("/") && p.startsWith(d + "/")) {
        return true;
      }
    }
    return false;
  }

  private static List<Hit> sensitiveMounts(ContainerSpec c) {
    return c.mounts().stream().filter(RuntimeRules::sensitive)
        .map(m -> new Hit(m.pointer(), m.hostPath() + (m.readOnly() ? " (read-only)" : ""))).toList();
  }

  private static List<Hit> sharedPropagation(ContainerSpec c) {
    List<Hit> out = new ArrayList<>();
    for (Mount m : c.mounts()) {
      String p = m.propagation() == null ? "" : m.propagation().toLowerCase(Locale.ROOT);
      if (p.equals("shared") || p.equals("rshared") || p.equals("bidirectional")) {
        out.add(new Hit(m.propagationPointer(), m.hostPath() + " " + m.propagation()));
      }
    }
    return out;
  }

  private static boolean isRoot(ContainerSpec c) {
    return c.user() != null && DockerOptions.isRootUser(c.user().value());
  }

  private static List<Hit> limit(ContainerSpec c, Setting<String> s) {
    if (c.role().equals("ephemeralContainer")) {
      return List.of(); // ephemeral containers may not have resources
    }
    if (s == null) {
      return List.of(Hit.at(c.anchor()));
    }
    String v = s.value().trim();
    return v.isEmpty() || v.matches("-?0*(\\.0*)?[a-zA-Z]*") || v.equals("-1") ? List.of(Hit.at(s.pointer()))
        : List.of();
  }

  private static List<Hit> imageTag(ContainerSpec c) {
    if (c.image() == null) {
      return List.of();
    }
    String problem = Images.tagProblem(c.image().value());
    return problem == null ? List.of() : List.of(new Hit(c.image().pointer(), problem));
  }

  private static List<Hit> privilegedPorts(ContainerSpec c) {
    return c.ports().stream().filter(p -> p.hostPort() > 0 && p.hostPort() < 1024)
        .map(p -> new Hit(p.pointer(), "host port " + p.hostPort())).toList();
  }

  private static List<Hit> openPorts(ContainerSpec c, boolean sensitive) {
    List<Hit> out = new ArrayList<>();
    for (Port p : c.ports()) {
      boolean s = SENSITIVE_PORTS.contains(p.containerPort()) || SENSITIVE_PORTS.contains(p.hostPort());
      if (p.allInterfaces() && s == sensitive) {
        String host = p.hostPort() > 0 ? " on host port " + p.hostPort()
            : p.hostPort() == 0 ? " on an ephemeral host port" : "";
        out.add(new Hit(p.pointer(), "container port " + p.containerPort() + host));
      }
    }
    return out;
  }

  private static List<Hit> restart(ContainerSpec c) {
    if (c.restart() == null) {
      return List.of();
    }
    String v = c.restart().value();
    boolean bad = v.equals("always") || v.equals("unless-stopped");
    if (v.startsWith("on-failure:")) {
      String count = v.substring("on-failure:".length());
      // Docker takes a count; anything else (or a count past any limit) cannot mean "at most 5"
      bad = !count.matches("\\d{1,9}") || Long.parseLong(count) <= 0 || Long.parseLong(count) > 5;
    }
    return bad ? List.of(new Hit(c.restart().pointer(), v)) : List.of();
  }
}
