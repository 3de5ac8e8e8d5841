package dev.drydock.gate.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.DrydockException;
import dev.drydock.model.InputFiles;
import dev.drydock.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code drydock-baseline.yaml} files (docs/baseline.md). */
public final class BaselineLoader {
  /** The rule "image must be signed by one of these keys" (docs/signing.md); the only rule that takes keys. */
  public static final String SIGNATURE_RULE = "DD-SIG-001";
  static final String DEFAULT_RESOURCE = "/dev/drydock/gate/default-baseline.yaml";
  /** Bytes a baseline file may have (1 MiB: thousands of rules and waivers; the built-in one is under 1 KB). */
  public static final int MAX_BYTES = 1 << 20;

  private BaselineLoader() {}

  /**
   * Loads and validates a baseline file.
   *
   * @throws DrydockException {@code <file>:<line>: <what> (expected <form>)} for any bad content; {@code <file>: ...}
   *     when it is missing, not a regular file (a FIFO, {@code /dev/zero}), larger than {@link #MAX_BYTES} or not
   *     UTF-8
   */
  public static Baseline load(Path file) {
    // a FIFO or /dev/zero is refused before it is opened; a regular file is read up to the bound only
    return parse(file.toString(), InputFiles.readText(file, "baseline", MAX_BYTES));
  }

