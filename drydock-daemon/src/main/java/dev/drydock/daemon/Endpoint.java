package dev.drydock.daemon;

import dev.drydock.model.DrydockException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where a local engine's API listens: a unix socket, or a TCP port on the loopback interface (plain HTTP, as
 * {@code dockerd -H tcp://127.0.0.1:2375} serves it). Nothing else is accepted: a daemon on another host would
 * be reached in clear text, and TLS client certificates ({@code DOCKER_TLS_VERIFY}) are not supported.
 *
 * @param socket the unix socket, or null for TCP
 * @param host {@code 127.0.0.1} or {@code ::1} for TCP, else null
 * @param port the TCP port, else 0
 * @param origin where the address came from, for messages ({@code DOCKER_HOST}, {@code default}, ...)
 */
record Endpoint(Path socket, String host, int port, String origin) {
  Endpoint {
    Objects.requireNonNull(origin, "origin");
  }

  static Endpoint unix(Path socket, String origin) {
    return new Endpoint(socket, null, 0, origin);
  }

  /** The base URI requests are sent to (the host part is ignored on a unix socket). */
  String base() {
    if (socket != null) {
      return "http://localhost";
    }
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** What messages call it: {@code unix:///run/x.sock} or {@code tcp://127.0.0.1:2375}. */
  String display() {
    return socket != null ? "unix://" + socket : "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * Parses a {@code DOCKER_HOST} / {@code CONTAINER_HOST} value: {@code unix:///path}, or {@code tcp://127.0.0.1:PORT}
   * ({@code localhost} and {@code [::1]} too).
   *
   * @throws DrydockException for another scheme or host, naming the variable
   */
  static Endpoint parse(String value, String variable) {
    String v = value.trim();
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.startsWith("unix://")) {
      String path = v.substring("unix://".length());
      if (path.isEmpty() || !path.startsWith("/")) {
        throw new DrydockException(variable + "=" + value + ": a unix socket needs an absolute path (unix:///run/docker.sock)");
      }
      return unix(Path.of(path), variable);
    }
    if (lower.startsWith("tcp://") || lower.startsWith("http://")) {
      URI uri;
      try {
        uri = new URI("tcp://" + v.substring(v.indexOf("://") + 3));
      } catch (URISyntaxException e) {
        throw new DrydockException(variable + "=" + value + ": not a tcp://HOST:PORT address");
      }
      String host = uri.getHost();
      if (host == null || uri.getPort() <= 0) {
        throw new DrydockException(variable + "=" + value + ": not a tcp://HOST:PORT address");
      }
      host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      if (host.equalsIgnoreCase("localhost")) {
        host = "127.0.0.1";
      }
      if (!host.equals("127.0.0.1") && !host.equals("::1") && !host.equals("0:0:0:0:0:0:0:1")) {
        throw new DrydockException(variable + "=" + value + ": drydock reads daemons only on a unix socket or on"
            + " tcp://127.0.0.1 (a daemon on another host would be reached without TLS)");
      }
      return new Endpoint(null, host.contains(":") ? "::1" : host, uri.getPort(), variable);
    }
    throw new DrydockException(variable + "=" + value + ": unsupported address (drydock reads unix:///PATH or"
        + " tcp://127.0.0.1:PORT; ssh:// and npipe:// are not supported)");
  }

  /**
   * The addresses to try for {@code daemon}, first one first: {@code DOCKER_HOST} or {@code /var/run/docker.sock};
   * {@code CONTAINER_HOST}, or Podman's rootless socket ({@code $XDG_RUNTIME_DIR/podman/podman.sock}) then its
   * rootful one ({@code /run/podman/podman.sock}).
   */
  static List<Endpoint> candidates(dev.drydock.model.targets.ScanTarget.Daemon daemon, Map<String, String> env) {
    List<Endpoint> out = new ArrayList<>();
    switch (daemon) {
      case DOCKER -> {
        String host = env.get("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
          out.add(parse(host, "DOCKER_HOST"));
        } else {
          out.add(unix(Path.of("/var/run/docker.sock"), "default"));
        }
      }
      case PODMAN -> {
        String host = env.get("CONTAINER_HOST");
        if (host != null && !host.isBlank()) {
          out.add(parse(host, "CONTAINER_HOST"));
        } else {
          String runtime = env.get("XDG_RUNTIME_DIR");
          if (runtime != null && runtime.startsWith("/")) {
            out.add(unix(Path.of(runtime, "podman", "podman.sock"), "XDG_RUNTIME_DIR"));
          }
          out.add(unix(Path.of("/run/podman/podman.sock"), "default"));
        }
      }
      case CONTAINERD -> {
        String address = env.get("CONTAINERD_ADDRESS");
        out.add(address != null && !address.isBlank()
            ? unix(Path.of(address.startsWith("unix://") ? address.substring(7) : address), "CONTAINERD_ADDRESS")
            : unix(Path.of("/run/containerd/containerd.sock"), "default"));
      }
    }
    return out;
  }
}
