package dev.drydock.report.spdx;

import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Target;
import dev.drydock.report.Documents;
import dev.drydock.report.ReportFormat;
import dev.drydock.report.SpdxLicenses;
import dev.drydock.report.json.Json;
import dev.drydock.report.spdx.SpdxDocument.Checksum;
import dev.drydock.report.spdx.SpdxDocument.CreationInfo;
import dev.drydock.report.spdx.SpdxDocument.ExternalRef;
import dev.drydock.report.spdx.SpdxDocument.ExtractedLicense;
import dev.drydock.report.spdx.SpdxDocument.Relationship;
import dev.drydock.report.spdx.SpdxDocument.SpdxPackage;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SPDX 2.3 JSON: the scanned target as the described package, which CONTAINS the OS and every package;
 * a package DEPENDS_ON the packages its lock file says it depends on.
 * Declared licences are valid SPDX expressions; free-text licences become {@code LicenseRef-}s listed in
 * {@code hasExtractedLicensingInfos}.
 */
public final class SpdxReport implements ReportFormat {
  static final String NOASSERTION = "NOASSERTION";
  static final String TARGET_ID = "SPDXRef-Target";
  static final String OS_ID = "SPDXRef-OperatingSystem";
  private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern SHA256_DIGEST = Pattern.compile("sha256:([0-9a-fA-F]{64})");
  private static final Set<String> IMAGE_KINDS = Set.of("docker-archive", "oci-layout", "oci-archive", "rootfs");

  @Override
  public String name() {
    return "spdx";
  }

  @Override
  public void write(ScanResult result, OutputStream out) throws IOException {
    Json.mapper().writeValue(out, document(result));
    out.write('\n');
    out.flush();
  }

