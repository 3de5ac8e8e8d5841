package dev.drydock.report;

import dev.drydock.model.InstalledPackage;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Target;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** What the SBOM formats share: the subject's name, a stable document id and the creation time. */
public final class Documents {
  private Documents() {}

  /**
   * The subject's name: the first repo tag without its tag ({@code docker.io/library/debian}), else the
   * target name as given, else {@code unknown}.
   */
  public static String subjectName(ScanResult result) {
    Target target = result.target();
    if (target == null) {
      return "unknown";
    }
    if (!target.repoTags().isEmpty()) {
      String tag = target.repoTags().get(0);
      int colon = tag.lastIndexOf(':');
      return colon > tag.lastIndexOf('/') ? tag.substring(0, colon) : tag;
    }
    return target.name() == null || target.name().isBlank() ? "unknown" : target.name();
  }

  /** The subject's version: the image's tag if it has one, else null. */
  public static String subjectTag(ScanResult result) {
    Target target = result.target();
    if (target == null || target.repoTags().isEmpty()) {
      return null;
    }
    String tag = target.repoTags().get(0);
    int colon = tag.lastIndexOf(':');
    return colon > tag.lastIndexOf('/') ? tag.substring(colon + 1) : null;
  }

  /**
   * A name-based (version 3) UUID of the result's identity and content, so that rendering the same
   * result twice gives the same document.
   */
  public static UUID stableId(ScanResult result) {
    StringBuilder key = new StringBuilder("drydock\n");
    Target target = result.target();
    if (target != null) {
      key.append(target.kind()).append('\n').append(target.name()).append('\n')
          .append(target.manifestDigest()).append('\n').append(target.configDigest()).append('\n');
    }
    key.append(result.createdAt()).append('\n');
    for (InstalledPackage p : result.packages()) {
      key.append(p.purl()).append(' ').append(p.layerDiffId()).append(' ').append(p.locations()).append('\n');
    }
    return UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code createdAt} as an instant truncated to seconds, or null when absent or not ISO-8601. */
  public static Instant created(ScanResult result) {
    String at = result.createdAt();
    if (at == null || at.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(at).truncatedTo(ChronoUnit.SECONDS);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(at).toInstant().truncatedTo(ChronoUnit.SECONDS);
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  /** {@code drydock} or {@code drydock-<version>}. */
  public static String toolName(ScanResult result) {
    return result.drydockVersion() == null || result.drydockVersion().isBlank()
        ? "drydock" : "drydock-" + result.drydockVersion();
  }
}
