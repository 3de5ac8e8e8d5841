package dev.drydock.web;

import dev.drydock.model.Severity;
import dev.drydock.model.WebAlert;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog of web rules: drydock id, ZAP alert id where ZAP has the same check (ids from ZAP's registry,
 * zaproxy docs/scanners.md, and its alert pages), severity, title, fix. docs/web.md lists it.
 */
public final class WebRules {
  private WebRules() {}

  /** One rule. */
  public record Rule(String id, String zapId, Severity severity, String title, String remediation, String cwe) {
    /** An alert of this rule. */
    WebAlert alert(String url, String param, String evidence) {
      return alert(url, param, evidence, severity, title);
    }

    WebAlert alert(String url, String param, String evidence, Severity sev, String text) {
      List<String> refs = new ArrayList<>();
      if (zapId != null) {
        refs.add("zap:" + zapId);
      }
      if (cwe != null) {
        refs.add(cwe);
      }
      String level = sev == Severity.HIGH || sev == Severity.CRITICAL ? "FAIL" : "WARN";
      return new WebAlert(id, zapId, sev, level, text, url, param, evidence == null ? null : oneLine(evidence),
          remediation, refs, List.of());
    }
  }

  private static final Map<String, Rule> ALL = new LinkedHashMap<>();

  private static Rule rule(String id, String zap, Severity s, String title, String fix, String cwe) {
    Rule r = new Rule(id, zap, s, title, fix, cwe);
    ALL.put(id, r);
    return r;
  }

