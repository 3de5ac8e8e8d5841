package dev.drydock.web;

import dev.drydock.model.WebAlert;
import dev.drydock.model.WebScan;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * {@code drydock web}: a same-origin spider (links, GET forms, robots.txt, sitemap.xml, scripts) with the passive
 * rules on every response, the exposed-console probes, the TLS checks on https and the Observatory score of the
 * start page, all within {@code --max-duration}. Sends GET and HEAD only, and only to the target's origin.
 */
public final class WebScanner {

  /**
   * What a scan found.
   *
   * @param alerts the alerts, one per rule and header/cookie/directive (the first URL it was seen on), levels set
   *     by the rules file
   * @param libraries JavaScript libraries served (npm name and version), for the vulnerability store
   * @param scan what was covered and the score
   * @param warnings what could not be read (each request that failed, bad bodies), one line each
   * @param requestLog {@code METHOD URL} of every request, in order
   */
  public record Outcome(List<WebAlert> alerts, List<JsLibraries.Found> libraries, WebScan scan,
      List<String> warnings, List<String> requestLog, boolean reachable) {}

  private static final int MAX_REDIRECTS = 10;

  private final WebOptions options;
  private final RulesFile rules;

  public WebScanner(WebOptions options, RulesFile rules) {
    this.options = options;
    this.rules = rules == null ? RulesFile.NONE : rules;
  }

