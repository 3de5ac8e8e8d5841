package dev.drydock.checks.image;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Options of the image checks.
 *
 * @param productionLabels labels ({@code key=value}, value compared case-insensitively) that mark an image as a
 *     production image: package managers and shells are flagged only in those
 * @param production treat the image as a production image whatever its labels say
 */
public record ImageCheckOptions(List<String> productionLabels, boolean production) {

  /** The labels that mark a production image by default. */
  public static final List<String> DEFAULT_PRODUCTION_LABELS = List.of("environment=production", "env=production");

  public ImageCheckOptions {
    productionLabels = productionLabels == null ? DEFAULT_PRODUCTION_LABELS : List.copyOf(productionLabels);
    for (String l : productionLabels) {
      if (!l.contains("=") || l.startsWith("=")) {
        throw new dev.drydock.model.DrydockException("production label '" + l + "' is not of the form key=value");
      }
    }
  }

  /** The default labels, production only by label. */
  public static ImageCheckOptions defaults() {
    return new ImageCheckOptions(DEFAULT_PRODUCTION_LABELS, false);
  }

  /** Whether an image with these labels counts as a production image. */
  public boolean isProduction(Map<String, String> labels) {
    if (production) {
      return true;
    }
    for (String l : productionLabels) {
      int eq = l.indexOf('=');
      String value = labels.get(l.substring(0, eq));
      if (value != null && value.trim().toLowerCase(Locale.ROOT).equals(l.substring(eq + 1).toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
