package dev.drydock.secrets.crypto;

import static dev.drydock.secrets.crypto.Detector.on;
import static dev.drydock.secrets.crypto.Language.CSHARP;
import static dev.drydock.secrets.crypto.Language.GO;
import static dev.drydock.secrets.crypto.Language.JAVA;
import static dev.drydock.secrets.crypto.Language.JAVASCRIPT;
import static dev.drydock.secrets.crypto.Language.KOTLIN;
import static dev.drydock.secrets.crypto.Language.PYTHON;
import static dev.drydock.secrets.crypto.Rules.rule;

import dev.drydock.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** DD-CRY-001 (MD5) and DD-CRY-002 (SHA-1) used as hashes. */
final class HashRules {
  private static final Pattern NOT_FOR_SECURITY = Pattern.compile("^usedforsecurity\\s*=\\s*False$");

  private static final String REMEDIATION = "Use SHA-256 or stronger; for passwords use a slow password hash "
      + "(Argon2, scrypt, bcrypt or PBKDF2). If the digest protects nothing (cache keys, ETags), say so "
      + "(Python: usedforsecurity=False) or add a drydock:allow comment";
  private static final Map<Language, String> EXAMPLES = Map.of(
      JAVA, "MessageDigest.getInstance(\"SHA-256\")",
      KOTLIN, "MessageDigest.getInstance(\"SHA-256\")",
      PYTHON, "hashlib.sha256(data)",
      JAVASCRIPT, "crypto.createHash('sha256')",
      GO, "sha256.New() or sha256.Sum256(data)",
      CSHARP, "SHA256.Create() or SHA256.HashData(data)");

  private HashRules() {}

  static List<Rule> rules() {
    return List.of(
        rule("DD-CRY-001", Severity.MEDIUM, "MD5 used as a hash (broken: collisions are practical)",
            REMEDIATION, EXAMPLES, List.of("CWE-328", "CWE-327"),
            on(JAVA, KOTLIN).key("MessageDigest").refs("FindSecBugs WEAK_MESSAGE_DIGEST_MD5")
                .regex("\\bMessageDigest\\s*\\.\\s*getInstance\\s*\\(\\s*\"(?i:MD5|MD4|MD2)\""),
            on(JAVA, KOTLIN).key("DigestUtils").refs("FindSecBugs WEAK_MESSAGE_DIGEST_MD5")
                .regex("\\bDigestUtils\\s*\\.\\s*(?:md5\\w*|md2\\w*|getMd5Digest|getMd2Digest)\\s*\\("),
            on(JAVA, KOTLIN).key("Hashing").regex("\\bHashing\\s*\\.\\s*md5\\s*\\(\\s*\\)"),
            on(PYTHON).key("hashlib").refs("bandit B324").check(HashRules::forSecurity)
                .regex("\\bhashlib\\s*\\.\\s*md5\\s*\\("),
            on(PYTHON).key("hashlib").refs("bandit B324").check(HashRules::forSecurity)
                .regex("\\bhashlib\\s*\\.\\s*new\\s*\\(\\s*(?:name\\s*=\\s*)?[rbu]?['\"](?i:md5|md4|md2)['\"]"),
            on(PYTHON).key("md5").refs("bandit B303")
                .regex("\\b(?:MD5\\s*\\.\\s*new|hashes\\s*\\.\\s*MD5)\\s*\\("),
            on(JAVASCRIPT).key("createHash")
                .regex("\\bcreateHash\\s*\\(\\s*['\"`](?i:md5)['\"`]"),
            on(JAVASCRIPT).key("CryptoJS").regex("\\bCryptoJS\\s*\\.\\s*MD5\\s*\\("),
            on(GO).key("md5").refs("gosec G401").regex("\\bmd5\\s*\\.\\s*(?:New|Sum)\\s*\\("),
            on(CSHARP).key("md5").refs("NetAnalyzers CA5351")
                .regex("\\b(?:MD5\\s*\\.\\s*(?:Create|HashData)\\s*\\(|new\\s+MD5(?:CryptoServiceProvider|Cng)\\s*\\("
                    + "|(?:HashAlgorithm|CryptoConfig)\\s*\\.\\s*(?:Create|CreateFromName)\\s*\\(\\s*\"MD5\")")),
        rule("DD-CRY-002", Severity.MEDIUM, "SHA-1 used as a hash (broken: collisions are practical)",
            REMEDIATION, EXAMPLES, List.of("CWE-328", "CWE-327"),
            on(JAVA, KOTLIN).key("MessageDigest").refs("FindSecBugs WEAK_MESSAGE_DIGEST_SHA1")
                .regex("\\bMessageDigest\\s*\\.\\s*getInstance\\s*\\(\\s*\"(?i:SHA-?1|SHA)\""),
            on(JAVA, KOTLIN).key("DigestUtils").refs("FindSecBugs WEAK_MESSAGE_DIGEST_SHA1")
                .regex("\\bDigestUtils\\s*\\.\\s*(?:sha1\\w*|sha|shaHex|getSha1Digest|getShaDigest)\\s*\\("),
            on(JAVA, KOTLIN).key("Hashing").regex("\\bHashing\\s*\\.\\s*sha1\\s*\\(\\s*\\)"),
            on(PYTHON).key("hashlib").refs("bandit B324").check(HashRules::forSecurity)
                .regex("\\bhashlib\\s*\\.\\s*sha1\\s*\\("),
            on(PYTHON).key("hashlib").refs("bandit B324").check(HashRules::forSecurity)
                .regex("\\bhashlib\\s*\\.\\s*new\\s*\\(\\s*(?:name\\s*=\\s*)?[rbu]?['\"](?i:sha1|sha)['\"]"),
            on(PYTHON).key("sha").refs("bandit B303")
                .regex("\\b(?:SHA1?\\s*\\.\\s*new|hashes\\s*\\.\\s*SHA1)\\s*\\("),
            on(JAVASCRIPT).key("createHash")
                .regex("\\bcreateHash\\s*\\(\\s*['\"`](?i:sha-?1)['\"`]"),
            on(JAVASCRIPT).key("CryptoJS").regex("\\bCryptoJS\\s*\\.\\s*SHA1\\s*\\("),
            on(GO).key("sha1").refs("gosec G401").regex("\\bsha1\\s*\\.\\s*(?:New|Sum)\\s*\\("),
            on(CSHARP).key("sha1").refs("NetAnalyzers CA5350")
                .regex("\\b(?:SHA1\\s*\\.\\s*(?:Create|HashData)\\s*\\("
                    + "|new\\s+SHA1(?:CryptoServiceProvider|Managed|Cng)\\s*\\("
                    + "|(?:HashAlgorithm|CryptoConfig)\\s*\\.\\s*(?:Create|CreateFromName)\\s*\\(\\s*\"SHA1\")")));
  }

  /** A Python hashlib call counts unless it passes usedforsecurity=False. */
  static boolean forSecurity(Source source, Matcher m) {
    List<String> args = Calls.argsAfter(source.text(), m.start());
    return args == null || args.stream().noneMatch(a -> NOT_FOR_SECURITY.matcher(a).matches());
  }
}
