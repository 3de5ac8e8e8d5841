package dev.drydock.checks.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The security-relevant settings of one container, normalised from a Kubernetes pod spec, a compose
 * service or {@code docker inspect} output. Each setting remembers the pointer of the key it came from; a
 * setting that is not there is {@code null} (or an empty list) and rules about missing settings report it
 * at {@link #anchor()}.
 *
 * @param source where it came from
 * @param role {@code container}, {@code initContainer}, {@code ephemeralContainer}, {@code service}
 * @param resource what a finding about this container names ({@code Deployment/web container app})
 * @param podResource what a finding about a pod-level setting names ({@code Deployment/web}); for compose and
 *     docker inspect the same as {@code resource}
 * @param podPointer pointer of the pod spec (or the service, or the container object); settings read at or
 *     below it but not below {@code anchor} are pod-level
 * @param anchor pointer of the container (list item, service, container object)
 * @param privileged privileged mode
 * @param capAdd added capabilities, upper case without {@code CAP_}
 * @param seccomp effective seccomp profile, lower case: {@code unconfined}, {@code runtime/default},
 *     {@code localhost/...}, or a profile path
 * @param apparmor effective AppArmor profile, lower case, same convention
 * @param selinux SELinux options: {@code disable}, {@code type=...}, {@code user=...}, {@code role=...}
 * @param hostNetwork shares the host network namespace
 * @param hostPid shares the host PID namespace
 * @param hostIpc shares the host IPC namespace
 * @param hostUts shares the host UTS namespace
 * @param hostUserns shares the host user namespace (when user namespace remapping is on)
 * @param mounts host paths mounted
 * @param user the user it runs as ({@code root}, {@code 0}, {@code 1000:1000}, {@code app})
 * @param runAsNonRoot whether running as root is prevented (Kubernetes {@code runAsNonRoot}; for the
 *     other sources set by the mapper when a non-root user is given)
 * @param readOnlyRoot read-only root filesystem
 * @param noNewPrivileges no-new-privileges (Kubernetes: {@code allowPrivilegeEscalation: false})
 * @param memoryLimit the memory limit as written ({@code 0} means none)
 * @param cpuLimit the CPU limit as written ({@code 0} means none)
 * @param pidsLimit the PIDs limit as written ({@code 0} or {@code -1} means none)
 * @param image the image reference
 * @param ports ports published on the host
 * @param devices host devices exposed
 * @param healthcheck the health check command, {@code NONE} when disabled
 * @param restart restart policy: {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure:N}
 */
public record ContainerSpec(
    Source source,
    String role,
    String resource,
    String podResource,
    String podPointer,
    String anchor,
    Setting<Boolean> privileged,
    List<Setting<String>> capAdd,
    Setting<String> seccomp,
    Setting<String> apparmor,
    List<Setting<String>> selinux,
    Setting<Boolean> hostNetwork,
    Setting<Boolean> hostPid,
    Setting<Boolean> hostIpc,
    Setting<Boolean> hostUts,
    Setting<Boolean> hostUserns,
    List<Mount> mounts,
    Setting<String> user,
    Setting<Boolean> runAsNonRoot,
    Setting<Boolean> readOnlyRoot,
    Setting<Boolean> noNewPrivileges,
    Setting<String> memoryLimit,
    Setting<String> cpuLimit,
    Setting<String> pidsLimit,
    Setting<String> image,
    List<Port> ports,
    List<Setting<String>> devices,
    Setting<String> healthcheck,
    Setting<String> restart) {

  public ContainerSpec {
    capAdd = List.copyOf(capAdd);
    selinux = List.copyOf(selinux);
    mounts = List.copyOf(mounts);
    ports = List.copyOf(ports);
    devices = List.copyOf(devices);
  }

  /** Whether a boolean setting is present and true. */
  public static boolean isTrue(Setting<Boolean> s) {
    return s != null && Boolean.TRUE.equals(s.value());
  }

  /** A builder: the mappers fill what their source has. */
  public static Builder builder(Source source, String role, String resource, String podResource, String podPointer,
      String anchor) {
    return new Builder(source, role, resource, podResource, podPointer, anchor);
  }

  /** Collects the settings of one container. */
  public static final class Builder {
    private final Source source;
    private final String role;
    private final String resource;
    private final String podResource;
    private final String podPointer;
    private final String anchor;
    public Setting<Boolean> privileged;
    public final List<Setting<String>> capAdd = new ArrayList<>();
    public Setting<String> seccomp;
    public Setting<String> apparmor;
    public final List<Setting<String>> selinux = new ArrayList<>();
    public Setting<Boolean> hostNetwork;
    public Setting<Boolean> hostPid;
    public Setting<Boolean> hostIpc;
    public Setting<Boolean> hostUts;
    public Setting<Boolean> hostUserns;
    public final List<Mount> mounts = new ArrayList<>();
    public Setting<String> user;
    public Setting<Boolean> runAsNonRoot;
    public Setting<Boolean> readOnlyRoot;
    public Setting<Boolean> noNewPrivileges;
    public Setting<String> memoryLimit;
    public Setting<String> cpuLimit;
    public Setting<String> pidsLimit;
    public Setting<String> image;
    public final List<Port> ports = new ArrayList<>();
    public final List<Setting<String>> devices = new ArrayList<>();
    public Setting<String> healthcheck;
    public Setting<String> restart;

    private Builder(Source source, String role, String resource, String podResource, String podPointer,
        String anchor) {
      this.source = source;
      this.role = role;
      this.resource = resource;
      this.podResource = podResource;
      this.podPointer = podPointer;
      this.anchor = anchor;
    }

    public ContainerSpec build() {
      return new ContainerSpec(source, role, resource, podResource, podPointer, anchor, privileged, capAdd, seccomp,
          apparmor, selinux, hostNetwork, hostPid, hostIpc, hostUts, hostUserns, mounts, user, runAsNonRoot,
          readOnlyRoot, noNewPrivileges, memoryLimit, cpuLimit, pidsLimit, image, ports, devices, healthcheck,
          restart);
    }
  }
}
