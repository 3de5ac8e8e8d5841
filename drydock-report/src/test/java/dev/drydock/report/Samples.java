package dev.drydock.report;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.ImageConfig;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.LayerInfo;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import dev.drydock.model.ScanResult;
import dev.drydock.model.ScanStats;
import dev.drydock.model.Target;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Scan results shaped like real ones: a Debian 12 image with dpkg packages (binary and source names and
 * versions as in bookworm's status file), a Maven jar with the SHA-1 that {@code sha1sum} printed for
 * commons-lang3-3.20.0.jar, a scoped npm package, a Rust crate licensed "MIT OR Apache-2.0" and a
 * Debian copyright-style free-text licence. Purls come from the model's {@link Purls}.
 */
public final class Samples {
  public static final String COMMONS_LANG_SHA1 = "65897b3e5731220962e659e001904af3c3cbeba9";
  public static final String FREE_TEXT_LICENSE = "GPL-2+ with exceptions";

  private Samples() {}

  public static ScanResult debianImage() {
    OsInfo os = new OsInfo("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", "etc/os-release");
    String base = sha256("base layer");
    String apt = sha256("apt layer");
    String app = sha256("app layer");
    String baseCmd = "/bin/sh -c #(nop) ADD file:b0b2c5d0b4d4e1b5b6ed2d8f0d1f7b3c in / ";
    String aptCmd = "RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends libssl3 ca-certificates"
        + " && rm -rf /var/lib/apt/lists/* # buildkit";
    String appCmd = "COPY app/ /opt/app/ # buildkit";
    List<LayerInfo> layers = List.of(
        new LayerInfo(0, base, sha256("base blob"), "application/vnd.oci.image.layer.v1.tar+gzip", 29_150_000L,
            baseCmd, true, Map.of("dpkg@1", "cache", "os-release@1", "cache")),
        new LayerInfo(1, apt, sha256("apt blob"), "application/vnd.oci.image.layer.v1.tar+gzip", 5_400_000L,
            aptCmd, false, Map.of("dpkg@1", "analysed", "os-release@1", "analysed")),
        new LayerInfo(2, app, sha256("app blob"), "application/vnd.oci.image.layer.v1.tar+gzip", 2_100_000L,
            appCmd, false, Map.of("jar@1", "analysed", "npm@1", "analysed", "cargo@1", "analysed")));
    String status = "var/lib/dpkg/status";
    Package libc6 = new Package(Ecosystem.DEB, null, "libc6", "2.36-9+deb12u4", "glibc", null, "amd64",
        List.of("GPL-2", "LGPL-2.1"), status, Map.of("maintainer", "GNU Libc Maintainers <debian-glibc@lists.debian.org>"));
    Package libgcc = new Package(Ecosystem.DEB, null, "libgcc-s1", "12.2.0-14", "gcc-12", "12.2.0-14", "amd64",
        List.of(FREE_TEXT_LICENSE), status, Map.of());
    Package base64 = new Package(Ecosystem.DEB, null, "base-files", "12.4+deb12u5", null, null, "amd64",
        List.of(), status, Map.of());
    Package libssl = new Package(Ecosystem.DEB, null, "libssl3", "3.0.11-1~deb12u2", "openssl", null, "amd64",
        List.of("Apache-2.0"), status, Map.of());
    Package lang = new Package(Ecosystem.MAVEN, "org.apache.commons", "commons-lang3", "3.20.0", null, null, null,
        List.of("The Apache Software License, Version 2.0"), "opt/app/lib/commons-lang3-3.20.0.jar",
        Map.of("sha1", COMMONS_LANG_SHA1, "derivation", "pom.properties"));
    Package langCopy = new Package(Ecosystem.MAVEN, "org.apache.commons", "commons-lang3", "3.20.0", null, null,
        null, List.of("The Apache Software License, Version 2.0"), "opt/app/plugins/tool.jar!/lib/commons-lang3-3.20.0.jar",
        Map.of("sha1", COMMONS_LANG_SHA1));
    Package babel = new Package(Ecosystem.NPM, "babel", "core", "7.23.2", null, null, null, List.of("MIT"),
        "opt/app/node_modules/@babel/core/package.json", Map.of());
    Package serde = new Package(Ecosystem.CARGO, null, "serde", "1.0.193", null, null, null,
        List.of("MIT OR Apache-2.0"), "opt/app/bin/server", Map.of());
    List<InstalledPackage> packages = List.of(
        installed(base64, os, 0, base, baseCmd),
        installed(libc6, os, 0, base, baseCmd),
        installed(libgcc, os, 0, base, baseCmd),
        installed(libssl, os, 1, apt, aptCmd),
        installed(lang, os, 2, app, appCmd),
        installed(langCopy, os, 2, app, appCmd),
        installed(babel, os, 2, app, appCmd),
        installed(serde, os, 2, app, appCmd));
    ImageConfig config = new ImageConfig("linux", "amd64", null, "app", List.of("PATH=/usr/local/bin:/usr/bin:/bin"),
        List.of("8080/tcp"), null, List.of("/opt/app/bin/server"), "/opt/app",
        Map.of("org.opencontainers.image.source", "https://example.org/app", "maintainer", "ops@example.org"),
        null, List.of(
            new ImageConfig.HistoryEntry("2024-01-11T00:00:00Z", baseCmd, null, false),
            new ImageConfig.HistoryEntry("2024-01-11T00:00:00Z", "/bin/sh -c #(nop)  CMD [\"bash\"]", null, true),
            new ImageConfig.HistoryEntry("2024-02-01T10:00:00Z", aptCmd, "buildkit.dockerfile.v0", false),
            new ImageConfig.HistoryEntry("2024-02-01T10:00:05Z", appCmd, "buildkit.dockerfile.v0", false)));
    Target target = new Target("docker-archive", "build/app.tar", sha256("manifest"), sha256("config"),
        List.of("registry.example.org:5000/team/app:1.4.2"), "linux/amd64");
    return ScanResult.builder()
        .schemaVersion(ScanResult.SCHEMA_VERSION)
        .drydockVersion("0.1.0")
        .createdAt("2024-02-01T10:15:30.123Z")
        .target(target)
        .os(os)
        .config(config)
        .layers(layers)
        .packages(packages)
        .stats(new ScanStats(3, 2, 1, 5_412, 36_650_000L, 1_234))
        .warnings(List.of("opt/app/broken.jar: not a zip archive"))
        .build();
  }

  /** A source directory in which nothing was found: no OS, no config, no layers, no packages. */
  /**
   * The Debian image as matched against a store with Debian data only (tracker, no data date) and KEV: the
   * Maven family was not checked.
   */
  public static ScanResult debianImageWithCoverage() {
    ScanResult r = debianImage();
    return r.withCoverage(List.of(
            new dev.drydock.model.AdvisoryData("debian-tracker", null, "2026-12-01T06:00:00Z", 51234,
                "sha256:" + "1f".repeat(32)),
            new dev.drydock.model.AdvisoryData("kev", "2026-11-30T17:04:19.9796Z", "2026-12-01T06:00:01Z", 1484,
                "sha256:" + "2e".repeat(32))),
        List.of(new dev.drydock.model.Coverage("debian 12", 4, true, null),
            new dev.drydock.model.Coverage("maven", 2, false, "no advisory data for maven: 2 packages not checked")));
  }

  public static ScanResult emptySource() {
    return ScanResult.builder()
        .schemaVersion(ScanResult.SCHEMA_VERSION)
        .drydockVersion("0.1.0")
        .createdAt("2024-02-01T10:15:30Z")
        .target(new Target("source", "./empty-project", null, null, null, null))
        .stats(new ScanStats(0, 0, 0, 0, 0, 3))
        .build();
  }

  static InstalledPackage installed(Package pkg, OsInfo os, int layer, String diffId, String createdBy) {
    return new InstalledPackage(Purls.of(pkg, os), pkg, layer, diffId, createdBy, List.of(pkg.location()));
  }

  public static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
