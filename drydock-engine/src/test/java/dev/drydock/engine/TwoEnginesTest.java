package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines with separate caches in one JVM, at the same time: each scans and matches the demo image and an
 * image of its own several times. Nothing is process-global (no static scratch directory, no shared store), so
 * each gets exactly what one engine alone gets, and neither writes into the other's cache or anywhere else.
 */
class TwoEnginesTest {
  static final Path DEMO = Path.of("../examples/demo-app.tar");
  static final Path ADVISORIES = Path.of("../examples/advisories");
  static final int ROUNDS = 3;

  @TempDir Path tmp;

  /**
   * What a scan found, without times and cache hit counts (a warm scan differs from a cold one there), and with
   * the secrets' fingerprints cut to their rule, path and line: fingerprints are keyed with the installation key
   * of each cache directory, so two caches give the same secret different fingerprints on purpose.
   */
  record Found(Object target, Object packages, Object vulnerabilities, Object misconfigurations, Object secrets,
      Object coverage, Object checksRun, Object warnings) {
    static Found of(ScanResult r) {
      return new Found(r.target(), r.packages(), r.vulnerabilities(), r.misconfigurations(),
          r.secrets().stream().map(s -> s.withFingerprint(s.ruleId() + ":" + s.path() + ":" + s.line())).toList(),
          r.notChecked(), r.checksRun(), r.warnings());
    }
  }

  static Path image(Path dir, String name, String lodash) throws IOException {
    // gzip'd outer archive: opening it writes a scratch file (the gunzipped tar) into the engine's scratch dir
    return ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"))
        .history("ADD rootfs /")
        .layer(l -> l.file("app/node_modules/lodash/package.json",
            "{\"name\":\"lodash\",\"version\":\"" + lodash + "\"}")
            .file("app/.env", "AWS_ACCESS_KEY_ID=AKIAQYLPMN5HHHFPZAM2\n"))
        .history("COPY app /app")
        .gzipOuter()
        .write(dir.resolve(name));
  }

  static Drydock.FindingOptions findings() {
    return new Drydock.FindingOptions(null, false, false, List.of(ADVISORIES), null, false, List.of(), List.of(),
        false, null, List.of(), null, false);
  }

  static List<Found> scanRounds(Path cache, Path second) {
    List<Found> found = new ArrayList<>();
    try (Drydock drydock = Drydock.open(Drydock.Config.of(cache))) {
      for (int i = 0; i < ROUNDS; i++) {
        found.add(Found.of(drydock.scan(Drydock.TargetRequest.of(DEMO), findings())));
        found.add(Found.of(drydock.scan(Drydock.TargetRequest.of(second), findings())));
      }
    }
    return found;
  }

