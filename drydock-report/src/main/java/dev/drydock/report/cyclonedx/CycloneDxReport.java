package dev.drydock.report.cyclonedx;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Target;
import dev.drydock.report.Documents;
import dev.drydock.report.ReportFormat;
import dev.drydock.report.SpdxLicenses;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * CycloneDX 1.6 JSON: the scanned image as {@code metadata.component} (for a directory holding one
 * project, that project: {@link dev.drydock.report.ProjectRoot}; workspace members are application
 * components depending from it), the OS as an
 * {@code operating-system} component, every package as a {@code library} component with purl, licences,
 * SHA-1 and drydock properties (layer diffID, layer command, locations); {@code dependencies}: each package
 * that has lock-file edges with its {@code dependsOn}, the subject depending on the project's direct dependencies
 * and on every component no other package depends on (a flat graph when no file gave edges); vulnerability findings, when the
 * result has any, as {@code vulnerabilities} that affect those components ({@link CycloneDxVulnerabilities}).
 */
public final class CycloneDxReport implements ReportFormat {
  static final String PROP_DIFF_ID = "drydock:layer:diffId";
  static final String PROP_LAYER_INDEX = "drydock:layer:index";
  static final String PROP_CREATED_BY = "drydock:layer:createdBy";
  static final String PROP_LOCATION = "drydock:location";
  static final String PROP_SOURCE = "drydock:package:source";
  private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Set<String> IMAGE_KINDS = Set.of("docker-archive", "oci-layout", "oci-archive", "rootfs");

  @Override
  public String name() {
    return "cyclonedx";
  }

  @Override
  public void write(ScanResult result, OutputStream out) throws IOException {
    Bom bom = bom(result);
    try {
      String json = BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString(true);
      out.write(json.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
      out.flush();
    } catch (GeneratorException e) {
      throw new IOException("could not render CycloneDX: " + e.getMessage(), e);
    }
  }

  static Bom bom(ScanResult result) {
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + Documents.stableId(result));
    bom.setVersion(1);

    Metadata metadata = new Metadata();
    Instant created = Documents.created(result);
    if (created != null) {
      metadata.setTimestamp(Date.from(created));
    }
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName("drydock");
    tool.setVersion(result.drydockVersion());
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);
    java.util.Optional<InstalledPackage> project = dev.drydock.report.ProjectRoot.of(result);
    Component subject = project.isPresent() ? projectSubject(result, project.get()) : subject(result);
    metadata.setComponent(subject);
    bom.setMetadata(metadata);

