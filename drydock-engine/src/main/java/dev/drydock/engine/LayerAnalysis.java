package dev.drydock.engine;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.engine.cache.AnalyzerOutput;
import dev.drydock.image.LayerVisitor;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Fact;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a set of analyzers over the entries of one layer (or one directory) in a single pass, and
 * records the layer's structure (whiteouts, opaque directories, links, notable file modes) as the
 * pseudo-analyzer {@value #STRUCTURE}.
 */
final class LayerAnalysis implements LayerVisitor {
  static final String STRUCTURE = "layer";
  static final int STRUCTURE_VERSION = 2; // 2: executables recorded

  /** Files up to this size are buffered in memory; larger ones are spilled to the scratch directory. */
  private static final long MEMORY_LIMIT = 16L * 1024 * 1024;

  private final String where;
  private final List<Analyzer> analyzers;
  private final boolean structure;
  private final Path scratch;
  /** Per analyzer, per analysed path (in tar order of the copy that counts), its facts. */
  private final Map<String, Map<String, List<Fact>>> facts = new LinkedHashMap<>();
  private final java.util.Set<String> analysed = new java.util.HashSet<>();
  /** Structure facts in tar order: file modes and links keyed by path (a later copy replaces them), others by number. */
  private final Map<String, Fact> structureFacts = new LinkedHashMap<>();
  private long structureCount;
  private final List<String> warnings;
  private final Cancellation cancel;
  private long files;
  private long bytes;

  /**
   * @param where how to name this layer in messages, e.g. {@code layer 2 (sha256:ab12...) of img.tar}
   */
  LayerAnalysis(String where, List<Analyzer> analyzers, boolean structure, Path scratch, List<String> warnings,
      Cancellation cancel) {
    this.where = where;
    this.cancel = cancel;
    this.analyzers = analyzers;
    this.structure = structure;
    this.scratch = scratch;
    this.warnings = warnings;
    for (Analyzer a : analyzers) {
      facts.put(a.name(), new LinkedHashMap<>());
    }
  }

  @Override
  public void entry(String path, EntryType type, long size, int mode, int uid, int gid) {
    cancel.check(); // between files: a volatile read; a cancelled walk stores nothing of this layer
    if (analysed.remove(path)) {
      // the same path again in this layer: unpacking replaces the earlier copy, so its facts go too
      for (Map<String, List<Fact>> byPath : facts.values()) {
        byPath.remove(path);
      }
    }
    if (structure) {
      structureFacts.remove(path);
    }
    if (type == EntryType.FILE) {
      bytes += size;
    }
    if (!structure) {
      return;
    }
    boolean special = type == EntryType.FILE && (mode & 06000) != 0;
    boolean worldWritable = (type == EntryType.FILE || type == EntryType.DIRECTORY)
        && (mode & 0002) != 0 && (mode & 01000) == 0;
    // executables too: an upper layer that rewrites a setuid binary without the bit (chmod a-s, CIS 4.8) must
    // replace the lower layer's record; squashing keeps only the special and world-writable ones
    boolean executable = type == EntryType.FILE && (mode & 0111) != 0;
    if (special || worldWritable || executable) {
      structureFacts.put(path, new Fact.FileInfo(path, size, mode, uid, gid));
    }
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    for (Analyzer a : analyzers) {
      if (a.wants(path, size, mode)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void file(String path, long size, int mode, InputStream content) throws IOException {
    List<Analyzer> wanting = new ArrayList<>(2);
    for (Analyzer a : analyzers) {
      if (a.wants(path, size, mode)) {
        if (size > a.maxFileSize()) {
          warnings.add(where + ": " + path + ": skipped by " + a.name() + " (" + size + " bytes, limit "
              + a.maxFileSize() + ")");
        } else {
          wanting.add(a);
        }
      }
    }
    if (wanting.isEmpty()) {
      return;
    }
    files++;
    Path spilled = null;
    FileInput input = null;
    try {
      if (size <= MEMORY_LIMIT) {
        input = FileInput.ofBytes(path, content.readNBytes((int) size), mode, scratch);
      } else {
        Files.createDirectories(scratch);
        spilled = Files.createTempFile(scratch, "layer-", ".tmp");
        try (OutputStream out = Files.newOutputStream(spilled)) {
          content.transferTo(out);
        }
        input = FileInput.ofFile(path, spilled, mode, scratch);
      }
      analysed.add(path);
      for (Analyzer a : wanting) {
        List<Fact> found = new ArrayList<>();
        facts.get(a.name()).put(path, found);
        try {
          found.addAll(a.analyze(input));
        } catch (DrydockException e) {
          throw new DrydockException(where + ": " + path + ": " + e.getMessage(), e);
        } catch (dev.drydock.analyzers.PartialRead e) {
          // stopped at a bound part way (secrets: the time per file): what was found is kept, the rest reported
          found.addAll(e.facts());
          warnings.add(where + ": " + path + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
          // one unreadable file must not end the scan; the report says what was skipped
          warnings.add(where + ": " + path + ": " + a.name() + " could not read it: " + e.getMessage());
        }
      }
    } finally {
      if (input != null) {
        input.discard(); // what an analyzer had spilled for random access (a jar's zip directory)
      }
      if (spilled != null) {
        Files.deleteIfExists(spilled);
      }
    }
  }

  @Override
  public void whiteout(String path) {
    if (structure) {
      structureFacts.put("\0" + structureCount++, new Fact.Whiteout(path));
    }
  }

  @Override
  public void opaqueDir(String dir) {
    if (structure) {
      structureFacts.put("\0" + structureCount++, new Fact.OpaqueDir(dir));
    }
  }

  @Override
  public void link(String path, String target, boolean hard) {
    if (structure) {
      structureFacts.put(path, new Fact.Link(path, target, hard));
    }
  }

  /** Per analyzer name (and {@value #STRUCTURE} when recorded), what this layer yielded. */
  Map<String, AnalyzerOutput> outputs() {
    Map<String, AnalyzerOutput> out = new LinkedHashMap<>();
    if (structure) {
      out.put(STRUCTURE, new AnalyzerOutput(List.of(), new ArrayList<>(structureFacts.values())));
    }
    for (Analyzer a : analyzers) {
      Map<String, List<Fact>> byPath = facts.get(a.name());
      List<Fact> all = new ArrayList<>();
      byPath.values().forEach(all::addAll);
      out.put(a.name(), new AnalyzerOutput(new ArrayList<>(byPath.keySet()), all));
    }
    return out;
  }

  long filesAnalysed() {
    return files;
  }

  long bytesRead() {
    return bytes;
  }
}
