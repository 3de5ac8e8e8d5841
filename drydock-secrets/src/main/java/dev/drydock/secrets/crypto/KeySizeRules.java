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

/** DD-CRY-010: RSA, DSA or DH keys shorter than 2048 bits. */
final class KeySizeRules {
  static final int MIN_BITS = 2048;
  /** Largest elliptic-curve size (sect571): a smaller initialize(n) may be an EC generator. */
  private static final int MAX_EC_BITS = 571;
  private static final Pattern JVM_FINITE_FIELD_GENERATOR = Pattern.compile(
      "\\bKeyPairGenerator\\s*\\.\\s*getInstance\\s*\\(\\s*\"(?i:RSA|DSA|DH|DiffieHellman)\"");
  private static final Pattern JVM_EC_GENERATOR = Pattern.compile(
      "\\bKeyPairGenerator\\s*\\.\\s*getInstance\\s*\\(\\s*\"(?i:EC|ECDSA|ECDH|XDH|EdDSA|Ed25519|X25519)\"");
  private static final Pattern PY_KEY_SIZE = Pattern.compile("^key_size\\s*=\\s*(\\d+)$");

  private KeySizeRules() {}

  static List<Rule> rules() {
    return List.of(
        rule("DD-CRY-010", Severity.MEDIUM, "RSA, DSA or DH key shorter than 2048 bits",
            "Use RSA keys of at least 2048 bits (3072 for use beyond 2030), or an elliptic-curve key",
            Map.of(
                JAVA, "keyPairGenerator.initialize(3072)",
                KOTLIN, "keyPairGenerator.initialize(3072)",
                PYTHON, "rsa.generate_private_key(public_exponent=65537, key_size=3072)",
                JAVASCRIPT, "generateKeyPair('rsa', { modulusLength: 3072 }, ...)",
                GO, "rsa.GenerateKey(rand.Reader, 3072)",
                CSHARP, "RSA.Create(3072)"),
            List.of("CWE-326"),
            on(JAVA, KOTLIN).key("KeyPairGenerator").anchor("initialize").refs("FindSecBugs RSA_KEY_SIZE")
                .check(KeySizeRules::jvmInitialize)
                .regex("\\.\\s*initialize\\s*\\(\\s*(?<bits>\\d+)\\s*[,)]"),
            on(JAVA, KOTLIN).key("RSAKeyGenParameterSpec").refs("FindSecBugs RSA_KEY_SIZE").check(KeySizeRules::small)
                .regex("\\bRSAKeyGenParameterSpec\\s*\\(\\s*(?<bits>\\d+)\\s*,"),
            on(PYTHON).key("generate", "newkeys").refs("bandit B505").check(KeySizeRules::small)
                .regex("\\b(?:RSA|DSA)\\s*\\.\\s*generate\\s*\\(\\s*(?:bits\\s*=\\s*)?(?<bits>\\d+)\\s*[,)]"
                    + "|\\brsa\\s*\\.\\s*newkeys\\s*\\(\\s*(?<bits2>\\d+)\\s*[,)]"),
            on(PYTHON).key("generate_private_key").refs("bandit B505").check(KeySizeRules::pyGenerate)
                .regex("\\b(?:rsa|dsa)\\s*\\.\\s*generate_private_key\\s*\\("),
            on(JAVASCRIPT).key("modulusLength").anchor("generateKeyPair").check(KeySizeRules::small)
                .regex("\\bgenerateKeyPair(?:Sync)?\\s*\\(\\s*['\"`](?:rsa|rsa-pss|dsa)['\"`]\\s*,\\s*\\{[^{}]*?"
                    + "\\bmodulusLength\\s*:\\s*(?<bits>\\d+)"),
            on(GO).key("GenerateKey").refs("gosec G403").check(KeySizeRules::small)
                .regex("\\brsa\\s*\\.\\s*GenerateKey\\s*\\(\\s*[\\w.]+\\s*,\\s*(?<bits>\\d+)\\s*\\)"),
            on(CSHARP).key("RSA", "DSA").refs("NetAnalyzers CA5385").check(KeySizeRules::small)
                .regex("\\b(?:new\\s+(?:RSACryptoServiceProvider|RSACng|DSACryptoServiceProvider|DSACng)"
                    + "|(?:RSA|DSA)\\s*\\.\\s*Create)\\s*\\(\\s*(?<bits>\\d+)\\s*\\)")));
  }

  static boolean small(Source source, Matcher m) {
    String bits = m.group("bits");
    if (bits == null && m.pattern().pattern().contains("(?<bits2>")) {
      bits = m.group("bits2");
    }
    return bits != null && bits.length() < 6 && Integer.parseInt(bits) < MIN_BITS;
  }

  /**
   * {@code kpg.initialize(n)} with n below 2048 in a file that creates an RSA/DSA/DH generator; sizes that
   * fit an elliptic curve count only when the file creates no EC generator.
   */
  static boolean jvmInitialize(Source source, Matcher m) {
    if (!small(source, m) || !JVM_FINITE_FIELD_GENERATOR.matcher(source.text()).find()) {
      return false;
    }
    return Integer.parseInt(m.group("bits")) > MAX_EC_BITS || !JVM_EC_GENERATOR.matcher(source.text()).find();
  }

  /** cryptography {@code rsa.generate_private_key(65537, 1024)} or {@code key_size=1024}. */
  static boolean pyGenerate(Source source, Matcher m) {
    List<String> args = Calls.args(source.text(), m.end() - 1);
    if (args == null) {
      return false;
    }
    for (int i = 0; i < args.size(); i++) {
      Matcher kw = PY_KEY_SIZE.matcher(args.get(i));
      String bits = kw.matches() ? kw.group(1) : i == 1 && args.get(i).matches("\\d+") ? args.get(i) : null;
      if (bits != null && bits.length() < 6 && Integer.parseInt(bits) < MIN_BITS) {
        return true;
      }
    }
    return false;
  }
}
