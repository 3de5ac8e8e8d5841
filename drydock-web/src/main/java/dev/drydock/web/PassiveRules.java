package dev.drydock.web;

import dev.drydock.model.Severity;
import dev.drydock.model.WebAlert;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The passive rules: what one response says about the service, read from its headers, cookies and body. No
 * request is made here.
 */
final class PassiveRules {
  private PassiveRules() {}

  /** What the rules know besides the response. */
  record Context(Origin origin, boolean authenticated) {}

  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+|/\\d");
  private static final Pattern PRIVATE_IP = Pattern.compile(
      "(?<![\\d.])(10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|172\\.(?:1[6-9]|2\\d|3[01])\\.\\d{1,3}\\.\\d{1,3}"
          + "|192\\.168\\.\\d{1,3}\\.\\d{1,3})(?![\\d.]*\\d)");
  private static final Pattern SESSION_IN_URL = Pattern.compile(
      "(?i)[;?&](jsessionid|phpsessid|aspsessionid\\w*|sessionid|session_id|sid)=([^&#\"'\\s]{8,})");
  private static final Pattern CSRF_NAME = Pattern.compile(
      "(?i)csrf|xsrf|token|authenticity|requestverification|nonce");
  private static final List<Pattern> STACK_TRACES = List.of(
      Pattern.compile("\\bat (?:[a-zA-Z_$][\\w$]*\\.)+[\\w$<>]+\\([\\w$]+\\.(?:java|kt|scala):\\d+\\)"),
      Pattern.compile("Exception in thread \""),
      Pattern.compile("Traceback \\(most recent call last\\):"),
      Pattern.compile("<b>(?:Fatal error|Warning|Parse error)</b>: .{0,300} on line <b>\\d+</b>"),
      Pattern.compile("Server Error in '[^']*' Application"),
      Pattern.compile("Whitelabel Error Page"),
      Pattern.compile("SQLSTATE\\[\\w+\\]"),
      Pattern.compile("\\bORA-\\d{5}\\b"),
      Pattern.compile("at [\\w.]+ in [^\\n]+\\.cs:line \\d+"));
  private static final List<Pattern> DEBUG_PAGES = List.of(
      Pattern.compile("You're seeing this error because you have <code>DEBUG = True</code>"),
      Pattern.compile("Werkzeug Debugger|The debugger caught an exception in your WSGI application"),
      Pattern.compile("Action Controller: Exception caught"),
      Pattern.compile("Whoops! There was an error\\.|Ignition\\b.{0,80}Laravel", Pattern.DOTALL));
  private static final List<Pattern> DIR_LISTINGS = List.of(
      Pattern.compile("<title>Index of /"),
      Pattern.compile("(?i)<title>Directory listing for /"),
      Pattern.compile("<h1>Directory Listing For \\["));

  /** Every alert {@code page} raises. {@code doc} is its parsed HTML, null when it is not HTML. */
  static List<WebAlert> check(Page page, Document doc, Context ctx) {
    List<WebAlert> out = new ArrayList<>();
    String url = page.url().toString();
    boolean html = doc != null;
    boolean ok = page.status() >= 200 && page.status() < 300;
    headers(page, html, ok, ctx, url, out);
    cookies(page, ctx, url, out);
    if (page.status() >= 200 && !"HEAD".equals(page.method())) {
      body(page, doc, ctx, url, out);
    }
    return out;
  }

