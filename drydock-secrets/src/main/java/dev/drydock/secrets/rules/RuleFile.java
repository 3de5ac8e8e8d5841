package dev.drydock.secrets.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Severity;
import dev.drydock.secrets.Allowlist;
import dev.drydock.secrets.BuiltinRules;
import dev.drydock.secrets.Rule;
import dev.drydock.secrets.SecretPattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads custom secret rules. Two dialects share one schema (gitleaks' config format):
 *
 * <ul>
 *   <li>a gitleaks config (file name ending in {@code gitleaks.toml}): without {@code [extend] useDefault =
 *       true} only its rules run, as in gitleaks; findings are HIGH;
 *   <li>a drydock rule file (any other {@code .toml}, or {@code .yaml}/{@code .yml}): its rules are added to the
 *       built-in ones unless {@code [extend] useDefault = false}; a rule may set {@code severity}.
 * </ul>
 *
 * <p>Regexes are compiled with re2j (RE2 syntax, linear time). A rule without keywords runs over the whole
 * file. Global allowlists apply to every rule (or to {@code targetRules}), built-in ones included.
 */
public final class RuleFile {
  private static final Set<String> RULE_KEYS = Set.of("id", "description", "regex", "secretGroup", "entropy",
      "keywords", "path", "tags", "severity", "allowlist", "allowlists");
  private static final Set<String> IGNORED_RULE_KEYS = Set.of("required", "skipReport", "reportGroup");

  /**
   * A loaded file.
   *
   * @param rules the rules to run: built-ins (when extended) followed by the file's own
   * @param useDefault true when the built-in rules are included
   * @param warnings keys that were read but are not supported (one line each, naming the file)
   */
  public record Loaded(List<Rule> rules, boolean useDefault, List<String> warnings) {
    public Loaded {
      rules = List.copyOf(rules);
      warnings = List.copyOf(warnings);
    }
  }

  private final Path file;
  private final String text;
  private final boolean gitleaks;
  private final List<String> warnings = new ArrayList<>();

  private RuleFile(Path file, String text) {
    this.file = file;
    this.text = text;
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    this.gitleaks = name.endsWith("gitleaks.toml");
  }

  /** Loads a rule file; bad content gives a {@link DrydockException} naming the file (and line when known). */
  public static Loaded load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DrydockException(file + ": cannot read rule file: " + e.getMessage(), e);
    }
    return parse(file, text);
  }

  /** Parses rule file content; {@code file} names the dialect (by its name) and appears in errors. */
  public static Loaded parse(Path file, String text) {
    return new RuleFile(file, text).parse();
  }

  private Loaded parse() {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? new YAMLMapper() : new TomlMapper();
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new DrydockException(file + ": not a valid rule file: " + msg, e);
    }
    if (root == null || !root.isObject()) {
      throw new DrydockException(file + ": not a valid rule file: expected a table at the top");
    }
    JsonNode extend = root.path("extend");
    if (extend.has("path") || extend.has("url")) {
      throw new DrydockException(file + ": [extend] path/url is not supported; merge the files or use useDefault");
    }
    boolean useDefault = extend.has("useDefault") ? extend.get("useDefault").asBoolean() : !gitleaks;
    Set<String> disabled = new HashSet<>(strings(extend.path("disabledRules"), "extend.disabledRules"));

    List<Rule> own = new ArrayList<>();
    Map<String, List<Allowlist>> extraForBuiltins = new java.util.HashMap<>();
    Set<String> replacedBuiltins = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode node : iterable(root.path("rules"))) {
      String id = node.path("id").asText("");
      if (id.isEmpty()) {
        throw new DrydockException(file + ": a rule has no id");
      }
      if (!ids.add(id)) {
        throw error(id, "id", "duplicate rule id");
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (IGNORED_RULE_KEYS.contains(key)) {
          warnings.add(file + ": rule '" + id + "': '" + key + "' is not supported and was ignored");
        } else if (!RULE_KEYS.contains(key)) {
          throw error(id, "id", "unknown key '" + key + "'");
        }
      }
      List<Allowlist> allowlists = new ArrayList<>();
      if (node.has("allowlist")) {
        allowlists.add(allowlist(node.get("allowlist"), id));
      }
      for (JsonNode a : iterable(node.path("allowlists"))) {
        allowlists.add(allowlist(a, id));
      }
      boolean extendsBuiltin = useDefault && builtinFor(id) != null;
      if (extendsBuiltin && !node.has("regex") && !node.has("path")) {
        extraForBuiltins.computeIfAbsent(id, k -> new ArrayList<>()).addAll(allowlists);
        continue;
      }
      if (extendsBuiltin) {
        replacedBuiltins.add(id);
      }
      own.add(rule(node, id, allowlists));
    }

    List<Allowlist> global = new ArrayList<>();
    Map<Allowlist, Set<String>> targets = new java.util.HashMap<>();
    if (root.has("allowlist")) {
      global.add(allowlist(root.get("allowlist"), null));
    }
    for (JsonNode a : iterable(root.path("allowlists"))) {
      Allowlist al = allowlist(a, null);
      global.add(al);
      List<String> t = strings(a.path("targetRules"), "allowlists.targetRules");
      if (!t.isEmpty()) {
        targets.put(al, new HashSet<>(t));
      }
    }

    List<Rule> rules = new ArrayList<>();
    if (useDefault) {
      for (Rule b : BuiltinRules.all()) {
        if (disabled.contains(b.id()) || (b.gitleaksId() != null && disabled.contains(b.gitleaksId()))
            || (b.gitleaksId() != null && replacedBuiltins.contains(b.gitleaksId()))) {
          continue;
        }
        Rule r = b;
        List<Allowlist> extra = b.gitleaksId() == null ? null : extraForBuiltins.get(b.gitleaksId());
        if (extra != null) {
          r = r.withAllowlists(extra);
        }
        if (extraForBuiltins.containsKey(b.id())) {
          r = r.withAllowlists(extraForBuiltins.get(b.id()));
        }
        rules.add(r);
      }
    }
    for (Rule r : own) {
      if (!disabled.contains(r.id())) {
        rules.add(r);
      }
    }
    List<Rule> out = new ArrayList<>(rules.size());
    for (Rule r : rules) {
      List<Allowlist> applicable = new ArrayList<>();
      for (Allowlist a : global) {
        Set<String> t = targets.get(a);
        if (t == null || t.contains(r.id()) || (r.gitleaksId() != null && t.contains(r.gitleaksId()))) {
          applicable.add(a);
        }
      }
      out.add(r.withAllowlists(applicable));
    }
    return new Loaded(out, useDefault, warnings);
  }

  private static Rule builtinFor(String id) {
    for (Rule b : BuiltinRules.all()) {
      if (id.equals(b.id()) || id.equals(b.gitleaksId())) {
        return b;
      }
    }
    return null;
  }

  private Rule rule(JsonNode node, String id, List<Allowlist> allowlists) {
    SecretPattern regex = node.has("regex") ? compile(id, "regex", node.get("regex").asText(), "invalid regex") : null;
    SecretPattern path = node.has("path") ? compile(id, "path", node.get("path").asText(), "invalid path regex") : null;
    if (regex == null && path == null) {
      throw error(id, "id", "needs a regex or a path");
    }
    int group = node.path("secretGroup").asInt(0);
    if (regex != null && (group < 0 || group > regex.groupCount())) {
      throw error(id, "secretGroup", "secretGroup " + group + " but the regex has " + regex.groupCount() + " groups");
    }
    Double entropy = null;
    if (node.has("entropy")) {
      if (!node.get("entropy").isNumber()) {
        throw error(id, "entropy", "entropy must be a number");
      }
      entropy = node.get("entropy").asDouble();
    }
    Severity severity = Severity.HIGH;
    if (node.has("severity")) {
      try {
        severity = Severity.valueOf(node.get("severity").asText().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw error(id, "severity", "unknown severity '" + node.get("severity").asText() + "'");
      }
    }
    List<String> keywords = strings(node.path("keywords"), "keywords").stream()
        .map(k -> k.toLowerCase(Locale.ROOT)).filter(k -> !k.isEmpty()).distinct().toList();
    return Rule.builder(id).description(node.path("description").asText(id)).regex(regex).path(path)
        .secretGroup(group).entropy(entropy).keywords(keywords).severity(severity)
        .tags(strings(node.path("tags"), "tags")).gitleaksId(gitleaks ? id : null)
        .allowlists(allowlists).build();
  }

  private Allowlist allowlist(JsonNode a, String ruleId) {
    String where = ruleId == null ? "allowlist" : "rule '" + ruleId + "' allowlist";
    String condition = a.path("condition").asText("OR").toUpperCase(Locale.ROOT);
    if (!condition.equals("OR") && !condition.equals("AND")) {
      throw new DrydockException(file + ": " + where + ": condition must be OR or AND, not " + condition);
    }
    Allowlist.Target target;
    String t = a.path("regexTarget").asText("secret").toLowerCase(Locale.ROOT);
    switch (t) {
      case "secret" -> target = Allowlist.Target.SECRET;
      case "match" -> target = Allowlist.Target.MATCH;
      case "line" -> target = Allowlist.Target.LINE;
      default -> throw new DrydockException(file + ": " + where + ": regexTarget must be secret, match or line");
    }
    if (a.has("commits")) {
      warnings.add(file + ": " + where + ": 'commits' is not supported and was ignored");
    }
    String key = ruleId == null ? "regexes" : "regexes";
    List<SecretPattern> regexes = new ArrayList<>();
    for (String r : strings(a.path("regexes"), where + ".regexes")) {
      regexes.add(compile(ruleId, key, r, "invalid allowlist regex"));
    }
    List<SecretPattern> paths = new ArrayList<>();
    for (String p : strings(a.path("paths"), where + ".paths")) {
      paths.add(compile(ruleId, "paths", p, "invalid allowlist path"));
    }
    return new Allowlist(a.path("description").asText(""), target, regexes, paths,
        strings(a.path("stopwords"), where + ".stopwords"), condition.equals("AND"));
  }

  private SecretPattern compile(String ruleId, String key, String regex, String what) {
    try {
      return SecretPattern.re2(regex);
    } catch (com.google.re2j.PatternSyntaxException e) {
      String who = ruleId == null ? "allowlist" : "rule '" + ruleId + "'";
      throw new DrydockException(location(ruleId, key) + ": " + who + ": " + what + ": " + e.getMessage(), e);
    }
  }

  private DrydockException error(String ruleId, String key, String message) {
    return new DrydockException(location(ruleId, key) + ": rule '" + ruleId + "': " + message);
  }

  /** FILE:LINE of {@code key} in the rule with this id (the id's line if the key is not found), or FILE. */
  private String location(String ruleId, String key) {
    List<String> lines = text.lines().toList();
    int idLine = -1;
    if (ruleId != null) {
      Pattern idPattern =
          Pattern.compile("^\\s*-?\\s*id\\s*[=:]\\s*[\"']?" + Pattern.quote(ruleId) + "[\"']?\\s*(#.*)?$");
      for (int i = 0; i < lines.size(); i++) {
        if (idPattern.matcher(lines.get(i)).matches()) {
          idLine = i;
          break;
        }
      }
    } else {
      Pattern header = Pattern.compile("^\\s*\\[\\[?allowlists?\\]\\]?\\s*$|^allowlists?\\s*:");
      for (int i = 0; i < lines.size(); i++) {
        if (header.matcher(lines.get(i)).find()) {
          idLine = i;
          break;
        }
      }
    }
    if (idLine < 0) {
      return file.toString();
    }
    Pattern keyPattern = Pattern.compile("^\\s*-?\\s*" + Pattern.quote(key) + "\\s*[=:]");
    Pattern nextRule = Pattern.compile("^\\s*\\[\\[rules\\]\\]|^\\s*-\\s*id\\s*:");
    for (int i = idLine; i < lines.size(); i++) {
      if (i > idLine && nextRule.matcher(lines.get(i)).find()) {
        break;
      }
      Matcher m = keyPattern.matcher(lines.get(i));
      if (m.find()) {
        return file + ":" + (i + 1);
      }
    }
    return file + ":" + (idLine + 1);
  }

  private List<String> strings(JsonNode node, String what) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    if (!node.isArray()) {
      throw new DrydockException(file + ": " + what + " must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : node) {
      if (!n.isValueNode()) {
        throw new DrydockException(file + ": " + what + " must be a list of strings");
      }
      out.add(n.asText());
    }
    return out;
  }

  private static Iterable<JsonNode> iterable(JsonNode node) {
    if (node.isArray()) {
      return node;
    }
    if (node.isObject()) {
      return List.of(node);
    }
    return List.of();
  }
}
