package dev.drydock.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.image.Layer;
import dev.drydock.image.Limits;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code docker save} output: manifest.json, a config JSON and one tar per layer. */
final class DockerArchive {
  private static final Pattern CONTENT_ADDRESSED =
      Pattern.compile("(?:.*/)?(?:blobs/sha256/([0-9a-f]{64})|([0-9a-f]{64})\\.json)");

  private DockerArchive() {}

  static ArchiveImageSource open(Blobs blobs, String name, Limits limits, Path tempFile) throws IOException {
    JsonNode manifest = Json.read(blobs, "manifest.json", null, "manifest", name).node();
    if (!manifest.isArray() || manifest.isEmpty() || !manifest.get(0).isObject()) {
      throw new DrydockException(name + ": manifest.json lists no image");
    }
    JsonNode image = manifest.get(0);
    String configName = Json.text(image, "Config");
    if (configName == null) {
      throw new DrydockException(name + ": manifest.json has no Config");
    }
    Json.Doc configDoc = Json.read(blobs, configName, addressOf(configName), "config", name);
    ConfigParser.Parsed config = ConfigParser.parse(configDoc.node(), name + ": config " + configName);
    List<String> layerNames = new ArrayList<>();
    image.path("Layers").forEach(n -> layerNames.add(n.asText()));
    if (layerNames.size() != config.diffIds().size()) {
      throw new DrydockException(name + ": manifest.json lists " + layerNames.size()
          + " layers but the config has " + config.diffIds().size() + " diff_ids");
    }
    List<String> createdBy = config.createdBy(layerNames.size());
    List<LayerRef> refs = new ArrayList<>();
    for (int i = 0; i < layerNames.size(); i++) {
      String blob = layerNames.get(i);
      String diffId = config.diffIds().get(i);
      String addressed = addressOf(blob);
      Layer layer = new Layer(i, diffId, addressed != null ? addressed : diffId, null, blobs.size(blob), createdBy.get(i));
      if (!blobs.has(blob)) {
        throw ArchiveImageSource.bad(name, layer, "missing blob " + blob);
      }
      refs.add(new LayerRef(layer, blob, addressed));
    }
    List<String> tags = Json.strings(image.get("RepoTags"));
    Target target = new Target("docker-archive", name, null, configDoc.digest(), tags, config.platform());
    return new ArchiveImageSource(target, config.config(), refs, blobs, limits, tempFile);
  }

  /** The digest a file name promises ({@code blobs/sha256/<hex>} or {@code <hex>.json}), else null. */
  static String addressOf(String fileName) {
    Matcher m = CONTENT_ADDRESSED.matcher(Blobs.clean(fileName));
    if (!m.matches()) {
      return null;
    }
    return "sha256:" + (m.group(1) != null ? m.group(1) : m.group(2));
  }
}
