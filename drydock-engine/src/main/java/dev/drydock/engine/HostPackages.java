package dev.drydock.engine;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.Analyzers;
import dev.drydock.analyzers.FileInput;
import dev.drydock.checks.host.UpToDate;
import dev.drydock.engine.cache.AnalyzerOutput;
import dev.drydock.engine.inventory.Inventory;
import dev.drydock.engine.inventory.LayerFacts;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Fact;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.Target;
import dev.drydock.model.Vulnerability;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Is Docker current" (CIS Docker Benchmark 1.2.2) for a host: its Docker packages (docker-ce, docker.io,
 * moby-*, containerd, runc, ...) read from the host's package database with the image scanner's own OS
 * analyzers (os-release, dpkg, apk, rpm), then matched against the vulnerability store like an image's.
 *
 * <p>Only the package database directories under the root are listed (not the whole file system), and only
 * regular files there are read: nothing outside the root.
 */
public final class HostPackages {
  /** Package names (binary or source) that are Docker's engine, CLI or runtime. */
  static final Set<String> DOCKER = Set.of("docker", "docker-ce", "docker-ce-cli", "docker-ee", "docker-engine",
      "docker-cli", "docker.io", "containerd", "containerd.io", "runc");

  /** Directories whose files the OS analyzers may want (release files and package databases). */
  private static final List<String> DIRS = List.of("etc", "usr/lib", "var/lib/dpkg", "var/lib/dpkg/status.d",
      "lib/apk/db", "usr/lib/apk/db", "var/lib/rpm", "usr/lib/sysimage/rpm");

  private static final Set<String> OS_ANALYZERS = Set.of("os-release", "dpkg", "apk", "rpm");

  /**
   * What the package check found.
   *
   * @param os the host's operating system, null if unknown
   * @param packages the Docker packages installed
   * @param vulnerabilities their known vulnerabilities (empty when not matched)
   * @param upToDate the evidence for control 1.2.2
   * @param warnings anything the user should know (no store, unreadable database)
   */
  public record Result(OsInfo os, List<InstalledPackage> packages, List<Vulnerability> vulnerabilities,
      UpToDate upToDate, List<String> warnings) {}

  private HostPackages() {}

  /** Reads the Docker packages under {@code root} and matches them (store in {@code cacheDir}, or advisories). */
  public static Result check(Path root, Path cacheDir, VulnerabilityScan.Options options, Instant now) {
    Inventory.View view = Inventory.squash(List.of(new LayerFacts(0, null, null,
        analyse(root, cacheDir.resolve("tmp")))));
    List<InstalledPackage> docker = view.packages().stream().filter(p -> isDocker(p.pkg())).toList();
    List<String> names = docker.stream().map(p -> p.pkg().name() + " " + p.pkg().version()).toList();
    String db = docker.isEmpty() ? null : docker.get(0).pkg().location();
    if (docker.isEmpty()) {
      return new Result(view.os(), docker, List.of(), new UpToDate(List.of(), null, List.of(), List.of(),
          Severity.UNKNOWN, null), List.of());
    }
    Path storeDir = options.advisories().isEmpty() ? cacheDir
        : VulnerabilityScan.advisoryStore(options.advisories(), cacheDir);
    if (!Files.isRegularFile(VulnStore.storeFile(storeDir))) {
      String why = "no vulnerability store in " + cacheDir + " (run 'drydock db update' or 'drydock db import',"
          + " or pass --advisories)";
      return new Result(view.os(), docker, List.of(), new UpToDate(names, db, List.of(), List.of(), Severity.UNKNOWN,
          why), List.of(why));
    }
    ScanResult inventory = ScanResult.builder()
        .schemaVersion(ScanResult.SCHEMA_VERSION)
        .drydockVersion(Version.current())
        .createdAt(now.toString())
        .target(new Target("host", root.toString(), null, null, List.of(), null))
        .os(view.os())
        .packages(docker)
        .build();
    ScanResult matched = VulnerabilityScan.match(inventory, cacheDir, options, now);
    // only the Docker packages' own advisories (not, e.g., the distribution's end of life)
    Set<String> purls = docker.stream().map(InstalledPackage::purl).collect(java.util.stream.Collectors.toSet());
    List<Vulnerability> vulns = matched.vulnerabilities().stream().filter(v -> purls.contains(v.purl())).toList();
    List<String> fixable = new ArrayList<>();
    List<String> unfixed = new ArrayList<>();
    Severity worst = Severity.UNKNOWN;
    for (Vulnerability v : vulns) {
      if (v.fixable()) {
        if (!fixable.contains(v.id())) {
          fixable.add(v.id());
        }
        worst = v.severity() != null && v.severity().compareTo(worst) > 0 ? v.severity() : worst;
      } else if (!unfixed.contains(v.id())) {
        unfixed.add(v.id());
      }
    }
    fixable.sort(null);
    unfixed.sort(null);
    return new Result(view.os(), docker, vulns,
        new UpToDate(names, db, fixable, unfixed, worst, null), matched.warnings());
  }

  static boolean isDocker(Package p) {
    return DOCKER.contains(p.name()) || p.name().startsWith("moby-")
        || (p.sourceName() != null && (DOCKER.contains(p.sourceName()) || p.sourceName().startsWith("moby-")));
  }

  /** Runs the OS analyzers on the files they want in the package database directories. */
  private static Map<String, AnalyzerOutput> analyse(Path root, Path scratch) {
    List<Analyzer> analyzers = Analyzers.all().stream().filter(a -> OS_ANALYZERS.contains(a.name())).toList();
    Map<String, List<String>> paths = new LinkedHashMap<>();
    Map<String, List<Fact>> facts = new LinkedHashMap<>();
    analyzers.forEach(a -> {
      paths.put(a.name(), new ArrayList<>());
      facts.put(a.name(), new ArrayList<>());
    });
    for (String dir : DIRS) {
      Path d = root.resolve(dir);
      if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
        ds.forEach(files::add);
      } catch (IOException e) {
        throw new DrydockException("cannot list " + d + ": " + e.getMessage(), e);
      }
      files.sort(null);
      for (Path f : files) {
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String rel = dir + "/" + f.getFileName();
        try {
          long size = Files.size(f);
          for (Analyzer a : analyzers) {
            if (a.wants(rel, size, 0644) && size <= a.maxFileSize()) {
              paths.get(a.name()).add(rel);
              facts.get(a.name()).addAll(a.analyze(FileInput.ofFile(rel, f, 0644, scratch)));
            }
          }
        } catch (IOException e) {
          throw new DrydockException("cannot read " + f + ": " + e.getMessage(), e);
        }
      }
    }
    Map<String, AnalyzerOutput> out = new LinkedHashMap<>();
    analyzers.forEach(a -> out.put(a.name(), new AnalyzerOutput(paths.get(a.name()), facts.get(a.name()))));
    return out;
  }
}
