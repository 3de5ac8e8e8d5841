package dev.drydock.checks.dockerfile;

import dev.drydock.checks.dockerfile.Commands.Cmd;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the rules need to know about one parsed Dockerfile, computed once: which stages end up in the image, the
 * shell text and simple commands of every RUN, its mounts, and the environment of each stage.
 */
final class Context {
  private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");

  /** A RUN instruction with its stage. */
  record Run(Stage stage, Instruction ins) {}

  /** One --mount of a RUN: its type (bind when not given) and target. */
  record Mount(String type, String target) {}

  final Dockerfile df;
  final DockerfileOptions options;
  private final Set<Integer> imageStages = new HashSet<>();
  /** Per stage: the index of the earlier stage it is built FROM, or -1 for an external image. */
  private final int[] parents;
  /** Per stage: the stage at the root of its FROM chain (itself when it starts from an external image). */
  private final int[] roots;
  /** Per stage name (lower case): the index of the last stage with that name. */
  private final Map<String, Integer> lastNamed = new HashMap<>();
  /** Per ENV name asked for: its value at the end of each stage, inherited along FROM chains. */
  private final Map<String, String[]> envValues = new HashMap<>();
  private final List<Run> runs = new ArrayList<>();
  private final Map<Instruction, List<Cmd>> commands = new IdentityHashMap<>();
  private final Map<Instruction, String> scripts = new IdentityHashMap<>();

  Context(Dockerfile df, DockerfileOptions options) {
    this.df = df;
    this.options = options;
    // one pass in stage order: a stage can only be built FROM an earlier one, so chains of any length (an
    // 8,000-stage chain is valid syntax) cost linear time and no recursion
    int n = df.stages().size();
    parents = new int[n];
    roots = new int[n];
    Map<String, Integer> named = new HashMap<>();
    for (Stage s : df.stages()) {
      int i = s.index();
      Integer p = named.get(s.baseImage().toLowerCase(Locale.ROOT));
      parents[i] = p == null ? -1 : p;
      roots[i] = p == null ? i : roots[p];
      if (s.name() != null) {
        named.put(s.name().toLowerCase(Locale.ROOT), i);
      }
    }
    lastNamed.putAll(named);
    for (Stage s = df.lastStage(); s != null && imageStages.add(s.index()); s = parent(s)) {
      // the final stage and the stages it is built FROM are the image; the others are discarded
    }
    for (Stage s : df.stages()) {
      for (Instruction i : s.instructions()) {
        if (i.keyword().equals("RUN")) {
          runs.add(new Run(s, i));
          String script = scriptOf(i);
          scripts.put(i, script);
          commands.put(i, Commands.parse(script));
        }
      }
    }
  }

  /** The earlier stage named like {@code s}'s base image, or null when the base is an external image. */
  Stage parent(Stage s) {
    int p = parents[s.index()];
    return p < 0 ? null : df.stages().get(p);
  }

  /** Whether a stage at index {@code from} or later is called {@code name}. */
  boolean stageNamedFrom(String name, int from) {
    Integer last = lastNamed.get(name.toLowerCase(Locale.ROOT));
    return last != null && last >= from;
  }

  /** Whether files left by this stage end up in the final image (final stage or one of its FROM ancestors). */
  boolean inImage(Stage s) {
    return imageStages.contains(s.index());
  }

  List<Run> runs() {
    return runs;
  }

  /** RUN instructions of the stages that end up in the image. */
  List<Run> imageRuns() {
    return runs.stream().filter(r -> inImage(r.stage())).toList();
  }

  List<Cmd> commands(Instruction run) {
    return commands.get(run);
  }

  String script(Instruction run) {
    return scripts.get(run);
  }

  List<Mount> mounts(Instruction run) {
    String m = run.flags().get("mount");
    if (m == null) {
      return List.of();
    }
    List<Mount> out = new ArrayList<>();
    for (String one : m.split("\n")) {
      String type = "bind";
      String target = "";
      for (String kv : one.split(",")) {
        int eq = kv.indexOf('=');
        String k = eq < 0 ? kv : kv.substring(0, eq);
        String v = eq < 0 ? "" : kv.substring(eq + 1);
        switch (k.strip().toLowerCase(Locale.ROOT)) {
          case "type" -> type = v.strip();
          case "target", "dst", "destination" -> target = v.strip();
          default -> { }
        }
      }
      out.add(new Mount(type, target));
    }
    return out;
  }