  static Map<String, Long> tree(Path root) throws IOException {
    Map<String, Long> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        files.put(root.relativize(p).toString(), Files.isRegularFile(p) ? Files.size(p) : -1L);
      }
    }
    return files;
  }

  @Test
  void twoEnginesOnTheirOwnCachesRunConcurrentlyWithoutInterference() throws Exception {
    Path images = Files.createDirectories(tmp.resolve("images"));
    Path imageA = image(images, "a.tar.gz", "4.17.15");
    Path imageB = image(images, "b.tar.gz", "4.17.21");
    Map<String, Long> imagesBefore = tree(images);

    // one engine alone: the reference
    List<Found> aloneA = scanRounds(tmp.resolve("alone-a"), imageA);
    List<Found> aloneB = scanRounds(tmp.resolve("alone-b"), imageB);
    assertThat(aloneA.get(1)).as("the two second images differ").isNotEqualTo(aloneB.get(1));

    Path cacheA = tmp.resolve("cache-a");
    Path cacheB = tmp.resolve("cache-b");
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<List<Found>> a = two.submit((Callable<List<Found>>) () -> scanRounds(cacheA, imageA));
      Future<List<Found>> b = two.submit((Callable<List<Found>>) () -> scanRounds(cacheB, imageB));
      assertThat(a.get(5, TimeUnit.MINUTES)).isEqualTo(aloneA);
      assertThat(b.get(5, TimeUnit.MINUTES)).isEqualTo(aloneB);
    } finally {
      two.shutdownNow();
    }

    // each cache holds its own engine's inventories only
    assertThat(Inventories.all(cacheA)).extracting(r -> r.target().name())
        .containsExactlyInAnyOrder(DEMO.toString(), imageA.toString());
    assertThat(Inventories.all(cacheB)).extracting(r -> r.target().name())
        .containsExactlyInAnyOrder(DEMO.toString(), imageB.toString());
    try (Drydock a = Drydock.open(Drydock.Config.of(cacheA))) {
      assertThatThrownBy(() -> a.rescan(imageB, findings())).isInstanceOf(DrydockException.class)
          .hasMessageStartingWith("no stored inventory for " + imageB);
    }
    // the same files as one engine alone wrote, scratch directories removed, nothing beside the caches
    assertThat(tree(cacheA).keySet()).isEqualTo(tree(tmp.resolve("alone-a")).keySet());
    assertThat(tree(cacheB).keySet()).isEqualTo(tree(tmp.resolve("alone-b")).keySet());
    for (Path cache : List.of(cacheA, cacheB)) {
      assertThat(tree(cache.resolve("tmp")).keySet()).as("scratch left in " + cache).containsExactly("");
    }
    try (Stream<Path> top = Files.list(tmp)) {
      assertThat(top.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("images", "alone-a", "alone-b", "cache-a", "cache-b");
    }
    assertThat(tree(images)).as("the images are only read").isEqualTo(imagesBefore);
  }

  @Test
  void openingAnEngineRemovesTheScratchDirectoriesOfKilledProcessesAndCloseRemovesItsOwn() throws Exception {
    Path cache = tmp.resolve("cache");
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path dead = Files.createDirectories(cache.resolve("tmp/" + gone.pid() + "-0badc0ffee00"));
    Files.write(dead.resolve("layer-1.tmp"), new byte[1 << 20]);
    Files.setLastModifiedTime(dead, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(7200)));
    Path recent = Files.createDirectories(cache.resolve("tmp/" + gone.pid() + "-0badc0ffee01"));
    Path alive = Files.createDirectories(cache.resolve("tmp/" + ProcessHandle.current().pid() + "-0123456789ab"));
    Path notOurs = Files.createDirectories(cache.resolve("tmp/keep-me"));

    Path own;
    try (Drydock drydock = Drydock.open(Drydock.Config.of(cache))) {
      assertThat(dead).as("a killed scan's scratch directory").doesNotExist();
      assertThat(alive).as("a running engine's scratch directory").exists();
      assertThat(recent).as("changed within the hour: maybe a live pid of another pid namespace").exists();
      assertThat(notOurs).as("not a scratch directory name").exists();
      drydock.scan(Drydock.TargetRequest.of(image(Files.createDirectories(tmp.resolve("in")), "x.tar.gz", "1.0.0")),
          new Drydock.FindingOptions("misconfig,secret", false, false, List.of(), null, false, List.of(), List.of(),
              false, null, List.of(), null, false));
      own = drydock.scratchDir();
      assertThat(own.getParent()).isEqualTo(cache.resolve("tmp"));
      assertThat(own.getFileName().toString()).startsWith(ProcessHandle.current().pid() + "-");
    }
    assertThat(own).as("removed on close").doesNotExist();
  }

  @Test
  void aScanLeavesNoSpilledFileInTheScratchDirectoryOfAnEngineThatStaysOpen() throws Exception {
    // the demo image's jars are read through a local file (zip central directory): each is spilled, and must be
    // gone when its analyzers return, not when the JVM exits (a server's engine stays open for days)
    try (Drydock drydock = Drydock.open(Drydock.Config.of(tmp.resolve("cache")))) {
      drydock.sbom(Drydock.TargetRequest.of(DEMO));
      assertThat(tree(drydock.scratchDir()).keySet()).as("files left in the open engine's scratch directory")
          .containsExactly("");
    }
  }
}
