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

/** DD-CRY-003 (broken ciphers), DD-CRY-004 (ECB mode) and DD-CRY-005 (constant IVs and nonces). */
final class CipherRules {
  private static final String CIPHER_CALL = "\\bCipher\\s*\\.\\s*getInstance\\s*\\(\\s*\"";
  private static final String JVM_CONST_BYTES = "(?:\"[^\"\\n]*\"\\s*\\.\\s*(?:getBytes|toByteArray)\\s*\\("
      + "|new\\s+byte\\s*\\[|ByteArray\\s*\\(\\s*\\d|byteArrayOf\\s*\\()";
  private static final String CS_CONST_BYTES = "(?:new\\s+byte\\s*\\["
      + "|Encoding\\s*\\.\\s*\\w+\\s*\\.\\s*GetBytes\\s*\\(\\s*@?\""
      + "|Convert\\s*\\.\\s*FromBase64String\\s*\\(\\s*@?\"|\"[^\"\\n]*\"u8)";
  private static final Pattern PY_CONST = Pattern.compile(
      "(?:[rbuRBU]{0,2}(?:'[^'\\n]*'|\"[^\"\\n]*\")(?:\\s*\\*\\s*\\d+)?"
          + "|bytes\\s*\\(\\s*\\d+\\s*\\)|bytearray\\s*\\(\\s*\\d+\\s*\\))");
  private static final Pattern JS_CONST = Pattern.compile(
      "(?:Buffer\\s*\\.\\s*alloc\\s*\\(.*|Buffer\\s*\\.\\s*from\\s*\\(\\s*(?:['\"`\\[]).*"
          + "|new\\s+Uint8Array\\s*\\(\\s*\\d+\\s*\\))",
      Pattern.DOTALL);
  private static final Pattern GO_CONST = Pattern.compile(
      "(?:\\[\\]byte\\s*\\(\\s*[\"`].*|\\[\\]byte\\s*\\{.*|make\\s*\\(\\s*\\[\\]byte\\s*,.*)", Pattern.DOTALL);
  private static final Pattern IV_KEYWORD = Pattern.compile("^(?:iv|nonce|initialization_vector)\\s*=\\s*(.*)$",
      Pattern.DOTALL);

  private CipherRules() {}

