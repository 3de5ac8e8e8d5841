package dev.drydock.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.engine.cache.AnalyzerOutput;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryTest {
  private static final String STATUS = "var/lib/dpkg/status";

  private static Fact deb(String name, String version) {
    return new Fact.PackageFound(STATUS, new Package(Ecosystem.DEB, null, name, version, name, version, "amd64",
        List.of(), STATUS, Map.of()));
  }

  private static Fact npm(String dir, String name, String version) {
    String path = dir + "/node_modules/" + name + "/package.json";
    return new Fact.PackageFound(path, Package.of(Ecosystem.NPM, null, name, version, path));
  }

  private static LayerFacts layer(int i, Map<String, AnalyzerOutput> outputs) {
    return new LayerFacts(i, "sha256:" + i, "RUN step " + i, outputs);
  }

  private static AnalyzerOutput out(List<String> paths, Fact... facts) {
    return new AnalyzerOutput(paths, List.of(facts));
  }

  private static List<String> names(Inventory.View v) {
    return v.packages().stream().map(p -> p.pkg().name() + "@" + p.pkg().version() + "#" + p.layerIndex()).toList();
  }

  @Test
  void rewrittenStatusFileKeepsTheLayerThatFirstInstalledEachPackage() {
    var v = Inventory.squash(List.of(
        layer(0, Map.of("dpkg", out(List.of(STATUS), deb("libc6", "2.36-9"), deb("bash", "5.2.15-2")))),
        layer(1, Map.of("dpkg", out(List.of(STATUS), deb("libc6", "2.36-9"), deb("bash", "5.2.15-2"),
            deb("openssl", "3.0.11-1")))),
        layer(2, Map.of("dpkg", out(List.of(STATUS), deb("libc6", "2.36-9+deb12u4"), deb("bash", "5.2.15-2"),
            deb("openssl", "3.0.11-1"))))));
    assertThat(names(v)).containsExactly("bash@5.2.15-2#0", "libc6@2.36-9+deb12u4#2", "openssl@3.0.11-1#1");
    InstalledPackage openssl = v.packages().get(2);
    assertThat(openssl.layerDiffId()).isEqualTo("sha256:1");
    assertThat(openssl.createdBy()).isEqualTo("RUN step 1");
  }

  @Test
  void removingAPackageInAnUpperLayerRemovesIt() {
    var v = Inventory.squash(List.of(
        layer(0, Map.of("dpkg", out(List.of(STATUS), deb("libc6", "2.36-9"), deb("curl", "7.88.1-10")))),
        layer(1, Map.of("dpkg", out(List.of(STATUS), deb("libc6", "2.36-9"))))));
    assertThat(names(v)).containsExactly("libc6@2.36-9#0");
  }

  @Test
  void statusFileRewrittenEmptyRemovesEverything() {
    var v = Inventory.squash(List.of(
        layer(0, Map.of("dpkg", out(List.of(STATUS), deb("libc6", "2.36-9")))),
        layer(1, Map.of("dpkg", out(List.of(STATUS))))));
    assertThat(v.packages()).isEmpty();
  }

  @Test
  void whiteoutDeletesFileAndSubtree() {
    var v = Inventory.squash(List.of(
        layer(0, Map.of("npm", out(List.of(), npm("app", "lodash", "4.17.15"), npm("app", "minimist", "1.2.0")))),
        layer(1, Map.of("layer", out(List.of(), new Fact.Whiteout("app/node_modules/lodash")), "npm", out(List.of())))));
    assertThat(names(v)).containsExactly("minimist@1.2.0#0");
  }

  @Test
  void opaqueDirectoryHidesLowerContentButKeepsItsOwn() {
    var v = Inventory.squash(List.of(
        layer(0, Map.of("npm", out(List.of(), npm("app", "lodash", "4.17.15"), npm("app", "minimist", "1.2.0")))),
        layer(1, Map.of("layer", out(List.of(), new Fact.OpaqueDir("app")),
            "npm", out(List.of(), npm("app", "lodash", "4.17.21"))))));
    assertThat(names(v)).containsExactly("lodash@4.17.21#1");
  }

  @Test
  void whiteoutThenReAddStartsANewAttribution() {
    var v = Inventory.squash(List.of(
        layer(0, Map.of("npm", out(List.of(), npm("app", "lodash", "4.17.15")))),
        layer(1, Map.of("layer", out(List.of(), new Fact.Whiteout("app")), "npm", out(List.of()))),
        layer(2, Map.of("npm", out(List.of(), npm("app", "lodash", "4.17.15"))))));
    assertThat(names(v)).containsExactly("lodash@4.17.15#2");
  }

  @Test
  void languagePackageOwnedByOsPackageIsReportedOnce() {
    String meta = "usr/lib/python3/dist-packages/yaml-6.0.dist-info/METADATA";
    var v = Inventory.squash(List.of(layer(0, Map.of(
        "dpkg", out(List.of(STATUS, "var/lib/dpkg/info/python3-yaml:amd64.list"), deb("python3-yaml", "6.0-3+b2"),
            new Fact.OwnedFiles("var/lib/dpkg/info/python3-yaml:amd64.list", "python3-yaml", List.of(meta))),
        "python", out(List.of(meta, "opt/venv/lib/requests-2.31.0.dist-info/METADATA"),
            new Fact.PackageFound(meta, Package.of(Ecosystem.PYPI, null, "PyYAML", "6.0", meta)),
            new Fact.PackageFound("opt/venv/lib/requests-2.31.0.dist-info/METADATA",
                Package.of(Ecosystem.PYPI, null, "requests", "2.31.0", "opt/venv/lib/requests-2.31.0.dist-info/METADATA")))))));
    assertThat(names(v)).containsExactly("python3-yaml@6.0-3+b2#0", "requests@2.31.0#0");
  }

  @Test
  void osFromHighestPriorityFileAndPurlsUseIt() {
    OsInfo fromRelease = new OsInfo("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", "etc/os-release");
    OsInfo fromVersion = new OsInfo("debian", "12", "bookworm", null, "etc/debian_version");
    var v = Inventory.squash(List.of(layer(0, Map.of(
        "os-release", out(List.of("etc/os-release", "etc/debian_version"),
            new Fact.OsDetected("etc/debian_version", fromVersion, 10), new Fact.OsDetected("etc/os-release", fromRelease, 100)),
        "dpkg", out(List.of(STATUS), deb("libc6", "2.36-9"))))));
    assertThat(v.os()).isEqualTo(fromRelease);
    assertThat(v.packages().get(0).purl()).isEqualTo("pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12");
  }

  @Test
  void samePackageInTwoPlacesIsOneEntryWithBothLocations() {
    var v = Inventory.squash(List.of(
        layer(0, Map.of("npm", out(List.of(), npm("a", "lodash", "4.17.15")))),
        layer(1, Map.of("npm", out(List.of(), npm("b", "lodash", "4.17.15"))))));
    assertThat(v.packages()).hasSize(1);
    assertThat(v.packages().get(0).locations())
        .containsExactly("a/node_modules/lodash/package.json", "b/node_modules/lodash/package.json");
    assertThat(v.packages().get(0).layerIndex()).isZero();
  }

  @Test
  void hardLinkDeclaresWhatItsTargetDeclares() {
    var v = Inventory.squash(List.of(layer(0, Map.of(
        "npm", out(List.of(), npm("a", "lodash", "4.17.15")),
        "layer", out(List.of(), new Fact.Link("b/node_modules/lodash/package.json", "a/node_modules/lodash/package.json", true)))),
        layer(1, Map.of("layer", out(List.of(), new Fact.Whiteout("a")), "npm", out(List.of())))));
    assertThat(v.packages()).hasSize(1);
    assertThat(v.packages().get(0).locations()).containsExactly("b/node_modules/lodash/package.json");
  }

  @Test
  void notableFilesFollowWhiteouts() {
    var v = Inventory.squash(List.of(
        layer(0, Map.of("layer", out(List.of(), new Fact.FileInfo("usr/bin/passwd", 100, 04755, 0, 0),
            new Fact.FileInfo("usr/bin/su", 100, 04755, 0, 0)))),
        layer(1, Map.of("layer", out(List.of(), new Fact.Whiteout("usr/bin/su"))))));
    assertThat(v.notableFiles()).extracting(Fact.FileInfo::path).containsExactly("usr/bin/passwd");
  }

  @Test
  void symlinkClimbingAboveTheRootIsAProblemButAbsoluteAndInnerOnesAreNot() {
    var v = Inventory.squash(List.of(layer(0, Map.of("layer", out(List.of(),
        new Fact.Link("etc/os-release", "../usr/lib/os-release", false),
        new Fact.Link("usr/bin/python3", "/usr/bin/python3.11", false),
        new Fact.Link("app/evil", "../../etc/shadow", false))))));
    assertThat(v.linkProblems()).extracting(Inventory.LinkProblem::path).containsExactly("app/evil");
    assertThat(v.linkProblems().get(0).problem()).isEqualTo("points outside the image root");
  }

  @Test
  void symlinkLoopIsAProblemOnlyWhileBothLinksExist() {
    List<LayerFacts> loop = List.of(layer(0, Map.of("layer", out(List.of(),
        new Fact.Link("a/x", "../b/y", false), new Fact.Link("b/y", "/a/x", false)))));
    assertThat(Inventory.squash(loop).linkProblems()).extracting(Inventory.LinkProblem::path)
        .containsExactly("a/x", "b/y");
    List<LayerFacts> broken = new java.util.ArrayList<>(loop);
    broken.add(layer(1, Map.of("layer", out(List.of(), new Fact.Whiteout("b")))));
    assertThat(Inventory.squash(broken).linkProblems()).isEmpty();
  }

  @Test
  void resolveClampsAtTheRoot() {
    assertThat(Inventory.resolve("etc", "../usr/lib/os-release")).isEqualTo("usr/lib/os-release");
    assertThat(Inventory.resolve("a/b", "/x/./y")).isEqualTo("x/y");
    assertThat(Inventory.escapes("usr/bin", "../../../x")).isTrue();
    assertThat(Inventory.escapes("usr/bin", "../../x")).isFalse();
  }
}