  private static void headers(Page page, boolean html, boolean ok, Context ctx, String url, List<WebAlert> out) {
    String csp = page.header("Content-Security-Policy");
    Csp policy = csp == null ? null : Csp.parse(csp);
    if (html && ok) {
      if (csp == null) {
        out.add(WebRules.CSP_MISSING.alert(url, "Content-Security-Policy", null));
      } else {
        weakCsp(policy, url, csp, out);
      }
      String xfo = page.header("X-Frame-Options");
      if (xfo == null && (policy == null || !policy.has("frame-ancestors"))) {
        out.add(WebRules.XFO.alert(url, "X-Frame-Options", null));
      } else if (xfo == null) {
        // frame-ancestors protects current browsers; older ones read only X-Frame-Options (wapiti reports it)
        out.add(WebRules.XFO.alert(url, "X-Frame-Options", null, Severity.LOW,
            "X-Frame-Options not set (CSP frame-ancestors protects current browsers only)").withLevel("INFO"));
      } else if (xfo != null && !xfo.strip().equalsIgnoreCase("DENY") && !xfo.strip().equalsIgnoreCase("SAMEORIGIN")
          && (policy == null || !policy.has("frame-ancestors"))) {
        out.add(WebRules.XFO.alert(url, "X-Frame-Options", xfo, Severity.MEDIUM,
            "X-Frame-Options setting malformed"));
      }
      String rp = page.header("Referrer-Policy");
      if (rp == null) {
        out.add(WebRules.REFERRER.alert(url, "Referrer-Policy", null));
      } else if (ReferrerPolicy.unsafe(rp)) {
        out.add(WebRules.REFERRER.alert(url, "Referrer-Policy", rp, Severity.LOW,
            "Referrer-Policy leaks full URLs to other origins"));
      }
      if (page.header("Permissions-Policy") == null) {
        out.add(WebRules.PERMISSIONS.alert(url, "Permissions-Policy", null));
      }
      if (page.header("X-XSS-Protection") == null) {
        out.add(WebRules.XSS_PROTECTION.alert(url, "X-XSS-Protection", null).withLevel("INFO"));
      }
    }
    if (ok && page.header("Content-Type") == null && page.body().length > 0) {
      out.add(WebRules.CONTENT_TYPE.alert(url, "Content-Type", null));
    }
    if (ok) {
      String xcto = page.header("X-Content-Type-Options");
      if (xcto == null || !xcto.strip().equalsIgnoreCase("nosniff")) {
        out.add(WebRules.XCTO.alert(url, "X-Content-Type-Options", xcto));
      }
    }
    if (ctx.origin().https()) {
      hsts(page.header("Strict-Transport-Security"), url, out);
    }
    String server = page.header("Server");
    if (server != null && VERSION.matcher(server).find()) {
      out.add(WebRules.SERVER_VERSION.alert(url, "Server", server));
    }
    for (String p : page.headers("X-Powered-By")) {
      out.add(WebRules.POWERED_BY.alert(url, "X-Powered-By", p));
    }
    for (String h : List.of("X-AspNet-Version", "X-AspNetMvc-Version")) {
      if (page.header(h) != null) {
        out.add(WebRules.ASPNET.alert(url, h, page.header(h)));
      }
    }
    String acao = page.header("Access-Control-Allow-Origin");
    if (acao != null && acao.strip().equals("*")) {
      out.add(WebRules.CORS_WILDCARD.alert(url, "Access-Control-Allow-Origin", acao));
    }
    if (ctx.authenticated() && ok && !"HEAD".equals(page.method())) {
      String cc = page.header("Cache-Control");
      String l = cc == null ? "" : cc.toLowerCase(Locale.ROOT);
      if (!l.contains("no-store") && !l.contains("private")) {
        out.add(WebRules.CACHE.alert(url, "Cache-Control", cc));
      }
    }
  }

