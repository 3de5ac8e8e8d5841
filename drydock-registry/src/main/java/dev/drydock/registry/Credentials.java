package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.DrydockException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the user name and password for a registry as docker, podman and skopeo do: the command line (or
 * environment) first, then {@code --authfile} or {@code $REGISTRY_AUTH_FILE}, podman's
 * {@code $XDG_RUNTIME_DIR/containers/auth.json} and {@code $XDG_CONFIG_HOME/containers/auth.json}, then docker's
 * {@code $DOCKER_CONFIG/config.json} (else {@code ~/.docker/config.json}). In each file a {@code credHelpers}
 * entry for the host wins, then {@code auths} (keys {@code host}, {@code https://host}, {@code host/repo...},
 * and for Docker Hub {@code https://index.docker.io/v1/}), then {@code credsStore}; a helper is the program
 * {@code docker-credential-<name>} on {@code PATH}, asked with {@code get}. Nothing found: anonymous.
 */
final class Credentials {
  static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A user name and secret and where they came from (for --debug; the secret is never printed). */
  record Login(String username, String secret, String source) {
    @Override
    public String toString() {
      return "Login[" + username + " from " + source + "]";
    }

    String basic() {
      return "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
  }

  private final RegistryOptions options;

  Credentials(RegistryOptions options) {
    this.options = options;
  }

  /** The login for {@code host} (the registry as the reference names it: {@code docker.io} for Docker Hub). */
  Optional<Login> find(String host, String repository) {
    if (options.username() != null) {
      return Optional.of(new Login(options.username(), options.password(), "the command line or environment"));
    }
    for (Path file : files()) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Optional<Login> found = fromFile(file, host, repository);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  List<Path> files() {
    Map<String, String> env = options.env();
    List<Path> out = new ArrayList<>();
    if (options.authFile() != null) {
      out.add(options.authFile());
    } else if (env.get("REGISTRY_AUTH_FILE") != null && !env.get("REGISTRY_AUTH_FILE").isBlank()) {
      out.add(Path.of(env.get("REGISTRY_AUTH_FILE")));
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    if (env.get("XDG_RUNTIME_DIR") != null) {
      out.add(Path.of(env.get("XDG_RUNTIME_DIR"), "containers", "auth.json"));
    }
    String xdgConfig = env.get("XDG_CONFIG_HOME");
    out.add(xdgConfig != null ? Path.of(xdgConfig, "containers", "auth.json")
        : Path.of(home, ".config", "containers", "auth.json"));
    String dockerConfig = env.get("DOCKER_CONFIG");
    out.add(dockerConfig != null ? Path.of(dockerConfig, "config.json") : Path.of(home, ".docker", "config.json"));
    return out;
  }

  private Optional<Login> fromFile(Path file, String host, String repository) {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new DrydockException(file + ": unreadable credential file (not JSON)");
    }
    if (root == null || !root.isObject()) {
      throw new DrydockException(file + ": unreadable credential file (not a JSON object)");
    }
    String helperKey = host.equals("docker.io") ? DOCKER_HUB_KEY : host;
    JsonNode helpers = root.path("credHelpers");
    String helper = helpers.path(host).asText(null);
    if (helper == null && host.equals("docker.io")) {
      helper = helpers.path(DOCKER_HUB_KEY).asText(helpers.path("index.docker.io").asText(null));
    }
    if (helper != null && !helper.isBlank()) {
      return helper(helper, helperKey, file);
    }
    JsonNode auths = root.path("auths");
    for (String key : keys(host, repository)) {
      JsonNode entry = auths.get(key);
      if (entry != null && entry.isObject()) {
        Optional<Login> login = decode(entry, file, key);
        if (login.isPresent()) {
          return login;
        }
      }
    }
    String store = root.path("credsStore").asText(null);
    if (store != null && !store.isBlank()) {
      return helper(store, helperKey, file);
    }
    return Optional.empty();
  }

  /** auths keys to try, most specific first: {@code host/a/b}, {@code host/a}, {@code host}, URL forms. */
  static List<String> keys(String host, String repository) {
    List<String> keys = new ArrayList<>();
    String registry = host.equals("docker.io") ? "docker.io" : host;
    if (repository != null) {
      String path = repository;
      while (!path.isEmpty()) {
        keys.add(registry + "/" + path);
        int slash = path.lastIndexOf('/');
        path = slash < 0 ? "" : path.substring(0, slash);
      }
    }
    keys.add(registry);
    keys.add("https://" + registry);
    keys.add("http://" + registry);
    if (host.equals("docker.io")) {
      keys.add(DOCKER_HUB_KEY);
      keys.add("index.docker.io");
      keys.add("registry-1.docker.io");
    }
    return keys;
  }

  private static Optional<Login> decode(JsonNode entry, Path file, String key) {
    String auth = entry.path("auth").asText("");
    String where = file + " (auths \"" + key + "\")";
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new DrydockException(where + ": the auth value is not base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new DrydockException(where + ": the auth value is not base64 of user:password");
      }
      return Optional.of(new Login(decoded.substring(0, colon), decoded.substring(colon + 1), where));
    }
    String user = entry.path("username").asText("");
    String pass = entry.path("password").asText("");
    if (!user.isEmpty() && !pass.isEmpty()) {
      return Optional.of(new Login(user, pass, where));
    }
    return Optional.empty();
  }

  /** Asks {@code docker-credential-<name> get}; "not found" answers (exit non-zero) mean anonymous. */
  private Optional<Login> helper(String name, String serverUrl, Path file) {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new DrydockException(file + ": invalid credential helper name '" + name + "'");
    }
    String program = "docker-credential-" + name;
    Path exe = onPath(program);
    if (exe == null) {
      throw new DrydockException(file + " names the credential helper " + program + ", which is not on PATH");
    }
    byte[] out;
    int status;
    try {
      ProcessBuilder pb = new ProcessBuilder(exe.toString(), "get");
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // a helper that answers without reading its input (a broken pipe): its answer decides
      }
      try (InputStream stdout = p.getInputStream()) {
        out = stdout.readNBytes(1 << 20);
      }
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new DrydockException("credential helper " + program + " did not answer within 30 s");
      }
      status = p.exitValue();
    } catch (IOException e) {
      throw new DrydockException("cannot run credential helper " + program + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DrydockException("interrupted while asking credential helper " + program);
    }
    if (status != 0) {
      return Optional.empty(); // "credentials not found in native keychain"
    }
    JsonNode answer;
    try {
      answer = MAPPER.readTree(out);
    } catch (IOException e) {
      answer = null;
    }
    // the answer itself is never quoted: it holds the secret
    if (answer == null || !answer.isObject() || !answer.path("Username").isTextual()
        || !answer.path("Secret").isTextual() || answer.path("Secret").asText().isEmpty()) {
      throw new DrydockException("credential helper " + program + " gave a malformed answer for " + serverUrl
          + " (expected JSON with Username and Secret)");
    }
    return Optional.of(new Login(answer.path("Username").asText(), answer.path("Secret").asText(),
        "credential helper " + program));
  }

  private Path onPath(String program) {
    String path = options.env().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, program);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