  static List<Rule> rules() {
    return List.of(
        rule("DD-CRY-003", Severity.HIGH, "Broken or weak cipher (DES, 3DES, RC4, RC2, Blowfish)",
            "Use AES-GCM or ChaCha20-Poly1305 with 128-bit or longer keys",
            Map.of(
                JAVA, "Cipher.getInstance(\"AES/GCM/NoPadding\")",
                KOTLIN, "Cipher.getInstance(\"AES/GCM/NoPadding\")",
                PYTHON, "cryptography's AESGCM, or Crypto.Cipher.AES with MODE_GCM",
                JAVASCRIPT, "crypto.createCipheriv('aes-256-gcm', key, iv)",
                GO, "aes.NewCipher with cipher.NewGCM",
                CSHARP, "AesGcm"),
            List.of("CWE-327"),
            on(JAVA, KOTLIN).key("Cipher").refs("FindSecBugs DES_USAGE")
                .regex(CIPHER_CALL + "(?i:DES)(?:/[^\"]*)?\""),
            on(JAVA, KOTLIN).key("Cipher").refs("FindSecBugs TDES_USAGE")
                .regex(CIPHER_CALL + "(?i:DESede|TripleDES|3DES)(?:/[^\"]*)?\""),
            on(JAVA, KOTLIN).key("Cipher")
                .regex(CIPHER_CALL + "(?i:RC4|ARCFOUR|RC2|Blowfish)(?:/[^\"]*)?\""),
            on(PYTHON).key("cipher").anchor("new", "algorithms").refs("bandit B304")
                .regex("\\b(?:DES3?|ARC4|ARC2|Blowfish|CAST|XOR)\\s*\\.\\s*new\\s*\\(|\\balgorithms\\s*\\.\\s*"
                    + "(?:TripleDES|ARC4|Blowfish|IDEA|CAST5|SEED)\\s*\\("),
            on(JAVASCRIPT).key("cipheriv")
                .regex("\\bcreate(?:De|de)?[Cc]ipheriv\\s*\\(\\s*['\"`](?i:des\\w*|rc[24]|bf|blowfish|cast5?|idea)"
                    + "(?:-[\\w-]*)?['\"`]"),
            on(JAVASCRIPT).key("CryptoJS").regex("\\bCryptoJS\\s*\\.\\s*(?:DES|TripleDES|RC4|RC4Drop)\\s*\\."),
            on(GO).key("crypto/des", "crypto/rc4").anchor("des", "rc4").refs("gosec G405")
                .regex("\\b(?:des\\s*\\.\\s*(?:NewCipher|NewTripleDESCipher)|rc4\\s*\\.\\s*NewCipher)\\s*\\("),
            on(GO).key("crypto/blowfish").anchor("blowfish").regex("\\bblowfish\\s*\\.\\s*NewCipher\\s*\\("),
            on(CSHARP).key("DES", "RC2").refs("NetAnalyzers CA5351")
                .regex("\\b(?:(?:DES|RC2)\\s*\\.\\s*Create\\s*\\(|new\\s+(?:DES|RC2)CryptoServiceProvider\\s*\\()"),
            on(CSHARP).key("TripleDES").refs("NetAnalyzers CA5350")
                .regex("\\b(?:TripleDES\\s*\\.\\s*Create\\s*\\("
                    + "|new\\s+TripleDES(?:CryptoServiceProvider|Cng)\\s*\\()")),
        rule("DD-CRY-004", Severity.MEDIUM, "Block cipher in ECB mode (equal blocks give equal ciphertext)",
            "Use an authenticated mode (GCM) with a fresh random IV/nonce per message; name the mode explicitly",
            Map.of(
                JAVA, "Cipher.getInstance(\"AES/GCM/NoPadding\"); \"AES\" alone means AES/ECB/PKCS5Padding",
                KOTLIN, "Cipher.getInstance(\"AES/GCM/NoPadding\"); \"AES\" alone means AES/ECB/PKCS5Padding",
                PYTHON, "AES.new(key, AES.MODE_GCM) or cryptography's AESGCM",
                JAVASCRIPT, "crypto.createCipheriv('aes-256-gcm', key, iv)",
                CSHARP, "AesGcm, or CipherMode.CBC with a random IV and a MAC"),
            List.of("CWE-327"),
            on(JAVA, KOTLIN).key("Cipher").refs("FindSecBugs ECB_MODE")
                .regex(CIPHER_CALL
                    + "(?:(?!(?i:RSA|EC)/)[A-Za-z0-9_]+/ECB/[^\"]*|(?i:AES|AES_128|AES_256|Rijndael))\""),
            on(PYTHON).key("MODE_ECB").back(120).regex("\\b\\w+\\s*\\.\\s*MODE_ECB\\b"),
            on(PYTHON).key("ECB").refs("bandit B305").regex("\\bmodes\\s*\\.\\s*ECB\\s*\\("),
            on(JAVASCRIPT).key("ecb").back(200)
                .regex("\\bcreate(?:De|de)?[Cc]ipheriv\\s*\\(\\s*['\"`][\\w-]*-ecb['\"`]"
                    + "|\\bCryptoJS\\s*\\.\\s*mode\\s*\\.\\s*ECB\\b"),
            on(CSHARP).key("ECB").refs("NetAnalyzers CA5358").regex("\\bCipherMode\\s*\\.\\s*ECB\\b")),
        rule("DD-CRY-005", Severity.MEDIUM, "Constant IV or nonce (a literal or an all-zero buffer)",
            "Generate a fresh random IV/nonce for every encryption with a CSPRNG and send it with the ciphertext",
            Map.of(
                JAVA, "byte[] iv = new byte[12]; new SecureRandom().nextBytes(iv); new GCMParameterSpec(128, iv)",
                KOTLIN, "val iv = ByteArray(12).also { SecureRandom().nextBytes(it) }",
                PYTHON, "iv = os.urandom(16) or get_random_bytes(16)",
                JAVASCRIPT, "const iv = crypto.randomBytes(12)",
                GO, "nonce := make([]byte, gcm.NonceSize()); io.ReadFull(rand.Reader, nonce)",
                CSHARP, "aes.GenerateIV() or RandomNumberGenerator.GetBytes(16)"),
            List.of("CWE-329", "CWE-1204"),
            on(JAVA, KOTLIN).key("IvParameterSpec").refs("FindSecBugs STATIC_IV")
                .regex("\\b(?:new\\s+)?IvParameterSpec\\s*\\(\\s*" + JVM_CONST_BYTES),
            on(JAVA, KOTLIN).key("GCMParameterSpec").refs("FindSecBugs STATIC_IV")
                .regex("\\b(?:new\\s+)?GCMParameterSpec\\s*\\(\\s*[\\w.]+\\s*,\\s*" + JVM_CONST_BYTES),
            on(PYTHON).key("cipher").anchor("new").check(CipherRules::pyNewConstIv)
                .regex("\\b(?:AES|DES3?|Blowfish|ARC2|CAST)\\s*\\.\\s*new\\s*\\("),
            on(PYTHON).key("modes").check(CipherRules::pyModeConstIv)
                .regex("\\bmodes\\s*\\.\\s*(?:CBC|CFB|CFB8|OFB|CTR|GCM)\\s*\\("),
            on(JAVASCRIPT).key("cipheriv").check(CipherRules::jsConstIv)
                .regex("\\bcreate(?:De|de)?[Cc]ipheriv\\s*\\("),
            on(GO).key("crypto/cipher").anchor("cipher").refs("gosec G407").check(CipherRules::goConstIv)
                .regex("\\bcipher\\s*\\.\\s*New(?:CBCEncrypter|CBCDecrypter|CFBEncrypter|CFBDecrypter|CTR|OFB)\\s*\\("),
            on(GO).key("crypto/cipher").anchor("Seal", "Open").refs("gosec G407").check(CipherRules::goConstNonce)
                .regex("\\.\\s*(?:Seal|Open)\\s*\\("),
            on(CSHARP).key(".IV", "CreateEncryptor", "CreateDecryptor")
                .regex("\\.IV\\s*=\\s*" + CS_CONST_BYTES
                    + "|\\bCreate(?:En|De)cryptor\\s*\\(\\s*[\\w.]+\\s*,\\s*" + CS_CONST_BYTES)));
  }

