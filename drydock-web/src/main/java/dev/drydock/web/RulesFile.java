package dev.drydock.web;

import dev.drydock.model.DrydockException;
import dev.drydock.model.InputFiles;
import dev.drydock.model.WebAlert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A ZAP baseline rules file ({@code zap-baseline.py -c rules.tsv}): one rule a line, {@code <id>\t<IGNORE|INFO|WARN|FAIL>}
 * (anything after a second tab is a comment), or {@code <id>\tOUTOFSCOPE\t<URL regex>}. The id is ZAP's alert id
 * ({@code 10038}) or drydock's ({@code DD-WEB-001}). IGNORE drops the alert, the others set its level;
 * OUTOFSCOPE drops it on URLs the regex finds. Lines starting with {@code #} and blank lines are skipped.
 */
public final class RulesFile {
  public static final RulesFile NONE = new RulesFile(Map.of(), Map.of());

  private final Map<String, String> levels;
  private final Map<String, List<Pattern>> outOfScope;

  private RulesFile(Map<String, String> levels, Map<String, List<Pattern>> outOfScope) {
    this.levels = levels;
    this.outOfScope = outOfScope;
  }

  /** Reads {@code file}; a line it cannot read is bad input naming the file and line. */
  public static RulesFile load(Path file) {
    InputFiles.requireRegularFile(file, "rules file");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DrydockException(file + ": cannot read the rules file: " + e.getMessage(), e);
    }
    Map<String, String> levels = new LinkedHashMap<>();
    Map<String, List<Pattern>> scope = new LinkedHashMap<>();
    int n = 0;
    for (String line : lines) {
      n++;
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length < 2) {
        f = line.strip().split("\\s+", 3); // some teams' files use spaces
      }
      if (f.length < 2) {
        throw new DrydockException(file + ":" + n + ": expected <id><TAB><IGNORE|INFO|WARN|FAIL|OUTOFSCOPE>");
      }
      String id = f[0].strip();
      String level = f[1].strip();
      if (!id.matches("\\d+|DD-WEB-\\d{3}")) {
        throw new DrydockException(file + ":" + n + ": \"" + id + "\" is not a ZAP alert id or a DD-WEB id");
      }
      switch (level) {
        case "IGNORE", "INFO", "WARN", "FAIL" -> levels.put(id, level);
        case "OUTOFSCOPE" -> {
          if (f.length < 3 || f[2].isBlank()) {
            throw new DrydockException(file + ":" + n + ": OUTOFSCOPE needs a URL regex in the third column");
          }
          try {
            scope.computeIfAbsent(id, k -> new ArrayList<>()).add(Pattern.compile(f[2].strip()));
          } catch (PatternSyntaxException e) {
            throw new DrydockException(file + ":" + n + ": bad URL regex: " + e.getDescription());
          }
        }
        default -> throw new DrydockException(file + ":" + n + ": level \"" + level
            + "\" is not IGNORE, INFO, WARN, FAIL or OUTOFSCOPE");
      }
    }
    return new RulesFile(levels, scope);
  }

  /** The alerts the file keeps, at the levels it gives (drydock id first, then ZAP id, else the alert's own). */
  public List<WebAlert> apply(List<WebAlert> alerts) {
    List<WebAlert> out = new ArrayList<>();
    for (WebAlert a : alerts) {
      String level = levels.getOrDefault(a.ruleId(), a.zapId() == null ? null : levels.get(a.zapId()));
      if ("IGNORE".equals(level) || outOfScope(a)) {
        continue;
      }
      out.add(level == null ? a : a.withLevel(level));
    }
    return out;
  }

  private boolean outOfScope(WebAlert a) {
    List<Pattern> ps = new ArrayList<>(outOfScope.getOrDefault(a.ruleId(), List.of()));
    if (a.zapId() != null) {
      ps.addAll(outOfScope.getOrDefault(a.zapId(), List.of()));
    }
    return a.url() != null && ps.stream().anyMatch(p -> p.matcher(a.url()).find());
  }
}
