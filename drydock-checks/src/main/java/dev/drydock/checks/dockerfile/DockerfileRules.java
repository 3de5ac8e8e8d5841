package dev.drydock.checks.dockerfile;

import static dev.drydock.model.Severity.CRITICAL;
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

/**
 * The Dockerfile rules, in one list. {@link #check} parses a Dockerfile and returns its findings. Inline ignores: a
 * comment {@code # drydock ignore=DD-DF-001,DD-DF-002} (or hadolint's {@code # hadolint ignore=DL3008}, mapped through
 * the rules' references) suppresses those rules for the next instruction; {@code # drydock global ignore=...} and
 * {@code # hadolint global ignore=...} for the whole file.
 */
public final class DockerfileRules {
  private static final List<Rule> RULES = List.of(
      rule("DD-DF-001", HIGH, "Image runs as root: last USER is root or missing",
          "Add a USER instruction with a non-root user (name or UID) in the final stage.",
          List.of("hadolint DL3002", "CIS Docker 4.1", "Dockle CIS-DI-0001"), InstructionRules::rootUser),
      rule("DD-DF-002", MEDIUM, "Base image has no tag or digest",
          "Pin the base image to a specific tag, ideally with a digest (image:tag@sha256:...).",
          List.of("hadolint DL3006"), BaseImageRules::untagged),
      rule("DD-DF-003", MEDIUM, "Base image uses the 'latest' tag",
          "Use an explicit version tag or digest instead of 'latest'.",
          List.of("hadolint DL3007", "Dockle DKL-DI-0006"), BaseImageRules::latest),
      rule("DD-DF-004", LOW, "ADD used to copy local files",
          "Use COPY for local files and directories; ADD only for local archives to extract.",
          List.of("hadolint DL3020", "CIS Docker 4.9", "Dockle CIS-DI-0009"), InstructionRules::addLocal),
      rule("DD-DF-005", MEDIUM, "ADD downloads from a URL without a checksum",
          "Use ADD --checksum=sha256:... or download with curl in a RUN step and verify the checksum there.",
          List.of("CIS Docker 4.9", "CIS Docker 4.11"), InstructionRules::addUrl),
      rule("DD-DF-006", HIGH, "Remote script piped into a shell",
          "Download the script to a file, verify its checksum or signature, then run it.",
          List.of("CIS Docker 4.11"), InstructionRules::pipeToShell),
      rule("DD-DF-007", LOW, "apt-get install without pinned versions",
          "Pin package versions: apt-get install -y package=version.",
          List.of("hadolint DL3008"), PackageRules::aptUnpinned),
      rule("DD-DF-008", LOW, "apt-get update without removing the package lists",
          "End the same RUN with 'rm -rf /var/lib/apt/lists/*', or use a cache mount for /var/lib/apt.",
          List.of("hadolint DL3009", "Dockle DKL-DI-0005"), PackageRules::aptLists),
      rule("DD-DF-009", MEDIUM, "sudo used in RUN",
          "Do not use sudo; run the steps as root and switch with USER afterwards (or use gosu at runtime).",
          List.of("hadolint DL3004", "Dockle DKL-DI-0001"), InstructionRules::sudo),
      rule("DD-DF-010", MEDIUM, "SSH port 22 exposed",
          "Do not run SSH in containers; use 'docker exec' for access and remove EXPOSE 22.",
          List.of("CIS Docker 5.7"), InstructionRules::exposeSsh),
      rule("DD-DF-011", LOW, "No HEALTHCHECK in the final stage",
          "Add a HEALTHCHECK instruction that probes the service.",
          List.of("hadolint DL3057", "CIS Docker 4.6", "Dockle CIS-DI-0006"), InstructionRules::noHealthcheck),
      rule("DD-DF-012", HIGH, "Secret passed through ENV or ARG",
          "Use build secrets (RUN --mount=type=secret) or runtime secrets; values of ENV and ARG stay in the image.",
          List.of("hadolint DL3064", "CIS Docker 4.10", "Dockle CIS-DI-0010"), SecretRules::secretNames),
      rule("DD-DF-013", MEDIUM, "chmod makes files world-writable",
          "Grant only the permissions needed (e.g. 755 for directories, 644 for files) and set the owner with --chown.",
          List.of("CWE-732"), InstructionRules::worldWritable),
      rule("DD-DF-014", LOW, "RUN with a pipe but without pipefail",
          "Add SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before RUN commands that use a pipe.",
          List.of("hadolint DL4006"), InstructionRules::pipefail),
      rule("DD-DF-015", LOW, "CMD or ENTRYPOINT in shell form",
          "Use the JSON (exec) form, e.g. CMD [\"app\", \"--flag\"], so signals reach the process.",
          List.of("hadolint DL3025"), InstructionRules::shellFormCmd),
      rule("DD-DF-016", LOW, "Base image not pinned by digest",
          "Pin the base image by digest (image:tag@sha256:...) and let an update bot refresh it.",
          List.of(), BaseImageRules::noDigest),
      rule("DD-DF-017", LOW, "apt-get install without --no-install-recommends",
          "Add --no-install-recommends so only the packages you name (and their dependencies) are installed.",
          List.of("hadolint DL3015", "CIS Docker 4.3"), PackageRules::aptRecommends),
      rule("DD-DF-018", LOW, "apk add without pinned versions",
          "Pin package versions: apk add package=version.",
          List.of("hadolint DL3018"), PackageRules::apkUnpinned),
      rule("DD-DF-019", LOW, "apk add without --no-cache",
          "Use apk add --no-cache (or a cache mount for /var/cache/apk).",
          List.of("hadolint DL3019", "Dockle DKL-DI-0004"), PackageRules::apkCache),
      rule("DD-DF-020", LOW, "yum/dnf/microdnf install without pinned versions",
          "Pin package versions: dnf install -y package-version (modules: name:stream).",
          List.of("hadolint DL3033", "hadolint DL3041"), PackageRules::rpmUnpinned),
      rule("DD-DF-021", LOW, "yum/dnf/microdnf install without clean all",
          "End the same RUN with 'yum clean all' / 'dnf clean all' (or remove /var/cache/yum, /var/cache/dnf).",
          List.of("hadolint DL3032", "hadolint DL3040"), PackageRules::rpmCache),
      rule("DD-DF-022", LOW, "pip install without pinned versions",
          "Pin versions (package==version) or install from a requirements or constraints file.",
          List.of("hadolint DL3013"), PackageRules::pipUnpinned),
      rule("DD-DF-023", LOW, "pip install without --no-cache-dir",
          "Use pip install --no-cache-dir, set PIP_NO_CACHE_DIR=1, or use a cache mount for ~/.cache/pip.",
          List.of("hadolint DL3042"), PackageRules::pipCache),
      rule("DD-DF-024", LOW, "npm install without pinned versions",
          "Pin versions (npm install package@version) or install from package-lock.json with npm ci.",
          List.of("hadolint DL3016"), PackageRules::npmUnpinned),
      rule("DD-DF-025", LOW, "gem install without pinned versions",
          "Pin versions: gem install name:version or gem install name -v version.",
          List.of("hadolint DL3028"), PackageRules::gemUnpinned),
      rule("DD-DF-026", LOW, "Distribution upgrade in RUN",
          "Use a current base image instead of dist-upgrade; it can move the image to a new release silently.",
          List.of("hadolint DL3005", "hadolint DL3035", "Dockle DKL-DI-0003"), PackageRules::upgrades),
      rule("DD-DF-027", LOW, "Package index update alone in a RUN",
          "Update the index and install in the same RUN (apt-get update && apt-get install ...), so the cached "
              + "index layer cannot go stale.",
          List.of("CIS Docker 4.7", "Dockle CIS-DI-0007"), PackageRules::updateAlone),
      rule("DD-DF-028", CRITICAL, "Credential hard-coded in the Dockerfile",
          "Remove the credential, revoke it, and pass it at build time with RUN --mount=type=secret or at runtime.",
          List.of("CIS Docker 4.10", "Dockle CIS-DI-0010"), SecretRules::secretValues),
      rule("DD-DF-029", HIGH, "Key, credential or repository file copied into the image",
          "Do not copy .git, .env, private keys or credential files; list them in .dockerignore and use build "
              + "secrets.",
          List.of("CIS Docker 4.10", "Dockle CIS-DI-0010"), SecretRules::sensitiveCopy),
      rule("DD-DF-030", LOW, "WORKDIR with a relative path",
          "Use an absolute path in WORKDIR.",
          List.of("hadolint DL3000"), InstructionRules::relativeWorkdir),
      rule("DD-DF-031", LOW, "cd used in RUN",
          "Use WORKDIR to change the directory instead of cd in RUN.",
          List.of("hadolint DL3003"), InstructionRules::cdInRun),
      rule("DD-DF-032", LOW, "Multiple CMD instructions in a stage",
          "Keep one CMD per stage; only the last one takes effect.",
          List.of("hadolint DL4003"), InstructionRules::multipleCmd),
      rule("DD-DF-033", LOW, "Multiple ENTRYPOINT instructions in a stage",
          "Keep one ENTRYPOINT per stage; only the last one takes effect.",
          List.of("hadolint DL4004"), InstructionRules::multipleEntrypoint),
      rule("DD-DF-034", LOW, "MAINTAINER is deprecated",
          "Use LABEL org.opencontainers.image.authors=\"...\" instead of MAINTAINER.",
          List.of("hadolint DL4000"), InstructionRules::maintainer),
      rule("DD-DF-035", MEDIUM, "COPY --from references its own or a later stage",
          "Reference a stage defined before this one (by name or index).",
          List.of("hadolint DL3022", "hadolint DL3023"), InstructionRules::copyFromBadStage));