  static final Rule CSP_MISSING = rule("DD-WEB-001", "10038", Severity.MEDIUM,
      "Content Security Policy (CSP) header not set", "Send a Content-Security-Policy header on every HTML response.",
      "CWE-693");
  static final Rule CSP_WEAK = rule("DD-WEB-002", "10055", Severity.MEDIUM, "Content Security Policy is weak",
      "Drop 'unsafe-inline', 'unsafe-eval' and wildcard sources; set object-src 'none' and frame-ancestors.",
      "CWE-693");
  static final Rule XFO = rule("DD-WEB-003", "10020", Severity.MEDIUM,
      "Missing anti-clickjacking header (X-Frame-Options or CSP frame-ancestors)",
      "Send X-Frame-Options: DENY (or SAMEORIGIN), or CSP frame-ancestors.", "CWE-1021");
  static final Rule XCTO = rule("DD-WEB-004", "10021", Severity.LOW, "X-Content-Type-Options header missing",
      "Send X-Content-Type-Options: nosniff.", "CWE-693");
  static final Rule HSTS = rule("DD-WEB-005", "10035", Severity.LOW,
      "Strict-Transport-Security header missing or weak",
      "Send Strict-Transport-Security: max-age=31536000; includeSubDomains on every https response.", "CWE-319");
  static final Rule SERVER_VERSION = rule("DD-WEB-006", "10036", Severity.LOW,
      "Server leaks version information via the Server header", "Remove the version from the Server header.",
      "CWE-497");
  static final Rule POWERED_BY = rule("DD-WEB-007", "10037", Severity.LOW,
      "Server leaks information via the X-Powered-By header", "Remove the X-Powered-By header.", "CWE-497");
  static final Rule ASPNET = rule("DD-WEB-008", "10061", Severity.LOW,
      "Server leaks information via X-AspNet-Version / X-AspNetMvc-Version",
      "Remove the X-AspNet-Version and X-AspNetMvc-Version headers.", "CWE-933");
  static final Rule COOKIE_SECURE = rule("DD-WEB-009", "10011", Severity.LOW, "Cookie without Secure flag",
      "Set the Secure attribute on every cookie sent over https.", "CWE-614");
  static final Rule COOKIE_HTTPONLY = rule("DD-WEB-010", "10010", Severity.LOW, "Cookie without HttpOnly flag",
      "Set the HttpOnly attribute unless scripts must read the cookie.", "CWE-1004");
  static final Rule COOKIE_SAMESITE = rule("DD-WEB-011", "10054", Severity.LOW,
      "Cookie without SameSite attribute (or SameSite=None, or invalid)", "Set SameSite=Lax or Strict.", "CWE-1275");
  static final Rule CORS_WILDCARD = rule("DD-WEB-012", "10098", Severity.MEDIUM,
      "Cross-domain misconfiguration: Access-Control-Allow-Origin: *",
      "Allow only the origins that need access.", "CWE-264");
  static final Rule CORS_REFLECTED = rule("DD-WEB-013", "40040", Severity.HIGH,
      "CORS reflects any Origin and allows credentials",
      "Check Origin against an allow list; never reflect it with Access-Control-Allow-Credentials: true.",
      "CWE-942");
  static final Rule CACHE = rule("DD-WEB-014", "10015", Severity.LOW,
      "Authenticated page may be cached (no Cache-Control: no-store or private)",
      "Send Cache-Control: no-store on authenticated responses.", "CWE-525");
  static final Rule REFERRER = rule("DD-WEB-015", null, Severity.LOW, "Referrer-Policy header missing or unsafe",
      "Send Referrer-Policy: strict-origin-when-cross-origin (or stricter).", "CWE-200");
  static final Rule PERMISSIONS = rule("DD-WEB-016", "10063", Severity.LOW, "Permissions-Policy header not set",
      "Send a Permissions-Policy header that turns off the features the site does not use.", "CWE-693");
  static final Rule SRI = rule("DD-WEB-017", "90003", Severity.MEDIUM,
      "Cross-origin script without Subresource Integrity", "Add an integrity attribute (and crossorigin).",
      "CWE-345");
  static final Rule MIXED = rule("DD-WEB-018", "10040", Severity.MEDIUM, "Secure page includes mixed (http) content",
      "Load every resource of an https page over https.", "CWE-311");
  static final Rule DIRLIST = rule("DD-WEB-019", "10033", Severity.MEDIUM, "Directory listing",
      "Turn off directory indexes.", "CWE-548");
  static final Rule ERROR = rule("DD-WEB-020", "90022", Severity.MEDIUM,
      "Application error disclosure (stack trace)", "Serve a generic error page; log the details server-side.",
      "CWE-209");
  static final Rule DEBUG = rule("DD-WEB-021", "10023", Severity.MEDIUM, "Debug error page (framework debug mode)",
      "Turn debug mode off in production.", "CWE-215");
  static final Rule PRIVATE_IP = rule("DD-WEB-022", "2", Severity.LOW, "Private IP address disclosed",
      "Remove internal addresses from responses.", "CWE-497");
  static final Rule SESSION_URL = rule("DD-WEB-023", "3", Severity.MEDIUM, "Session id in URL",
      "Keep session ids in cookies, never in URLs.", "CWE-598");
  static final Rule CSRF = rule("DD-WEB-024", "10202", Severity.MEDIUM, "Form without anti-CSRF token",
      "Add an anti-CSRF token to every state-changing form (and SameSite cookies).", "CWE-352");
  static final Rule FORM_HTTP = rule("DD-WEB-025", "10042", Severity.MEDIUM,
      "Form on an https page posts to http", "Post forms over https.", "CWE-319");
  static final Rule CONTENT_TYPE = rule("DD-WEB-026", "10019", Severity.LOW, "Content-Type header missing",
      "Send a Content-Type header (with charset) on every response with a body.", "CWE-345");
  static final Rule XSS_PROTECTION = rule("DD-WEB-027", "10016", Severity.LOW,
      "X-XSS-Protection header not set (informational)",
      "Send X-XSS-Protection: 0: the XSS auditor of old browsers is itself exploitable; rely on CSP.", "CWE-693");
  static final Rule HTTP_ONLY = rule("DD-WEB-028", "10106", Severity.LOW,
      "Site served over plain http (no https, so no HSTS and cookies in clear)",
      "Serve the site over https and redirect http to it.", "CWE-319");
  static final Rule VULN_JS = rule("DD-WEB-030", "10003", Severity.MEDIUM, "Vulnerable JavaScript library",
      "Upgrade the library to a fixed version.", "CWE-1395");
  static final Rule JENKINS = rule("DD-WEB-040", null, Severity.CRITICAL, "Jenkins open to anonymous users",
      "Turn on Jenkins security (an authorization strategy); never expose /script.", "CWE-306");
  static final Rule DOCKER_API = rule("DD-WEB-041", null, Severity.CRITICAL,
      "Docker Engine API reachable without TLS or authentication",
      "Bind the Docker API to a unix socket, or require TLS client certificates.", "CWE-306");
  static final Rule KUBERNETES = rule("DD-WEB-042", null, Severity.CRITICAL,
      "Kubernetes API or dashboard open to anonymous users", "Turn off anonymous auth; restrict RBAC.", "CWE-306");
  static final Rule ACTUATOR = rule("DD-WEB-043", null, Severity.HIGH, "Spring Boot actuator endpoint exposed",
      "Expose only health and info; secure the rest.", "CWE-215");
  static final Rule GIT = rule("DD-WEB-044", "41", Severity.HIGH, "Git repository served (.git/)",
      "Do not deploy .git; deny /.git/ in the web server.", "CWE-527");
  static final Rule DOTENV = rule("DD-WEB-045", "40034", Severity.HIGH, ".env file served",
      "Do not deploy .env; deny dot files in the web server.", "CWE-538");
  static final Rule DS_STORE = rule("DD-WEB-046", null, Severity.LOW, ".DS_Store file served",
      "Do not deploy .DS_Store files.", "CWE-538");
  static final Rule PHPINFO = rule("DD-WEB-047", null, Severity.MEDIUM, "phpinfo() page served",
      "Remove phpinfo pages.", "CWE-200");
  static final Rule MONITORING = rule("DD-WEB-048", null, Severity.HIGH,
      "Prometheus / Grafana admin API open to anonymous users", "Require authentication on monitoring admin APIs.",
      "CWE-306");
  static final Rule JENKINS_SEEN = rule("DD-WEB-049", null, Severity.LOW, "Jenkins identified by X-Jenkins/X-Hudson",
      "Hide the X-Jenkins and X-Hudson headers from untrusted networks.", "CWE-497");
  static final Rule TLS_OLD = rule("DD-WEB-050", null, Severity.HIGH, "TLS 1.0 or 1.1 accepted",
      "Accept TLS 1.2 and 1.3 only.", "CWE-327");
  static final Rule TLS_CERT = rule("DD-WEB-051", null, Severity.HIGH,
      "Certificate not trusted (self-signed, unknown issuer or hostname mismatch)",
      "Serve a certificate from a trusted CA that names the host.", "CWE-295");
  static final Rule TLS_EXPIRY = rule("DD-WEB-052", null, Severity.MEDIUM, "Certificate expires within 30 days",
      "Renew the certificate.", "CWE-298");

  static final Rule TLS_WEAK = rule("DD-WEB-053", null, Severity.HIGH, "Weak TLS cipher suite accepted",
      "Offer only AEAD suites with forward secrecy (no RC4, 3DES, NULL, export or anonymous suites).", "CWE-327");

  /** Every rule, by id order. */
  public static Collection<Rule> all() {
    return ALL.values();
  }

  public static Rule byId(String id) {
    return ALL.get(id);
  }

  static String oneLine(String s) {
    String t = s.replaceAll("[\\r\\n\\t]+", " ").strip();
    return t.length() > 200 ? t.substring(0, 200) + "..." : t;
  }
}
