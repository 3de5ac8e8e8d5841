package dev.drydock.analyzers.lang.rust;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Rust executables built with cargo-auditable: the ELF section {@code .dep-v0} holds the zlib-compressed
 * JSON dependency list {@code {"packages":[{"name","version","source","kind","dependencies","root"}]}}.
 *
 * <p>Every package is reported (ecosystem CARGO, namespace null) with attribute {@code source}
 * ({@code crates.io}, {@code git}, {@code local}, {@code registry}, ...); the root package (the binary's
 * own crate) gets {@code root=true} and build-time dependencies {@code kind=build}. PE and Mach-O
 * executables are not read.
 */
public final class CargoAuditableAnalyzer implements Analyzer {

  static final String SECTION = ".dep-v0";
  private static final long MIN_SIZE = 1024;
  /** Compressed and decompressed size caps (the JSON of a large project is some 100 KB). */
  private static final long MAX_COMPRESSED = 8L * 1024 * 1024;
  private static final int MAX_JSON = 32 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "cargo-auditable";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public Set<TargetKind> targets() {
    return Set.of(TargetKind.IMAGE, TargetKind.SOURCE);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    if (size < MIN_SIZE || size > maxFileSize()) {
      return false;
    }
    if ((mode & 0111) != 0) {
      return true;
    }
    return mode == 0
        && (path.startsWith("bin/") || path.startsWith("sbin/") || path.contains("/bin/") || path.contains("/sbin/"));
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    byte[] head;
    try (InputStream in = file.open()) {
      head = in.readNBytes(4);
    }
    if (!ElfSection.isElf(head)) {
      return List.of();
    }
    byte[] compressed;
    try (FileChannel ch = FileChannel.open(file.localFile(), StandardOpenOption.READ)) {
      ElfSection.Location loc = ElfSection.find(ch, SECTION);
      if (loc == null || loc.size() == 0 || loc.size() > MAX_COMPRESSED) {
        return List.of();
      }
      compressed = ElfSection.read(ch, ch.size(), loc.offset(), loc.size());
    }
    byte[] json = inflate(compressed);
    if (json == null) {
      return List.of();
    }
    return facts(file.path(), json);
  }

  static List<Fact> facts(String location, byte[] json) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      return List.of();
    }
    if (root == null || !root.path("packages").isArray()) {
      return List.of();
    }
    List<Fact> facts = new ArrayList<>();
    for (JsonNode p : root.path("packages")) {
      String name = text(p, "name");
      String version = text(p, "version");
      if (name == null || version == null) {
        continue;
      }
      Map<String, String> attrs = new LinkedHashMap<>();
      String source = text(p, "source");
      if (source != null) {
        attrs.put("source", source);
      }
      String kind = text(p, "kind");
      if (kind != null && !kind.equals("runtime")) {
        attrs.put("kind", kind);
      }
      if (p.path("root").asBoolean(false)) {
        attrs.put("root", "true");
      }
      Package pkg = new Package(Ecosystem.CARGO, null, name, version, null, null, null, List.of(), location, attrs);
      facts.add(new Fact.PackageFound(location, pkg));
    }
    return facts;
  }

  /** zlib-decompresses {@code data}; null when it is not zlib data or inflates beyond the cap. */
  static byte[] inflate(byte[] data) {
    if (data == null) {
      return null;
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[64 * 1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return null; // truncated stream
        }
        out.write(buf, 0, n);
        if (out.size() > MAX_JSON) {
          return null;
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      return null;
    } finally {
      inflater.end();
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
  }
}
