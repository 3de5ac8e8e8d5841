package dev.drydock.checks.dockerfile;

import dev.drydock.model.Entropy;
import dev.drydock.model.TokenShapes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Secrets: sensitive ENV/ARG names, credential values written into the Dockerfile, key and credential files copied. */
final class SecretRules {
  private static final Pattern SECRET_NAME = Pattern.compile(
      "PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH_?KEY|CLIENT_?KEY");
  private static final Pattern NOT_SECRET = Pattern.compile(
      "_(FILE|PATH|DIR|LOCATION|URL|URI|ENDPOINT|HOST|PORT|TTL|TIMEOUT|EXPIRY|EXPIRES|HEADER|LENGTH|SIZE|ENABLED"
          + "|TYPE)$");
  /** ENV values that switch something on or off are not secrets (SECRET_KEY_BASE_DUMMY=1). */
  private static final Set<String> FLAGS = Set.of("0", "1", "true", "false", "yes", "no", "on", "off");
  private static final Set<String> SECRET_FILES = Set.of(".git", ".env", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519",
      ".npmrc", ".pypirc", ".netrc", ".git-credentials", "credentials", "credentials.json", ".aws", ".ssh", ".kube",
      ".docker", ".htpasswd", ".pgpass", ".vault-token", "secrets.yml", "secrets.yaml", "secrets.json");
  private static final Set<String> SECRET_EXTENSIONS = Set.of(".key", ".pem", ".p12", ".pfx", ".jks", ".keystore",
      ".ppk", ".kdbx", ".ovpn", ".secret", ".private_key");

  private SecretRules() {}

  private static List<Instruction> argsAndEnvs(Context c) {
    List<Instruction> out = new ArrayList<>(c.df.globalArgs());
    for (Stage s : c.df.stages()) {
      s.instructions().stream().filter(i -> i.keyword().equals("ARG") || i.keyword().equals("ENV")).forEach(out::add);
    }
    return out;
  }

  static boolean secretName(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    return SECRET_NAME.matcher(n).find() && !NOT_SECRET.matcher(n).find();
  }

  /** ENV/ARG with a sensitive name: an ARG is kept in the build history, an ENV in the image config. */
  static List<Instruction> secretNames(Context c) {
    List<Instruction> out = new ArrayList<>();
    for (Instruction i : argsAndEnvs(c)) {
      for (String[] kv : Context.pairs(i)) {
        boolean harmlessEnv = i.keyword().equals("ENV") && (kv[1].isEmpty() || kv[1].startsWith("/run/secrets/")
            || FLAGS.contains(kv[1].toLowerCase(Locale.ROOT)));
        if (secretName(kv[0]) && !harmlessEnv) {
          out.add(i);
          break;
        }
      }
    }
    return out;
  }

  /** A credential in the text: a documented token format anywhere, or a random-looking value of a sensitive name. */
  static List<Instruction> secretValues(Context c) {
    List<Instruction> out = new ArrayList<>();
    List<Instruction> all = new ArrayList<>(c.df.globalArgs());
    c.df.stages().forEach(s -> all.addAll(s.instructions()));
    for (Instruction i : all) {
      if (hasToken(i.raw()) || i.heredocs().stream().anyMatch(h -> hasToken(h.body()))) {
        out.add(i);
      } else if (i.keyword().equals("ENV") || i.keyword().equals("ARG")) {
        for (String[] kv : Context.pairs(i)) {
          if (secretName(kv[0]) && randomLooking(kv[1])) {
            out.add(i);
            break;
          }
        }
      }
    }
    return out;
  }

  static boolean hasToken(String text) {
    return TokenShapes.find(text) != null;
  }

  /**
   * At least 16 characters, no spaces or variables, two character classes, Shannon entropy of 3.5 bits or more, and
   * not a documented example value.
   */
  static boolean randomLooking(String v) {
    if (v.length() < 16 || v.contains("$") || v.startsWith("/") || v.chars().anyMatch(Character::isWhitespace)
        || v.toLowerCase(Locale.ROOT).contains("example")) {
      return false;
    }
    int classes = (v.chars().anyMatch(Character::isUpperCase) ? 1 : 0) + (v.chars().anyMatch(Character::isLowerCase)
        ? 1 : 0) + (v.chars().anyMatch(Character::isDigit) ? 1 : 0);
    return classes >= 2 && Entropy.bits(v) >= 3.5;
  }


  /** COPY/ADD of a repository, dotenv file, SSH/TLS private key, keystore or credentials file. */
  static List<Instruction> sensitiveCopy(Context c) {
    List<Instruction> out = new ArrayList<>();
    for (Stage s : c.df.stages()) {
      for (Instruction i : s.instructions()) {
        if ((i.keyword().equals("COPY") || i.keyword().equals("ADD")) && i.args().size() > 1
            && i.args().subList(0, i.args().size() - 1).stream().anyMatch(SecretRules::sensitivePath)) {
          out.add(i);
        }
      }
    }
    return out;
  }

  static boolean sensitivePath(String source) {
    if (source.contains("://") || source.startsWith("<<")) {
      return false;
    }
    String p = source;
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    for (String segment : p.split("/")) {
      if (Set.of(".git", ".ssh", ".aws", ".kube", ".gnupg").contains(segment)) {
        return true;
      }
    }
    String name = p.substring(p.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (SECRET_FILES.contains(name)) {
      return true;
    }
    if (name.startsWith(".env.")) {
      return !Set.of(".env.example", ".env.sample", ".env.template", ".env.dist", ".env.defaults").contains(name);
    }
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot);
    if (ext.equals(".pem")) {
      return !(name.contains("cert") || name.contains("chain") || name.contains("bundle") || name.contains("pub")
          || name.equals("ca.pem"));
    }
    return SECRET_EXTENSIONS.contains(ext);
  }
}
