package dev.drydock.checks.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rules about FROM: tags, {@code latest}, digests. Stage references, {@code scratch} and unresolved ARGs are skipped.
 */
final class BaseImageRules {
  /** How a FROM names its image. */
  enum Pin { STAGE, UNKNOWN, NONE, LATEST, TAG, DIGEST }

  private BaseImageRules() {}

  static Pin pin(Context c, Stage s) {
    String image = s.baseImage();
    if (c.parent(s) != null) {
      return Pin.STAGE;
    }
    if (image.equalsIgnoreCase("scratch") || image.contains("$")) {
      return Pin.UNKNOWN;
    }
    if (image.contains("@")) {
      return Pin.DIGEST;
    }
    String lastPart = image.substring(image.lastIndexOf('/') + 1);
    int colon = lastPart.indexOf(':');
    String tag = colon < 0 ? "" : lastPart.substring(colon + 1);
    if (tag.isEmpty()) {
      return Pin.NONE;
    }
    return tag.toLowerCase(Locale.ROOT).equals("latest") ? Pin.LATEST : Pin.TAG;
  }

  private static List<Instruction> froms(Context c, Pin wanted) {
    List<Instruction> out = new ArrayList<>();
    for (Stage s : c.df.stages()) {
      if (pin(c, s) == wanted) {
        out.add(s.instructions().get(0));
      }
    }
    return out;
  }

  static List<Instruction> untagged(Context c) {
    return froms(c, Pin.NONE);
  }

  static List<Instruction> latest(Context c) {
    return froms(c, Pin.LATEST);
  }

  static List<Instruction> noDigest(Context c) {
    return c.options.requireDigest() ? froms(c, Pin.TAG) : List.of();
  }
}
