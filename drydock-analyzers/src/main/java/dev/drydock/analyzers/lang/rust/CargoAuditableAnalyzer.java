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
import dev.drydock.analyzers.lang.binary.BoundedReader;
import dev.drydock.analyzers.lang.binary.Executable;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Rust executables built with cargo-auditable: the section {@code .dep-v0} (ELF and PE; in Mach-O the
 * section {@code .dep-v0} of segment {@code __DATA}, in every architecture of a universal file) holds the
 * zlib-compressed JSON dependency list
 * {@code {"packages":[{"name","version","source","kind","dependencies","root"}]}}.
 *
 * <p>Every package is reported (ecosystem CARGO, namespace null) with attribute {@code source}
 * ({@code crates.io}, {@code git}, {@code local}, {@code registry}, ...); the root package (the binary's
 * own crate) gets {@code root=true} and build-time dependencies {@code kind=build}. A universal file
 * reports each package once, however many architectures list it.
 *
 * <p>Only headers and the section are read, each bounded by the file size and the caps below. A file
 * whose headers cannot be read gives no facts (nothing says it carries dependency data); a file with a
 * {@code .dep-v0} section that lies outside the file, is too large, is not zlib, inflates past the cap or
 * is not the JSON document fails with an {@link IOException} naming the reason, which the scan reports
 * as a warning.
 */
public final class CargoAuditableAnalyzer implements Analyzer {

  static final String SECTION = ".dep-v0";
  static final String MACHO_SEGMENT = "__DATA";
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
    return 2;
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
    // Windows executables and libraries carry no mode bits worth trusting
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".exe") || lower.endsWith(".dll")) {
      return true;
    }
    return mode == 0
        && (path.startsWith("bin/") || path.startsWith("sbin/") || path.contains("/bin/") || path.contains("/sbin/"));
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    byte[] head;
    try (InputStream in = file.open()) {
      head = in.readNBytes(8);
    }
    boolean universal = Executable.isUniversal(head);
    if (!universal && !Executable.hasExecutableMagic(head)) {
      return List.of();
    }
    List<byte[]> documents = new ArrayList<>();
    try (BoundedReader in = BoundedReader.open(file)) {
      List<Executable.Slice> slices = universal ? Executable.slices(in) : null;
      if (slices != null) {
        for (Executable.Slice slice : slices) {
          BoundedReader thin = in.slice(slice.offset(), slice.size());
          byte[] json = thin == null ? null : auditData(thin);
          if (json != null) {
            documents.add(json);
          }
        }
      } else if (!universal) {
        byte[] json = auditData(in);
        if (json != null) {
          documents.add(json);
        }
      }
    }
    // the architectures of a universal file mostly list the same packages: report each once
    Set<Fact> facts = new LinkedHashSet<>();
    for (byte[] json : documents) {
      List<Fact> found = facts(file.path(), json);
      if (found == null) {
        throw new IOException(SECTION + " section is not a cargo-auditable JSON document");
      }
      facts.addAll(found);
    }
    return List.copyOf(facts);
  }

  /**
   * The inflated JSON of the {@code .dep-v0} section of the (thin) executable {@code in}; null when it is
   * no executable or has no such section.
   *
   * @throws IOException when the section is there but cannot be read
   */
  private static byte[] auditData(BoundedReader in) throws IOException {
    Executable exe = Executable.parse(in);
    if (exe == null) {
      return null;
    }
    Executable.Section s = exe.format() == Executable.Format.MACH_O
        ? exe.section(MACHO_SEGMENT, SECTION)
        : exe.section(SECTION);
    if (s == null) {
      return null;
    }
    if (s.size() <= 0 || s.size() > MAX_COMPRESSED) {
      throw new IOException(SECTION + " section of " + s.size() + " bytes (limit " + MAX_COMPRESSED + ")");
    }
    byte[] compressed = in.read(s.offset(), s.size());
    if (compressed == null) {
      throw new IOException(SECTION + " section (offset " + s.offset() + ", " + s.size()
          + " bytes) lies outside the file of " + in.size() + " bytes");
    }
    byte[] json = inflate(compressed);
    if (json == null) {
      throw new IOException(SECTION + " section is not zlib data or inflates past " + MAX_JSON + " bytes");
    }
    return json;
  }

  /** The packages of a cargo-auditable JSON document; null when it is none. */
  static List<Fact> facts(String location, byte[] json) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      return null;
    }
    if (root == null || !root.path("packages").isArray()) {
      return null;
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