  /** Whether the RUN has a cache mount whose target starts with one of {@code prefixes}. */
  boolean cacheMount(Instruction run, String... prefixes) {
    for (Mount m : mounts(run)) {
      for (String p : prefixes) {
        if (m.type().equals("cache") && m.target().startsWith(p)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The value ENV gives {@code name} in {@code s} or the stages it is built from (a later ENV wins, the stage's own
   * over its parents'), null if none sets it. Computed once per name for all stages, in stage order.
   */
  String env(Stage s, String name) {
    return envValues.computeIfAbsent(name, k -> {
      String[] values = new String[df.stages().size()];
      for (Stage t : df.stages()) {
        int p = parents[t.index()];
        String v = p < 0 ? null : values[p];
        for (Instruction i : t.instructions()) {
          if (i.keyword().equals("ENV")) {
            for (String[] kv : pairs(i)) {
              if (kv[0].equals(k)) {
                v = kv[1];
              }
            }
          }
        }
        values[t.index()] = v;
      }
      return values;
    })[s.index()];
  }

  /** Whether the stage builds a Windows image (by the base image name or platform at the root of its chain). */
  boolean windows(Stage s) {
    Stage r = df.stages().get(roots[s.index()]);
    String b = r.baseImage().toLowerCase(Locale.ROOT);
    String platform = r.platform() == null ? "" : r.platform().toLowerCase(Locale.ROOT);
    return b.contains("windows") || b.contains("nanoserver") || b.contains("servercore")
        || platform.startsWith("windows");
  }

  /** The name=value pairs of an ENV or ARG ({@code ENV NAME value words} legacy form included); value "" if none. */
  static List<String[]> pairs(Instruction i) {
    List<String> a = i.args();
    List<String[]> out = new ArrayList<>();
    if (i.keyword().equals("ENV") && !a.isEmpty() && a.get(0).indexOf('=') < 0) {
      out.add(new String[] {a.get(0), String.join(" ", a.subList(1, a.size()))});
      return out;
    }
    for (String kv : a) {
      int eq = kv.indexOf('=');
      out.add(eq < 0 ? new String[] {kv, ""} : new String[] {kv.substring(0, eq), kv.substring(eq + 1)});
    }
    return out;
  }

  /**
   * The shell text of a RUN: the command, plus the heredoc bodies that are the script (a bare {@code RUN <<EOF}
   * without a non-shell shebang, or {@code RUN bash <<EOF}); heredocs fed to other programs are data. Exec form
   * {@code ["sh", "-c", "script"]} yields the script.
   */
  private static String scriptOf(Instruction i) {
    List<String> a = i.args();
    if (i.jsonForm()) {
      if (a.size() >= 3 && SHELLS.contains(base(a.get(0))) && a.get(1).startsWith("-") && a.get(1).contains("c")) {
        return String.join(" ", a.subList(2, a.size()));
      }
      return String.join(" ", a);
    }
    String command = a.isEmpty() ? "" : a.get(0);
    if (i.heredocs().isEmpty()) {
      return command;
    }
    String first = command.strip().split("\\s+", 2)[0];
    boolean bare = first.startsWith("<<");
    boolean shell = bare || SHELLS.contains(base(first));
    StringBuilder sb = new StringBuilder(command);
    for (Heredoc h : i.heredocs()) {
      String body = h.body();
      boolean otherInterpreter = bare && body.startsWith("#!") && !SHELLS.contains(shebang(body));
      if (shell && !otherInterpreter) {
        sb.append('\n').append(body);
      }
    }
    return sb.toString();
  }

  private static String shebang(String body) {
    int nl = body.indexOf('\n');
    String[] w = body.substring(2, nl < 0 ? body.length() : nl).strip().split("\\s+");
    String prog = base(w[0]);
    return prog.equals("env") && w.length > 1 ? base(w[1]) : prog;
  }

  private static String base(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
