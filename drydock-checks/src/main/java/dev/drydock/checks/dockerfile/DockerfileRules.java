package dev.drydock.checks.dockerfile;

import static dev.drydock.model.Severity.HIGH;
import static dev.drydock.model.Severity.LOW;
import static dev.drydock.model.Severity.MEDIUM;

import dev.drydock.model.Misconfiguration;
import dev.drydock.model.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dockerfile rules. {@link #check} parses a Dockerfile and returns its findings; a comment line
 * {@code # drydock ignore=DD-DF-001,DD-DF-002} suppresses those rules for the next instruction.
 */
public final class DockerfileRules {
  private static final Pattern IGNORE = Pattern.compile("^\\s*#\\s*drydock\\s+ignore\\s*=\\s*([A-Za-z0-9_,\\s-]+)$");
  private static final Pattern PIPE_TO_SHELL = Pattern.compile(
      "\\b(curl|wget)\\b[^|;&\\n]*\\|\\s*(sudo\\s+(-\\S+\\s+)*)?(/usr)?(/bin/)?(ba|z|da|k|a)?sh\\b");
  private static final Pattern SUDO = Pattern.compile("(^|[;&|(`\\s])sudo(\\s|$)");
  private static final Pattern CHMOD_777 = Pattern.compile("\\bchmod\\s+(-\\S+\\s+)*0?777\\b");
  private static final Pattern APT_CLEANUP = Pattern.compile("rm\\s+(-\\S+\\s+)*[^;&|\\n]*/var/lib/apt/lists");
  private static final Pattern SINGLE_PIPE = Pattern.compile("(?<!\\|)\\|(?!\\|)");
  private static final Pattern PIPEFAIL = Pattern.compile("-o\\s+pipefail|-[a-z]*o\\s+pipefail|pipefail");
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?|AUTH_?KEY)");
  private static final Pattern NOT_SECRET = Pattern.compile("_(FILE|PATH|DIR|LOCATION)$");
  private static final Pattern ARCHIVE = Pattern.compile(".*\\.(tar|tar\\.gz|tgz|tar\\.bz2|tbz2?|tar\\.xz|txz|tar\\.zst)$");

  private static final List<Rule> RULES = List.of(
      rule("DD-DF-001", HIGH, "Image runs as root: last USER is root or missing",
          "Add a USER instruction with a non-root user (name or UID) in the final stage.",
          List.of("hadolint DL3002", "CIS Docker 4.1"), DockerfileRules::rootUser),
      rule("DD-DF-002", MEDIUM, "Base image has no tag or digest",
          "Pin the base image to a specific tag, ideally with a digest (image:tag@sha256:...).",
          List.of("hadolint DL3006"), df -> baseImages(df, false)),
      rule("DD-DF-003", MEDIUM, "Base image uses the 'latest' tag",
          "Use an explicit version tag or digest instead of 'latest'.",
          List.of("hadolint DL3007"), df -> baseImages(df, true)),
      rule("DD-DF-004", LOW, "ADD used to copy local files",
          "Use COPY for local files and directories; ADD only for local archives to extract.",
          List.of("hadolint DL3020", "CIS Docker 4.9"), df -> add(df, false)),
      rule("DD-DF-005", MEDIUM, "ADD downloads from a URL",
          "Download with curl/wget in a RUN step, verify a checksum, then remove the tool; or use ADD --checksum.",
          List.of("CIS Docker 4.9"), df -> add(df, true)),
      rule("DD-DF-006", HIGH, "Remote script piped into a shell",
          "Download the script to a file, verify its checksum or signature, then run it.",
          List.of(), df -> runs(df, (i, s) -> PIPE_TO_SHELL.matcher(s).find())),
      rule("DD-DF-007", LOW, "apt-get install without pinned versions",
          "Pin package versions: apt-get install -y package=version.",
          List.of("hadolint DL3008"), DockerfileRules::aptUnpinned),
      rule("DD-DF-008", LOW, "apt-get install without cleaning the package lists",
          "End the same RUN with 'rm -rf /var/lib/apt/lists/*', or use a cache mount for /var/lib/apt.",
          List.of("hadolint DL3009"), DockerfileRules::aptNoCleanup),
      rule("DD-DF-009", MEDIUM, "sudo used in RUN",
          "Do not install or use sudo; run the steps as root and switch with USER afterwards (or use gosu).",
          List.of("hadolint DL3004"), df -> runs(df, (i, s) -> SUDO.matcher(s).find())),
      rule("DD-DF-010", MEDIUM, "SSH port 22 exposed",
          "Do not run SSH in containers; use 'docker exec' for access and remove EXPOSE 22.",
          List.of(), DockerfileRules::exposeSsh),
      rule("DD-DF-011", LOW, "No HEALTHCHECK in the final stage",
          "Add a HEALTHCHECK instruction that probes the service.",
          List.of("CIS Docker 4.6"), DockerfileRules::noHealthcheck),
      rule("DD-DF-012", HIGH, "Secret passed through ENV or ARG",
          "Use build secrets (RUN --mount=type=secret) or runtime secrets; values of ENV and ARG stay in the image.",
          List.of("CIS Docker 4.10"), DockerfileRules::secretNames),
      rule("DD-DF-013", MEDIUM, "chmod 777 makes files world-writable",
          "Grant only the permissions needed (e.g. 755 for directories, 644 for files) and set the owner with --chown.",
          List.of(), df -> runs(df, (i, s) -> CHMOD_777.matcher(s).find())),
      rule("DD-DF-014", LOW, "RUN with a pipe but without pipefail",
          "Add SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before RUN commands that use a pipe.",
          List.of("hadolint DL4006"), DockerfileRules::pipefail),
      rule("DD-DF-015", LOW, "CMD or ENTRYPOINT in shell form",
          "Use the JSON (exec) form, e.g. CMD [\"app\", \"--flag\"], so signals reach the process.",
          List.of("hadolint DL3025"), DockerfileRules::shellFormCmd));

  private DockerfileRules() {}

  /** The descriptions of all rules, by id. */
  public static List<RuleInfo> all() {
    return RULES.stream().map(Rule::info).toList();
  }

  /** Parses {@code text} and returns the findings, sorted by line then rule id. */
  /** {@code CIS Docker 4.1} references become {@code cis-docker:4.1} controls. */
  static List<String> controls(List<String> references) {
    List<String> out = new ArrayList<>();
    for (String r : references) {
      if (r.startsWith("CIS Docker ")) {
        out.add("cis-docker:" + r.substring("CIS Docker ".length()));
      }
    }
    return out;
  }

  public static List<Misconfiguration> check(String fileName, String text) {
    Dockerfile df = DockerfileParser.parse(fileName, text);
    Map<Integer, Set<String>> ignored = ignores(df, text);
    List<Misconfiguration> out = new ArrayList<>();
    for (Rule r : RULES) {
      Set<Integer> seen = new HashSet<>();
      for (Instruction i : r.check().find(df)) {
        if (!seen.add(i.line()) || ignored.getOrDefault(i.line(), Set.of()).contains(r.info().id())) {
          continue;
        }
        RuleInfo info = r.info();
        out.add(new Misconfiguration(info.id(), info.severity(), info.title(), fileName, i.line(), 1,
            info.remediation(), info.references(), controls(info.references()), null, null));
      }
    }
    out.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line()) : a.ruleId().compareTo(b.ruleId()));
    return out;
  }

  private static Rule rule(String id, Severity sev, String title, String fix, List<String> refs, Rule.Check check) {
    return new Rule(new RuleInfo(id, sev, title, fix, refs), check);
  }

  /** Instruction line -> rule ids ignored by the "# drydock ignore=" comment lines just above it. */
  private static Map<Integer, Set<String>> ignores(Dockerfile df, String text) {
    TreeMap<Integer, Instruction> byLine = new TreeMap<>();
    df.globalArgs().forEach(i -> byLine.put(i.line(), i));
    df.stages().forEach(s -> s.instructions().forEach(i -> byLine.put(i.line(), i)));
    Map<Integer, Set<String>> out = new HashMap<>();
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      Matcher m = IGNORE.matcher(lines[n]);
      Map.Entry<Integer, Instruction> next = byLine.higherEntry(n + 1);
      if (m.matches() && next != null) {
        for (String id : m.group(1).split("[,\\s]+")) {
          if (!id.isEmpty()) {
            out.computeIfAbsent(next.getKey(), k -> new HashSet<>()).add(id.toUpperCase(Locale.ROOT));
          }
        }
      }
    }
    return out;
  }

  private static List<Instruction> of(Stage s, String keyword) {
    return s.instructions().stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  private static List<Instruction> all(Dockerfile df, String keyword) {
    return df.stages().stream().flatMap(s -> of(s, keyword).stream()).toList();
  }

  private static List<Instruction> rootUser(Dockerfile df) {
    Stage last = df.lastStage();
    List<Instruction> users = of(last, "USER");
    if (users.isEmpty()) {
      return List.of(last.instructions().get(0));
    }
    Instruction u = users.get(users.size() - 1);
    String user = u.args().isEmpty() ? "" : u.args().get(0).split(":", 2)[0];
    return user.equals("root") || user.equals("0") ? List.of(u) : List.of();
  }

  private static List<Instruction> baseImages(Dockerfile df, boolean latest) {
    List<Instruction> out = new ArrayList<>();
    Set<String> stageNames = new HashSet<>();
    for (Stage s : df.stages()) {
      String image = s.baseImage();
      boolean skip = image.equalsIgnoreCase("scratch") || stageNames.contains(image.toLowerCase(Locale.ROOT))
          || image.contains("$") || image.contains("@");
      if (!skip) {
        String lastPart = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastPart.indexOf(':');
        String tag = colon < 0 ? null : lastPart.substring(colon + 1);
        if (latest ? "latest".equals(tag) : tag == null || tag.isEmpty()) {
          out.add(s.instructions().get(0));
        }
      }
      if (s.name() != null) {
        stageNames.add(s.name().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static List<Instruction> add(Dockerfile df, boolean url) {
    List<Instruction> out = new ArrayList<>();
    for (Instruction i : all(df, "ADD")) {
      List<String> sources = i.args().size() > 1 ? i.args().subList(0, i.args().size() - 1) : List.of();
      boolean anyUrl = sources.stream().anyMatch(s -> s.matches("(?i)^(https?|ftp)://.*"));
      boolean remoteGit = sources.stream().anyMatch(s -> s.startsWith("git@") || s.matches("(?i)^https?://.*\\.git(#.*)?$"));
      boolean allArchives = !sources.isEmpty()
          && sources.stream().allMatch(s -> ARCHIVE.matcher(s.toLowerCase(Locale.ROOT)).matches());
      if (url ? anyUrl && !remoteGit : !anyUrl && !remoteGit && !allArchives) {
        out.add(i);
      }
    }
    return out;
  }

  private static List<Instruction> runs(Dockerfile df, java.util.function.BiPredicate<Instruction, String> test) {
    return all(df, "RUN").stream().filter(i -> test.test(i, i.commandText())).toList();
  }

  private static List<Instruction> aptUnpinned(Dockerfile df) {
    return runs(df, (i, s) -> Commands.simpleCommands(s).stream()
        .flatMap(c -> Commands.aptInstallPackages(c).stream())
        .anyMatch(p -> !p.contains("=") && !p.endsWith(".deb") && !p.contains("$")));
  }

  private static List<Instruction> aptNoCleanup(Dockerfile df) {
    return runs(df, (i, s) -> Commands.simpleCommands(s).stream().anyMatch(Commands::isAptInstall)
        && !APT_CLEANUP.matcher(s).find()
        && !i.flags().getOrDefault("mount", "").matches("(?s).*type=cache[^\\n]*target=/var/(lib|cache)/apt.*"));
  }

  private static List<Instruction> exposeSsh(Dockerfile df) {
    List<Instruction> out = new ArrayList<>();
    for (Instruction i : all(df, "EXPOSE")) {
      for (String a : i.args()) {
        Matcher m = Pattern.compile("^(\\d+)(?:-(\\d+))?(?:/tcp)?$", Pattern.CASE_INSENSITIVE).matcher(a);
        if (m.matches()) {
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

  private static List<Instruction> noHealthcheck(Dockerfile df) {
    Stage last = df.lastStage();
    List<Instruction> checks = of(last, "HEALTHCHECK");
    if (checks.isEmpty()) {
      return List.of(last.instructions().get(0));
    }
    Instruction h = checks.get(checks.size() - 1);
    return !h.args().isEmpty() && h.args().get(0).equalsIgnoreCase("NONE") ? List.of(h) : List.of();
  }

  private static List<Instruction> secretNames(Dockerfile df) {
    List<Instruction> out = new ArrayList<>();
    List<Instruction> candidates = new ArrayList<>(df.globalArgs());
    candidates.addAll(all(df, "ARG"));
    candidates.addAll(all(df, "ENV"));
    for (Instruction i : candidates) {
      List<String> names = new ArrayList<>();
      if (i.keyword().equals("ENV") && !i.args().isEmpty() && !i.args().get(0).contains("=")) {
        names.add(i.args().get(0));
      } else {
        i.args().forEach(a -> names.add(a.split("=", 2)[0]));
      }
      if (names.stream().map(n -> n.toUpperCase(Locale.ROOT))
          .anyMatch(n -> SECRET_NAME.matcher(n).find() && !NOT_SECRET.matcher(n).find())) {
        out.add(i);
      }
    }
    return out;
  }

  private static List<Instruction> pipefail(Dockerfile df) {
    List<Instruction> out = new ArrayList<>();
    for (Stage s : df.stages()) {
      boolean shellSet = false;
      for (Instruction i : s.instructions()) {
        if (i.keyword().equals("SHELL")) {
          String shell = String.join(" ", i.args());
          shellSet = PIPEFAIL.matcher(shell).find() || shell.matches("(?i).*(pwsh|powershell|cmd).*");
        } else if (i.keyword().equals("RUN") && !shellSet && !i.jsonForm()) {
          String text = i.commandText();
          if (SINGLE_PIPE.matcher(text).find() && !PIPEFAIL.matcher(text).find()) {
            out.add(i);
          }
        }
      }
    }
    return out;
  }

  private static List<Instruction> shellFormCmd(Dockerfile df) {
    List<Instruction> out = new ArrayList<>(all(df, "CMD"));
    out.addAll(all(df, "ENTRYPOINT"));
    return out.stream().filter(i -> !i.jsonForm() && !i.args().isEmpty()).toList();
  }
}
