package dev.drydock.analyzers.lang.python;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python lock files: poetry.lock ({@code [[package]]} tables), Pipfile.lock ({@code default} and
 * {@code develop}) and pinned lines of requirements*.txt. Only exact pins ({@code ==} / {@code ===}) are
 * reported; {@code -r}/{@code -c} includes are not followed. Comments and encodings (byte-order marks:
 * UTF-16 from PowerShell) follow pip. Edges: poetry.lock's {@code [package.dependencies]}, by normalised
 * name, to every locked version of that name (Pipfile.lock and requirements files record none).
 */
public final class PythonLockAnalyzer implements Analyzer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TomlMapper TOML = new TomlMapper();
  /** name, optional [extras], == or ===, version, then end, a marker (;) or options. */
  private static final Pattern PINNED = Pattern.compile(
      "^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(?:\\[[^\\]]*\\])?\\s*===?\\s*([^\\s;,*]+)\\s*(?:;.*)?$");

  /** pip's comment rule: a '#' at the start of the line or after whitespace starts a comment. */
  private static final Pattern COMMENT = Pattern.compile("(^|\\s+)#.*$");

  @Override
  public String name() {
    return "python-lock";
  }

  @Override
  public int version() {
    return 3;
  }

  @Override
  public Set<TargetKind> targets() {
    return Set.of(TargetKind.SOURCE);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    return file.equals("poetry.lock") || file.equals("Pipfile.lock")
        || (file.startsWith("requirements") && file.endsWith(".txt"));
  }

  @Override
  public long maxFileSize() {
    return 32L * 1024 * 1024;
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    String path = file.path();
    String fileName = path.substring(path.lastIndexOf('/') + 1);
    Map<String, Pin> pins = new LinkedHashMap<>();
    Map<String, java.util.Set<String>> edges = new java.util.HashMap<>();
    try {
      if (fileName.equals("poetry.lock")) {
        JsonNode lock = TOML.readTree(file.bytes());
        readPoetry(lock, pins);
        poetryEdges(lock, edges);
      } else if (fileName.equals("Pipfile.lock")) {
        readPipfile(JSON.readTree(file.bytes()), pins);
      } else {
        readRequirements(decode(file.bytes()), pins);
      }
    } catch (JacksonException e) {
      return List.of();
    }
    List<Fact> facts = new ArrayList<>(pins.size());
    for (Pin pin : pins.values()) {
      Map<String, String> attributes = pin.dev ? Map.of("dev", "true") : Map.of();
      Package pkg = new Package(Ecosystem.PYPI, null, pin.name, pin.version, null, null, null, List.of(), path,
          attributes);
      facts.add(new Fact.PackageFound(path, pkg.withDependsOn(edges.getOrDefault(key(pin.name, pin.version),
          java.util.Set.of()))));
    }
    return facts;
  }

  /** Each package's dependencies by normalised name, to the purl of every locked version of that name. */
  private static void poetryEdges(JsonNode root, Map<String, java.util.Set<String>> edges) {
    if (root == null) {
      return;
    }
    Map<String, List<String>> purls = new java.util.HashMap<>();
    for (JsonNode p : root.path("package")) {
      String name = p.path("name").asText("");
      String version = p.path("version").asText("");
      if (!name.isEmpty() && !version.isEmpty()) {
        purls.computeIfAbsent(normalise(name), k -> new ArrayList<>()).add(Purls.of(
            Package.of(Ecosystem.PYPI, null, name, version, null), null));
      }
    }
    for (JsonNode p : root.path("package")) {
      String from = key(p.path("name").asText(""), p.path("version").asText(""));
      for (Iterator<String> deps = p.path("dependencies").fieldNames(); deps.hasNext(); ) {
        for (String purl : purls.getOrDefault(normalise(deps.next()), List.of())) {
          edges.computeIfAbsent(from, k -> new java.util.TreeSet<>()).add(purl);
        }
      }
    }
  }

  private static String normalise(String name) {
    return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-");
  }

  private static String key(String name, String version) {
    return normalise(name) + "@" + version;
  }

  /** poetry < 1.5 writes {@code category = "dev"}; poetry 2 writes {@code groups = [...]}. */
  private static void readPoetry(JsonNode root, Map<String, Pin> pins) {
    if (root == null) {
      return;
    }
    for (JsonNode p : root.path("package")) {
      String name = p.path("name").asText("");
      String version = p.path("version").asText("");
      if (name.isEmpty() || version.isEmpty()) {
        continue;
      }
      boolean dev = "dev".equals(p.path("category").asText());
      JsonNode groups = p.get("groups");
      if (groups != null && groups.isArray() && !groups.isEmpty()) {
        dev = true;
        for (JsonNode g : groups) {
          dev &= !"main".equals(g.asText());
        }
      }
      add(pins, name, version, dev);
    }
  }

  private static void readPipfile(JsonNode root, Map<String, Pin> pins) {
    if (root == null) {
      return;
    }
    readPipfileSection(root.path("default"), false, pins);
    readPipfileSection(root.path("develop"), true, pins);
  }

  private static void readPipfileSection(JsonNode section, boolean dev, Map<String, Pin> pins) {
    for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String version = e.getValue().path("version").asText("");
      if (version.startsWith("===")) {
        version = version.substring(3);
      } else if (version.startsWith("==")) {
        version = version.substring(2);
      } else {
        continue; // git/path/editable entries carry no version
      }
      if (!version.isBlank() && !version.contains("*")) {
        add(pins, e.getKey(), version.strip(), dev);
      }
    }
  }

  /**
   * Requirements files as pip decodes them: a byte-order mark (UTF-8, UTF-16 or UTF-32, as Windows
   * PowerShell's {@code pip freeze > requirements.txt} writes UTF-16LE) decides; otherwise UTF-8.
   */
  static String decode(byte[] b) {
    java.nio.charset.Charset cs = java.nio.charset.StandardCharsets.UTF_8;
    int skip = 0;
    if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xFE && (b[3] & 0xff) == 0xFF) {
      cs = java.nio.charset.Charset.forName("UTF-32BE");
      skip = 4;
    } else if (b.length >= 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE && b[2] == 0 && b[3] == 0) {
      cs = java.nio.charset.Charset.forName("UTF-32LE");
      skip = 4;
    } else if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
      skip = 3;
    } else if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
      cs = java.nio.charset.StandardCharsets.UTF_16LE;
      skip = 2;
    } else if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
      cs = java.nio.charset.StandardCharsets.UTF_16BE;
      skip = 2;
    }
    return new String(b, skip, b.length - skip, cs);
  }

  static void readRequirements(String text, Map<String, Pin> pins) {
    StringBuilder logical = new StringBuilder();
    for (String raw : text.split("\r?\n", -1)) {
      String line = raw;
      if (line.endsWith("\\")) {
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      requirement(logical.toString(), pins);
      logical.setLength(0);
    }
  }

  private static void requirement(String line, Map<String, Pin> pins) {
    String s = line.strip();
    s = COMMENT.matcher(s).replaceFirst("").strip();
    if (s.isEmpty() || s.startsWith("-")) {
      return; // options, -r/-c includes and -e editables
    }
    int option = s.indexOf(" --");
    if (option > 0) {
      s = s.substring(0, option).strip(); // per-requirement options such as --hash
    }
    Matcher m = PINNED.matcher(s);
    if (m.matches()) {
      add(pins, m.group(1), m.group(2), false);
    }
  }

  private static void add(Map<String, Pin> pins, String name, String version, boolean dev) {
    String key = name.toLowerCase(java.util.Locale.ROOT).replace('_', '-').replace('.', '-') + "@" + version;
    Pin existing = pins.get(key);
    if (existing == null) {
      pins.put(key, new Pin(name, version, dev));
    } else if (existing.dev && !dev) {
      pins.put(key, new Pin(existing.name, version, false));
    }
  }

  record Pin(String name, String version, boolean dev) {}
}
