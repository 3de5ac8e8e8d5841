package dev.drydock.secrets.home;

import dev.drydock.model.DrydockException;
import dev.drydock.model.ExposedSecret;
import dev.drydock.secrets.SecretScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Looks where credentials live in a home directory, without walking all of it (a home holds caches and
 * checkouts; scan those with the tree scan):
 *
 * <ul>
 *   <li>{@code .ssh/*}: private keys without a passphrase (DD-SEC-201; encrypted keys are fine);
 *   <li>{@code .aws/credentials}, {@code .aws/config}: secret keys and session tokens (DD-SEC-202);
 *   <li>{@code .config/gcloud}: {@code application_default_credentials.json}, {@code legacy_credentials/*}
 *       and the {@code credentials.db} store: refresh tokens and service-account keys (DD-SEC-203);
 *   <li>{@code .azure}: {@code accessTokens.json}, {@code msal_token_cache.json},
 *       {@code service_principal_entries.json} (DD-SEC-204);
 *   <li>{@code .kube/config}: embedded tokens, passwords and client keys (DD-SEC-205);
 *   <li>{@code .docker/config.json}: {@code auths} entries with credentials (DD-SEC-206);
 *   <li>shell and REPL histories: passwords on command lines (DD-SEC-207) and anything the built-in rules
 *       find.
 * </ul>
 *
 * The built-in rules also run over every one of these files (except SSH keys) and over {@code .netrc}, {@code .git-credentials},
 * {@code .pgpass}, {@code .npmrc}, {@code .pypirc}, {@code .my.cnf} and {@code .config/gh/hosts.yml}; where a
 * home rule already reported a line, the built-in finding on that line is dropped.
 */
public final class HomeScan {

  /** Findings (by path, line, column), the credential files that exist and were read, and read errors. */
  public record Result(List<ExposedSecret> secrets, List<String> filesChecked, List<String> warnings) {}

  private static final Pattern PLACEHOLDER = Pattern.compile(
      "(?i)^(?:\\$|<|\\{\\{|%|\\*+$)|example|changeme|placeholder|xxxxx|redacted|your[_-]");

  private static final Pattern AWS = Pattern.compile(
      "(?im)^[ \\t]*(?:aws_secret_access_key|aws_session_token)[ \\t]*=[ \\t]*(\\S+)");
  private static final Pattern GCLOUD = Pattern.compile("\"(?:refresh_token|private_key)\"\\s*:\\s*\"([^\"]{8,})\"");
  private static final Pattern AZURE = Pattern.compile(
      "\"(?:refreshToken|accessToken|secret|client_secret|clientSecret)\"\\s*:\\s*\"([^\"]{8,})\"");
  private static final Pattern KUBE = Pattern.compile(
      "(?m)^[ \\t-]*(?:token|client-key-data|password|id-token|refresh-token)[ \\t]*:[ \\t]*[\"']?([^\\s\"']{4,})");
  private static final Pattern DOCKER = Pattern.compile(
      "\"(?:auth|identitytoken|registrytoken|password)\"\\s*:\\s*\"([^\"]{4,})\"");
  private static final List<Pattern> HISTORY = List.of(
      Pattern.compile("(?:^|\\s)--?(?:password|passwd|token|api[-_]?key|secret|client-secret)(?:=|\\s+)['\"]?"
          + "([^\\s'\"]{6,})"),
      Pattern.compile("\\b(?:mysql|mysqldump|mysqladmin|mariadb)\\b[^\\n]*?\\s-p([^\\s'\"-][^\\s'\"]*)"),
      Pattern.compile("\\bsshpass\\s+-p\\s*['\"]?([^\\s'\"]+)"),
      Pattern.compile("\\bdocker\\s+login\\b[^\\n]*?\\s-p\\s+['\"]?([^\\s'\"]+)"),
      Pattern.compile("\\bcurl\\b[^\\n]*?\\s(?:-u|--user)\\s*['\"]?[^:\\s'\"]+:([^\\s'\"@]{4,})"),
      Pattern.compile("-(?:store|key)pass\\s+['\"]?([^\\s'\"]{4,})"),
      Pattern.compile("(?i)\\bexport\\s+[A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|APIKEY)[A-Z0-9_]*="
          + "['\"]?([^\\s'\"]{6,})"));

  private static final List<String> HISTORIES = List.of(".bash_history", ".zsh_history", ".sh_history",
      ".ash_history", ".local/share/fish/fish_history", ".python_history", ".mysql_history", ".psql_history",
      ".node_repl_history", ".rediscli_history", ".sqlite_history");
  private static final List<String> OTHER_CREDENTIAL_FILES = List.of(".netrc", ".git-credentials", ".pgpass",
      ".npmrc", ".pypirc", ".my.cnf", ".config/gh/hosts.yml");
  private static final long MAX_FILE_SIZE = 64L * 1024 * 1024;

  private final SecretScanner scanner;

  public HomeScan(SecretScanner scanner) {
    this.scanner = scanner;
  }

  /** Checks the home directory {@code home}. */
  public Result scan(Path home) {
    if (!Files.isDirectory(home)) {
      throw new DrydockException(home + ": not a directory");
    }
    Scan s = new Scan(home);
    for (Path key : list(home.resolve(".ssh"))) {
      String name = key.getFileName().toString();
      if (!name.endsWith(".pub") && !name.startsWith("known_hosts") && !name.startsWith("authorized_keys")
          && !name.equals("config")) {
        s.sshKey(key);
      }
    }
    s.pattern(home.resolve(".aws/credentials"), HomeRule.AWS_CREDENTIALS, AWS, true);
    s.pattern(home.resolve(".aws/config"), HomeRule.AWS_CREDENTIALS, AWS, true);
    Path gcloud = home.resolve(".config/gcloud");
    s.pattern(gcloud.resolve("application_default_credentials.json"), HomeRule.GCLOUD_CREDENTIALS, GCLOUD, true);
    for (Path account : list(gcloud.resolve("legacy_credentials"))) {
      for (Path f : list(account)) {
        s.pattern(f, HomeRule.GCLOUD_CREDENTIALS, GCLOUD, true);
      }
    }
    s.pattern(gcloud.resolve("credentials.db"), HomeRule.GCLOUD_CREDENTIALS, GCLOUD, false);
    Path azure = home.resolve(".azure");
    for (String f : List.of("accessTokens.json", "msal_token_cache.json", "service_principal_entries.json")) {
      s.pattern(azure.resolve(f), HomeRule.AZURE_TOKENS, AZURE, true);
    }
    s.pattern(home.resolve(".kube/config"), HomeRule.KUBECONFIG, KUBE, true);
    s.pattern(home.resolve(".docker/config.json"), HomeRule.DOCKER_AUTH, DOCKER, true);
    for (String h : HISTORIES) {
      Path f = home.resolve(h);
      for (Pattern p : HISTORY) {
        s.pattern(f, HomeRule.HISTORY_PASSWORD, p, true);
      }
      s.builtin(f);
    }
    for (String f : OTHER_CREDENTIAL_FILES) {
      s.builtin(home.resolve(f));
    }
    return s.result();
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** One run's state: what was read and found. */
  private final class Scan {
    private final Path home;
    private final List<ExposedSecret> home2xx = new ArrayList<>();
    private final List<ExposedSecret> builtin = new ArrayList<>();
    private final Set<String> checked = new java.util.TreeSet<>();
    private final List<String> warnings = new ArrayList<>();
    private final Set<Path> builtinDone = new HashSet<>();

    Scan(Path home) {
      this.home = home;
    }

    private String rel(Path p) {
      return home.relativize(p).toString().replace(java.io.File.separatorChar, '/');
    }

    /** The file's bytes, or null when it does not exist, is too large or cannot be read. */
    private byte[] read(Path f) {
      return read(f, true);
    }

    /** {@code withBuiltin}: also run the built-in rules (not on SSH keys: only the key check knows encryption). */
    private byte[] read(Path f, boolean withBuiltin) {
      if (!Files.isRegularFile(f)) {
        return null;
      }
      try {
        if (Files.size(f) > MAX_FILE_SIZE) {
          warnings.add(rel(f) + ": skipped (over " + MAX_FILE_SIZE + " bytes)");
          return null;
        }
        byte[] b = Files.readAllBytes(f);
        checked.add(rel(f));
        if (withBuiltin) {
          builtinOnce(f, b);
        }
        return b;
      } catch (IOException e) {
        warnings.add(rel(f) + ": cannot read: " + e.getMessage());
        return null;
      }
    }

    void sshKey(Path f) {
      byte[] b = read(f, false);
      if (b == null) {
        return;
      }
      String text = new String(b, StandardCharsets.ISO_8859_1);
      Matcher m = SshKeys.unencrypted(text);
      if (m != null) {
        int[] lc = lineColumn(text, m.start());
        home2xx.add(Located.finding(scanner.fingerprintKey(), HomeRule.SSH_KEY, rel(f), lc[0], lc[1], m.group(2).replaceAll("\\s", "")));
      }
    }

    void pattern(Path f, HomeRule rule, Pattern p, boolean text) {
      byte[] b = read(f);
      if (b == null) {
        return;
      }
      // binary stores (credentials.db) are searched as Latin-1 so that every byte is one character
      String s = new String(b, text ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      Matcher m = p.matcher(s);
      while (m.find()) {
        String value = m.group(1);
        if (PLACEHOLDER.matcher(value).find()) {
          continue;
        }
        int[] lc = text ? lineColumn(s, m.start()) : new int[] {1, 1};
        ExposedSecret found = Located.finding(scanner.fingerprintKey(), rule, rel(f), lc[0], lc[1], value);
        if (home2xx.stream().noneMatch(x -> x.path().equals(found.path()) && x.line() == found.line())) {
          home2xx.add(found);
        }
      }
    }

    void builtin(Path f) {
      read(f);
    }

    private void builtinOnce(Path f, byte[] b) {
      if (builtinDone.add(f)) {
        builtin.addAll(scanner.scan(rel(f), b));
      }
    }

    Result result() {
      List<ExposedSecret> all = new ArrayList<>(home2xx);
      for (ExposedSecret b : builtin) {
        if (home2xx.stream().noneMatch(h -> h.path().equals(b.path()) && h.line() == b.line())) {
          all.add(b);
        }
      }
      all.sort(Comparator.comparing(ExposedSecret::path).thenComparingInt(ExposedSecret::line)
          .thenComparingInt(ExposedSecret::column).thenComparing(ExposedSecret::ruleId));
      return new Result(List.copyOf(all), List.copyOf(checked), List.copyOf(warnings));
    }
  }

  /** 1-based line and column of {@code offset}. */
  static int[] lineColumn(String text, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, offset - lineStart + 1};
  }
}
