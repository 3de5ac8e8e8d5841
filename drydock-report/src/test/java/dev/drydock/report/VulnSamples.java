package dev.drydock.report;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.LayerInfo;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import dev.drydock.model.ScanResult;
import dev.drydock.model.ScanStats;
import dev.drydock.model.Severity;
import dev.drydock.model.Target;
import dev.drydock.model.Vulnerability;
import dev.drydock.model.Vulnerability.Cvss;
import dev.drydock.model.Vulnerability.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scan results with vulnerability findings shaped like the matcher's, sorted by risk as it sorts them.
 * Ids, CVSS vectors, fixed versions and the KEV due date follow the public advisories for these issues
 * (NVD, GitHub's advisory database, CISA's KEV catalogue, the Debian security tracker); EPSS values, risk
 * scores, statuses of the Debian issues and some titles are illustrative. The reports only copy these
 * values, so the tests check that they arrive where each format puts them.
 */
public final class VulnSamples {
  public static final String LOG4J_JAR = "opt/app/lib/log4j-core-2.14.1.jar";
  public static final String LOG4J_SHADED = "opt/app/plugins/tool.jar!/lib/log4j-core-2.14.1.jar";
  public static final String LOG4J_VECTOR = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H";
  public static final String JNDI_ABSENT =
      "org/apache/logging/log4j/core/lookup/JndiLookup.class is absent from the jar";

  private VulnSamples() {}

