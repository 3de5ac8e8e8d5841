package dev.drydock.analyzers.os.release;

import dev.drydock.model.Fact;
import dev.drydock.model.OsInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the operating system of an image from the {@link Fact.OsDetected} facts that survive in its
 * squashed view.
 */
public final class OsResolver {
  /** Among files of equal priority, the earlier path here wins; other paths follow in name order. */
  private static final List<String> PATH_PREFERENCE = List.of(
      "etc/os-release",
      "usr/lib/os-release",
      "etc/alpine-release",
      "etc/rocky-release",
      "etc/almalinux-release",
      "etc/centos-release",
      "etc/oracle-release",
      "etc/fedora-release",
      "etc/photon-release",
      "etc/redhat-release",
      "etc/system-release");

  private static final Comparator<Fact.OsDetected> BEST_FIRST =
      Comparator.comparingInt((Fact.OsDetected f) -> -f.priority())
          .thenComparingInt(f -> rank(f.path()))
          .thenComparing(Fact.OsDetected::path);

  private OsResolver() {}

  /**
   * The winner: highest priority; on a tie {@code etc/os-release} before {@code usr/lib/os-release}
   * before distribution files. When the winner lacks a version or codename, a lower-priority fact of the
   * same family fills it in (Debian testing's os-release has no VERSION_ID; a distroless image's dpkg
   * facts give one). The content sets of every fact of the winner's family are joined (Red Hat content
   * manifests, one per layer). Empty when there are no facts.
   */
  public static Optional<OsInfo> resolve(List<Fact.OsDetected> facts) {
    if (facts == null || facts.isEmpty()) {
      return Optional.empty();
    }
    List<Fact.OsDetected> sorted = facts.stream().sorted(BEST_FIRST).toList();
    OsInfo best = sorted.get(0).os();
    String versionId = best.versionId();
    String codename = best.codename();
    java.util.Set<String> contentSets = new java.util.TreeSet<>(best.contentSets());
    for (Fact.OsDetected f : sorted.subList(1, sorted.size())) {
      OsInfo o = f.os();
      if (!best.family().equals(o.family())) {
        continue;
      }
      contentSets.addAll(o.contentSets()); // every layer's Red Hat content manifest
      if (codename == null && o.codename() != null
          && (versionId == null || o.versionId() == null || versionId.equals(o.versionId()))) {
        codename = o.codename();
      }
      if (versionId == null && o.versionId() != null
          && (codename == null || o.codename() == null || codename.equals(o.codename()))) {
        versionId = o.versionId();
      }
    }
    return Optional.of(new OsInfo(best.family(), versionId, codename, best.prettyName(), best.source(),
        List.copyOf(contentSets)));
  }

  private static int rank(String path) {
    int i = PATH_PREFERENCE.indexOf(path);
    return i < 0 ? PATH_PREFERENCE.size() : i;
  }
}
