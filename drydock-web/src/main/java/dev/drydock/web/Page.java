package dev.drydock.web;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One response as drydock saw it: the URL asked for, status, headers (names case-insensitive) and at most the
 * body limit of the body.
 *
 * @param truncated true when the body was longer than the limit and only its head was kept
 */
public record Page(URI url, String method, int status, Map<String, List<String>> headers, byte[] body,
    boolean truncated) {

  public Page {
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> h.merge(k, List.copyOf(v), (a, b) -> {
      List<String> all = new java.util.ArrayList<>(a);
      all.addAll(b);
      return List.copyOf(all);
    }));
    headers = java.util.Collections.unmodifiableMap(h);
    body = body == null ? new byte[0] : body;
  }

  /** The first value of header {@code name}, null when absent. */
  public String header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Every value of header {@code name} (one per header line), empty when absent. */
  public List<String> headers(String name) {
    return headers.getOrDefault(name, List.of());
  }

  /** The media type without parameters, lower case; empty when none was sent. */
  public String mediaType() {
    String ct = header("Content-Type");
    return ct == null ? "" : ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  public boolean html() {
    return mediaType().equals("text/html") || mediaType().equals("application/xhtml+xml");
  }

  /** The body as text (UTF-8, bad bytes replaced). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Whether the body is not valid UTF-8 (it is still read, with the bad bytes replaced). */
  public boolean invalidUtf8() {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
      return false;
    } catch (CharacterCodingException e) {
      return !truncated || body.length > 4; // a cut in the middle of a character is not bad input
    }
  }

  public boolean redirect() {
    return status >= 300 && status < 400 && header("Location") != null;
  }
}
