package dev.drydock.checks.host;

import dev.drydock.model.HostControl;
import dev.drydock.model.HostStatus;
import dev.drydock.model.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of CIS Docker Benchmark v1.6.0 controls of sections 1-3, in benchmark order: id, title (as
 * docker-bench-security v1.6.0 prints it, without the Automated/Manual suffix), the severity a failure gets
 * and the remediation. docs/host-audit.md says what each control reads.
 */
final class Controls {
  /** The benchmark the ids belong to. */
  static final String BENCHMARK = "CIS Docker Benchmark v1.6.0";

  record Control(String id, String title, Severity severity, String remediation) {}

  private static final Map<String, Control> ALL = new LinkedHashMap<>();

  private static final String AUDIT_FIX = "Add '-w %s -k docker' to a file in /etc/audit/rules.d/ and reload the"
      + " rules (augenrules --load).";

  static {
    add("1.1.1", "Ensure a separate partition for containers has been created", Severity.LOW,
        "Mount a separate file system (partition or logical volume) at the Docker data root, /var/lib/docker.");
    add("1.1.2", "Ensure only trusted users are allowed to control Docker daemon", Severity.MEDIUM,
        "Keep only trusted users in the docker group (gpasswd -d USER docker); membership is root on the host.");
    audit("1.1.3", "Ensure auditing is configured for the Docker daemon", "/usr/bin/dockerd");
    audit("1.1.4", "Ensure auditing is configured for Docker files and directories - /run/containerd",
        "/run/containerd");
    audit("1.1.5", "Ensure auditing is configured for Docker files and directories - /var/lib/docker",
        "/var/lib/docker");
    audit("1.1.6", "Ensure auditing is configured for Docker files and directories - /etc/docker", "/etc/docker");
    audit("1.1.7", "Ensure auditing is configured for Docker files and directories - docker.service",
        "<path of docker.service>");
    audit("1.1.8", "Ensure auditing is configured for Docker files and directories - containerd.sock",
        "/run/containerd/containerd.sock");
    audit("1.1.9", "Ensure auditing is configured for Docker files and directories - docker.socket",
        "<path of docker.socket>");
    audit("1.1.10", "Ensure auditing is configured for Docker files and directories - /etc/default/docker",
        "/etc/default/docker");
    audit("1.1.11", "Ensure auditing is configured for Docker files and directories - /etc/docker/daemon.json",
        "/etc/docker/daemon.json");
    audit("1.1.12",
        "Ensure auditing is configured for Docker files and directories - /etc/containerd/config.toml",
        "/etc/containerd/config.toml");
    audit("1.1.13", "Ensure auditing is configured for Docker files and directories - /etc/sysconfig/docker",
        "/etc/sysconfig/docker");
    audit("1.1.14", "Ensure auditing is configured for Docker files and directories - /usr/bin/containerd",
        "/usr/bin/containerd");
    audit("1.1.15", "Ensure auditing is configured for Docker files and directories - /usr/bin/containerd-shim",
        "/usr/bin/containerd-shim");
    audit("1.1.16",
        "Ensure auditing is configured for Docker files and directories - /usr/bin/containerd-shim-runc-v1",
        "/usr/bin/containerd-shim-runc-v1");
    audit("1.1.17",
        "Ensure auditing is configured for Docker files and directories - /usr/bin/containerd-shim-runc-v2",
        "/usr/bin/containerd-shim-runc-v2");
    audit("1.1.18", "Ensure auditing is configured for Docker files and directories - /usr/bin/runc",
        "/usr/bin/runc");
    add("1.2.1", "Ensure the container host has been Hardened", Severity.MEDIUM,
        "Harden the host with the CIS benchmark of its distribution.");
    add("1.2.2", "Ensure that the version of Docker is up to date", Severity.HIGH,
        "Upgrade the Docker packages (docker-ce/docker.io/moby, containerd, runc) to versions that fix the listed"
            + " advisories.");
    add("2.1", "Run the Docker daemon as a non-root user, if possible", Severity.LOW,
        "Consider rootless mode (dockerd-rootless-setuptool.sh install).");
    add("2.2", "Ensure network traffic is restricted between containers on the default bridge", Severity.MEDIUM,
        "Set \"icc\": false in /etc/docker/daemon.json; link containers on user-defined networks instead.");
    add("2.3", "Ensure the logging level is set to 'info'", Severity.LOW,
        "Set \"log-level\": \"info\" in /etc/docker/daemon.json (or remove the setting: info is the default).");
    add("2.4", "Ensure Docker is allowed to make changes to iptables", Severity.MEDIUM,
        "Remove \"iptables\": false from daemon.json and --iptables=false from the dockerd command line.");
    add("2.5", "Ensure insecure registries are not used", Severity.HIGH,
        "Remove \"insecure-registries\" and --insecure-registry; give the registries TLS certificates instead.");
    add("2.6", "Ensure aufs storage driver is not used", Severity.MEDIUM,
        "Use the overlay2 storage driver (\"storage-driver\": \"overlay2\").");
    add("2.7", "Ensure TLS authentication for Docker daemon is configured", Severity.CRITICAL,
        "When dockerd listens on TCP, set \"tlsverify\": true with \"tlscacert\", \"tlscert\" and \"tlskey\","
            + " or stop listening on TCP.");
    add("2.8", "Ensure the default ulimit is configured appropriately", Severity.LOW,
        "Set \"default-ulimits\" in daemon.json (e.g. nofile and nproc) to the limits your policy allows.");
    add("2.9", "Enable user namespace support", Severity.MEDIUM,
        "Set \"userns-remap\": \"default\" in daemon.json (with /etc/subuid and /etc/subgid entries).");
    add("2.10", "Ensure the default cgroup usage has been confirmed", Severity.LOW,
        "Remove \"cgroup-parent\" unless the cgroup it names is intended.");
    add("2.11", "Ensure base device size is not changed until needed", Severity.LOW,
        "Remove dm.basesize from \"storage-opts\" / --storage-opt unless needed.");
    add("2.12", "Ensure that authorization for Docker client commands is enabled", Severity.MEDIUM,
        "Install an authorization plugin and list it in \"authorization-plugins\".");
    add("2.13", "Ensure centralized and remote logging is configured", Severity.MEDIUM,
        "Set \"log-driver\" to a remote driver (syslog, journald, gelf, fluentd, awslogs, splunk, ...) with its"
            + " \"log-opts\".");
    add("2.14", "Ensure containers are restricted from acquiring new privileges", Severity.MEDIUM,
        "Set \"no-new-privileges\": true in /etc/docker/daemon.json.");
    add("2.15", "Ensure live restore is enabled", Severity.LOW,
        "Set \"live-restore\": true in /etc/docker/daemon.json (not with swarm mode).");
    add("2.16", "Ensure Userland Proxy is Disabled", Severity.LOW,
        "Set \"userland-proxy\": false in /etc/docker/daemon.json.");
    add("2.17", "Ensure that a daemon-wide custom seccomp profile is applied if appropriate", Severity.HIGH,
        "Remove \"seccomp-profile\": \"unconfined\"; use the default profile or a custom profile file.");
    add("2.18", "Ensure that experimental features are not implemented in production", Severity.LOW,
        "Remove \"experimental\": true and --experimental.");
    own("3.1", "Ensure that the docker.service file ownership is set to root:root", "docker.service");
    mode("3.2", "Ensure that docker.service file permissions are appropriately set", "docker.service", "644");
    own("3.3", "Ensure that docker.socket file ownership is set to root:root", "docker.socket");
    mode("3.4", "Ensure that docker.socket file permissions are set to 644 or more restrictive", "docker.socket",
        "644");
    own("3.5", "Ensure that the /etc/docker directory ownership is set to root:root", "/etc/docker");
    mode("3.6", "Ensure that /etc/docker directory permissions are set to 755 or more restrictively",
        "/etc/docker", "755");
    own("3.7", "Ensure that registry certificate file ownership is set to root:root",
        "/etc/docker/certs.d/<registry>/*");
    mode("3.8", "Ensure that registry certificate file permissions are set to 444 or more restrictively",
        "/etc/docker/certs.d/<registry>/*", "444");
    own("3.9", "Ensure that TLS CA certificate file ownership is set to root:root", "<tlscacert>");
    mode("3.10", "Ensure that TLS CA certificate file permissions are set to 444 or more restrictively",
        "<tlscacert>", "444");
    own("3.11", "Ensure that Docker server certificate file ownership is set to root:root", "<tlscert>");
    mode("3.12", "Ensure that the Docker server certificate file permissions are set to 444 or more restrictively",
        "<tlscert>", "444");
    own("3.13", "Ensure that the Docker server certificate key file ownership is set to root:root", "<tlskey>");
    add("3.14", "Ensure that the Docker server certificate key file permissions are set to 400", Severity.HIGH,
        "chmod 400 <tlskey>");
    add("3.15", "Ensure that the Docker socket file ownership is set to root:docker", Severity.HIGH,
        "chown root:docker /var/run/docker.sock");
    add("3.16", "Ensure that the Docker socket file permissions are set to 660 or more restrictively",
        Severity.HIGH, "chmod 660 /var/run/docker.sock");
    own("3.17", "Ensure that the daemon.json file ownership is set to root:root", "/etc/docker/daemon.json");
    mode("3.18", "Ensure that daemon.json file permissions are set to 644 or more restrictive",
        "/etc/docker/daemon.json", "644");
    own("3.19", "Ensure that the /etc/default/docker file ownership is set to root:root", "/etc/default/docker");
    mode("3.20", "Ensure that the /etc/default/docker file permissions are set to 644 or more restrictively",
        "/etc/default/docker", "644");
    mode("3.21", "Ensure that the /etc/sysconfig/docker file permissions are set to 644 or more restrictively",
        "/etc/sysconfig/docker", "644");
    own("3.22", "Ensure that the /etc/sysconfig/docker file ownership is set to root:root", "/etc/sysconfig/docker");
    own("3.23", "Ensure that the Containerd socket file ownership is set to root:root",
        "/run/containerd/containerd.sock");
    mode("3.24", "Ensure that the Containerd socket file permissions are set to 660 or more restrictively",
        "/run/containerd/containerd.sock", "660");
  }

  private Controls() {}

  private static void add(String id, String title, Severity severity, String remediation) {
    ALL.put(id, new Control(id, title, severity, remediation));
  }

  private static void audit(String id, String title, String path) {
    add(id, title, Severity.LOW, AUDIT_FIX.formatted(path));
  }

  private static void own(String id, String title, String path) {
    add(id, title, Severity.MEDIUM, "chown root:root " + path);
  }

  private static void mode(String id, String title, String path, String mode) {
    add(id, title, Severity.MEDIUM, "chmod " + mode + " " + path + " (or remove more permission bits)");
  }

  static Control get(String id) {
    Control c = ALL.get(id);
    if (c == null) {
      throw new IllegalArgumentException("no control " + id);
    }
    return c;
  }

  /** Every id, in benchmark order. */
  static List<String> ids() {
    return List.copyOf(ALL.keySet());
  }

  /** A result of control {@code id}. */
  static HostControl result(String id, HostStatus status, String evidence, String file, int line) {
    Control c = get(id);
    return new HostControl(id, c.title(), status, evidence, file, line, c.severity(), c.remediation());
  }

  /** A result without a file. */
  static HostControl result(String id, HostStatus status, String evidence) {
    return result(id, status, evidence, null, 0);
  }
}
