package dev.drydock.analyzers.lang.npm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.JsonInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Fact;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A project's own package.json (outside node_modules): which packages it declares as dependencies
 * ({@code dependencies}, {@code optionalDependencies}, {@code peerDependencies}) and which as
 * {@code devDependencies}, and its own name and version. Reports no package; the inventory uses the declaration
 * to tell the dev packages of a yarn.lock beside it, which yarn.lock itself does not record, and to report the
 * project (and its workspace members) of a yarn.lock or pnpm-lock.yaml, which neither lock file names.
 */
public final class NpmManifestAnalyzer implements Analyzer {

  @Override
  public String name() {
    return "npm-manifest";
  }

  @Override
  public int version() {
    return 2; // 2: the manifest's own name and version
  }

  @Override
  public Set<TargetKind> targets() {
    return Set.of(TargetKind.IMAGE, TargetKind.SOURCE);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    return NpmNames.fileName(path).equals("package.json") && !NpmNames.insideNodeModules(path);
  }

  @Override
  public long maxFileSize() {
    return 4L * 1024 * 1024;
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    JsonNode root = JsonInput.object(file);
    if (root == null) {
      return List.of();
    }
    List<String> prod = new ArrayList<>();
    for (String field : List.of("dependencies", "optionalDependencies", "peerDependencies")) {
      names(root.get(field), prod);
    }
    List<String> dev = new ArrayList<>();
    names(root.get("devDependencies"), dev);
    String name = text(root.get("name"));
    boolean workspaces = root.has("workspaces");
    if (prod.isEmpty() && dev.isEmpty() && name == null && !workspaces) {
      return List.of();
    }
    return List.of(new Fact.DeclaredDependencies(file.path(), prod.stream().distinct().sorted().toList(),
        dev.stream().distinct().sorted().toList(), workspaces, name, text(root.get("version"))));
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText().strip() : null;
  }

  private static void names(JsonNode deps, List<String> out) {
    if (deps != null && deps.isObject()) {
      for (Iterator<String> it = deps.fieldNames(); it.hasNext(); ) {
        out.add(it.next());
      }
    }
  }
}
