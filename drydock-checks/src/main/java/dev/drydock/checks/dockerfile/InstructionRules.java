package dev.drydock.checks.dockerfile;

import dev.drydock.checks.dockerfile.Commands.Cmd;
import dev.drydock.checks.dockerfile.Context.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rules about the user, ADD, RUN shell habits, EXPOSE, HEALTHCHECK, WORKDIR, CMD/ENTRYPOINT and stage references. */
final class InstructionRules {
  private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");
  private static final Pattern SHELL_OF_DOWNLOAD = Pattern.compile(
      "\\b(?:ba|z|da|k|a)?sh\\s+(?:-\\S+\\s+)*(?:<\\(\\s*|[\"']?\\$\\(\\s*)(?:curl|wget)\\b");
  private static final Pattern PIPEFAIL = Pattern.compile("pipefail");
  private static final Pattern PORT = Pattern.compile("^(\\d+)(?:-(\\d+))?(?:/tcp)?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern URL = Pattern.compile("(?i)(https?|ftp)://");
  private static final Pattern GIT_URL = Pattern.compile("(?i)https?://\\S*\\.git(#\\S*)?");
  private static final Pattern SYMBOLIC_REMOVE = Pattern.compile("-[rwxXst]+");
  private static final Pattern OCTAL = Pattern.compile("^[0-7]{3,4}$");
  private static final Pattern ARCHIVE = Pattern.compile(
      ".*\\.(tar|tar\\.gz|tgz|tar\\.bz2|tbz2?|tar\\.xz|txz|tar\\.zst|tar\\.lz|tlz)$");

  private InstructionRules() {}

  static List<Instruction> of(Stage s, String keyword) {
    return s.instructions().stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  static List<Instruction> all(Context c, String keyword) {
    return c.df.stages().stream().flatMap(s -> of(s, keyword).stream()).toList();
  }

  // USER, HEALTHCHECK: the final stage, inheriting from the stages it is built FROM ------------------------------

  static List<Instruction> rootUser(Context c) {
    for (Stage s = c.df.lastStage(); s != null; s = c.parent(s)) {
      List<Instruction> users = of(s, "USER");
      if (!users.isEmpty()) {
        Instruction u = users.get(users.size() - 1);
        return isRoot(u) ? List.of(u) : List.of();
      }
      if (c.parent(s) == null && !nonRootBase(s)) {
        return List.of(c.df.lastStage().instructions().get(0));
      }
    }
    return List.of();
  }

  private static boolean isRoot(Instruction u) {
    String user = u.args().isEmpty() ? "" : u.args().get(0).split(":", 2)[0].toLowerCase(Locale.ROOT);
    return user.equals("root") || user.equals("0") || user.equals("containeradministrator");
  }

  /** Base images documented to default to a non-root user: distroless/Chainguard {@code nonroot}, nanoserver. */
  private static boolean nonRootBase(Stage s) {
    String b = s.baseImage().toLowerCase(Locale.ROOT);
    return b.contains("nonroot") || b.contains("nanoserver");
  }

  static List<Instruction> noHealthcheck(Context c) {
    for (Stage s = c.df.lastStage(); s != null; s = c.parent(s)) {
      List<Instruction> checks = of(s, "HEALTHCHECK");
      if (!checks.isEmpty()) {
        Instruction h = checks.get(checks.size() - 1);
        boolean none = !h.args().isEmpty() && h.args().get(0).strip().equalsIgnoreCase("NONE");
        return none ? List.of(h) : List.of();
      }
    }
    return List.of(c.df.lastStage().instructions().get(0));
  }

  // ADD --------------------------------------------------------------------------------------------------------------

  static List<Instruction> addLocal(Context c) {
    return add(c, false);
  }

  static List<Instruction> addUrl(Context c) {
    return add(c, true);
  }

  private static List<Instruction> add(Context c, boolean url) {
    List<Instruction> out = new ArrayList<>();
    for (Instruction i : all(c, "ADD")) {
      List<String> sources = i.args().size() > 1 ? i.args().subList(0, i.args().size() - 1) : List.of();
      boolean anyUrl = sources.stream().anyMatch(s -> URL.matcher(s).lookingAt());
      boolean remoteGit = sources.stream().anyMatch(s -> s.startsWith("git@") || GIT_URL.matcher(s).matches());
      boolean allArchives = !sources.isEmpty()
          && sources.stream().allMatch(s -> ARCHIVE.matcher(s.toLowerCase(Locale.ROOT)).matches());
      boolean verified = i.flags().containsKey("checksum");
      if (url ? anyUrl && !remoteGit && !verified : !anyUrl && !remoteGit && !allArchives) {
        out.add(i);
      }
    }
    return out;
  }

  // RUN habits ------------------------------------------------------------------------------------------------------

  static List<Instruction> pipeToShell(Context c) {
    List<Instruction> out = new ArrayList<>();
    for (Run r : c.runs()) {
      String s = c.script(r.ins());
      if ((s.contains("curl") || s.contains("wget"))
          && (downloadPipedToInterpreter(c.commands(r.ins())) || SHELL_OF_DOWNLOAD.matcher(s).find())) {
        out.add(r.ins());
      }
    }
    return out;
  }

  /** {@code curl ... | sh}, {@code wget -O- ... | sudo bash -}, {@code curl ... | python3 -}. */
  private static boolean downloadPipedToInterpreter(List<Cmd> cmds) {
    for (int k = 1; k < cmds.size(); k++) {
      Cmd to = cmds.get(k);
      String from = cmds.get(k - 1).name();
      boolean interpreter = SHELLS.contains(to.name()) || to.name().startsWith("python") || to.name().equals("perl");
      if (to.piped() && interpreter && (from.equals("curl") || from.equals("wget"))) {
        return true;
      }
    }
    return false;
  }

  static List<Instruction> sudo(Context c) {
    return c.runs().stream().filter(r -> c.commands(r.ins()).stream().anyMatch(Cmd::sudo)).map(Run::ins).toList();
  }

  static List<Instruction> worldWritable(Context c) {
    List<Instruction> out = new ArrayList<>();
    for (Run r : c.runs()) {
      for (Cmd cmd : c.commands(r.ins())) {
        if (cmd.name().equals("chmod") && worldWritableMode(cmd)) {
          out.add(r.ins());
          break;
        }
      }
    }
    return out;
  }

  /**
   * The mode gives others write permission: octal with the 2 bit in the last digit (sticky-bit modes excepted), or
   * {@code o+w}, {@code a=rwx}.
   */
  static boolean worldWritableMode(Cmd chmod) {
    for (String a : chmod.args()) {
      if (a.startsWith("-") && !SYMBOLIC_REMOVE.matcher(a).matches()) {
        continue;
      }
      if (OCTAL.matcher(a).matches()) {
        int others = a.charAt(a.length() - 1) - '0';
        boolean sticky = a.length() == 4 && ((a.charAt(0) - '0') & 1) != 0;
        return (others & 2) != 0 && !sticky;
      }
      for (String clause : a.split(",")) {
        int op = Math.max(clause.indexOf('+'), clause.indexOf('='));
        if (op > 0) {
          String who = clause.substring(0, op);
          if ((who.contains("o") || who.contains("a")) && clause.substring(op).contains("w")
              && !clause.substring(op).contains("t")) {
            return true;
          }
        }
      }
      return false;
    }
    return false;
  }

  static List<Instruction> pipefail(Context c) {
    List<Instruction> out = new ArrayList<>();
    for (Stage s : c.df.stages()) {
      boolean safe = c.windows(s);
      for (Instruction i : s.instructions()) {
        if (i.keyword().equals("SHELL")) {
          String shell = String.join(" ", i.args()).toLowerCase(Locale.ROOT);
          safe = PIPEFAIL.matcher(shell).find() || shell.contains("pwsh") || shell.contains("powershell")
              || shell.contains("cmd");
        } else if (i.keyword().equals("RUN") && !safe && !i.jsonForm()) {
          String script = c.script(i);
          if (Commands.hasPipe(script) && !PIPEFAIL.matcher(script).find()) {
            out.add(i);
          }
        }
      }
    }
    return out;
  }

  static List<Instruction> cdInRun(Context c) {
    return c.runs().stream().filter(r -> c.commands(r.ins()).stream().anyMatch(cmd -> cmd.name().equals("cd")))
        .map(Run::ins).toList();
  }

  // EXPOSE, WORKDIR, CMD/ENTRYPOINT, MAINTAINER, COPY --from --------------------------------------------------------

  static List<Instruction> exposeSsh(Context c) {
    List<Instruction> out = new ArrayList<>();
    for (Instruction i : all(c, "EXPOSE")) {
      for (String a : i.args()) {
        Matcher m = PORT.matcher(a);
        if (m.matches() && m.group(1).length() <= 5 && (m.group(2) == null || m.group(2).length() <= 5)) {
          int lo = Integer.parseInt(m.group(1));
          int hi = m.group(2) == null ? lo : Integer.parseInt(m.group(2));
          if (lo <= 22 && 22 <= hi) {
            out.add(i);
            break;
          }
        }
      }
    }
    return out;
  }

  static List<Instruction> relativeWorkdir(Context c) {
    return all(c, "WORKDIR").stream().filter(i -> {
      String d = i.args().isEmpty() ? "" : i.args().get(0);
      return !d.isEmpty() && !d.startsWith("/") && !d.startsWith("$") && !d.startsWith("\\")
          && !(d.length() >= 2 && Character.isLetter(d.charAt(0)) && d.charAt(1) == ':');
    }).toList();
  }

  static List<Instruction> shellFormCmd(Context c) {
    List<Instruction> out = new ArrayList<>(all(c, "CMD"));
    out.addAll(all(c, "ENTRYPOINT"));
    return out.stream().filter(i -> !i.jsonForm() && !i.args().isEmpty()).toList();
  }

  static List<Instruction> multipleCmd(Context c) {
    return repeated(c, "CMD");
  }

  static List<Instruction> multipleEntrypoint(Context c) {
    return repeated(c, "ENTRYPOINT");
  }

  private static List<Instruction> repeated(Context c, String keyword) {
    List<Instruction> out = new ArrayList<>();
    for (Stage s : c.df.stages()) {
      List<Instruction> found = of(s, keyword);
      out.addAll(found.subList(Math.min(1, found.size()), found.size()));
    }
    return out;
  }

  static List<Instruction> maintainer(Context c) {
    return all(c, "MAINTAINER");
  }

  /** COPY --from naming its own stage, a later stage, or a stage index not before it. */
  static List<Instruction> copyFromBadStage(Context c) {
    List<Instruction> out = new ArrayList<>();
    for (Stage s : c.df.stages()) {
      for (Instruction i : of(s, "COPY")) {
        String from = i.flags().get("from");
        if (from == null || from.isEmpty()) {
          continue;
        }
        boolean bad;
        if (from.chars().allMatch(Character::isDigit)) {
          bad = from.length() > 6 || Integer.parseInt(from) >= s.index();
        } else {
          bad = c.stageNamedFrom(from, s.index());
        }
        if (bad) {
          out.add(i);
        }
      }
    }
    return out;
  }
}