  static SpdxDocument document(ScanResult result) {
    String name = Documents.subjectName(result);
    Instant created = Documents.created(result);
    if (created == null) {
      created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
    // scan --verify-key that failed: said here too (fail closed), as the other formats say it
    String comment = result.signature() != null && !result.signature().verified()
        ? "image signature not verified: " + result.signature().reason() : null;
    CreationInfo creationInfo = new CreationInfo(List.of("Tool: " + Documents.toolName(result)), created.toString(),
        comment);

    Licenses licenses = new Licenses();
    List<SpdxPackage> packages = new ArrayList<>();
    List<Relationship> relationships = new ArrayList<>();
    java.util.Optional<InstalledPackage> project = dev.drydock.report.ProjectRoot.of(result);
    if (project.isPresent()) {
      // the project is what the document describes, under the target's id so every CONTAINS stays as is
      SpdxPackage own = pkg(TARGET_ID, project.get(), licenses);
      packages.add(own);
    } else {
      packages.add(target(result, name));
    }
    relationships.add(new Relationship("SPDXRef-DOCUMENT", "DESCRIBES", TARGET_ID));
    OsInfo os = result.os();
    if (os != null && os.family() != null) {
      packages.add(new SpdxPackage(OS_ID, os.family(), os.versionId(), NOASSERTION, NOASSERTION, false, null,
          os.source() == null ? null : "read from " + os.source(), NOASSERTION, NOASSERTION, NOASSERTION,
          os.prettyName(), null, "OPERATING_SYSTEM"));
      relationships.add(new Relationship(TARGET_ID, "CONTAINS", OS_ID));
    }
    int n = 0;
    java.util.Map<String, String> idOfPurl = new java.util.HashMap<>();
    java.util.LinkedHashMap<String, InstalledPackage> byId = new java.util.LinkedHashMap<>();
    for (InstalledPackage installed : result.packages()) {
      if (project.isPresent() && installed == project.get()) {
        byId.put(TARGET_ID, installed);
        if (installed.purl() != null) {
          idOfPurl.putIfAbsent(installed.purl(), TARGET_ID);
        }
        continue;
      }
      String id = "SPDXRef-Package-" + sanitise(installed.pkg().ecosystem().purlType() + "-" + installed.pkg().name())
          + "-" + (++n);
      packages.add(pkg(id, installed, licenses));
      relationships.add(new Relationship(TARGET_ID, "CONTAINS", id));
      byId.put(id, installed);
      if (installed.purl() != null) {
        idOfPurl.putIfAbsent(installed.purl(), id);
      }
    }
    // the dependency edges lock files record
    byId.forEach((id, installed) -> installed.pkg().dependsOn().stream().map(idOfPurl::get)
        .filter(to -> to != null && !to.equals(id)).distinct()
        .forEach(to -> relationships.add(new Relationship(id, "DEPENDS_ON", to))));
    String namespace = "https://drydock.dev/spdxdocs/" + sanitise(name) + "-" + Documents.stableId(result);
    return new SpdxDocument("SPDX-2.3", "CC0-1.0", "SPDXRef-DOCUMENT", name, namespace, creationInfo, packages,
        licenses.extracted.isEmpty() ? null : List.copyOf(licenses.extracted.values()), relationships);
  }

  private static SpdxPackage target(ScanResult result, String name) {
    Target target = result.target();
    String version = null;
    List<Checksum> checksums = null;
    String purpose = "SOURCE";
    if (target != null) {
      version = target.manifestDigest() != null ? target.manifestDigest() : target.configDigest();
      if (version == null) {
        version = Documents.subjectTag(result);
      }
      if (target.configDigest() != null) {
        var digest = SHA256_DIGEST.matcher(target.configDigest());
        if (digest.matches()) {
          checksums = List.of(new Checksum("SHA256", digest.group(1).toLowerCase(Locale.ROOT)));
        }
      }
      if (IMAGE_KINDS.contains(target.kind())) {
        purpose = "CONTAINER";
      }
    }
    String description = target == null ? null
        : target.kind() + " " + target.name() + (target.repoTags().isEmpty() ? "" : " " + target.repoTags());
    return new SpdxPackage(TARGET_ID, name, version, NOASSERTION, NOASSERTION, false, checksums, null,
        NOASSERTION, NOASSERTION, NOASSERTION, description, null, purpose);
  }

  private static SpdxPackage pkg(String id, InstalledPackage installed, Licenses licenses) {
    Package p = installed.pkg();
    String sha1 = p.attribute("sha1");
    List<Checksum> checksums = sha1 != null && SHA1.matcher(sha1).matches()
        ? List.of(new Checksum("SHA1", sha1.toLowerCase(Locale.ROOT))) : null;
    List<ExternalRef> refs = installed.purl() == null ? null
        : List.of(new ExternalRef("PACKAGE-MANAGER", "purl", installed.purl()));
    String vendor = p.attribute("vendor");
    String supplier = vendor == null || vendor.isBlank() ? NOASSERTION
        : "Organization: " + vendor.replaceAll("\\s+", " ").strip();
    String name = p.namespace() == null || p.namespace().isEmpty() || p.ecosystem().isOs() ? p.name()
        : switch (p.ecosystem()) {
          case MAVEN -> p.namespace() + ":" + p.name();
          case NPM -> (p.namespace().startsWith("@") ? "" : "@") + p.namespace() + "/" + p.name();
          default -> p.namespace() + "/" + p.name();
        };
    return new SpdxPackage(id, name, p.version(), supplier, NOASSERTION, false, checksums,
        sourceInfo(installed), NOASSERTION, licenses.declared(p.licenses()), NOASSERTION, null, refs,
        p.ecosystem().isOs() ? "INSTALL" : p.attribute("project") != null ? "APPLICATION" : "LIBRARY");
  }

  /** Where drydock found the package: layer, the layer's command, source package, paths. */
  private static String sourceInfo(InstalledPackage installed) {
    List<String> parts = new ArrayList<>();
    if (installed.layerIndex() >= 0) {
      parts.add("layer " + installed.layerIndex() + (installed.layerDiffId() == null ? "" : " " + installed.layerDiffId()));
    }
    if (installed.createdBy() != null) {
      parts.add("created by: " + installed.createdBy().replaceAll("\\s+", " ").strip());
    }
    Package p = installed.pkg();
    if (p.sourceName() != null && !p.sourceName().equals(p.name())) {
      parts.add("source package: " + p.sourceName() + (p.sourceVersion() == null ? "" : " " + p.sourceVersion()));
    }
    List<String> locations = installed.locations().isEmpty() && p.location() != null
        ? List.of(p.location()) : installed.locations();
    if (!locations.isEmpty()) {
      parts.add("found at: " + String.join(", ", locations));
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /** Letters, digits, '.' and '-' only (SPDX idstring). */
  static String sanitise(String s) {
    String clean = s.replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("^-+|-+$", "");
    return clean.isEmpty() ? "unnamed" : clean;
  }

  /** Declared-licence expressions of one document and the LicenseRefs they needed. */
  static final class Licenses {
    final Map<String, ExtractedLicense> extracted = new LinkedHashMap<>();
    private final Set<String> refIds = new HashSet<>();

    String declared(List<String> declared) {
      if (declared.isEmpty()) {
        return NOASSERTION;
      }
      List<String> terms = new ArrayList<>();
      for (String text : declared) {
        if (text == null || text.isBlank()) {
          continue;
        }
        String expression = SpdxLicenses.resolve(text);
        if (expression == null || expression.contains("LicenseRef-")) {
          expression = ref(text.strip());
        }
        if (!terms.contains(expression)) {
          terms.add(expression);
        }
      }
      if (terms.isEmpty()) {
        return NOASSERTION;
      }
      if (terms.size() == 1) {
        return terms.get(0);
      }
      List<String> wrapped = new ArrayList<>();
      for (String term : terms) {
        wrapped.add(SpdxLicenses.isCompound(term) ? "(" + term + ")" : term);
      }
      return String.join(" AND ", wrapped);
    }

    private String ref(String text) {
      ExtractedLicense known = extracted.get(text);
      if (known != null) {
        return known.licenseId();
      }
      String base = text.matches("LicenseRef-[A-Za-z0-9.-]+") ? text : SpdxLicenses.licenseRef(text);
      String id = base;
      for (int n = 2; !refIds.add(id); n++) {
        id = base + "-" + n;
      }
      extracted.put(text, new ExtractedLicense(id, text, text));
      return id;
    }
  }
}
