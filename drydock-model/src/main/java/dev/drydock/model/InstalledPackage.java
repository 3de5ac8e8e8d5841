package dev.drydock.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A package present in the final (squashed) view of a target, with where it came from.
 *
 * @param purl package URL
 * @param pkg the package as declared
 * @param layerIndex the layer that introduced it (-1 for directory targets)
 * @param layerDiffId that layer's diffID; null for directory targets
 * @param createdBy the history command of that layer; null if unknown
 * @param locations every path that declares this package in the final view
 */
public record InstalledPackage(
    String purl,
    @JsonUnwrapped Package pkg,
    int layerIndex,
    String layerDiffId,
    String createdBy,
    List<String> locations) {

  public InstalledPackage {
    locations = locations == null ? List.of() : List.copyOf(locations);
  }
}
