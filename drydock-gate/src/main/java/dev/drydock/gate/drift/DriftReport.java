package dev.drydock.gate.drift;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.Severity;
import java.util.List;
import java.util.Map;

/**
 * What changed between two scans of the same image (the previous release and the current one). Every
 * list is sorted for stable output; the record serialises to JSON with Jackson as is. Environment
 * variables appear by key only: their values may be secrets.
 *
 * @param oldTarget the previous scan's target name
 * @param newTarget the current scan's target name
 * @param packagesAdded packages only in the current scan ({@code oldVersion} null)
 * @param packagesRemoved packages only in the previous scan ({@code newVersion} null)
 * @param packagesUpgraded packages whose version went up
 * @param packagesDowngraded packages whose version went down
 * @param packagesChanged packages whose version changed but cannot be ordered by the ecosystem's scheme
 * @param vulnerabilitiesIntroduced findings (by id + purl) only in the current scan
 * @param vulnerabilitiesFixed findings (by id + purl) only in the previous scan
 * @param config image configuration changes
 * @param setuidAdded files that became setuid or setgid
 * @param layers layer counts and sizes, old vs new
 */
public record DriftReport(
    String oldTarget,
    String newTarget,
    List<PackageChange> packagesAdded,
    List<PackageChange> packagesRemoved,
    List<PackageChange> packagesUpgraded,
    List<PackageChange> packagesDowngraded,
    List<PackageChange> packagesChanged,
    List<VulnChange> vulnerabilitiesIntroduced,
    List<VulnChange> vulnerabilitiesFixed,
    ConfigDrift config,
    List<SpecialFile> setuidAdded,
    LayerDrift layers) {

  public DriftReport {
    packagesAdded = List.copyOf(packagesAdded);
    packagesRemoved = List.copyOf(packagesRemoved);
    packagesUpgraded = List.copyOf(packagesUpgraded);
    packagesDowngraded = List.copyOf(packagesDowngraded);
    packagesChanged = List.copyOf(packagesChanged);
    vulnerabilitiesIntroduced = List.copyOf(vulnerabilitiesIntroduced);
    vulnerabilitiesFixed = List.copyOf(vulnerabilitiesFixed);
    setuidAdded = List.copyOf(setuidAdded);
  }

  /** True when anything changed (layers included). */
  public boolean hasDrift() {
    return !packagesAdded.isEmpty() || !packagesRemoved.isEmpty() || !packagesUpgraded.isEmpty()
        || !packagesDowngraded.isEmpty() || !packagesChanged.isEmpty() || !vulnerabilitiesIntroduced.isEmpty()
        || !vulnerabilitiesFixed.isEmpty() || config.hasDrift() || !setuidAdded.isEmpty() || layers.hasDrift();
  }

  /**
   * One package on one side or both.
   *
   * @param location the outer path of the file that declares it ({@code app.jar} for
   *     {@code app.jar!/BOOT-INF/lib/x.jar})
   * @param purl the current purl (the previous one for removed packages)
   */
  public record PackageChange(Ecosystem ecosystem, String namespace, String name, String location,
      String oldVersion, String newVersion, String purl) {}

  /** One vulnerability finding that appeared or went away. */
  public record VulnChange(String id, String purl, String packageName, String installedVersion, Severity severity,
      boolean fixable, List<String> fixedVersions, boolean kev, String layerDiffId, String title) {

    public VulnChange {
      fixedVersions = fixedVersions == null ? List.of() : List.copyOf(fixedVersions);
    }
  }

  /**
   * Configuration changes. {@code user} is null when the user did not change; entrypoint/cmd old and new
   * values are set only when they changed.
   */
  public record ConfigDrift(
      UserChange user,
      List<String> portsAdded,
      List<String> portsRemoved,
      List<String> envKeysAdded,
      List<String> envKeysRemoved,
      boolean entrypointChanged,
      List<String> oldEntrypoint,
      List<String> newEntrypoint,
      boolean cmdChanged,
      List<String> oldCmd,
      List<String> newCmd,
      boolean healthcheckAdded,
      boolean healthcheckRemoved,
      Map<String, String> labelsAdded,
      List<String> labelsRemoved,
      List<LabelChange> labelsChanged) {

    public ConfigDrift {
      portsAdded = List.copyOf(portsAdded);
      portsRemoved = List.copyOf(portsRemoved);
      envKeysAdded = List.copyOf(envKeysAdded);
      envKeysRemoved = List.copyOf(envKeysRemoved);
      labelsAdded = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labelsAdded));
      labelsRemoved = List.copyOf(labelsRemoved);
      labelsChanged = List.copyOf(labelsChanged);
    }

    public boolean hasDrift() {
      return user != null || !portsAdded.isEmpty() || !portsRemoved.isEmpty() || !envKeysAdded.isEmpty()
          || !envKeysRemoved.isEmpty() || entrypointChanged || cmdChanged || healthcheckAdded || healthcheckRemoved
          || !labelsAdded.isEmpty() || !labelsRemoved.isEmpty() || !labelsChanged.isEmpty();
    }
  }

  /** The config user changed; {@code becameRoot} when the old user was not root and the new one is. */
  public record UserChange(String oldUser, String newUser, boolean becameRoot) {}

  /** A label whose value changed. */
  public record LabelChange(String key, String oldValue, String newValue) {}

  /** A setuid/setgid file; {@code mode} in octal (e.g. {@code 4755}). */
  public record SpecialFile(String path, String mode, boolean setuid, boolean setgid, int uid, int gid) {}

  /** Layer counts, total sizes and one row per index. */
  public record LayerDrift(int oldCount, int newCount, long oldSize, long newSize, List<LayerRow> rows) {

    public LayerDrift {
      rows = List.copyOf(rows);
    }

    public boolean hasDrift() {
      return oldCount != newCount || rows.stream().anyMatch(r -> !r.status().equals(LayerRow.SAME));
    }
  }

  /**
   * The layers at one index. {@code status}: {@code same} (same diffID at this index), {@code shared} (the
   * new layer's diffID is in the old image at another index), {@code new} (the new layer's diffID is not in
   * the old image), {@code removed} (no new layer at this index). Sizes are null where there is no layer.
   */
  public record LayerRow(int index, String status, String oldDiffId, Long oldSize, String newDiffId, Long newSize,
      String createdBy) {
    public static final String SAME = "same";
    public static final String SHARED = "shared";
    public static final String NEW = "new";
    public static final String REMOVED = "removed";
  }
}
