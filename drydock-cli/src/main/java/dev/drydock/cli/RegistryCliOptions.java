package dev.drydock.cli;

import dev.drydock.engine.RegistryAccess;
import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How to reach registries, for targets that name an image in one (docs/registries.md). */
final class RegistryCliOptions {
  static final String USER_ENV = "DRYDOCK_REGISTRY_USERNAME";
  static final String PASSWORD_ENV = "DRYDOCK_REGISTRY_PASSWORD";

  @Option(names = "--registry-user", paramLabel = "USER", description = "Registry user name (else $" + USER_ENV
      + ", else the credential files: $REGISTRY_AUTH_FILE, podman's auth.json, ~/.docker/config.json); the password"
      + " comes from --registry-password-stdin or $" + PASSWORD_ENV + ".")
  String user;

  @Option(names = "--registry-password-stdin", description = "Read the registry password (or token) from standard"
      + " input.")
  boolean passwordStdin;

  @Option(names = "--authfile", paramLabel = "FILE", description = "Registry credentials file (docker config.json"
      + " or podman auth.json format), read before the default ones.")
  Path authFile;

  @Option(names = "--registry-ca", paramLabel = "FILE", description = "PEM CA certificate trusted for registries"
      + " besides the system's (repeatable).")
  List<Path> caFiles = new ArrayList<>();

  @Option(names = "--registry-certs-dir", paramLabel = "DIR", description = "A certs.d directory: the *.crt files in"
      + " DIR/<host[:port]>/ are CA certificates trusted for that registry (repeatable; default:"
      + " ~/.config/containers/certs.d, /etc/containers/certs.d, /etc/docker/certs.d; the first with the host's"
      + " directory is used).")
  List<Path> certsDirs = new ArrayList<>();

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]", description = "Reach this registry over plain"
      + " http (repeatable; only the hosts named).")
  List<String> insecure = new ArrayList<>();

  @Option(names = "--registry-mirror", paramLabel = "REGISTRY=MIRROR", description = "Try MIRROR (host[:port])"
      + " before REGISTRY (repeatable, in order), e.g. docker.io=mirror.example:5000.")
  List<String> mirrors = new ArrayList<>();

  @Option(names = "--max-image-size", paramLabel = "BYTES", description = "Largest registry image accepted, config"
      + " and compressed layers (default: 34359738368).")
  long maxImageSize;

  RegistryAccess access(boolean debug, PrintWriter err) {
    String u = user != null ? user : System.getenv(USER_ENV);
    String p = null;
    if (passwordStdin) {
      try {
        p = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new DrydockException("cannot read the registry password from standard input: " + e.getMessage());
      }
      if (p.isEmpty()) {
        throw new DrydockException("--registry-password-stdin: standard input held no password");
      }
    } else if (u != null) {
      p = System.getenv(PASSWORD_ENV);
    }
    if (u != null && (p == null || p.isEmpty())) {
      throw new DrydockException("registry user " + u + " without a password: pass --registry-password-stdin or set $"
          + PASSWORD_ENV);
    }
    if (u == null && p != null) {
      throw new DrydockException("--registry-password-stdin needs --registry-user (or $" + USER_ENV + ")");
    }
    if (maxImageSize < 0) {
      throw new DrydockException("--max-image-size must be positive, not " + maxImageSize);
    }
    return new RegistryAccess(u, p, authFile, caFiles, insecure, mirrors, maxImageSize,
        debug ? line -> {
          err.println("drydock: debug: " + line);
          err.flush();
        } : null, certsDirs);
  }
}
