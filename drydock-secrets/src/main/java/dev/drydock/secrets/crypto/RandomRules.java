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

/**
 * DD-CRY-011: a non-cryptographic random generator on the right-hand side of an assignment whose target is
 * named like a secret (token, password, salt, nonce, OTP, session id, API key, reset code). Both must be in
 * the same statement; a generator used anywhere else is not reported.
 */
final class RandomRules {
  /** A variable, field or attribute named like a secret value, then an assignment. */
  private static final String SECRET_ASSIGNMENT = "\\b[\\w.]*?(?i:token|passw(?:or)?d|pwd|secret|salt|nonce|otp"
      + "|session_?id|api_?key|csrf|reset_?code|verification_?code)(?i:s|_?id|_?value|_?str(?:ing)?|_?bytes|_?hex)?"
      + "\\b(?:\\s*:\\s*[\\w<>\\[\\]?]+)?\\s*(?::=|=(?![=>]))\\s*[^;\\n]*?";
  /** An unaliased import of math/rand: then {@code rand.X} is the non-cryptographic package. */
  private static final Pattern GO_MATH_RAND = Pattern.compile("(?m)^\\s*(?:import\\s+)?\"math/rand(?:/v2)?\"");

  private RandomRules() {}

  static List<Rule> rules() {
    return List.of(
        rule("DD-CRY-011", Severity.MEDIUM, "Non-cryptographic random generator used for a secret value",
            "Generate tokens, passwords, salts, nonces and keys with the platform's cryptographic random generator",
            Map.of(
                JAVA, "new SecureRandom().nextBytes(buf)",
                KOTLIN, "SecureRandom().nextBytes(buf)",
                PYTHON, "secrets.token_urlsafe(32)",
                JAVASCRIPT, "crypto.randomBytes(32).toString('hex') or crypto.randomUUID()",
                GO, "rand.Read(buf) from crypto/rand",
                CSHARP, "RandomNumberGenerator.GetBytes(32)"),
            List.of("CWE-330", "CWE-338"),
            on(JAVA, KOTLIN).key("random").back(160).refs("FindSecBugs PREDICTABLE_RANDOM")
                .regex(SECRET_ASSIGNMENT + "(?:\\bnew\\s+Random\\s*\\(|\\bMath\\s*\\.\\s*random\\s*\\("
                    + "|\\bThreadLocalRandom\\s*\\.\\s*current\\s*\\(|\\bRandomStringUtils\\s*\\.\\s*random\\w*\\s*\\("
                    + "|\\bRandom\\s*(?:\\(\\s*\\)|\\.\\s*(?:Default\\s*\\.\\s*)?next\\w*\\s*\\())"),
            on(PYTHON).key("random").back(160).refs("bandit B311")
                .regex(SECRET_ASSIGNMENT + "\\brandom\\s*\\.\\s*(?:random|randint|randrange|choice|choices|sample"
                    + "|getrandbits|randbytes)\\s*\\("),
            on(JAVASCRIPT).key("random").back(160)
                .regex(SECRET_ASSIGNMENT + "\\bMath\\s*\\.\\s*random\\s*\\("),
            on(GO).key("math/rand").anchor("rand").back(160).refs("gosec G404").check(RandomRules::goMathRand)
                .regex(SECRET_ASSIGNMENT + "\\brand\\s*\\.\\s*(?:Int\\w*|Uint\\w*|Read|Float\\w*|Perm|N)\\s*\\("),
            on(CSHARP).key("random").back(160)
                .regex(SECRET_ASSIGNMENT + "(?:\\bnew\\s+Random\\s*\\(|\\bRandom\\s*\\.\\s*Shared\\b)")));
  }

  static boolean goMathRand(Source source, Matcher m) {
    return GO_MATH_RAND.matcher(source.text()).find();
  }
}
