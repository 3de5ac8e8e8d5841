package dev.drydock.checks.runtime;

/**
 * A container port published on the host.
 *
 * @param hostPort the host port, 0 when Docker picks an ephemeral one
 * @param hostIp the host address it binds, empty for all interfaces
 * @param containerPort the port inside the container
 * @param pointer the key or list item that publishes it
 */
public record Port(int hostPort, String hostIp, int containerPort, String pointer) {

  /** Bound on every host interface (no address, 0.0.0.0 or ::). */
  public boolean allInterfaces() {
    String ip = hostIp.replace("[", "").replace("]", "");
    return ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::");
  }
}
