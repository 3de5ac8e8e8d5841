package dev.drydock.checks.doc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.yaml.YamlJson;
import java.util.Map;

/**
 * One parsed YAML or JSON document: its content as a Jackson tree, plus where every value and key
 * starts. Locations are looked up by JSON pointer ({@code /spec/containers/0/securityContext}); a key's
 * location is stored under its value's pointer with a {@code #key} suffix.
 *
 * @param file the file as given (for messages and findings)
 * @param index 0-based position of the document in a multi-document YAML stream
 * @param root the content
 */
public record Doc(String file, int index, JsonNode root, Map<String, Loc> locations) {

  public Doc {
    locations = Map.copyOf(locations);
  }

  /** Where the value at {@code pointer} starts, else its nearest ancestor's, else 1:1. */
  public Loc at(String pointer) {
    String p = pointer;
    while (true) {
      Loc l = locations.get(p);
      if (l != null) {
        return l;
      }
      if (p.isEmpty()) {
        return Loc.START;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /**
   * Where the key naming the value at {@code pointer} starts (the line a reader looks at for
   * {@code privileged: true}); the value's location if it has no key (array items), else the nearest
   * ancestor's.
   */
  public Loc keyAt(String pointer) {
    Loc l = locations.get(pointer + "#key");
    return l != null ? l : at(pointer);
  }

  /** The value at {@code pointer}, a missing node if there is none. */
  public JsonNode get(String pointer) {
    return root.at(pointer);
  }

  /** {@code base + "/" + name} with the name escaped as JSON pointer requires. */
  public static String child(String base, String name) {
    return YamlJson.child(base, name);
  }

  /** {@code base + "/" + index}. */
  public static String child(String base, int index) {
    return base + "/" + index;
  }
}
