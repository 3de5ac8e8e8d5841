package dev.drydock.checks.compose;

import dev.drydock.checks.ConfigChecker;
import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.doc.Docs;
import dev.drydock.checks.runtime.ContainerSpec;
import dev.drydock.checks.runtime.Findings;
import dev.drydock.checks.runtime.RuntimeRules;
import dev.drydock.model.Misconfiguration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Docker compose files: {@code compose*.y(a)ml}, {@code docker-compose*.y(a)ml}, or any YAML whose top level
 * has {@code services:} with image or build entries. Each service is checked with the shared
 * {@link RuntimeRules} (CIS Docker Benchmark section 5).
 */
public final class ComposeChecker implements ConfigChecker {
  private static final Pattern NAME = Pattern.compile("(docker-)?compose[\\w.-]*\\.ya?ml");
  private static final Pattern SERVICES = Pattern.compile("(?m)^services[ \\t]*:[ \\t]*(#.*)?\\r?$");
  private static final Pattern IMAGE_OR_BUILD = Pattern.compile("(?m)^[ \\t]+(image|build)[ \\t]*:");

  @Override
  public String family() {
    return "compose";
  }

  @Override
  public boolean accepts(String fileName, String text) {
    if (NAME.matcher(fileName.toLowerCase(Locale.ROOT)).matches()) {
      return true;
    }
    return SERVICES.matcher(text).find() && IMAGE_OR_BUILD.matcher(text).find()
        && !text.contains("AWSTemplateFormatVersion");
  }

  @Override
  public List<Misconfiguration> check(String file, String text) {
    Findings out = new Findings();
    for (Doc doc : Docs.parse(file, text, Docs.Tags.IGNORE)) {
      for (ContainerSpec c : ComposeServices.in(doc)) {
        RuntimeRules.check(doc, c, out);
      }
    }
    return out.sorted();
  }
}
