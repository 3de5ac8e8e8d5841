package dev.drydock.analyzers.lang.npm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;

/** YAML reading for lock files, which can be far larger than SnakeYAML's default 3 MB document limit. */
final class NpmYaml {
  private static final ObjectMapper YAML;

  static {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
  }

  private NpmYaml() {}

  /**
   * Every document of a YAML stream (pnpm 11+ lock files hold two), at most {@code max}; empty when the
   * stream is not readable YAML.
   */
  static java.util.List<JsonNode> readAll(byte[] content, int max) {
    java.util.List<JsonNode> documents = new java.util.ArrayList<>();
    try (com.fasterxml.jackson.databind.MappingIterator<JsonNode> it =
        YAML.readerFor(JsonNode.class).readValues(content)) {
      while (it.hasNextValue() && documents.size() < max) {
        JsonNode document = it.nextValue();
        if (document != null && !document.isMissingNode() && !document.isNull()) {
          documents.add(document);
        }
      }
    } catch (IOException | RuntimeException e) {
      return java.util.List.of();
    }
    return documents;
  }

  /** The document's tree, or null when it is not readable YAML. */
  static JsonNode read(byte[] content) {
    try {
      return YAML.readTree(content);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