  /**
   * {@link Samples#debianImage()} plus log4j-core 2.14.1 (a jar, and a copy shaded into a plugin jar
   * without JndiLookup.class) with findings: Log4Shell (CRITICAL, KEV, fixed in 2.15.0), the same
   * mitigated in the shaded copy, an OpenSSL issue fixed by a Debian point release, and a gcc-12 issue
   * Debian has not fixed.
   */
  public static ScanResult debianWithFindings() {
    ScanResult base = Samples.debianImage();
    OsInfo os = base.os();
    LayerInfo app = base.layers().get(2);
    Package log4j = new Package(Ecosystem.MAVEN, "org.apache.logging.log4j", "log4j-core", "2.14.1", null, null,
        null, List.of("Apache-2.0"), LOG4J_JAR, Map.of("derivation", "pom.properties"));
    Package shaded = new Package(Ecosystem.MAVEN, "org.apache.logging.log4j", "log4j-core", "2.14.1", null, null,
        null, List.of("Apache-2.0"), LOG4J_SHADED, Map.of("derivation", "pom.properties"));
    List<InstalledPackage> packages = new ArrayList<>(base.packages());
    InstalledPackage log4jInstalled = Samples.installed(log4j, os, 2, app.diffId(), app.createdBy());
    InstalledPackage shadedInstalled = Samples.installed(shaded, os, 2, app.diffId(), app.createdBy());
    packages.add(log4jInstalled);
    packages.add(shadedInstalled);
    InstalledPackage libssl = base.packages().get(3);
    InstalledPackage libgcc = base.packages().get(2);

    List<String> log4jLinks = List.of("https://nvd.nist.gov/vuln/detail/CVE-2021-44228",
        "https://github.com/advisories/GHSA-jfh8-c2jp-5v3q",
        "https://logging.apache.org/log4j/2.x/security.html");
    String log4jTitle = "Remote code injection in Log4j";
    List<Cvss> log4jCvss = List.of(new Cvss("3.1", LOG4J_VECTOR, 10.0, "nvd"));
    Vulnerability log4shell = new Vulnerability("CVE-2021-44228", List.of("GHSA-jfh8-c2jp-5v3q"),
        log4jInstalled.purl(), Ecosystem.MAVEN, "org.apache.logging.log4j:log4j-core", "2.14.1",
        List.of("2.15.0"), Status.FIXED, Severity.CRITICAL, log4jCvss, null, 0.94358, 0.99957, true,
        "2021-12-24", 100.0, log4jTitle, "2021-12-10T00:00:00Z", 2, app.diffId(), app.createdBy(),
        List.of(LOG4J_JAR), log4jLinks, List.of("osv:GHSA", "kev", "epss"), null, null);
    Vulnerability openssl = new Vulnerability("CVE-2023-5678", List.of(), libssl.purl(), Ecosystem.DEB,
        "openssl", "3.0.11-1~deb12u2", List.of("3.0.13-1~deb12u1"), Status.FIXED, Severity.MEDIUM,
        List.of(new Cvss("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", 5.3, "nvd")), "not yet assigned",
        0.00291, 0.69507, false, null, 31.5,
        "Excessive time spent in DH check / generation with large Q parameter value", "2023-11-06T16:15:42Z",
        1, libssl.layerDiffId(), libssl.createdBy(), List.of("var/lib/dpkg/status"),
        List.of("https://security-tracker.debian.org/tracker/CVE-2023-5678",
            "https://www.openssl.org/news/secadv/20231106.txt"),
        List.of("debian"), null, null);
    Vulnerability gcc = new Vulnerability("CVE-2023-4039", List.of(), libgcc.purl(), Ecosystem.DEB, "gcc-12",
        "12.2.0-14", List.of(), Status.AFFECTED, Severity.MEDIUM,
        List.of(new Cvss("3.1", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N", 4.8, "nvd")), null,
        0.00155, 0.52036, false, null, 18.2,
        "GCC: -fstack-protector fails to guard dynamic stack allocations on ARM64", "2023-09-13T09:15:15Z",
        0, libgcc.layerDiffId(), libgcc.createdBy(), List.of("var/lib/dpkg/status"),
        List.of("https://security-tracker.debian.org/tracker/CVE-2023-4039"), List.of("debian"),
        "no-dsa: Minor issue", null);
    Vulnerability mitigated = new Vulnerability("CVE-2021-44228", List.of("GHSA-jfh8-c2jp-5v3q"),
        shadedInstalled.purl(), Ecosystem.MAVEN, "org.apache.logging.log4j:log4j-core", "2.14.1",
        List.of("2.15.0"), Status.MITIGATED, Severity.CRITICAL, log4jCvss, null, 0.94358, 0.99957, true,
        "2021-12-24", 5.0, log4jTitle, "2021-12-10T00:00:00Z", 2, app.diffId(), app.createdBy(),
        List.of(LOG4J_SHADED), log4jLinks, List.of("osv:GHSA", "kev", "epss"), null, JNDI_ABSENT);
    return base.toBuilder()
        .os(os)
        .packages(packages)
        .notableFiles(List.of())
        .vulnerabilities(List.of(log4shell, openssl, gcc, mitigated))
        .suppressed(List.of())
        .misconfigurations(List.of())
        .secrets(List.of())
        .checksRun(List.of())
        .advisoryData(List.of())
        .coverage(List.of())
        .build();
  }

  /**
   * A Debian 10 (buster, end of life since 2024-06-30) root filesystem with libssl1.1 and an OpenSSL
   * issue that buster will never get a fix for, and a zlib issue without CVSS that Debian ignores.
   */
  public static ScanResult endOfLifeBuster() {
    OsInfo os = new OsInfo("debian", "10", "buster", "Debian GNU/Linux 10 (buster)", "etc/os-release");
    String status = "var/lib/dpkg/status";
    Package libssl = new Package(Ecosystem.DEB, null, "libssl1.1", "1.1.1n-0+deb10u6", "openssl", null, "amd64",
        List.of(), status, Map.of());
    Package zlib = new Package(Ecosystem.DEB, null, "zlib1g", "1:1.2.11.dfsg-1+deb10u2", "zlib", null, "amd64",
        List.of("Zlib"), status, Map.of());
    InstalledPackage ssl = new InstalledPackage(Purls.of(libssl, os), libssl, -1, null, null, List.of(status));
    InstalledPackage z = new InstalledPackage(Purls.of(zlib, os), zlib, -1, null, null, List.of(status));
    Vulnerability eol = new Vulnerability("CVE-2024-5535", List.of(), ssl.purl(), Ecosystem.DEB, "openssl",
        "1.1.1n-0+deb10u6", List.of(), Status.END_OF_LIFE, Severity.CRITICAL,
        List.of(new Cvss("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H", 9.1, "nvd")), null,
        0.00043, 0.10211, false, null, 46.0, "SSL_select_next_proto buffer overread", "2024-06-27T11:15:24Z",
        -1, null, null, List.of(status), List.of("https://security-tracker.debian.org/tracker/CVE-2024-5535"),
        List.of("debian"), null, null);
    Vulnerability ignored = new Vulnerability("CVE-2023-45853", List.of(), z.purl(), Ecosystem.DEB, "zlib",
        "1:1.2.11.dfsg-1+deb10u2", List.of(), Status.WILL_NOT_FIX, Severity.UNKNOWN, List.of(), null,
        null, null, false, null, 2.0,
        "MiniZip in zlib through 1.3 has an integer overflow in zipOpenNewFileInZip4_64", null, -1, null, null,
        List.of(), List.of(), List.of("debian"), "contrib/minizip not built into any binary package", null);
    return ScanResult.builder()
        .schemaVersion(ScanResult.SCHEMA_VERSION)
        .drydockVersion("0.1.0")
        .createdAt("2024-08-01T08:00:00Z")
        .target(new Target("rootfs", "/srv/rootfs/buster", null, null, null, null))
        .os(os)
        .packages(List.of(ssl, z))
        .vulnerabilities(List.of(eol, ignored))
        .stats(new ScanStats(0, 0, 0, 2_100, 0, 410))
        .build();
  }
}
