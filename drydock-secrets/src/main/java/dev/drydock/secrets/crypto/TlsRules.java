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

/**
 * DD-CRY-006 (trust-all X509TrustManager), DD-CRY-007 (hostname verification off) and DD-CRY-008 (certificate
 * validation off in HTTP/TLS client settings).
 */
final class TlsRules {
  /** Blank space and comments that may fill an "empty" method body. */
  private static final String EMPTY = "(?:\\s|//[^\\n]*|/\\*(?:[^*]|\\*(?!/))*\\*/)*";
  /** A lambda's parameters: {@code (a, b)}, {@code (_, _, _, _)}, {@code x} or typed ones. */
  private static final String PARAMS = "(?:\\([^()]*\\)|\\w+)";
  /** A C# callback body that accepts everything. */
  private static final String CS_ALWAYS_TRUE = "(?:" + PARAMS
      + "\\s*=>\\s*(?:true\\b|\\{\\s*return\\s+true\\s*;\\s*\\})"
      + "|delegate\\s*(?:\\([^()]*\\))?\\s*\\{\\s*return\\s+true\\s*;\\s*\\})";

  private TlsRules() {}

  static List<Rule> rules() {
    return List.of(
        rule("DD-CRY-006", Severity.HIGH, "TrustManager that trusts every certificate",
            "Use the platform's default TrustManager; to trust a private CA, load it into a KeyStore and build a "
                + "TrustManagerFactory from it; never leave checkServerTrusted empty",
            Map.of(
                JAVA, "TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).init(caKeyStore)",
                KOTLIN, "TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).init(caKeyStore)"),
            List.of("CWE-295"),
            on(JAVA, KOTLIN).key("checkServerTrusted").refs("FindSecBugs WEAK_TRUST_MANAGER")
                .regex("\\bcheckServerTrusted\\s*\\([^()]*\\)\\s*(?:throws\\s+[\\w.,\\s]+?)?(?::\\s*Unit\\s*)?"
                    + "(?:\\{" + EMPTY + "\\}|=\\s*Unit\\b)"),
            on(JAVA, KOTLIN).key("InsecureTrustManagerFactory", "TrustAllStrategy", "TrustSelfSignedStrategy")
                .regex("\\bInsecureTrustManagerFactory\\s*\\.\\s*INSTANCE\\b"
                    + "|\\bTrustAllStrategy\\s*\\.\\s*INSTANCE\\b|\\bnew\\s+Trust(?:All|SelfSigned)Strategy\\s*\\(")),
        rule("DD-CRY-007", Severity.HIGH, "Hostname verification disabled",
            "Keep the default hostname verifier; if a certificate lacks the right name, reissue it instead",
            Map.of(
                JAVA, "remove setHostnameVerifier, or use DefaultHostnameVerifier",
                KOTLIN, "remove hostnameVerifier { _, _ -> true }",
                PYTHON, "leave ssl context check_hostname = True"),
            List.of("CWE-297", "CWE-295"),
            on(JAVA, KOTLIN).key("HostnameVerifier").refs("FindSecBugs WEAK_HOSTNAME_VERIFIER")
                .regex("\\b(?:set(?:Default)?HostnameVerifier|hostnameVerifier)\\s*\\(\\s*" + PARAMS
                    + "\\s*->\\s*true\\s*\\)"
                    + "|\\b[hH]ostnameVerifier\\s*\\{\\s*\\w+\\s*,\\s*\\w+\\s*->\\s*true\\s*\\}"
                    + "|\\bHostnameVerifier\\s+\\w+\\s*=\\s*" + PARAMS + "\\s*->\\s*true\\b"),
            on(JAVA, KOTLIN).key("SSLSession").back(200).refs("FindSecBugs WEAK_HOSTNAME_VERIFIER")
                .regex("\\bboolean\\s+verify\\s*\\([^()]*SSLSession[^()]*\\)\\s*\\{" + EMPTY
                    + "return\\s+true\\s*;" + EMPTY + "\\}"
                    + "|\\bfun\\s+verify\\s*\\([^()]*SSLSession[^()]*\\)\\s*(?::\\s*Boolean\\s*)?"
                    + "(?:=\\s*true\\b|\\{" + EMPTY + "return\\s+true" + EMPTY + "\\})"),
            on(JAVA, KOTLIN).key("NoopHostnameVerifier", "AllowAllHostnameVerifier", "ALLOW_ALL_HOSTNAME_VERIFIER")
                .refs("FindSecBugs WEAK_HOSTNAME_VERIFIER")
                .regex("\\bNoopHostnameVerifier\\s*\\.\\s*INSTANCE\\b"
                    + "|\\bnew\\s+(?:Noop|AllowAll)HostnameVerifier\\s*\\("
                    + "|\\bALLOW_ALL_HOSTNAME_VERIFIER\\b(?!\\s*=)"),
            on(PYTHON).key("check_hostname").regex("\\.\\s*check_hostname\\s*=\\s*False\\b")),
        rule("DD-CRY-008", Severity.HIGH, "TLS certificate validation disabled",
            "Keep certificate validation on; to trust a private CA, point the client at its CA bundle",
            Map.of(
                PYTHON, "requests.get(url, verify='/path/to/ca.pem'); ssl.create_default_context(cafile=...)",
                JAVASCRIPT,
                "new https.Agent({ ca: fs.readFileSync('ca.pem') }); never set NODE_TLS_REJECT_UNAUTHORIZED=0",
                GO, "tls.Config{RootCAs: pool}",
                CSHARP, "validate in the callback (return errors == SslPolicyErrors.None) or install the CA"),
            List.of("CWE-295"),
            on(PYTHON).key("verify").back(200).refs("bandit B501").check(TlsRules::tlsCall)
                .regex("(?:[(,]\\s*|\\.\\s*)(?<at>verify|verify_ssl|verify_certs)\\s*=\\s*False\\b"),
            on(PYTHON).key("_create_unverified_context").refs("bandit B323")
                .regex("\\bssl\\s*\\.\\s*_create_unverified_context\\b"),
            on(PYTHON).key("CERT_NONE").back(120)
                .regex("(?:(?<![=!<>])=|[(,])\\s*(?<at>ssl\\s*\\.\\s*CERT_NONE\\b|['\"]CERT_NONE['\"])(?!\\s+if\\b)"),
            on(GO).key("InsecureSkipVerify").refs("gosec G402")
                .regex("\\bInsecureSkipVerify\\s*(?::|=)\\s*true\\b"),
            on(JAVASCRIPT).key("rejectUnauthorized", "strictSSL")
                .regex("(?<![\\w$.])['\"]?(?:rejectUnauthorized|strictSSL)['\"]?\\s*:\\s*false\\b"),
            on(JAVASCRIPT).key("NODE_TLS_REJECT_UNAUTHORIZED")
                .regex("\\bprocess\\s*\\.\\s*env\\s*(?:\\.\\s*NODE_TLS_REJECT_UNAUTHORIZED|\\[\\s*['\"`]"
                    + "NODE_TLS_REJECT_UNAUTHORIZED['\"`]\\s*\\])\\s*=(?!=)\\s*(?:['\"`]0['\"`]|0\\b)"),
            on(CSHARP).key("CertificateValidationCallback", "CertificateCustomValidationCallback")
                .refs("NetAnalyzers CA5359")
                .regex("\\b(?:ServerCertificateValidationCallback|ServerCertificateCustomValidationCallback"
                    + "|RemoteCertificateValidationCallback)\\s*\\+?=\\s*" + CS_ALWAYS_TRUE),
            on(CSHARP).key("DangerousAcceptAnyServerCertificateValidator")
                .regex("\\bDangerousAcceptAnyServerCertificateValidator\\b")));
  }

  /**
   * {@code verify=False} counts unless it is a parameter default ({@code def f(verify=False)}) or sits in a JWT
   * decode call, where it turns off signature checks, not TLS.
   */
  static boolean tlsCall(Source source, Matcher m) {
    int at = m.start("at");
    String callee = Calls.callee(source.text(), at);
    if (callee == null) {
      return true;
    }
    return !Calls.isDefinition(source.text(), at) && !callee.toLowerCase(java.util.Locale.ROOT).contains("jwt")
        && !callee.endsWith("decode");
  }
}
