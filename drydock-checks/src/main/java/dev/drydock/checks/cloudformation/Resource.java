package dev.drydock.checks.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.doc.Loc;
import dev.drydock.checks.iam.CfnRule;
import dev.drydock.checks.iam.Policies;
import dev.drydock.model.Misconfiguration;
import java.util.List;
import java.util.Locale;

/**
 * One resource of a template being checked, with where its findings go.
 *
 * @param file the file reported in findings
 * @param doc the parsed template
 * @param id the logical id
 * @param type the resource type ({@code AWS::S3::Bucket})
 * @param pointer where the resource is ({@code /Resources/Bucket})
 * @param properties its Properties mapping (empty when it has none)
 * @param out receives the findings
 */
record Resource(String file, Doc doc, String id, String type, String pointer, JsonNode properties,
    List<Misconfiguration> out) {

  /** The JSON pointer of a property path ({@code "PublicAccessBlockConfiguration", "BlockPublicAcls"}). */
  String prop(String... path) {
    String p = Doc.child(pointer, "Properties");
    for (String s : path) {
      p = Doc.child(p, s);
    }
    return p;
  }

  /** The property's value, a missing node if absent. */
  JsonNode get(String name) {
    JsonNode v = properties.get(name);
    return v == null ? MissingNode.getInstance() : v;
  }

  /** Where the logical id is (findings about a missing property go there). */
  Loc idLoc() {
    return doc.keyAt(pointer);
  }

  void report(CfnRule rule, Loc at, String detail, List<String> references) {
    out.add(rule.at(file, at, id, detail, references));
  }

  /** TRUE, FALSE, or null when the value is absent ({@code missing}), computed at deploy time or not a boolean. */
  static Boolean bool(JsonNode v) {
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isTextual()) {
      String t = v.asText().trim().toLowerCase(Locale.ROOT);
      if (t.equals("true")) {
        return Boolean.TRUE;
      }
      if (t.equals("false")) {
        return Boolean.FALSE;
      }
    }
    return null;
  }

  /** Whether the value is absent (a missing node or null). */
  static boolean absent(JsonNode v) {
    return v.isMissingNode() || v.isNull();
  }

  /** Whether the value is computed by CloudFormation (and so unknown here). */
  static boolean computed(JsonNode v) {
    return Policies.isIntrinsic(v);
  }
}
