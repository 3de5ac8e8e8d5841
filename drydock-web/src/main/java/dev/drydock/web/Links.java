package dev.drydock.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Resolving links found in pages. */
final class Links {
  private Links() {}

  /** {@code ref} resolved against {@code base}, without its fragment; null when it is not a valid URL. */
  static URI resolve(URI base, String ref) {
    String r = ref.strip();
    if (r.isEmpty() || r.toLowerCase(Locale.ROOT).startsWith("javascript:")) {
      return null;
    }
    try {
      URI u = base.resolve(new URI(r.replace(" ", "%20")));
      return new URI(u.getScheme(), u.getRawAuthority() == null ? null : u.getAuthority(), u.getPath(), u.getQuery(),
          null).normalize();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
