package dev.drydock.checks.dockerfile;

import dev.drydock.checks.dockerfile.Commands.Cmd;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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
  private final List<Run> runs = new ArrayList<>();
  private final Map<Instruction, List<Cmd>> commands = new IdentityHashMap<>();
  private final Map<Instruction, String> scripts = new IdentityHashMap<>();

  Context(Dockerfile df, DockerfileOptions options) {
    this.df = df;
    this.options = options;
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
    return stageNamed(s.baseImage(), s.index());
  }

  /** The stage called {@code name} defined before stage {@code before}, or null. */
  Stage stageNamed(String name, int before) {
    for (int k = before - 1; k >= 0; k--) {
      Stage t = df.stages().get(k);
      if (t.name() != null && t.name().equalsIgnoreCase(name)) {
        return t;
      }
    }
    return null;
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

  /** The ENV variables set in {@code s} and the stages it is built from (later wins). */
  Map<String, String> env(Stage s) {
    Map<String, String> out = new LinkedHashMap<>();
    Stage p = parent(s);
    if (p != null) {
      out.putAll(env(p));
    }
    for (Instruction i : s.instructions()) {
      if (i.keyword().equals("ENV")) {
        for (String[] kv : pairs(i)) {
          out.put(kv[0], kv[1]);
        }
      }
    }
    return out;
  }

  /** Whether the stage builds a Windows image (by its base image name or platform). */
  boolean windows(Stage s) {
    Stage p = parent(s);
    if (p != null) {
      return windows(p);
    }
    String b = s.baseImage().toLowerCase(Locale.ROOT);
    String platform = s.platform() == null ? "" : s.platform().toLowerCase(Locale.ROOT);
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
