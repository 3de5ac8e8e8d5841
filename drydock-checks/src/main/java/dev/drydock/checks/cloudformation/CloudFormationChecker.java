package dev.drydock.checks.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.drydock.checks.ConfigChecker;
import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.doc.Docs;
import dev.drydock.checks.iam.IamRules;
import dev.drydock.checks.iam.Policies;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Misconfiguration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CloudFormation templates, JSON or YAML (with the {@code !Ref}/{@code !Sub}/{@code !GetAtt} short forms):
 * IAM policies in every resource that carries one, S3 buckets, EBS volumes, RDS instances, EFS file systems
 * and security groups. A file is a template when it has {@code AWSTemplateFormatVersion}, or a top-level
 * {@code Resources} with {@code Type: AWS::...} entries; Kubernetes manifests and compose files are not.
 */
public final class CloudFormationChecker implements ConfigChecker {
  /** At the top level of a YAML template, or anywhere in a JSON one. */
  private static final Pattern VERSION = Pattern.compile(
      "(?m)^[\"']?AWSTemplateFormatVersion[\"']?\\s*:|\"AWSTemplateFormatVersion\"\\s*:");
  private static final Pattern RESOURCES = Pattern.compile("(?m)^Resources\\s*:|\"Resources\"\\s*:");
  private static final Pattern AWS_TYPE = Pattern.compile("[\"']?Type[\"']?\\s*:\\s*[\"']?AWS::[A-Za-z0-9]+::");
  private static final Pattern YAML_KIND = Pattern.compile("(?m)^kind\\s*:");
  private static final Pattern YAML_API_VERSION = Pattern.compile("(?m)^apiVersion\\s*:");
  private static final Pattern JSON_KIND = Pattern.compile("\"kind\"\\s*:");
  private static final Pattern JSON_API_VERSION = Pattern.compile("\"apiVersion\"\\s*:");
  private static final Pattern COMPOSE = Pattern.compile("(?m)^services\\s*:");

  private static final Comparator<Misconfiguration> ORDER = Comparator.comparingInt(Misconfiguration::line)
      .thenComparing(Misconfiguration::ruleId).thenComparingInt(Misconfiguration::column);

  @Override
  public String family() {
    return "cloudformation";
  }

  @Override
  public boolean accepts(String fileName, String text) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (!(n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".template"))) {
      return false;
    }
    if (YAML_API_VERSION.matcher(text).find() && YAML_KIND.matcher(text).find()
        || COMPOSE.matcher(text).find()) {
      return false;
    }
    if (VERSION.matcher(text).find()) {
      return true;
    }
    boolean jsonKubernetes = JSON_API_VERSION.matcher(text).find() && JSON_KIND.matcher(text).find();
    return !jsonKubernetes && RESOURCES.matcher(text).find() && AWS_TYPE.matcher(text).find();
  }

  @Override
  public List<Misconfiguration> check(String file, String text) {
    List<Misconfiguration> out = new ArrayList<>();
    for (Doc doc : Docs.parse(file, text, Docs.Tags.CLOUDFORMATION)) {
      template(file, doc, out);
    }
    out.sort(ORDER);
    return out;
  }

  private static void template(String file, Doc doc, List<Misconfiguration> out) {
    JsonNode root = doc.root();
    if (!root.isObject()) {
      throw new DrydockException(file + ":" + doc.at("").line() + ": not a CloudFormation template: "
          + "the top level is not a mapping");
    }
    Intrinsics.reportUnknown(file, doc, root, "", out);
    JsonNode resources = root.get("Resources");
    if (resources == null || resources.isNull()) {
      return;
    }
    if (!resources.isObject() || Policies.isIntrinsic(resources)) {
      out.add(IamRules.NOT_CHECKED.at(file, doc.keyAt("/Resources"), null, "Resources is not a mapping", List.of()));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      resource(file, doc, e.getKey(), e.getValue(), out);
    }
  }

  private static void resource(String file, Doc doc, String id, JsonNode node, List<Misconfiguration> out) {
    String p = Doc.child("/Resources", id);
    if (!node.isObject()) {
      out.add(IamRules.NOT_CHECKED.at(file, doc.keyAt(p), id, "resource is not a mapping", List.of()));
      return;
    }
    JsonNode type = node.get("Type");
    if (type == null || !type.isTextual()) {
      out.add(IamRules.NOT_CHECKED.at(file, doc.keyAt(p), id, "resource has no Type", List.of()));
      return;
    }
    JsonNode properties = node.get("Properties");
    if (properties == null || properties.isNull()) {
      properties = JsonNodeFactory.instance.objectNode();
    } else if (Policies.isIntrinsic(properties)) {
      return;
    } else if (!properties.isObject()) {
      out.add(IamRules.NOT_CHECKED.at(file, doc.at(Doc.child(p, "Properties")), id, "Properties is not a mapping",
          List.of()));
      return;
    }
    Resource r = new Resource(file, doc, id, type.asText().trim(), p, properties, out);
    IamResources.check(r);
    StorageChecks.check(r);
    SecurityGroups.check(r);
  }
}
