package dev.drydock.checks.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.iam.IamRules;
import dev.drydock.model.Misconfiguration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CloudFormation intrinsic functions: unknown ones are reported; strings are rendered where possible. */
final class Intrinsics {
  /** Every intrinsic function and condition function CloudFormation documents (long form names). */
  static final Set<String> KNOWN = Set.of("Fn::Base64", "Fn::Cidr", "Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs",
      "Fn::ImportValue", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Sub", "Fn::Transform", "Fn::And", "Fn::Equals",
      "Fn::If", "Fn::Not", "Fn::Or", "Fn::ToJsonString", "Fn::Length", "Fn::Contains", "Fn::EachMemberEquals",
      "Fn::EachMemberIn", "Fn::RefAll", "Fn::ValueOf", "Fn::ValueOfAll", "Fn::Implies");
  private static final String UNKNOWN_TAG = "drydock:unknownTag";

  private Intrinsics() {}

  /** Reports every unknown intrinsic function ({@code !Foo} or {@code Fn::Foo}) under {@code pointer}. */
  static void reportUnknown(String file, Doc doc, JsonNode node, String pointer, List<Misconfiguration> out) {
    if (node.isObject()) {
      JsonNode tag = node.get(UNKNOWN_TAG);
      if (tag != null) {
        out.add(IamRules.NOT_CHECKED.at(file, doc.at(pointer), null,
            "unknown intrinsic function !" + tag.asText() + "; its value was not checked", List.of()));
      } else if (node.size() == 1) {
        String name = node.fieldNames().next();
        if (name.startsWith("Fn::") && !KNOWN.contains(name) && !name.startsWith("Fn::ForEach::")) {
          out.add(IamRules.NOT_CHECKED.at(file, doc.keyAt(Doc.child(pointer, name)), null,
              "unknown intrinsic function " + name + "; its value was not checked", List.of()));
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals(UNKNOWN_TAG)) {
          reportUnknown(file, doc, e.getValue(), Doc.child(pointer, e.getKey()), out);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        reportUnknown(file, doc, node.get(i), Doc.child(pointer, i), out);
      }
    }
  }

  /**
   * The string a value renders to, with {@code AWS::Partition} as {@code aws} and other references as
   * {@code ?}; null when it is not a string, {@code Fn::Sub} or {@code Fn::Join}.
   */
  static String render(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (!v.isObject() || v.size() != 1) {
      return null;
    }
    if (v.has("Ref")) {
      return v.get("Ref").asText().equals("AWS::Partition") ? "aws" : "?";
    }
    if (v.has("Fn::Sub")) {
      JsonNode s = v.get("Fn::Sub");
      JsonNode template = s.isArray() && s.size() > 0 ? s.get(0) : s;
      return template.isTextual()
          ? template.asText().replace("${AWS::Partition}", "aws").replaceAll("\\$\\{[^}!]*}", "?") : null;
    }
    if (v.has("Fn::Join")) {
      JsonNode j = v.get("Fn::Join");
      if (!j.isArray() || j.size() != 2 || !j.get(0).isTextual() || !j.get(1).isArray()) {
        return null;
      }
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < j.get(1).size(); i++) {
        if (i > 0) {
          b.append(j.get(0).asText());
        }
        String part = render(j.get(1).get(i));
        b.append(part == null ? "?" : part);
      }
      return b.toString();
    }
    return "?";
  }
}
