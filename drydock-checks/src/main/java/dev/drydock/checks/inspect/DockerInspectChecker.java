package dev.drydock.checks.inspect;

import dev.drydock.checks.ConfigChecker;
import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.doc.Docs;
import dev.drydock.checks.runtime.ContainerSpec;
import dev.drydock.checks.runtime.Findings;
import dev.drydock.checks.runtime.RuntimeRules;
import dev.drydock.model.Misconfiguration;
import java.util.List;

/**
 * {@code docker inspect} output (JSON: an array of containers, or one container) checked against CIS Docker
 * Benchmark v1.6.0 section 5 with the shared {@link RuntimeRules}.
 */
public final class DockerInspectChecker implements ConfigChecker {

  @Override
  public String family() {
    return "docker-inspect";
  }

  @Override
  public boolean accepts(String fileName, String text) {
    String t = text.stripLeading();
    return (t.startsWith("[") || t.startsWith("{")) && text.contains("\"HostConfig\"") && text.contains("\"Config\"");
  }

  @Override
  public List<Misconfiguration> check(String file, String text) {
    Doc doc = Docs.json(file, text);
    Findings out = new Findings();
    for (ContainerSpec c : InspectContainers.in(doc)) {
      RuntimeRules.check(doc, c, out);
    }
    return out.sorted();
  }
}
