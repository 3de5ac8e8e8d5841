package dev.drydock.checks.iam;

import dev.drydock.checks.ConfigChecker;
import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.doc.Docs;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Misconfiguration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Standalone IAM policy JSON files (identity or resource policies): a JSON object with
 * {@code "Version": "2012-10-17"} (or {@code 2008-10-17}) and a {@code Statement}. CloudFormation templates
 * are left to the CloudFormation checker.
 */
public final class IamPolicyChecker implements ConfigChecker {
  private static final Pattern VERSION = Pattern.compile("\"Version\"\\s*:\\s*\"(2012-10-17|2008-10-17)\"");
  private static final Pattern TEMPLATE = Pattern.compile("\"(AWSTemplateFormatVersion|Resources)\"\\s*:");
  private static final Pattern STATEMENT = Pattern.compile("\"Statement\"\\s*:");

  /** Findings sorted by line, then rule id, then column. */
  static final Comparator<Misconfiguration> ORDER = Comparator.comparingInt(Misconfiguration::line)
      .thenComparing(Misconfiguration::ruleId).thenComparingInt(Misconfiguration::column);

  @Override
  public String family() {
    return "iam";
  }

  @Override
  public boolean accepts(String fileName, String text) {
    return fileName.toLowerCase(Locale.ROOT).endsWith(".json") && text.stripLeading().startsWith("{")
        && STATEMENT.matcher(text).find() && VERSION.matcher(text).find() && !TEMPLATE.matcher(text).find();
  }

  @Override
  public List<Misconfiguration> check(String file, String text) {
    Doc doc = Docs.json(file, text);
    if (!doc.root().isObject()) {
      throw new DrydockException(file + ":1: an IAM policy must be a JSON object");
    }
    List<Misconfiguration> out = new ArrayList<>();
    Policies.check(file, doc, "", PolicyKind.FILE, null, out);
    out.sort(ORDER);
    return out;
  }
}
