package dev.drydock.web;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Known JavaScript libraries in the scripts a site serves, by file name and by banner comment (the first 2 KB),
 * named as their npm packages so that the vulnerability store's npm advisories match them.
 */
public final class JsLibraries {
  private JsLibraries() {}

  /** A library found: npm package, version, the script's URL and how it was recognised. */
  public record Found(String npmName, String version, String url, String how) {}

  private record Signature(String npmName, Pattern fileName, Pattern banner) {}

  private static final String V = "(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.]+)?)";

  private static final List<Signature> SIGNATURES = List.of(
      new Signature("jquery", Pattern.compile("jquery[.-]" + V + "(?:\\.slim)?(?:\\.min)?\\.js$"),
          Pattern.compile("jQuery (?:JavaScript Library )?v" + V)),
      new Signature("jquery-ui", Pattern.compile("jquery-ui[.-]" + V + "(?:\\.min)?\\.js$"),
          Pattern.compile("jQuery UI - v" + V)),
      new Signature("lodash", Pattern.compile("lodash[.-]" + V + "(?:\\.min)?\\.js$"),
          Pattern.compile("(?:@license\\s+)?Lodash(?: lodash\\.com/license \\|)? (?:<https://lodash\\.com/>)?\\s*"
              + "(?:v)?" + V + "|var VERSION = '" + V + "'")),
      new Signature("angular", Pattern.compile("angular[.-]" + V + "(?:\\.min)?\\.js$"),
          Pattern.compile("AngularJS v" + V)),
      new Signature("bootstrap", Pattern.compile("bootstrap[.-]" + V + "(?:\\.bundle)?(?:\\.min)?\\.js$"),
          Pattern.compile("Bootstrap v" + V)),
      new Signature("moment", Pattern.compile("moment[.-]" + V + "(?:\\.min)?\\.js$"),
          Pattern.compile("//! version : " + V)),
      new Signature("vue", Pattern.compile("vue[.-]" + V + "(?:\\.min)?\\.js$"),
          Pattern.compile("Vue\\.js v" + V)),
      new Signature("handlebars", Pattern.compile("handlebars[.-]" + V + "(?:\\.min)?\\.js$"),
          Pattern.compile("handlebars v" + V)),
      new Signature("dompurify", Pattern.compile("purify[.-]" + V + "(?:\\.min)?\\.js$"),
          Pattern.compile("DOMPurify " + V)));

  /** The library in a script (URL and, when fetched, its text), or null. */
  static Found detect(URI url, String text) {
    String path = url.getPath() == null ? "" : url.getPath();
    String file = path.substring(path.lastIndexOf('/') + 1);
    String head = text == null ? "" : text.substring(0, Math.min(text.length(), 2048));
    for (Signature s : SIGNATURES) {
      Matcher b = s.banner().matcher(head);
      if (b.find()) {
        String v = b.group(1) != null ? b.group(1) : b.groupCount() > 1 ? b.group(2) : null;
        if (v != null) {
          return new Found(s.npmName(), v, url.toString(), "banner");
        }
      }
    }
    for (Signature s : SIGNATURES) {
      Matcher m = s.fileName().matcher(file);
      if (m.find()) {
        return new Found(s.npmName(), m.group(1), url.toString(), "file name");
      }
    }
    return null;
  }
}