  private static void weakCsp(Csp p, String url, String raw, List<WebAlert> out) {
    List<String> script = p.effective("script-src");
    if (Csp.containsKeyword(script, "'unsafe-inline'")) {
      out.add(WebRules.CSP_WEAK.alert(url, "script-src 'unsafe-inline'", raw, Severity.MEDIUM,
          "CSP allows inline scripts ('unsafe-inline')"));
    }
    if (Csp.containsKeyword(script, "'unsafe-eval'")) {
      out.add(WebRules.CSP_WEAK.alert(url, "script-src 'unsafe-eval'", raw, Severity.MEDIUM,
          "CSP allows eval ('unsafe-eval')"));
    }
    for (String d : List.of("script-src", "object-src")) {
      List<String> src = p.effective(d);
      if (src != null && src.stream().anyMatch(PassiveRules::broad)) {
        out.add(WebRules.CSP_WEAK.alert(url, d + " wildcard", raw, Severity.MEDIUM,
            "CSP " + d + " allows any source (wildcard or bare scheme)"));
        break;
      }
    }
    List<String> def = p.directives().get("default-src");
    if (def == null) {
      out.add(WebRules.CSP_WEAK.alert(url, "default-src", raw, Severity.LOW,
          "CSP has no default-src (directives not listed allow anything)"));
      if (!p.has("script-src")) {
        out.add(WebRules.CSP_WEAK.alert(url, "script-src", raw, Severity.MEDIUM,
            "CSP restricts no scripts (neither script-src nor default-src)"));
      }
    } else if (def.stream().anyMatch(s -> broad(s) || s.equalsIgnoreCase("'unsafe-inline'")
        || s.equalsIgnoreCase("'unsafe-eval'"))) {
      out.add(WebRules.CSP_WEAK.alert(url, "default-src unsafe", raw, Severity.LOW,
          "CSP default-src allows unsafe sources"));
    }
    if (!p.has("base-uri")) {
      out.add(WebRules.CSP_WEAK.alert(url, "base-uri", raw, Severity.LOW,
          "CSP has no base-uri (a <base> tag can redirect relative script URLs; it does not fall back to default-src)"));
    }
    if (!p.has("frame-ancestors")) {
      out.add(WebRules.CSP_WEAK.alert(url, "frame-ancestors", raw, Severity.LOW,
          "CSP has no frame-ancestors (it does not fall back to default-src)"));
    }
    List<String> object = p.effective("object-src");
    if (object == null || !Csp.containsKeyword(object, "'none'")) {
      out.add(WebRules.CSP_WEAK.alert(url, "object-src", raw, Severity.LOW,
          "CSP does not set object-src 'none' (plugins may load)"));
    }
  }

  /** A source that allows (almost) anything: {@code *}, a bare scheme, {@code data:}. */
  private static boolean broad(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return l.equals("*") || l.equals("http:") || l.equals("https:") || l.equals("data:") || l.equals("http://*")
        || l.equals("https://*");
  }

  private static void hsts(String value, String url, List<WebAlert> out) {
    if (value == null) {
      out.add(WebRules.HSTS.alert(url, "Strict-Transport-Security", null));
      return;
    }
    Long maxAge = ObservatoryScore.hstsMaxAge(value);
    if (maxAge == null) {
      out.add(WebRules.HSTS.alert(url, "Strict-Transport-Security", value, Severity.LOW,
          "Strict-Transport-Security header malformed"));
    } else if (maxAge < 15_552_000L) {
      out.add(WebRules.HSTS.alert(url, "max-age", value, Severity.LOW,
          "Strict-Transport-Security max-age under six months"));
    }
    if (!value.toLowerCase(Locale.ROOT).contains("includesubdomains")) {
      out.add(WebRules.HSTS.alert(url, "includeSubDomains", value, Severity.LOW,
          "Strict-Transport-Security without includeSubDomains"));
    }
  }

  private static void cookies(Page page, Context ctx, String url, List<WebAlert> out) {
    for (String raw : page.headers("Set-Cookie")) {
      SetCookie c = SetCookie.parse(raw);
      if (c == null) {
        continue;
      }
      if (!c.secure()) {
        // over http the flag cannot help (DD-WEB-028 is the problem): informational there, as wapiti reports it
        WebAlert a = WebRules.COOKIE_SECURE.alert(url, c.name(), null);
        out.add(ctx.origin().https() ? a : a.withLevel("INFO"));
      }
      if (!c.httpOnly()) {
        out.add(WebRules.COOKIE_HTTPONLY.alert(url, c.name(), null));
      }
      String ss = c.sameSite();
      if (ss == null || !(ss.equalsIgnoreCase("lax") || ss.equalsIgnoreCase("strict"))) {
        out.add(WebRules.COOKIE_SAMESITE.alert(url, c.name(), ss == null ? null : "SameSite=" + ss));
      }
    }
  }

