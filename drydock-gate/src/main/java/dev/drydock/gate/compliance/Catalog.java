package dev.drydock.gate.compliance;

import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** A framework's catalog resource ({@code <framework>.yaml} next to this class). */
record Catalog(String framework, String title, List<Control> controls) {
  static final List<String> FRAMEWORKS = List.of("cis-docker", "nist-800-190", "mas-trm");

  /** One control and the drydock checks that test it. */
  record Control(String id, String title, List<String> checks) {}

  static Catalog load(String framework) {
    if (!FRAMEWORKS.contains(framework)) {
      throw new DrydockException("unknown compliance framework '" + framework + "' (expected one of "
          + String.join(", ", FRAMEWORKS) + ")");
    }
    String name = framework + ".yaml";
    try (InputStream in = Catalog.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new DrydockException("compliance catalog " + name + " is missing");
      }
      Object doc = new Load(LoadSettings.builder().build())
          .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Map<?, ?> root = (Map<?, ?>) doc;
      List<Control> controls = new ArrayList<>();
      Object list = root.get("controls");
      if (list != null) {
        for (Object o : (List<?>) list) {
          Map<?, ?> m = (Map<?, ?>) o;
          List<String> checks = new ArrayList<>();
          Object cs = m.get("checks");
          if (cs != null) {
            for (Object c : (List<?>) cs) {
              String problem = Checks.problem(String.valueOf(c));
              if (problem != null) {
                throw new DrydockException("compliance catalog " + name + ": control " + m.get("id") + " " + problem);
              }
              checks.add(String.valueOf(c));
            }
          }
          controls.add(new Control(String.valueOf(m.get("id")), String.valueOf(m.get("title")), checks));
        }
      }
      return new Catalog(framework, String.valueOf(root.get("title")), controls);
    } catch (IOException | ClassCastException e) {
      throw new DrydockException("compliance catalog " + name + " is unreadable: " + e.getMessage());
    }
  }
}