  public Outcome scan() {
    long started = System.nanoTime();
    Origin origin = Origin.of(options.target());
    URI start = URI.create(options.target().strip());
    Deadline deadline = new Deadline(options.maxDuration());
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<String, WebAlert> alerts = new LinkedHashMap<>();
    List<JsLibraries.Found> libraries = new ArrayList<>();
    PassiveRules.Context ctx = new PassiveRules.Context(origin, options.authenticated());
    List<String> log = new ArrayList<>();
    int requests = 0;
    int pages = 0;
    String stoppedBy = null;
    ObservatoryScore.Result score = null;
    boolean reachable = false;

    SSLContext ssl = null;
    boolean trusted = true;
    if (origin.https()) {
      TlsChecks.Result tls = TlsChecks.run(origin, deadline, options.requestTimeout());
      tls.alerts().forEach(a -> add(alerts, a));
      errors.addAll(tls.errors());
      trusted = tls.trusted();
      if (!trusted) {
        ssl = TlsChecks.trustAll(); // reported above; the scan goes on so that the rest is judged too
      }
    }
    Fetcher f = new Fetcher(origin, options, deadline, ssl);
    try {
      Fetched first = follow(f, start, origin, errors);
      Page firstPage = first == null ? null : first.page();
      reachable = firstPage != null;
      if (firstPage != null && !origin.https()) {
        add(alerts, WebRules.HTTP_ONLY.alert(firstPage.url().toString(), "http", null).withLevel("INFO"));
      }
      if (firstPage != null) {
        List<WebAlert> corsAlerts = cors(f, origin, firstPage.url(), errors);
        corsAlerts.forEach(a -> add(alerts, a));
        score = ObservatoryScore.of(firstPage, first.redirects(), trusted, !corsAlerts.isEmpty());
        if (options.probes()) {
          Consoles.probe(f, origin, firstPage, deadline, errors::add).forEach(a -> add(alerts, a));
        }
      }
      // the spider: breadth first from the start page, robots.txt and sitemap.xml
      Deque<URI[]> queue = new ArrayDeque<>();
      Map<URI, Integer> depthOf = new LinkedHashMap<>();
      Set<URI> seen = new HashSet<>();
      Set<URI> scripts = new LinkedHashSet<>();
      if (firstPage != null) {
        seen.add(start);
        seen.add(firstPage.url());
        pages++;
        handle(firstPage, 0, origin, ctx, alerts, warnings, queue, depthOf, seen, scripts);
      }
      if (reachable) {
        seed(f, origin, "/robots.txt", errors, queue, depthOf, seen);
        seed(f, origin, "/sitemap.xml", errors, queue, depthOf, seen);
      }
      while (!queue.isEmpty()) {
        if (deadline.passed()) {
          stoppedBy = "max-duration";
          break;
        }
        if (pages >= options.maxPages()) {
          stoppedBy = "max-pages";
          break;
        }
        URI u = queue.poll()[0];
        int depth = depthOf.getOrDefault(u, 0);
        Fetched got = follow(f, u, origin, errors);
        pages++;
        if (got == null) {
          continue;
        }
        handle(got.page(), depth, origin, ctx, alerts, warnings, queue, depthOf, seen, scripts);
      }
      for (URI s : scripts) {
        if (deadline.passed()) {
          stoppedBy = stoppedBy == null ? "max-duration" : stoppedBy;
          break;
        }
        JsLibraries.Found byName = JsLibraries.detect(s, null);
        String text = null;
        if (origin.contains(s)) {
          try {
            Page p = f.get(s);
            text = p.status() == 200 ? p.text() : null;
          } catch (Fetcher.FetchException e) {
            errors.add(e.getMessage());
          }
        }
        JsLibraries.Found lib = text == null ? byName : JsLibraries.detect(s, text);
        if (lib != null && libraries.stream().noneMatch(l -> l.npmName().equals(lib.npmName())
            && l.version().equals(lib.version()))) {
          libraries.add(lib);
        }
      }
      requests = f.requests();
      log.addAll(f.log());
    } finally {
      f.close();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    List<WebAlert> kept = rules.apply(new ArrayList<>(alerts.values()));
    warnings.addAll(0, errors);
    WebScan covered = new WebScan(origin.toString(), pages, requests, millis, stoppedBy == null, stoppedBy,
        score == null ? null : score.score(), score == null ? null : score.grade(),
        score == null ? List.of() : score.tests(), errors);
    return new Outcome(kept, libraries, covered, warnings, log, reachable);
  }

  private static void add(Map<String, WebAlert> alerts, WebAlert a) {
    alerts.putIfAbsent(a.ruleId() + "\u0000" + (a.param() == null ? "" : a.param()), a);
  }

  /** A page and how many redirects led to it. */
  record Fetched(Page page, List<Page> redirects) {}

  /** GETs {@code url}, following same-origin redirects (a loop, too many, or another origin: reported). */
  private static Fetched follow(Fetcher f, URI url, Origin origin, List<String> errors) {
    List<Page> hops = new ArrayList<>();
    Set<URI> chain = new HashSet<>();
    URI at = url;
    for (int i = 0; i <= MAX_REDIRECTS; i++) {
      if (!chain.add(at)) {
        errors.add(url + ": redirect loop (" + at + " again)");
        return null;
      }
      Page p;
      try {
        p = f.get(at);
      } catch (Fetcher.FetchException e) {
        errors.add(e.getMessage());
        return null;
      }
      if (!p.redirect()) {
        return new Fetched(p, hops);
      }
      hops.add(p);
      URI next = Links.resolve(at, p.header("Location"));
      if (next == null) {
        errors.add(at + ": redirect to an unreadable Location: " + WebRules.oneLine(p.header("Location")));
        return new Fetched(p, hops);
      }
      if (!origin.contains(next)) {
        errors.add(at + ": redirects to another origin, not followed: " + next);
        return new Fetched(p, hops);
      }
      at = next;
    }
    errors.add(url + ": more than " + MAX_REDIRECTS + " redirects");
    return null;
  }

  private void handle(Page page, int depth, Origin origin, PassiveRules.Context ctx, Map<String, WebAlert> alerts,
      List<String> warnings, Deque<URI[]> queue, Map<URI, Integer> depthOf, Set<URI> seen, Set<URI> scripts) {
    if (page.truncated()) {
      warnings.add(page.url() + ": body larger than " + options.maxBodyBytes() + " bytes, only its head was read");
    }
    if (page.invalidUtf8() && (page.html() || page.mediaType().startsWith("text/"))) {
      warnings.add(page.url() + ": body is not valid UTF-8 (read with the bad bytes replaced)");
    }
    Document doc = null;
    if (page.html() && !"HEAD".equals(page.method())) {
      doc = Jsoup.parse(page.text(), page.url().toString());
    }
    PassiveRules.check(page, doc, ctx).forEach(a -> add(alerts, a));
    if (doc == null) {
      return;
    }
    for (Element s : doc.select("script[src]")) {
      URI u = Links.resolve(page.url(), s.attr("src"));
      if (u != null && Origin.ofOrNull(u) != null) {
        scripts.add(u); // another origin's script is judged by its URL only, never fetched
      }
    }
    if (depth >= options.depth()) {
      return;
    }
    List<String> refs = new ArrayList<>();
    doc.select("a[href], area[href], iframe[src], frame[src]").forEach(e -> refs.add(e.hasAttr("href")
        ? e.attr("href") : e.attr("src")));
    for (Element form : doc.select("form")) {
      String m = form.attr("method").strip().toLowerCase(Locale.ROOT);
      if (m.isEmpty() || m.equals("get")) {
        refs.add(form.attr("action")); // the form's page, without submitting it
      }
    }
    for (String r : refs) {
      enqueue(Links.resolve(page.url(), r), depth + 1, origin, queue, depthOf, seen);
    }
  }

  private static void enqueue(URI u, int depth, Origin origin, Deque<URI[]> queue, Map<URI, Integer> depthOf,
      Set<URI> seen) {
    if (u == null || !origin.contains(u) || !seen.add(u)) {
      return; // another origin is never requested
    }
    depthOf.put(u, depth);
    queue.add(new URI[] {u});
  }

  /** robots.txt paths and sitemap.xml locations as more pages to visit. */
  private static void seed(Fetcher f, Origin origin, String path, List<String> errors, Deque<URI[]> queue,
      Map<URI, Integer> depthOf, Set<URI> seen) {
    Page p;
    try {
      p = f.get(origin.resolve(path));
    } catch (Fetcher.FetchException e) {
      errors.add(e.getMessage());
      return;
    }
    if (p.status() != 200 || p.html()) {
      return;
    }
    if (path.equals("/robots.txt")) {
      for (String line : p.text().split("\n")) {
        String l = line.strip();
        int colon = l.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String key = l.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = l.substring(colon + 1).strip();
        if ((key.equals("allow") || key.equals("disallow")) && value.startsWith("/") && !value.contains("*")) {
          enqueue(Links.resolve(origin.resolve("/"), value.replace("$", "")), 1, origin, queue, depthOf, seen);
        } else if (key.equals("sitemap")) {
          URI s = Links.resolve(origin.resolve("/"), value);
          if (s != null && origin.contains(s) && !s.getPath().equals("/sitemap.xml")) {
            enqueue(s, 1, origin, queue, depthOf, seen);
          }
        }
      }
    } else {
      Document xml = Jsoup.parse(p.text(), "", Parser.xmlParser());
      for (Element loc : xml.select("loc")) {
        enqueue(Links.resolve(origin.resolve("/"), loc.text()), 1, origin, queue, depthOf, seen);
      }
    }
  }

  /** The CORS probe: the start page asked with a foreign Origin header (the request still goes to the target). */
  private static List<WebAlert> cors(Fetcher f, Origin origin, URI url, List<String> errors) {
    String foreign = "https://drydock-cors-probe.invalid";
    try {
      Page p = f.send("GET", url, Map.of("Origin", foreign));
      String acao = p.header("Access-Control-Allow-Origin");
      String acac = p.header("Access-Control-Allow-Credentials");
      if (foreign.equals(acao == null ? null : acao.strip()) && acac != null
          && acac.strip().equalsIgnoreCase("true")) {
        return List.of(WebRules.CORS_REFLECTED.alert(url.toString(), "Access-Control-Allow-Origin",
            "reflects Origin: " + foreign + " with credentials"));
      }
    } catch (Fetcher.FetchException e) {
      errors.add(e.getMessage());
    }
    return List.of();
  }
}