  private static void body(Page page, Document doc, Context ctx, String url, List<WebAlert> out) {
    String mt = page.mediaType();
    boolean text = doc != null || mt.startsWith("text/") || mt.contains("json") || mt.contains("xml") || mt.isEmpty();
    if (!text) {
      return;
    }
    String body = page.text();
    for (Pattern p : DIR_LISTINGS) {
      Matcher m = p.matcher(body);
      if (m.find()) {
        out.add(WebRules.DIRLIST.alert(url, null, m.group()));
        break;
      }
    }
    boolean debug = false;
    for (Pattern p : DEBUG_PAGES) {
      Matcher m = p.matcher(body);
      if (m.find()) {
        out.add(WebRules.DEBUG.alert(url, null, m.group()));
        debug = true;
        break;
      }
    }
    if (!debug) {
      for (Pattern p : STACK_TRACES) {
        Matcher m = p.matcher(body);
        if (m.find()) {
          out.add(WebRules.ERROR.alert(url, null, m.group()));
          break;
        }
      }
    }
    Matcher ip = PRIVATE_IP.matcher(body);
    while (ip.find()) {
      String addr = ip.group(1);
      if (validIp(addr) && !addr.equals(ctx.origin().host())) {
        out.add(WebRules.PRIVATE_IP.alert(url, null, addr));
        break;
      }
    }
    if (doc != null) {
      html(page, doc, ctx, url, out);
    }
  }

  private static void html(Page page, Document doc, Context ctx, String url, List<WebAlert> out) {
    boolean https = "https".equalsIgnoreCase(page.url().getScheme());
    Matcher sid = SESSION_IN_URL.matcher(url);
    if (sid.find()) {
      out.add(WebRules.SESSION_URL.alert(url, sid.group(1), null));
    } else {
      for (Element a : doc.select("a[href], form[action]")) {
        String href = a.hasAttr("href") ? a.attr("href") : a.attr("action");
        Matcher m = SESSION_IN_URL.matcher(href);
        if (m.find()) {
          out.add(WebRules.SESSION_URL.alert(url, m.group(1), href));
          break;
        }
      }
    }
    for (Element s : doc.select("script[src]")) {
      URI src = Links.resolve(page.url(), s.attr("src"));
      if (src == null) {
        continue;
      }
      Origin o = Origin.ofOrNull(src);
      if (o != null && !o.equals(ctx.origin()) && s.attr("integrity").isBlank()) {
        out.add(WebRules.SRI.alert(url, src.toString(), null));
      }
    }
    if (https) {
      for (Element e : doc.select("script[src], img[src], iframe[src], audio[src], video[src], source[src], "
          + "embed[src], link[rel=stylesheet][href], object[data]")) {
        String ref = e.hasAttr("src") ? e.attr("src") : e.hasAttr("href") ? e.attr("href") : e.attr("data");
        if (ref.strip().toLowerCase(Locale.ROOT).startsWith("http:")) {
          out.add(WebRules.MIXED.alert(url, null, ref));
          break;
        }
      }
    }
    int n = 0;
    for (Element form : doc.select("form")) {
      n++;
      String method = form.attr("method").strip().toLowerCase(Locale.ROOT);
      String action = form.attr("action");
      URI target = action.isBlank() ? page.url() : Links.resolve(page.url(), action);
      String name = form.hasAttr("id") ? "form#" + form.attr("id")
          : form.hasAttr("name") ? "form " + form.attr("name") : "form " + n;
      if (https && target != null && "http".equalsIgnoreCase(target.getScheme())) {
        out.add(WebRules.FORM_HTTP.alert(url, name, target.toString()));
      }
      if (method.equals("post")) {
        boolean token = form.select("input").stream().anyMatch(i -> CSRF_NAME.matcher(i.attr("name")).find()
            || CSRF_NAME.matcher(i.attr("id")).find());
        if (!token) {
          out.add(WebRules.CSRF.alert(url, name, null));
        }
      }
    }
  }

  private static boolean validIp(String s) {
    for (String part : s.split("\\.")) {
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }
}
