package dev.drydock.gate.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.gate.GateFinding;
import dev.drydock.gate.drift.DriftReport.ConfigDrift;
import dev.drydock.gate.drift.DriftReport.LayerDrift;
import dev.drydock.gate.drift.DriftReport.LayerRow;
import dev.drydock.gate.drift.DriftReport.PackageChange;
import dev.drydock.gate.drift.DriftReport.SpecialFile;
import dev.drydock.gate.drift.DriftReport.UserChange;
import dev.drydock.gate.drift.DriftReport.VulnChange;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.ImageConfig;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.LayerInfo;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.Target;
import dev.drydock.model.Vulnerability;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two releases of an image: 1.4.0 on a Debian 12 base, and 1.5.0 that adds an OpenJDK 17 layer (which also
 * upgrades libssl3), exposes 8080/tcp, runs as root and gains a setuid newgrp. Package names and versions
 * are Debian bookworm's; the version orderings the test relies on were checked with
 * {@code dpkg --compare-versions} (3.0.11-1~deb12u2 lt 3.0.13-1~deb12u1; 1:2.0 gt 2.1;
 * 17.0.11+9-1~deb12u1 lt 17.0.12+7-1~deb12u1).
 */
class DriftTest {
  static final OsInfo DEBIAN_12 = new OsInfo("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)",
      "etc/os-release");
  static final String STATUS = "var/lib/dpkg/status";
  static final String BASE_LAYER = "sha256:1f7ce2fa46ab3942feabee654933948821303a5a821789dddab2d8c3df59e227";
  static final String JDK_LAYER = "sha256:8d5b2a4f7e0c93b1d6a2f4c8e19b7d03a5c6e2f1b4d8a9c7e3f0b2a1d5c4e6f8";
  static final String BASE_CMD = "/bin/sh -c #(nop) ADD file:5d6b639e8b6bcc011ee2d4a5f7c4d6c2c7b3e4a4e1f6c9 in / ";
  static final String JDK_CMD = "RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends "
      + "openjdk-17-jre-headless && rm -rf /var/lib/apt/lists/* # buildkit";
  static final List<String> ENV = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "LANG=C.UTF-8", "API_TOKEN=s3cr3t-value-never-printed");

  static InstalledPackage deb(String name, String version, String source, int layer) {
    Package p = new Package(Ecosystem.DEB, null, name, version, source, version, "amd64", List.of(), STATUS, Map.of());
    return new InstalledPackage(Purls.of(p, DEBIAN_12), p, layer, layer == 0 ? BASE_LAYER : JDK_LAYER,
        layer == 0 ? BASE_CMD : JDK_CMD, List.of(STATUS));
  }

  static Vulnerability vuln(String id, InstalledPackage p, Severity sev, Vulnerability.Status status,
      List<String> fixed, boolean kev, String title) {
    return new Vulnerability(id, List.of(), p.purl(), Ecosystem.DEB, p.pkg().sourceName(), p.pkg().version(), fixed,
        status, sev, List.of(), null, null, null, kev, kev ? "2024-08-01" : null, 50.0, title, "2024-07-16",
        p.layerIndex(), p.layerDiffId(), p.createdBy(), List.of(STATUS), List.of(), List.of("debian"), null, null);
  }

  static ImageConfig config(String user, List<String> ports, List<String> env, List<String> healthcheck,
      Map<String, String> labels, List<String> entrypoint) {
    return new ImageConfig("linux", "amd64", null, user, env, ports, entrypoint, List.of("bash"), "/app", labels,
        healthcheck, List.of());
  }

  static final Map<String, String> LABELS = Map.of("org.opencontainers.image.vendor", "Example Shop",
      "org.opencontainers.image.source", "https://git.example.com/shop/api");

  static List<Fact.FileInfo> baseNotable() {
    return List.of(
        new Fact.FileInfo("usr/bin/passwd", 68248, 0104755, 0, 0),
        new Fact.FileInfo("usr/bin/su", 72000, 0104755, 0, 0),
        new Fact.FileInfo("usr/bin/chage", 80376, 0102755, 0, 42),
        new Fact.FileInfo("tmp", 4096, 041777, 0, 0));
  }

  static final InstalledPackage APT = deb("apt", "2.6.1", "apt", 0);
  static final InstalledPackage JRE = deb("openjdk-17-jre-headless", "17.0.11+9-1~deb12u1", "openjdk-17", 1);

  static ScanResult v140() {
    List<InstalledPackage> pkgs = List.of(
        deb("base-files", "12.4+deb12u5", "base-files", 0),
        deb("bash", "5.2.15-2+b7", "bash", 0),
        deb("libc6", "2.36-9+deb12u7", "glibc", 0),
        deb("libssl3", "3.0.11-1~deb12u2", "openssl", 0),
        APT,
        deb("tzdata", "2024a-0+deb12u1", "tzdata", 0));
    return ScanResult.builder()
        .schemaVersion(1)
        .drydockVersion("0.1.0")
        .createdAt("2026-11-01T10:00:00Z")
        .target(new Target("image", "registry.example.com/shop/api:1.4.0", null, null, List.of(), "linux/amd64"))
        .os(DEBIAN_12)
        .config(config("app", List.of(), ENV, null, LABELS, null))
        .layers(List.of(new LayerInfo(0, BASE_LAYER, "sha256:aa01", "application/vnd.oci.image.layer.v1.tar+gzip",
            29126484, BASE_CMD, false, Map.of())))
        .packages(pkgs)
        .notableFiles(baseNotable())
        .vulnerabilities(List.of(vuln("CVE-2011-3374", APT, Severity.LOW, Vulnerability.Status.AFFECTED, List.of(),
            false, "It was found that apt-key in apt, all versions, do not correctly validate gpg keys")))
        .build();
  }

  static ScanResult v150() {
    List<InstalledPackage> pkgs = List.of(
        deb("base-files", "12.4+deb12u5", "base-files", 0),
        deb("bash", "5.2.15-2+b7", "bash", 0),
        deb("libc6", "2.36-9+deb12u7", "glibc", 0),
        deb("libssl3", "3.0.13-1~deb12u1", "openssl", 1),
        APT,
        deb("tzdata", "2024a-0+deb12u1", "tzdata", 0),
        deb("java-common", "0.74", "java-common", 1),
        deb("ca-certificates-java", "20230710~deb12u1", "ca-certificates-java", 1),
        JRE);
    List<Fact.FileInfo> notable = new ArrayList<>(baseNotable());
    notable.add(new Fact.FileInfo("usr/bin/newgrp", 48896, 0104755, 0, 0));
    return ScanResult.builder()
        .schemaVersion(1)
        .drydockVersion("0.1.0")
        .createdAt("2026-11-20T10:00:00Z")
        .target(new Target("image", "registry.example.com/shop/api:1.5.0", null, null, List.of(), "linux/amd64"))
        .os(DEBIAN_12)
        .config(config("root", List.of("8080/tcp"), ENV, null, LABELS, null))
        .layers(List.of(new LayerInfo(0, BASE_LAYER, "sha256:aa01", "application/vnd.oci.image.layer.v1.tar+gzip",
            29126484, BASE_CMD, false, Map.of()),
            new LayerInfo(1, JDK_LAYER, "sha256:bb02", "application/vnd.oci.image.layer.v1.tar+gzip", 83561218,
                JDK_CMD, false, Map.of())))
        .packages(pkgs)
        .notableFiles(notable)
        .vulnerabilities(List.of(vuln("CVE-2011-3374", APT, Severity.LOW, Vulnerability.Status.AFFECTED, List.of(),
            false, "It was found that apt-key in apt, all versions, do not correctly validate gpg keys"),
            vuln("CVE-2024-21147", JRE, Severity.HIGH, Vulnerability.Status.FIXED, List.of("17.0.12+7-1~deb12u1"),
                false, "Oracle Java SE Hotspot vulnerability (Jul 2024 CPU)")))
        .build();
  }

  static PackageChange change(String name, String oldVersion, String newVersion, String source) {
    InstalledPackage p = deb(name, newVersion == null ? oldVersion : newVersion, source, 0);
    return new PackageChange(Ecosystem.DEB, null, name, STATUS, oldVersion, newVersion, p.purl());
  }

  @Test
  void jdkReleaseReportsExactlyItsChanges() {
    DriftReport d = Drift.between(v140(), v150());

    DriftReport expected = new DriftReport("registry.example.com/shop/api:1.4.0",
        "registry.example.com/shop/api:1.5.0",
        List.of(change("ca-certificates-java", null, "20230710~deb12u1", "ca-certificates-java"),
            change("java-common", null, "0.74", "java-common"),
            change("openjdk-17-jre-headless", null, "17.0.11+9-1~deb12u1", "openjdk-17")),
        List.of(),
        List.of(change("libssl3", "3.0.11-1~deb12u2", "3.0.13-1~deb12u1", "openssl")),
        List.of(), List.of(),
        List.of(new VulnChange("CVE-2024-21147", JRE.purl(), "openjdk-17", "17.0.11+9-1~deb12u1", Severity.HIGH, true,
            List.of("17.0.12+7-1~deb12u1"), false, JDK_LAYER, "Oracle Java SE Hotspot vulnerability (Jul 2024 CPU)")),
        List.of(),
        new ConfigDrift(new UserChange("app", "root", true), List.of("8080/tcp"), List.of(), List.of(), List.of(),
            false, null, null, false, null, null, false, false, Map.of(), List.of(), List.of()),
        List.of(new SpecialFile("usr/bin/newgrp", "4755", true, false, 0, 0)),
        new LayerDrift(1, 2, 29126484, 29126484 + 83561218, List.of(
            new LayerRow(0, "same", BASE_LAYER, 29126484L, BASE_LAYER, 29126484L, BASE_CMD),
            new LayerRow(1, "new", null, null, JDK_LAYER, 83561218L, JDK_CMD))));
    assertThat(d).isEqualTo(expected);
    assertThat(d.hasDrift()).isTrue();
    assertThat(JRE.purl()).isEqualTo(
        "pkg:deb/debian/openjdk-17-jre-headless@17.0.11%2B9-1~deb12u1?arch=amd64&distro=debian-12&upstream=openjdk-17");

    assertThat(DriftText.table(d)).isEqualTo("""
        Drift: registry.example.com/shop/api:1.4.0 -> registry.example.com/shop/api:1.5.0

        Packages: 3 added, 0 removed, 1 upgraded, 0 downgraded, 0 changed
          added     deb  ca-certificates-java     -                 ->  20230710~deb12u1     var/lib/dpkg/status
          added     deb  java-common              -                 ->  0.74                 var/lib/dpkg/status
          added     deb  openjdk-17-jre-headless  -                 ->  17.0.11+9-1~deb12u1  var/lib/dpkg/status
          upgraded  deb  libssl3                  3.0.11-1~deb12u2  ->  3.0.13-1~deb12u1     var/lib/dpkg/status

        Vulnerabilities: 1 introduced, 0 fixed
          introduced  CVE-2024-21147  HIGH  fixable  -  %s

        Config:
          user        "app" -> "root" (now root)
          port added  8080/tcp

        Setuid/setgid files added:
          usr/bin/newgrp  4755  setuid

        Layers: 1 -> 2, 29126484 -> 112687702 bytes
          #0  same  1f7ce2fa46ab  29126484  ->  1f7ce2fa46ab  29126484
          #1  new   -             -         ->  8d5b2a4f7e0c  83561218
        """.formatted(JRE.purl()));

    assertThat(DriftText.markdown(d)).isEqualTo("""
        ## Drift: `registry.example.com/shop/api:1.4.0` → `registry.example.com/shop/api:1.5.0`

        ### Packages (3 added, 0 removed, 1 upgraded, 0 downgraded, 0 changed)

        | Change | Ecosystem | Package | Old | New | Location |
        |---|---|---|---|---|---|
        | added | deb | ca-certificates-java | - | 20230710~deb12u1 | var/lib/dpkg/status |
        | added | deb | java-common | - | 0.74 | var/lib/dpkg/status |
        | added | deb | openjdk-17-jre-headless | - | 17.0.11+9-1~deb12u1 | var/lib/dpkg/status |
        | upgraded | deb | libssl3 | 3.0.11-1~deb12u2 | 3.0.13-1~deb12u1 | var/lib/dpkg/status |

        ### Vulnerabilities (1 introduced, 0 fixed)

        | Change | Id | Severity | Fixable | KEV | Package |
        |---|---|---|---|---|---|
        | introduced | CVE-2024-21147 | HIGH | yes | no | `%s` |

        ### Config

        - user: "app" -> "root" (now root)
        - port added: 8080/tcp

        ### Setuid/setgid files added

        - `usr/bin/newgrp` 4755 setuid

        ### Layers (1 → 2, 29126484 → 112687702 bytes)

        | # | Status | Old layer | Old size | New layer | New size |
        |---|---|---|---|---|---|
        | 0 | same | 1f7ce2fa46ab | 29126484 | 1f7ce2fa46ab | 29126484 |
        | 1 | new | - | - | 8d5b2a4f7e0c | 83561218 |
        """.formatted(JRE.purl()));

    List<GateFinding> all = Drift.ratchet(d, List.of("fixable-high", "exposed-port", "root-user", "setuid", "kev"));
    assertThat(all).extracting(GateFinding::kind, GateFinding::ruleId, GateFinding::severity, GateFinding::title,
        GateFinding::purl, GateFinding::location).containsExactly(
            tuple("drift", "ratchet.fixable-high", Severity.HIGH,
                "new fixable HIGH vulnerability CVE-2024-21147 in openjdk-17 17.0.11+9-1~deb12u1"
                    + " (fixed in 17.0.12+7-1~deb12u1)", JRE.purl(), null),
            tuple("drift", "ratchet.exposed-port", Severity.HIGH, "new exposed port 8080/tcp", null, null),
            tuple("drift", "ratchet.root-user", Severity.HIGH, "image now runs as root (user 'app' -> 'root')", null,
                null),
            tuple("drift", "ratchet.setuid", Severity.HIGH, "new setuid file usr/bin/newgrp (mode 4755)", null,
                "usr/bin/newgrp"));
    assertThat(all.get(0).id()).isEqualTo("CVE-2024-21147");
    assertThat(all.get(0).layerDiffId()).isEqualTo(JDK_LAYER);
    assertThat(all.get(0).fixable()).isTrue();
    assertThat(Drift.ratchet(d, List.of("kev"))).isEmpty();
    assertThat(Drift.ratchet(d, List.of("setuid"))).extracting(GateFinding::id)
        .containsExactly("ratchet.setuid:usr/bin/newgrp");
    assertThat(Drift.ratchet(d, List.of())).isEmpty();
  }

  @Test
  void reportIsJsonAndNeverCarriesEnvValues() throws Exception {
    ScanResult old = v140();
    ImageConfig c = config("app", List.of(), List.of("PATH=/usr/bin", "DB_PASSWORD=hunter2-secret"), null, LABELS,
        null);
    ScanResult now = ScanResult.builder()
        .schemaVersion(1)
        .drydockVersion("0.1.0")
        .target(old.target())
        .os(DEBIAN_12)
        .config(c)
        .layers(old.layers())
        .packages(old.packages())
        .notableFiles(old.notableFiles())
        .vulnerabilities(old.vulnerabilities())
        .build();
    DriftReport d = Drift.between(old, now);
    String json = new ObjectMapper().writeValueAsString(d);
    JsonNode tree = new ObjectMapper().readTree(json);
    assertThat(tree.get("config").get("envKeysAdded").toString()).isEqualTo("[\"DB_PASSWORD\"]");
    assertThat(tree.get("config").get("envKeysRemoved").toString()).isEqualTo("[\"API_TOKEN\",\"LANG\"]");
    assertThat(tree.get("layers").get("rows").get(0).get("status").asText()).isEqualTo("same");
    assertThat(tree.get("packagesAdded").size()).isZero();
    for (String out : List.of(json, DriftText.table(d), DriftText.markdown(d))) {
      assertThat(out).doesNotContain("hunter2").doesNotContain("s3cr3t").doesNotContain("/usr/bin\"");
    }
    assertThat(DriftText.table(d)).contains("  env added    DB_PASSWORD\n");
  }

  @Test
  void identicalResultsHaveNoDrift() {
    DriftReport d = Drift.between(v150(), v150());
    assertThat(d.hasDrift()).isFalse();
    assertThat(d.packagesAdded()).isEmpty();
    assertThat(d.packagesUpgraded()).isEmpty();
    assertThat(d.vulnerabilitiesIntroduced()).isEmpty();
    assertThat(d.vulnerabilitiesFixed()).isEmpty();
    assertThat(d.config().hasDrift()).isFalse();
    assertThat(d.setuidAdded()).isEmpty();
    assertThat(d.layers().rows()).extracting(LayerRow::status).containsExactly("same", "same");
    assertThat(DriftText.table(d)).isEqualTo(
        "Drift: registry.example.com/shop/api:1.5.0 -> registry.example.com/shop/api:1.5.0\nNo drift.\n");
    assertThat(DriftText.markdown(d)).endsWith("\nNo drift.\n");
    assertThat(Drift.ratchet(d, List.of("fixable-high", "exposed-port", "root-user", "setuid", "kev"))).isEmpty();
  }

  @Test
  void epochMakesANumericallyHigherVersionADowngrade() {
    ScanResult old = withPackages(v140(), List.of(deb("mypkg", "1:2.0", "mypkg", 0)));
    ScanResult now = withPackages(v140(), List.of(deb("mypkg", "2.1", "mypkg", 0)));
    DriftReport d = Drift.between(old, now);
    assertThat(d.packagesDowngraded()).extracting(PackageChange::name, PackageChange::oldVersion,
        PackageChange::newVersion).containsExactly(tuple("mypkg", "1:2.0", "2.1"));
    assertThat(d.packagesUpgraded()).isEmpty();
    assertThat(d.packagesChanged()).isEmpty();
    assertThat(Drift.between(now, old).packagesUpgraded()).extracting(PackageChange::newVersion)
        .containsExactly("1:2.0");
  }

  @Test
  void versionsTheSchemeCannotOrderCountAsChanged() {
    ScanResult old = withPackages(v140(), List.of(deb("weird", "2.0", "weird", 0)));
    ScanResult now = withPackages(v140(), List.of(deb("weird", "not a version!", "weird", 0)));
    DriftReport d = Drift.between(old, now);
    assertThat(d.packagesChanged()).extracting(PackageChange::oldVersion, PackageChange::newVersion)
        .containsExactly(tuple("2.0", "not a version!"));
    assertThat(d.packagesUpgraded()).isEmpty();
    assertThat(d.packagesDowngraded()).isEmpty();
  }

  @Test
  void nestedJarsAreTrackedByTheirOuterPath() {
    Package a = Package.of(Ecosystem.MAVEN, "org.yaml", "snakeyaml", "1.33", "app/app.jar!/BOOT-INF/lib/snakeyaml-1.33.jar");
    Package b = Package.of(Ecosystem.MAVEN, "org.yaml", "snakeyaml", "2.2", "app/app.jar!/BOOT-INF/lib/snakeyaml-2.2.jar");
    Package other = Package.of(Ecosystem.MAVEN, "org.yaml", "snakeyaml", "1.33", "opt/tool/tool.jar");
    DriftReport d = Drift.between(withPackages(v140(), List.of(maven(a), maven(other))),
        withPackages(v140(), List.of(maven(b), maven(other))));
    assertThat(d.packagesUpgraded()).extracting(PackageChange::namespace, PackageChange::name,
        PackageChange::location, PackageChange::oldVersion, PackageChange::newVersion)
        .containsExactly(tuple("org.yaml", "snakeyaml", "app/app.jar", "1.33", "2.2"));
    assertThat(d.packagesAdded()).isEmpty();
    assertThat(d.packagesRemoved()).isEmpty();
  }

  @Test
  void configChangesAndRootDetection() {
    ImageConfig a = config("1000:1000", List.of("8080/tcp", "9090/tcp"), ENV, null,
        Map.of("version", "1.4.0", "team", "shop"), List.of("/app/start.sh"));
    ImageConfig b = config("0", List.of("8080"), ENV, List.of("CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"),
        Map.of("version", "1.5.0", "maintainer", "ops@example.com"), List.of("/app/run.sh"));
    ConfigDrift c = ConfigDiff.of(a, b);
    assertThat(c.user()).isEqualTo(new UserChange("1000:1000", "0", true));
    assertThat(c.portsAdded()).isEmpty();
    assertThat(c.portsRemoved()).containsExactly("9090/tcp");
    assertThat(c.healthcheckAdded()).isTrue();
    assertThat(c.healthcheckRemoved()).isFalse();
    assertThat(c.entrypointChanged()).isTrue();
    assertThat(c.newEntrypoint()).containsExactly("/app/run.sh");
    assertThat(c.cmdChanged()).isFalse();
    assertThat(c.labelsAdded()).isEqualTo(Map.of("maintainer", "ops@example.com"));
    assertThat(c.labelsRemoved()).containsExactly("team");
    assertThat(c.labelsChanged()).containsExactly(new DriftReport.LabelChange("version", "1.4.0", "1.5.0"));
    assertThat(ConfigDiff.of(b, a).healthcheckRemoved()).isTrue();
    assertThat(ConfigDiff.of(b, a).user().becameRoot()).isFalse();
    assertThat(ConfigDiff.isRoot("")).isTrue();
    assertThat(ConfigDiff.isRoot(null)).isTrue();
    assertThat(ConfigDiff.isRoot("root:root")).isTrue();
    assertThat(ConfigDiff.isRoot("app")).isFalse();
    assertThat(ConfigDiff.isRoot("1000")).isFalse();
  }

  @Test
  void kevRatchetIsCriticalAndUnknownRatchetsAreRejected() {
    ScanResult now = v150();
    List<Vulnerability> vs = new ArrayList<>(now.vulnerabilities());
    InstalledPackage ssl = now.packages().get(3);
    vs.add(vuln("CVE-2024-5535", ssl, Severity.MEDIUM, Vulnerability.Status.AFFECTED, List.of(), true,
        "openssl: SSL_select_next_proto buffer overread"));
    DriftReport d = Drift.between(v140(), now.withVulnerabilities(vs, List.of(), List.of()));
    assertThat(Drift.ratchet(d, List.of("kev"))).extracting(GateFinding::ruleId, GateFinding::severity,
        GateFinding::id, GateFinding::title).containsExactly(tuple("ratchet.kev", Severity.CRITICAL,
            "CVE-2024-5535", "new known-exploited (KEV) vulnerability CVE-2024-5535 in openssl 3.0.13-1~deb12u1"));
    // MEDIUM and not fixable: not a fixable-high violation
    assertThat(Drift.ratchet(d, List.of("fixable-high"))).extracting(GateFinding::id)
        .containsExactly("CVE-2024-21147");
    assertThatThrownBy(() -> Drift.ratchet(d, List.of("setuid", "no-such")))
        .isInstanceOf(DrydockException.class)
        .hasMessage("unknown drift ratchet 'no-such'; known: fixable-high, exposed-port, root-user, setuid, kev");
  }

  static InstalledPackage maven(Package p) {
    return new InstalledPackage(Purls.of(p, null), p, 0, BASE_LAYER, null, List.of(p.location()));
  }

  static ScanResult withPackages(ScanResult r, List<InstalledPackage> pkgs) {
    return r.toBuilder()
        .packages(pkgs)
        .misconfigurations(List.of())
        .secrets(List.of())
        .checksRun(List.of())
        .advisoryData(List.of())
        .coverage(List.of())
        .build();
  }
}
