package dev.drydock.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The MDN HTTP Observatory's score of one page (its scoring as published in {@code @mdn/mdn-http-observatory}
 * 1.4.x, reimplemented here from its documented rules: every test's result has a modifier, the score starts at
 * 100, bonuses count only when the score without them is at least 90, and the grade is read from the score
 * rounded down to a multiple of 5). Differences from the Observatory (docs/web.md): drydock requests one origin
 * only, so an {@code http://} target is scored as a site with no https answer and an {@code https://} target as one
 * with no http answer; the HSTS preload list and {@code <meta http-equiv>} policies are not read; the CORS test
 * uses drydock's GET probe instead of an OPTIONS request.
 */
final class ObservatoryScore {
  private ObservatoryScore() {}

  /** The score, its grade and one line per test ({@code test: result (modifier)}). */
  record Result(int score, String grade, List<String> tests) {}

  static final Map<String, Integer> MODIFIERS = Map.ofEntries(
      Map.entry("csp-implemented-with-no-unsafe-default-src-none", 10),
      Map.entry("csp-implemented-with-no-unsafe", 5),
      Map.entry("csp-implemented-with-unsafe-inline-in-style-src-only", 0),
      Map.entry("csp-implemented-with-insecure-scheme-in-passive-content-only", -10),
      Map.entry("csp-implemented-with-unsafe-eval", -10),
      Map.entry("csp-implemented-with-unsafe-inline", -20),
      Map.entry("csp-implemented-with-insecure-scheme", -20),
      Map.entry("csp-header-invalid", -25),
      Map.entry("csp-not-implemented", -25),
      Map.entry("csp-not-implemented-but-reporting-enabled", -25),
      Map.entry("csp-implemented-but-duplicate-directives", 0),
      Map.entry("cookies-secure-with-httponly-sessions-and-samesite", 5),
      Map.entry("cookies-secure-with-httponly-sessions", 0),
      Map.entry("cookies-not-found", 0),
      Map.entry("cookies-without-secure-flag-but-protected-by-hsts", -5),
      Map.entry("cookies-session-without-secure-flag-but-protected-by-hsts", -10),
      Map.entry("cookies-without-secure-flag", -20),
      Map.entry("cookies-samesite-flag-invalid", -20),
      Map.entry("cookies-anticsrf-without-samesite-flag", -20),
      Map.entry("cookies-session-without-httponly-flag", -30),
      Map.entry("cookies-session-without-secure-flag", -40),
      Map.entry("cross-origin-resource-sharing-not-implemented", 0),
      Map.entry("cross-origin-resource-sharing-implemented-with-public-access", 0),
      Map.entry("cross-origin-resource-sharing-implemented-with-restricted-access", 0),
      Map.entry("cross-origin-resource-sharing-implemented-with-universal-access", -50),
      Map.entry("redirection-to-https", 0),
      Map.entry("redirection-not-needed-no-http", 0),
      Map.entry("redirection-missing", -20),
      Map.entry("referrer-policy-private", 5),
      Map.entry("referrer-policy-not-implemented", 0),
      Map.entry("referrer-policy-unsafe", -5),
      Map.entry("referrer-policy-header-invalid", -5),
      Map.entry("hsts-implemented-max-age-at-least-six-months", 0),
      Map.entry("hsts-implemented-max-age-less-than-six-months", -10),
      Map.entry("hsts-not-implemented", -20),
      Map.entry("hsts-header-invalid", -20),
      Map.entry("hsts-not-implemented-no-https", -20),
      Map.entry("hsts-invalid-cert", -20),
      Map.entry("sri-implemented-and-all-scripts-loaded-securely", 5),
      Map.entry("sri-implemented-and-external-scripts-loaded-securely", 5),
      Map.entry("sri-not-implemented-response-not-html", 0),
      Map.entry("sri-not-implemented-but-no-scripts-loaded", 0),
      Map.entry("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0),
      Map.entry("sri-not-implemented-but-external-scripts-loaded-securely", -5),
      Map.entry("sri-implemented-but-external-scripts-not-loaded-securely", -20),
      Map.entry("sri-not-implemented-and-external-scripts-not-loaded-securely", -50),
      Map.entry("x-content-type-options-nosniff", 0),
      Map.entry("x-content-type-options-not-implemented", -5),
      Map.entry("x-content-type-options-header-invalid", -5),
      Map.entry("x-frame-options-implemented-via-csp", 5),
      Map.entry("x-frame-options-sameorigin-or-deny", 0),
      Map.entry("x-frame-options-allow-from-origin", 0),
      Map.entry("x-frame-options-not-implemented", -20),
      Map.entry("x-frame-options-header-invalid", -20),
      Map.entry("corp-header-invalid", -5),
      Map.entry("corp-implemented-with-cross-origin", 0),
      Map.entry("corp-implemented-with-same-origin", 10),
      Map.entry("corp-implemented-with-same-site", 10),
      Map.entry("corp-not-implemented", 0));

  private static final Set<String> BROAD = Set.of("ftp:", "http:", "https:", "*", "http://*", "http://*.*",
      "https://*", "https://*.*");
  private static final Set<String> UNSAFE_INLINE = Set.of("'unsafe-inline'", "data:");

  /** The score of {@code page} (redirects: none, as drydock follows only same-origin ones). */
  static Result of(Page page, List<Page> redirects) {
    return of(page, redirects, true, false);
  }

  /**
   * @param trusted whether the https certificate was trusted
   * @param corsReflected whether the CORS probe's foreign Origin came back with credentials allowed
   */
  static Result of(Page page, List<Page> redirects, boolean trusted, boolean corsReflected) {
    boolean https = "https".equalsIgnoreCase(page.url().getScheme());
    Map<String, String> r = new TreeMap<>();
    Map<String, Set<String>> csp;
    String cspResult;
    try {
      csp = parseCsp(page.headers("Content-Security-Policy"));
      cspResult = csp.isEmpty() ? (page.header("Content-Security-Policy-Report-Only") != null
          ? "csp-not-implemented-but-reporting-enabled" : "csp-not-implemented") : csp(csp, https);
    } catch (IllegalArgumentException e) {
      csp = Map.of();
      cspResult = "csp-header-invalid";
    }
    r.put("content-security-policy", cspResult);
    String hsts = hsts(page, https, trusted);
    r.put("strict-transport-security", hsts);
    r.put("cookies", cookies(page, redirects, hsts.equals("hsts-implemented-max-age-at-least-six-months")));
    String acao = page.header("Access-Control-Allow-Origin");
    r.put("cross-origin-resource-sharing", corsReflected ? "cross-origin-resource-sharing-implemented-with-universal-access"
        : acao == null ? "cross-origin-resource-sharing-not-implemented"
        : acao.strip().equals("*") ? "cross-origin-resource-sharing-implemented-with-public-access"
        : "cross-origin-resource-sharing-implemented-with-restricted-access");
    r.put("redirection", https ? "redirection-not-needed-no-http" : "redirection-missing");
    r.put("referrer-policy", referrer(page));
    r.put("subresource-integrity", sri(page, https));
    String xcto = page.header("X-Content-Type-Options");
    r.put("x-content-type-options", xcto == null ? "x-content-type-options-not-implemented"
        : cut(xcto, 256).strip().equalsIgnoreCase("nosniff") ? "x-content-type-options-nosniff"
        : "x-content-type-options-header-invalid");
    r.put("x-frame-options", xfo(page, csp));
    String corp = page.header("Cross-Origin-Resource-Policy");
    String c = corp == null ? null : cut(corp, 256).strip().toLowerCase(Locale.ROOT);
    r.put("cross-origin-resource-policy", c == null || c.isEmpty() ? "corp-not-implemented"
        : c.equals("same-site") ? "corp-implemented-with-same-site"
        : c.equals("same-origin") ? "corp-implemented-with-same-origin"
        : c.equals("cross-origin") ? "corp-implemented-with-cross-origin" : "corp-header-invalid");
    int withBonus = 100;
    int penalties = 100;
    List<String> tests = new ArrayList<>();
    for (Map.Entry<String, String> e : r.entrySet()) {
      int m = MODIFIERS.get(e.getValue());
      withBonus += m;
      if (m < 0) {
        penalties += m;
      }
      tests.add(e.getKey() + ": " + e.getValue() + " (" + (m > 0 ? "+" : "") + m + ")");
    }
    int score = Math.max(0, penalties >= 90 ? withBonus : penalties);
    return new Result(score, grade(score), tests);
  }

  static String grade(int score) {
    int key = Math.min(score - score % 5, 100);
    String[] grades = {"F", "F", "F", "F", "F", "D-", "D", "D", "D+", "C-", "C", "C", "C+", "B-", "B", "B", "B+",
        "A-", "A", "A", "A+"};
    return grades[key / 5];
  }

  private static String cut(String s, int n) {
    return s.length() > n ? s.substring(0, n) : s;
  }

  /** One or more CSP headers as the Observatory reads the first: directive to lower-case sources. */
  static Map<String, Set<String>> parseCsp(List<String> headers) {
    Map<String, Set<String>> out = new java.util.LinkedHashMap<>();
    if (headers.isEmpty()) {
      return out;
    }
    for (String h : headers) {
      String clean = h.replaceAll("[\\r\\n]", "").strip();
      if (clean.length() < 6) {
        throw new IllegalArgumentException("policy too short");
      }
    }
    // the Observatory merges several policies; drydock reads the first only (several are reported in docs)
    String policy = headers.get(0).replaceAll("[\\r\\n]", "").strip();
    Set<String> seen = new java.util.HashSet<>();
    for (String entry : policy.split(";")) {
      String[] tokens = entry.strip().split("\\s+");
      if (tokens.length == 0 || tokens[0].isEmpty()) {
        continue;
      }
      String d = tokens[0].toLowerCase(Locale.ROOT);
      if (!seen.add(d)) {
        if (d.equals("report-uri") || d.equals("report-to")) {
          continue;
        }
        throw new IllegalArgumentException("duplicate directive " + d);
      }
      Set<String> sources = new LinkedHashSet<>();
      for (int i = 1; i < tokens.length; i++) {
        sources.add(tokens[i].strip().toLowerCase(Locale.ROOT));
      }
      if (sources.isEmpty() && d.endsWith("-src")) {
        sources.add("'none'");
      }
      out.put(d, sources.isEmpty() ? new LinkedHashSet<>(Set.of("'none'")) : sources);
    }
    return out;
  }

  private static Set<String> get(Map<String, Set<String>> csp, String d, boolean fallback) {
    Set<String> own = csp.get(d);
    if (own != null) {
      return new LinkedHashSet<>(own);
    }
    Set<String> def = fallback ? csp.get("default-src") : null;
    return def != null ? new LinkedHashSet<>(def) : new LinkedHashSet<>(Set.of("*"));
  }

  private static boolean noncesOrHashes(Set<String> sources) {
    return sources.stream().anyMatch(s -> s.startsWith("'sha256-") || s.startsWith("'sha384-")
        || s.startsWith("'sha512-") || s.startsWith("'nonce-"));
  }

  private static String csp(Map<String, Set<String>> csp, boolean https) {
    String result = null;
    Set<String> object = get(csp, "object-src", true);
    Set<String> script = get(csp, "script-src", true);
    Set<String> style = get(csp, "style-src", true);
    for (Set<String> s : List.of(script, style)) {
      if (noncesOrHashes(s)) {
        s.remove("'unsafe-inline'");
      }
    }
    if (noncesOrHashes(script) && script.contains("'strict-dynamic'")) {
      script.removeIf(s -> BROAD.stream().anyMatch(s::startsWith) || s.equals("'self'")
          || s.equals("'unsafe-inline'"));
    } else if (script.contains("'strict-dynamic'")) {
      result = "csp-header-invalid";
    }
    List<String> active = new ArrayList<>();
    csp.forEach((d, s) -> {
      if (!d.equals("img-src") && !d.equals("media-src") && !d.equals("script-src")) {
        active.addAll(s);
      }
    });
    active.addAll(script);
    List<String> passive = new ArrayList<>();
    for (String d : List.of("img-src", "media-src")) {
      Set<String> s = csp.containsKey(d) ? csp.get(d) : csp.get("default-src");
      if (s != null) {
        passive.addAll(s);
      }
    }
    if (script.stream().anyMatch(s -> BROAD.contains(s) || UNSAFE_INLINE.contains(s))
        || object.stream().anyMatch(BROAD::contains)) {
      result = result == null ? "csp-implemented-with-unsafe-inline" : result;
    }
    if (https && active.stream().anyMatch(s -> s.startsWith("http:") || s.startsWith("ftp:"))) {
      result = result == null ? "csp-implemented-with-insecure-scheme" : result;
    }
    if (script.contains("'unsafe-eval'") || style.contains("'unsafe-eval'")) {
      result = result == null ? "csp-implemented-with-unsafe-eval" : result;
    }
    if (https && passive.stream().anyMatch(s -> s.startsWith("http:") || s.startsWith("ftp:"))) {
      result = result == null ? "csp-implemented-with-insecure-scheme-in-passive-content-only" : result;
    }
    if (style.stream().anyMatch(s -> BROAD.contains(s) || UNSAFE_INLINE.contains(s))) {
      result = result == null ? "csp-implemented-with-unsafe-inline-in-style-src-only" : result;
    }
    Set<String> def = csp.get("default-src");
    if (def != null && def.contains("'none'") && def.size() == 1) {
      result = result == null ? "csp-implemented-with-no-unsafe-default-src-none" : result;
    } else {
      result = result == null ? "csp-implemented-with-no-unsafe" : result;
    }
    return result;
  }

  /** max-age of an HSTS header as the Observatory reads it; null when the header is invalid. */
  static Long hstsMaxAge(String header) {
    String h = cut(header, 1024);
    if (h.contains(",")) {
      return null;
    }
    Long maxAge = null;
    for (String p : h.split(";")) {
      String t = p.strip().toLowerCase(Locale.ROOT);
      if (t.startsWith("max-age=")) {
        String v = t.substring(8).strip();
        int i = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
          i++;
        }
        if (i == 0) {
          return null;
        }
        maxAge = Long.parseLong(v.substring(0, Math.min(i, 18)));
      }
    }
    return maxAge;
  }

  private static String hsts(Page page, boolean https, boolean trusted) {
    if (!https) {
      return "hsts-not-implemented-no-https";
    }
    if (!trusted) {
      return "hsts-invalid-cert";
    }
    String h = page.header("Strict-Transport-Security");
    if (h == null) {
      return "hsts-not-implemented";
    }
    Long maxAge = hstsMaxAge(h);
    if (maxAge == null) {
      return "hsts-header-invalid";
    }
    return maxAge < 15_552_000L ? "hsts-implemented-max-age-less-than-six-months"
        : "hsts-implemented-max-age-at-least-six-months";
  }

  private static final List<String> COOKIE_ORDER = List.of(
      "cookies-without-secure-flag-but-protected-by-hsts", "cookies-without-secure-flag",
      "cookies-session-without-secure-flag-but-protected-by-hsts", "cookies-samesite-flag-invalid",
      "cookies-anticsrf-without-samesite-flag", "cookies-session-without-httponly-flag",
      "cookies-session-without-secure-flag");

  private static String worse(String next, String current) {
    return current == null || COOKIE_ORDER.indexOf(next) > COOKIE_ORDER.indexOf(current) ? next : current;
  }

  private static String cookies(Page page, List<Page> redirects, boolean hsts) {
    List<String> raw = new ArrayList<>();
    redirects.forEach(p -> raw.addAll(p.headers("Set-Cookie")));
    raw.addAll(page.headers("Set-Cookie"));
    String result = null;
    for (String rc : page.headers("Set-Cookie")) {
      for (String part : rc.strip().split(";")) {
        String[] kv = part.strip().split("=", -1);
        if (kv[0].strip().equalsIgnoreCase("samesite")) {
          String v = kv.length > 1 ? kv[1].strip().toLowerCase(Locale.ROOT) : "";
          if (v.isEmpty() || !List.of("lax", "strict", "none").contains(v)) {
            result = worse("cookies-samesite-flag-invalid", result);
          }
        }
      }
    }
    Map<String, SetCookie> jar = new java.util.LinkedHashMap<>();
    for (String rc : raw) {
      SetCookie c = SetCookie.parse(rc);
      if (c != null) {
        jar.put(c.name(), c);
      }
    }
    if (jar.isEmpty()) {
      return "cookies-not-found";
    }
    boolean missingSameSite = false;
    for (SetCookie c : jar.values()) {
      String key = c.name().toLowerCase(Locale.ROOT);
      boolean session = key.contains("login") || key.contains("sess");
      boolean anticsrf = key.contains("csrf");
      String ss = c.sameSite() == null ? null : c.sameSite().toLowerCase(Locale.ROOT);
      boolean hasSameSite = ss != null && List.of("lax", "strict", "none").contains(ss);
      if (!c.secure() && "none".equals(ss)) {
        result = worse("cookies-samesite-flag-invalid", result);
      }
      if (!c.secure()) {
        result = worse(hsts ? "cookies-without-secure-flag-but-protected-by-hsts" : "cookies-without-secure-flag",
            result);
      }
      if (anticsrf && !hasSameSite) {
        result = worse("cookies-anticsrf-without-samesite-flag", result);
      }
      if (session && !c.secure()) {
        result = worse(hsts ? "cookies-session-without-secure-flag-but-protected-by-hsts"
            : "cookies-session-without-secure-flag", result);
      }
      if (session && !c.httpOnly()) {
        result = worse("cookies-session-without-httponly-flag", result);
      }
      missingSameSite |= !hasSameSite;
    }
    if (result == null) {
      result = missingSameSite ? "cookies-secure-with-httponly-sessions"
          : "cookies-secure-with-httponly-sessions-and-samesite";
    }
    return result;
  }

  private static String referrer(Page page) {
    List<String> values = page.headers("Referrer-Policy");
    if (values.isEmpty()) {
      return "referrer-policy-not-implemented";
    }
    String policy = ReferrerPolicy.effective(String.join(", ", values));
    return policy == null ? "referrer-policy-header-invalid"
        : ReferrerPolicy.PRIVATE.contains(policy) ? "referrer-policy-private" : "referrer-policy-unsafe";
  }

  private static String xfo(Page page, Map<String, Set<String>> csp) {
    String h = page.header("X-Frame-Options");
    String result;
    if (h == null) {
      result = "x-frame-options-not-implemented";
    } else {
      String v = cut(h, 1024).strip().toLowerCase(Locale.ROOT);
      result = v.equals("deny") || v.equals("sameorigin") ? "x-frame-options-sameorigin-or-deny"
          : v.startsWith("allow-from") ? "x-frame-options-allow-from-origin" : "x-frame-options-header-invalid";
    }
    return csp.containsKey("frame-ancestors") ? "x-frame-options-implemented-via-csp" : result;
  }

  private static final List<String> SRI_ORDER = List.of(
      "sri-implemented-and-all-scripts-loaded-securely", "sri-implemented-and-external-scripts-loaded-securely",
      "sri-implemented-but-external-scripts-not-loaded-securely",
      "sri-not-implemented-but-external-scripts-loaded-securely",
      "sri-not-implemented-and-external-scripts-not-loaded-securely", "sri-not-implemented-response-not-html");

  private static String sriWorse(String next, String current) {
    return current == null || SRI_ORDER.indexOf(next) > SRI_ORDER.indexOf(current) ? next : current;
  }

  private static String sri(Page page, boolean https) {
    if (!page.html()) {
      return "sri-not-implemented-response-not-html";
    }
    Document doc = Jsoup.parse(page.text());
    String result = null;
    boolean foreign = false;
    List<Element> scripts = doc.select("script");
    String pageDomain = registrable(page.url().getHost());
    for (Element s : scripts) {
      String src = s.attr("src");
      if (src.isEmpty()) {
        continue;
      }
      boolean relativeOrigin = false;
      boolean relativeProtocol = false;
      boolean sameDomain;
      if (src.matches("^//[^/].*")) {
        relativeProtocol = true;
        sameDomain = true;
      } else if (src.matches("(?i)^https?://.*")) {
        String host;
        try {
          host = java.net.URI.create(src.replace(" ", "%20")).getHost();
        } catch (IllegalArgumentException e) {
          host = null;
        }
        sameDomain = java.util.Objects.equals(registrable(host), pageDomain);
      } else {
        relativeOrigin = true;
        sameDomain = true;
      }
      boolean secureOrigin = relativeOrigin || sameDomain && !relativeProtocol;
      foreign |= !secureOrigin;
      String scheme = !relativeProtocol && !relativeOrigin ? src.substring(0, src.indexOf(':')).toLowerCase(
          Locale.ROOT) : null;
      boolean secureScheme = "https".equals(scheme) || relativeOrigin && https;
      boolean integrity = s.hasAttr("integrity") && !s.attr("integrity").isEmpty();
      if (!secureOrigin) {
        if (integrity && !secureScheme) {
          result = sriWorse("sri-implemented-but-external-scripts-not-loaded-securely", result);
        } else if (!integrity && secureScheme) {
          result = sriWorse("sri-not-implemented-but-external-scripts-loaded-securely", result);
        } else if (!integrity) {
          result = sriWorse("sri-not-implemented-and-external-scripts-not-loaded-securely", result);
        }
      } else if (integrity && secureScheme && result == null) {
        result = "sri-implemented-and-all-scripts-loaded-securely";
      }
    }
    if (scripts.isEmpty()) {
      return "sri-not-implemented-but-no-scripts-loaded";
    }
    if (result == null) {
      result = foreign ? "sri-implemented-and-external-scripts-loaded-securely"
          : "sri-not-implemented-but-all-scripts-loaded-from-secure-origin";
    }
    return result;
  }

  /** The last two labels of a host name (an approximation of the registrable domain); null for an IP address. */
  static String registrable(String host) {
    if (host == null || host.matches("[\\d.]+") || host.contains(":")) {
      return null;
    }
    String[] labels = host.toLowerCase(Locale.ROOT).split("\\.");
    return labels.length < 2 ? null : labels[labels.length - 2] + "." + labels[labels.length - 1];
  }
}