    List<Component> components = new ArrayList<>();
    Dependency root = new Dependency(subject.getBomRef());
    OsInfo os = result.os();
    if (os != null && os.family() != null) {
      Component osComponent = new Component();
      osComponent.setType(Component.Type.OPERATING_SYSTEM);
      osComponent.setBomRef("os:" + os.family() + (os.versionId() == null ? "" : "@" + os.versionId()));
      osComponent.setName(os.family());
      osComponent.setVersion(os.versionId());
      osComponent.setDescription(os.prettyName());
      if (os.source() != null) {
        osComponent.addProperty(new Property(PROP_LOCATION, os.source()));
      }
      components.add(osComponent);
      root.addDependency(new Dependency(osComponent.getBomRef()));
    }
    Set<String> refs = new HashSet<>();
    refs.add(subject.getBomRef());
    List<CycloneDxVulnerabilities.Placed> placed = new ArrayList<>();
    // the package graph: purl -> bom-ref (the first component of that purl), and every component's ref
    java.util.Map<String, String> refOfPurl = new java.util.HashMap<>();
    java.util.LinkedHashMap<String, InstalledPackage> byRef = new java.util.LinkedHashMap<>();
    for (InstalledPackage installed : result.packages()) {
      if (project.isPresent() && installed == project.get()) {
        placed.add(new CycloneDxVulnerabilities.Placed(subject.getBomRef(), installed));
        if (installed.purl() != null) {
          refOfPurl.putIfAbsent(installed.purl(), subject.getBomRef());
        }
        continue; // it is metadata.component
      }
      Component component = component(installed, refs);
      if (dev.drydock.report.ProjectRoot.isMember(installed)) {
        component.setType(Component.Type.APPLICATION);
      }
      components.add(component);
      byRef.put(component.getBomRef(), installed);
      if (installed.purl() != null) {
        refOfPurl.putIfAbsent(installed.purl(), component.getBomRef());
      }
      placed.add(new CycloneDxVulnerabilities.Placed(component.getBomRef(), installed));
    }
    // edges the lock files gave; the subject depends on the project's direct dependencies and on every
    // component nothing else depends on (with no edges at all: on every component, a flat graph)
    List<Dependency> graph = new ArrayList<>();
    Set<String> dependedOn = new HashSet<>();
    if (project.isPresent()) {
      for (String ref : targets(project.get(), refOfPurl, subject.getBomRef())) {
        root.addDependency(new Dependency(ref));
        dependedOn.add(ref);
      }
    }
    for (java.util.Map.Entry<String, InstalledPackage> e : byRef.entrySet()) {
      List<String> targets = targets(e.getValue(), refOfPurl, e.getKey());
      if (!targets.isEmpty()) {
        Dependency d = new Dependency(e.getKey());
        targets.forEach(t -> d.addDependency(new Dependency(t)));
        graph.add(d);
        dependedOn.addAll(targets);
      }
    }
    for (String ref : byRef.keySet()) {
      if (!dependedOn.contains(ref)) {
        root.addDependency(new Dependency(ref));
      }
    }
    bom.setComponents(components);
    List<Dependency> dependencies = new ArrayList<>(List.of(root));
    dependencies.addAll(graph);
    bom.setDependencies(dependencies);
    List<dev.drydock.model.SuppressedFinding> suppressed = result.suppressed().stream()
        .filter(x -> x.vulnerability() != null).toList();
    if (!result.vulnerabilities().isEmpty() || !suppressed.isEmpty()) {
      bom.setVulnerabilities(CycloneDxVulnerabilities.of(result.vulnerabilities(), suppressed, placed,
          subject.getBomRef()));
    }
    return bom;
  }

  /** The bom-refs of the packages {@code installed} depends on that are in the document (not itself). */
  private static List<String> targets(InstalledPackage installed, java.util.Map<String, String> refOfPurl,
      String own) {
    List<String> out = new ArrayList<>();
    for (String purl : installed.pkg().dependsOn()) {
      String ref = refOfPurl.get(purl);
      if (ref != null && !ref.equals(own) && !out.contains(ref)) {
        out.add(ref);
      }
    }
    return out;
  }

  /** The project as the subject: its own coordinates, with the scanned directory kept as properties. */
  private static Component projectSubject(ScanResult result, InstalledPackage project) {
    Component subject = component(project, new HashSet<>());
    subject.setType(Component.Type.APPLICATION);
    Target target = result.target();
    if (target != null) {
      subject.addProperty(new Property("drydock:target:kind", target.kind()));
      subject.addProperty(new Property("drydock:target:name", target.name()));
    }
    return subject;
  }

  private static Component subject(ScanResult result) {
    Target target = result.target();
    Component subject = new Component();
    boolean image = target != null && IMAGE_KINDS.contains(target.kind());
    subject.setType(image ? Component.Type.CONTAINER : Component.Type.APPLICATION);
    subject.setName(Documents.subjectName(result));
    String digest = target == null ? null
        : target.manifestDigest() != null ? target.manifestDigest() : target.configDigest();
    subject.setVersion(digest != null ? digest : Documents.subjectTag(result));
    subject.setBomRef("target:" + subject.getName() + (digest == null ? "" : "@" + digest));
    if (target != null) {
      if (target.kind() != null) {
        subject.addProperty(new Property("drydock:target:kind", target.kind()));
      }
      for (String tag : target.repoTags()) {
        subject.addProperty(new Property("drydock:target:repoTag", tag));
      }
      if (target.configDigest() != null) {
        subject.addProperty(new Property("drydock:target:imageId", target.configDigest()));
      }
      if (target.platform() != null) {
        subject.addProperty(new Property("drydock:target:platform", target.platform()));
      }
    }
    // what the vulnerability verdict rests on: families no advisory data covered, and the data matched with
    for (dev.drydock.model.Coverage c : result.notChecked()) {
      subject.addProperty(new Property("drydock:notChecked", c.reason() != null ? c.reason() : c.family()));
    }
    // scan --verify-key: the outcome, so a consumer of the BOM sees an unverified image as the other formats say it
    dev.drydock.model.SignatureCheck signature = result.signature();
    if (signature != null) {
      subject.addProperty(new Property("drydock:signature", signature.verified()
          ? "verified: signed by " + signature.signedBy() + " (" + signature.via() + ")"
          : "image signature not verified: " + signature.reason()));
    }
    for (dev.drydock.model.AdvisoryData d : result.advisoryData()) {
      subject.addProperty(new Property("drydock:advisoryData", d.source() + " data " + (d.dataDate() == null
          ? "unknown" : d.dataDate()) + " imported " + d.importedAt() + " records " + d.records()
          + (d.digest() == null ? "" : " " + d.digest())));
    }
    return subject;
  }

  private static Component component(InstalledPackage installed, Set<String> refs) {
    Package pkg = installed.pkg();
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    String ref = installed.purl() != null ? installed.purl() : pkg.key();
    String unique = ref;
    for (int n = 2; !refs.add(unique); n++) {
      unique = ref + "|" + n;
    }
    c.setBomRef(unique);
    if (pkg.namespace() != null && !pkg.namespace().isEmpty() && !pkg.ecosystem().isOs()) {
      // npm scopes carry their '@' (as analyzers write them); older stored results may lack it
      c.setGroup(pkg.ecosystem() == Ecosystem.NPM && !pkg.namespace().startsWith("@")
          ? "@" + pkg.namespace() : pkg.namespace());
    }
    c.setName(pkg.name());
    c.setVersion(pkg.version());
    c.setPurl(installed.purl());
    LicenseChoice licenses = licenses(pkg.licenses());
    if (licenses != null) {
      c.setLicenses(licenses);
    }
    String sha1 = pkg.attribute("sha1");
    if (sha1 != null && SHA1.matcher(sha1).matches()) {
      c.addHash(new Hash(Hash.Algorithm.SHA1, sha1.toLowerCase(java.util.Locale.ROOT)));
    }
    if (pkg.sourceName() != null && !pkg.sourceName().equals(pkg.name())) {
      c.addProperty(new Property(PROP_SOURCE,
          pkg.sourceName() + (pkg.sourceVersion() == null ? "" : "@" + pkg.sourceVersion())));
    }
    if (installed.layerIndex() >= 0) {
      c.addProperty(new Property(PROP_LAYER_INDEX, Integer.toString(installed.layerIndex())));
    }
    if (installed.layerDiffId() != null) {
      c.addProperty(new Property(PROP_DIFF_ID, installed.layerDiffId()));
    }
    if (installed.createdBy() != null) {
      c.addProperty(new Property(PROP_CREATED_BY, installed.createdBy()));
    }
    List<String> locations = installed.locations().isEmpty() && pkg.location() != null
        ? List.of(pkg.location()) : installed.locations();
    for (String location : locations) {
      c.addProperty(new Property(PROP_LOCATION, location));
    }
    return c;
  }

  /**
   * CycloneDX allows either licences (SPDX id or free-text name) or exactly one SPDX expression. One
   * compound expression, or several terms that are all valid SPDX, become an expression; otherwise every
   * declared licence is listed, by id when it resolves to one and by name when not.
   */
  static LicenseChoice licenses(List<String> declared) {
    if (declared.isEmpty()) {
      return null;
    }
    List<String> resolved = new ArrayList<>();
    boolean allValid = true;
    boolean compound = false;
    for (String text : declared) {
      String expression = SpdxLicenses.resolve(text);
      resolved.add(expression);
      allValid &= expression != null;
      compound |= expression != null && SpdxLicenses.isCompound(expression);
    }
    LicenseChoice choice = new LicenseChoice();
    if (compound && allValid) {
      StringBuilder joined = new StringBuilder();
      for (String expression : resolved) {
        if (joined.length() > 0) {
          joined.append(" AND ");
        }
        joined.append(resolved.size() > 1 && SpdxLicenses.isCompound(expression)
            ? "(" + expression + ")" : expression);
      }
      choice.setExpression(new Expression(joined.toString()));
      return choice;
    }
    for (int i = 0; i < declared.size(); i++) {
      License license = new License();
      String expression = resolved.get(i);
      if (SpdxLicenses.isLicenseId(expression)) {
        license.setId(expression);
      } else {
        license.setName(declared.get(i).strip());
      }
      choice.addLicense(license);
    }
    return choice;
  }
}