  /** The built-in default baseline (docs/baseline.md, "Default baseline"). */
  public static Baseline defaults() {
    try (InputStream in = BaselineLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      return parse("(default baseline)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses baseline {@code text}; {@code file} names it in messages. */
  public static Baseline parse(String file, String text) {
    BaselineTree tree = BaselineTree.parse(file, text);
    SchemaCheck.validate(file, tree);
    return new Reader(file, tree).read();
  }

  /** Builds the records from a schema-valid tree, checking what the schema cannot. */
  private static final class Reader {
    private final String file;
    private final BaselineTree tree;

    Reader(String file, BaselineTree tree) {
      this.file = file;
      this.tree = tree;
    }

    private DrydockException error(String pointer, String what) {
      return new DrydockException(file + ":" + tree.line(pointer) + ": " + what);
    }

    Baseline read() {
      JsonNode root = tree.root;
      Map<String, Rule> rules = new LinkedHashMap<>();
      JsonNode rs = root.path("rules");
      for (int i = 0; i < rs.size(); i++) {
        Rule r = rule(rs.get(i), "/rules/" + i);
        if (rules.containsKey(r.id())) {
          throw error("/rules/" + i, "duplicate rule " + r.id() + " (expected each rule once)");
        }
        rules.put(r.id(), r);
      }
      List<Tier> tiers = new ArrayList<>();
      JsonNode ts = root.path("tiers");
      for (int i = 0; i < ts.size(); i++) {
        tiers.add(tier(ts.get(i), "/tiers/" + i, rules));
      }
      List<Waiver> waivers = new ArrayList<>();
      JsonNode ws = root.path("waivers");
      for (int i = 0; i < ws.size(); i++) {
        waivers.add(waiver(ws.get(i), "/waivers/" + i, rules));
      }
      Integer minScore = root.has("min-score") ? root.get("min-score").asInt() : null;
      String minGrade = root.has("min-grade") ? root.get("min-grade").asText() : null;
      return new Baseline(file, List.copyOf(rules.values()), tiers, waivers, minScore, minGrade);
    }

    private Rule rule(JsonNode n, String at) {
      boolean hasId = n.has("id");
      boolean hasClass = n.has("class");
      if (hasId == hasClass) {
        throw error(at, (hasId ? "both id and class" : "neither id nor class") + " in rule "
            + at.substring(1).replace('/', '.') + " (expected exactly one of id: <rule id> or class: vuln.<class> | tag:<tag>)");
      }
      String id = hasId ? n.get("id").asText() : n.get("class").asText();
      String idAt = at + (hasId ? "/id" : "/class");
      Thresholds base = Thresholds.NONE;
      if (id.startsWith("vuln.")) {
        base = VulnClasses.DEFAULTS.get(id);
        if (base == null) {
          throw error(idAt, "unknown rule " + id + " (expected one of " + VulnClasses.names()
              + ", ratchet.<name>, tag:<tag> or a finding rule id)");
        }
      }
      if (hasId && (id.startsWith("vuln.") || id.startsWith("tag:"))) {
        throw error(idAt, "rule class given as id: " + id + " (expected class: " + id + ")");
      }
      if (hasClass && !(id.startsWith("vuln.") || id.startsWith("tag:"))) {
        throw error(idAt, "not a rule class: " + id + " (expected class: vuln.<class> | tag:<tag>, or id: " + id + ")");
      }
      List<String> controls = new ArrayList<>();
      n.path("controls").forEach(c -> controls.add(c.asText()));
      String description = n.has("description") ? n.get("description").asText() : null;
      List<String> keys = new ArrayList<>();
      if (n.has("keys")) {
        if (!id.equals(SIGNATURE_RULE)) {
          throw error(at + "/keys", "keys on rule " + id + " (expected keys only on id: " + SIGNATURE_RULE + ")");
        }
        JsonNode ks = n.get("keys");
        for (int i = 0; i < ks.size(); i++) {
          keys.add(keyFingerprint(ks.get(i).asText(), at + "/keys/" + i));
        }
      }
      return new Rule(id, Level.parse(n.get("level").asText()), description, controls,
          base.with(thresholds(n)), tree.line(at), keys);
    }

    /**
     * A {@code keys} entry as a fingerprint: {@code sha256:<64 hex>} as it is, else a PEM public key file
     * (relative to the baseline's directory) whose {@code PUBLIC KEY} block's DER is hashed.
     */
    private String keyFingerprint(String entry, String at) {
      if (entry.matches("sha256:[0-9a-f]{64}")) {
        return entry;
      }
      if (entry.startsWith("sha256:")) {
        throw error(at, "bad key fingerprint " + entry + " (expected sha256:<64 lower-case hex digits>)");
      }
      Path base = Path.of(file).toAbsolutePath().getParent();
      Path keyFile = base == null ? Path.of(entry) : base.resolve(entry);
      String pem;
      try {
        pem = InputFiles.readText(keyFile, "public key", 64 * 1024);
      } catch (DrydockException e) {
        throw error(at, "cannot read key " + entry + ": " + e.getMessage()
            + " (expected a PEM public key file or sha256:<hex>)");
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(
          "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----").matcher(pem);
      if (!m.find()) {
        throw error(at, "no PUBLIC KEY block in " + keyFile + " (expected a PEM public key, e.g. cosign.pub)");
      }
      try {
        byte[] der = java.util.Base64.getMimeDecoder().decode(m.group(1).trim());
        return "sha256:" + java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(der));
      } catch (IllegalArgumentException | java.security.NoSuchAlgorithmException e) {
        throw error(at, "malformed PUBLIC KEY block in " + keyFile + " (expected base64 PEM)");
      }
    }

    private static Thresholds thresholds(JsonNode n) {
      return new Thresholds(
          n.has("severity") ? Severity.valueOf(n.get("severity").asText()) : null,
          n.has("fixable") ? n.get("fixable").asBoolean() : null,
          n.has("kev") ? n.get("kev").asBoolean() : null,
          n.has("epss") ? n.get("epss").asDouble() : null,
          n.has("older-than-days") ? n.get("older-than-days").asInt() : null);
    }

    private Tier tier(JsonNode n, String at, Map<String, Rule> rules) {
      List<RuleOverride> overrides = new ArrayList<>();
      JsonNode os = n.path("overrides");
      for (int i = 0; i < os.size(); i++) {
        JsonNode o = os.get(i);
        String ref = known(o.get("rule").asText(), at + "/overrides/" + i + "/rule", rules);
        overrides.add(new RuleOverride(ref, o.has("level") ? Level.parse(o.get("level").asText()) : null,
            thresholds(o)));
      }
      return new Tier(n.get("name").asText(), n.has("exposure") ? n.get("exposure").asText() : null, overrides);
    }

    private String known(String ref, String at, Map<String, Rule> rules) {
      if (!rules.containsKey(ref)) {
        throw error(at, "unknown rule " + ref + " (expected a rule of this baseline: "
            + String.join(", ", rules.keySet()) + ")");
      }
      return ref;
    }

    private Waiver waiver(JsonNode n, String at, Map<String, Rule> rules) {
      String rule = n.has("rule") ? known(n.get("rule").asText(), at + "/rule", rules) : null;
      return new Waiver(text(n, "id"), text(n, "purl"), text(n, "path"), rule, text(n, "owner"),
          text(n, "reason"), text(n, "ticket"), date(n, at, "expires"), date(n, at, "review-by"), tree.line(at));
    }

    private static String text(JsonNode n, String key) {
      return n.has(key) ? n.get(key).asText() : null;
    }

    private LocalDate date(JsonNode n, String at, String key) {
      if (!n.has(key)) {
        return null;
      }
      String v = n.get(key).asText();
      try {
        return LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        throw error(at + "/" + key, "bad date " + key + ": " + v + " (expected a real date YYYY-MM-DD)");
      }
    }
  }
}