  private DockerfileRules() {}

  /** The descriptions of all rules, in id order. */
  public static List<RuleInfo> all() {
    return RULES.stream().map(Rule::info).toList();
  }

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

  /** Checks with the default options. */
  public static List<Misconfiguration> check(String fileName, String text) {
    return check(fileName, text, DockerfileOptions.DEFAULT);
  }

  /**
   * Parses {@code text} and returns the findings, sorted by line then rule id, at most one per rule and line.
   *
   * @throws dev.drydock.model.DrydockException ({@code file:line: ...}) when the text is not a Dockerfile
   */
  public static List<Misconfiguration> check(String fileName, String text, DockerfileOptions options) {
    Context c = new Context(DockerfileParser.parse(fileName, text), options);
    Ignores ignores = Ignores.of(c.df, text);
    List<Misconfiguration> out = new ArrayList<>();
    for (Rule r : RULES) {
      RuleInfo info = r.info();
      Set<Integer> seen = new HashSet<>();
      for (Instruction i : r.check().find(c)) {
        if (seen.add(i.line()) && !ignores.ignored(info, i.line())) {
          out.add(new Misconfiguration(info.id(), info.severity(), info.title(), fileName, i.line(), 1,
              info.remediation(), info.references(), controls(info.references()), null, null));
        }
      }
    }
    out.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line()) : a.ruleId().compareTo(b.ruleId()));
    return out;
  }

  private static Rule rule(String id, Severity sev, String title, String fix, List<String> refs, Rule.Check check) {
    return new Rule(new RuleInfo(id, sev, title, fix, refs), check);
  }

  /** The ids named by ignore comments: per instruction line, and for the whole file. */
  private record Ignores(Map<Integer, Set<String>> byLine, Set<String> global) {
    static Ignores of(Dockerfile df, String text) {
      TreeMap<Integer, Instruction> byLine = new TreeMap<>();
      df.globalArgs().forEach(i -> byLine.put(i.line(), i));
      df.stages().forEach(s -> s.instructions().forEach(i -> byLine.put(i.line(), i)));
      Map<Integer, Set<String>> out = new HashMap<>();
      Set<String> global = new HashSet<>();
      int n = 0;
      for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
        n++;
        String t = line.strip();
        if (!t.startsWith("#") || !t.contains("ignore")) {
          continue;
        }
        String[] w = t.substring(1).strip().split("\\s+", 3);
        if (w.length < 2 || !(w[0].equals("drydock") || w[0].equals("hadolint"))) {
          continue;
        }
        boolean isGlobal = w[1].equals("global");
        String rest = isGlobal ? (w.length > 2 ? w[2] : "") : t.substring(t.indexOf(w[1]));
        if (!rest.startsWith("ignore")) {
          continue;
        }
        rest = rest.substring("ignore".length()).strip();
        if (!rest.startsWith("=")) {
          continue;
        }
        Set<String> ids = new HashSet<>();
        for (String id : rest.substring(1).split("[,\\s]+")) {
          if (!id.isEmpty()) {
            ids.add(w[0].equals("hadolint") ? "hadolint " + id.toUpperCase(Locale.ROOT) : id.toUpperCase(Locale.ROOT));
          }
        }
        if (isGlobal) {
          global.addAll(ids);
        } else {
          Map.Entry<Integer, Instruction> next = byLine.higherEntry(n);
          if (next != null) {
            out.computeIfAbsent(next.getKey(), k -> new HashSet<>()).addAll(ids);
          }
        }
      }
      return new Ignores(out, global);
    }

    boolean ignored(RuleInfo info, int line) {
      Set<String> ids = byLine.getOrDefault(line, Set.of());
      return matches(info, ids) || matches(info, global);
    }

    private static boolean matches(RuleInfo info, Set<String> ids) {
      if (ids.isEmpty()) {
        return false;
      }
      if (ids.contains(info.id())) {
        return true;
      }
      for (String ref : info.references()) {
        if (ids.contains(ref)) {
          return true;
        }
      }
      return false;
    }
  }
}