  /** pycryptodome {@code AES.new(key, mode, iv)} or {@code iv=}/{@code nonce=} with a constant. */
  static boolean pyNewConstIv(Source source, Matcher m) {
    List<String> args = Calls.args(source.text(), m.end() - 1);
    if (args == null) {
      return false;
    }
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      Matcher kw = IV_KEYWORD.matcher(a);
      if (kw.matches() ? pyConst(kw.group(1)) : i == 2 && !a.contains("=") && pyConst(a)) {
        return true;
      }
    }
    return false;
  }

  /** cryptography {@code modes.CBC(iv)} with a constant. */
  static boolean pyModeConstIv(Source source, Matcher m) {
    List<String> args = Calls.args(source.text(), m.end() - 1);
    if (args == null || args.isEmpty()) {
      return false;
    }
    Matcher kw = IV_KEYWORD.matcher(args.get(0));
    return pyConst(kw.matches() ? kw.group(1) : args.get(0));
  }

  static boolean jsConstIv(Source source, Matcher m) {
    List<String> args = Calls.args(source.text(), m.end() - 1);
    if (args == null || args.size() < 3) {
      return false;
    }
    String iv = args.get(2);
    return Calls.nonEmptyLiteral(iv) || JS_CONST.matcher(iv).matches();
  }

  static boolean goConstIv(Source source, Matcher m) {
    List<String> args = Calls.args(source.text(), m.end() - 1);
    return args != null && args.size() == 2 && goConst(args.get(1));
  }

  /** {@code aead.Seal(dst, nonce, plaintext, data)} / {@code Open} with a constant nonce. */
  static boolean goConstNonce(Source source, Matcher m) {
    List<String> args = Calls.args(source.text(), m.end() - 1);
    return args != null && args.size() == 4 && goConst(args.get(1));
  }

  private static boolean pyConst(String arg) {
    return PY_CONST.matcher(arg.strip()).matches();
  }

  private static boolean goConst(String arg) {
    return Calls.nonEmptyLiteral(arg) || GO_CONST.matcher(arg).matches();
  }
}
