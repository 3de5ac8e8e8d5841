package dev.drydock.checks.runtime;

import dev.drydock.checks.ConfigChecker;
import dev.drydock.checks.compose.ComposeChecker;
import dev.drydock.checks.inspect.DockerInspectChecker;
import dev.drydock.checks.k8s.KubernetesChecker;
import dev.drydock.model.Misconfiguration;
import java.util.ArrayList;
import java.util.List;

/**
 * Small files for rule tests: a hardened base (no findings) per source, changed by removing keys and
 * adding lines, and the findings as {@code "<line> <rule-id>"}.
 */
public final class Snippets {
  private Snippets() {}

  static final List<String> COMPOSE = List.of(
      "services:",
      "  s:",
      "    image: app:1.0",
      "    user: \"1000\"",
      "    read_only: true",
      "    security_opt: [no-new-privileges:true]",
      "    mem_limit: 64m",
      "    cpus: 0.5",
      "    pids_limit: 10");

  static final List<String> POD = List.of(
      "apiVersion: v1",
      "kind: Pod",
      "metadata: {name: p}",
      "spec:",
      "  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}",
      "  containers:",
      "    - name: c",
      "      image: app:1.0",
      "      resources: {limits: {cpu: 100m, memory: 64Mi}}",
      "      securityContext:",
      "        allowPrivilegeEscalation: false",
      "        readOnlyRootFilesystem: true",
      "        capabilities: {drop: [ALL]}");

  /** The hardened compose service without the keys starting with {@code without}, plus {@code extra} lines. */
  public static String compose(List<String> without, String... extra) {
    return build(COMPOSE, without, extra);
  }

  /**
   * The hardened pod without the keys starting with {@code without} (at any depth; or, for an entry starting with
   * a space, the lines starting with exactly that), plus {@code extra} lines.
   */
  public static String pod(List<String> without, String... extra) {
    return build(POD, without, extra);
  }

  /** One hardened container as docker inspect prints it; {@code hostConfig} and {@code config} replace keys. */
  public static String inspect(String hostConfigExtra, String configExtra) {
    return String.join("\n",
        "[",
        "  {",
        "    \"Name\": \"/c\",",
        "    \"HostConfig\": {",
        "      \"ReadonlyRootfs\": true,",
        "      \"SecurityOpt\": [\"no-new-privileges\"],",
        "      \"Memory\": 67108864,",
        "      \"NanoCpus\": 500000000,",
        "      \"PidsLimit\": 64" + hostConfigExtra,
        "    },",
        "    \"Config\": {",
        "      \"User\": \"1000\",",
        "      \"Image\": \"app:1.0\"" + configExtra,
        "    }",
        "  }",
        "]",
        "");
  }

  /** A health check, for {@link #inspect}'s config. */
  public static final String HEALTH = ",\n      \"Healthcheck\": {\"Test\": [\"CMD\", \"true\"]}";

  private static String build(List<String> base, List<String> without, String... extra) {
    List<String> lines = new ArrayList<>();
    for (String l : base) {
      String key = l.strip();
      if (without.stream().noneMatch(w -> w.startsWith(" ") ? l.startsWith(w) : key.startsWith(w + ":"))) {
        lines.add(l);
      }
    }
    lines.addAll(List.of(extra));
    return String.join("\n", lines) + "\n";
  }

  /** 1-based line of the first line containing {@code needle}. */
  public static int lineOf(String text, String needle) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError(needle + " not in\n" + text);
  }

  public static List<String> found(ConfigChecker checker, String file, String text) {
    return findings(checker, file, text).stream().map(m -> m.line() + " " + m.ruleId()).toList();
  }

  public static List<Misconfiguration> findings(ConfigChecker checker, String file, String text) {
    return checker.check(file, text);
  }

  public static final ConfigChecker K8S = new KubernetesChecker();
  public static final ConfigChecker COMPOSE_CHECKER = new ComposeChecker();
  public static final ConfigChecker INSPECT = new DockerInspectChecker();
}
