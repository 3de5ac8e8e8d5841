package dev.drydock.checks.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.doc.Docs;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Misconfiguration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one IAM policy document (identity policy, trust policy or resource policy) against the
 * {@link IamRules}. Values CloudFormation computes at deploy time ({@code !Ref}, {@code !If}, ...) are unknown
 * and never flagged; values of a type a policy cannot have are reported as {@link IamRules#NOT_CHECKED}.
 */
public final class Policies {
  private static final String PASS_ROLE = "iam:PassRole";

  private Policies() {}

  /**
   * Checks the policy document at {@code pointer} of {@code doc}.
   *
   * @param file the file reported in findings
   * @param doc the parsed file
   * @param pointer where the policy document is (its value may be a mapping or a JSON string)
   * @param kind where the document sits
   * @param resource what findings name as resource (logical id and policy name), may be null
   * @param out receives the findings
   */
  public static void check(String file, Doc doc, String pointer, PolicyKind kind, String resource,
      List<Misconfiguration> out) {
    JsonNode node = doc.get(pointer);
    Locator loc = Locator.of(doc);
    if (node.isTextual()) {
      Doc inner;
      try {
        inner = Docs.json(file, node.asText());
      } catch (DrydockException e) {
        out.add(IamRules.NOT_CHECKED.at(file, loc.at(pointer), resource,
            "policy document is a string that is not valid JSON", List.of()));
        return;
      }
      new Evaluation(file, Locator.fixed(loc.at(pointer)), kind, resource, out).document(inner.root(), "");
      return;
    }
    new Evaluation(file, loc, kind, resource, out).document(node, pointer);
  }

  /**
   * Whether the node is a CloudFormation intrinsic function: a mapping with the single key {@code Ref},
   * {@code Condition} or {@code Fn::...} ({@code {"Ref": ...}}, {@code {"Fn::If": ...}}), or an unknown
   * short-form tag. A policy statement with a {@code Condition} among other keys is not one.
   */
  public static boolean isIntrinsic(JsonNode node) {
    if (!node.isObject()) {
      return false;
    }
    if (node.has("drydock:unknownTag")) {
      return true;
    }
    if (node.size() != 1) {
      return false;
    }
    String n = node.fieldNames().next();
    return n.equals("Ref") || n.equals("Condition") || n.startsWith("Fn::");
  }

  /** One string of a policy element and where to report it. */
  private record Str(String value, String pointer, boolean keyed) {}

  private record Evaluation(String file, Locator loc, PolicyKind kind, String resource,
      List<Misconfiguration> out) {

    void document(JsonNode doc, String p) {
      if (isIntrinsic(doc)) {
        return;
      }
      if (!doc.isObject()) {
        invalid(p, "policy document is not a mapping");
        return;
      }
      JsonNode statement = doc.get("Statement");
      String sp = Doc.child(p, "Statement");
      if (statement == null || isIntrinsic(statement)) {
        return;
      }
      if (statement.isObject()) {
        statement(statement, sp);
      } else if (statement.isArray()) {
        for (int i = 0; i < statement.size(); i++) {
          statement(statement.get(i), Doc.child(sp, i));
        }
      } else {
        invalid(sp, "Statement is neither a mapping nor a list");
      }
    }

    void statement(JsonNode st, String p) {
      if (isIntrinsic(st)) {
        return;
      }
      if (!st.isObject()) {
        invalid(p, "statement is not a mapping");
        return;
      }
      JsonNode effect = st.get("Effect");
      if (effect == null || !effect.isTextual() || !effect.asText().equalsIgnoreCase("Allow")) {
        return;
      }
      String where = where(st);
      List<Str> actions = strings(st, p, "Action");
      List<Str> resources = strings(st, p, "Resource");
      // with a Principal the statement is part of a resource policy: "*" is the resource it is attached to
      boolean resourcePolicy = st.has("Principal") || st.has("NotPrincipal");
      Str everyResource = kind.wildcardResourceMeansEverything() && !resourcePolicy
          ? resources.stream().filter(r -> r.value().trim().equals("*")).findFirst().orElse(null) : null;

      Str everything = actions.stream().filter(a -> Actions.isEverything(a.value())).findFirst().orElse(null);
      if (everything != null) {
        CfnRule rule = everyResource != null ? IamRules.ADMIN : IamRules.STAR_ACTION;
        report(rule, everything, where, null);
      } else if (everyResource != null) {
        List<Str> serviceWide = actions.stream().filter(a -> Actions.isServiceWide(a.value())).toList();
        if (!serviceWide.isEmpty()) {
          report(IamRules.SERVICE_WILDCARD, serviceWide.get(0), where, names(serviceWide));
        }
        List<Str> passRole = actions.stream()
            .filter(a -> !Actions.isServiceWide(a.value()) && Actions.covers(a.value(), PASS_ROLE)).toList();
        if (!passRole.isEmpty()) {
          report(IamRules.PASS_ROLE, passRole.get(0), where, null);
        }
        List<Str> writes = actions.stream().filter(a -> !Actions.isServiceWide(a.value())
            && !Actions.covers(a.value(), PASS_ROLE) && !Actions.isReadOnly(a.value())).toList();
        if (serviceWide.isEmpty() && !writes.isEmpty()) {
          report(IamRules.WRITE_ON_STAR, everyResource, where, names(writes));
        }
      }
      if (st.has("NotAction")) {
        report(IamRules.NOT_ACTION, new Str("", Doc.child(p, "NotAction"), true), where, null);
      }
      if (st.has("NotResource")) {
        report(IamRules.NOT_RESOURCE, new Str("", Doc.child(p, "NotResource"), true), where, null);
      }
      Str anyone = anyPrincipal(st, p);
      if (anyone != null && !conditional(st)) {
        report(IamRules.PUBLIC_PRINCIPAL, anyone, where, null);
      }
    }

    /** The strings of an element given as a string or a list; intrinsics are skipped, other types reported. */
    List<Str> strings(JsonNode st, String p, String name) {
      JsonNode v = st.get(name);
      String vp = Doc.child(p, name);
      List<Str> out = new ArrayList<>();
      if (v == null || v.isNull() || isIntrinsic(v)) {
        return out;
      }
      if (v.isTextual()) {
        out.add(new Str(v.asText(), vp, true));
      } else if (v.isArray()) {
        for (int i = 0; i < v.size(); i++) {
          JsonNode item = v.get(i);
          if (item.isTextual()) {
            out.add(new Str(item.asText(), Doc.child(vp, i), false));
          } else if (!isIntrinsic(item)) {
            invalid(Doc.child(vp, i), name + " entry is not a string");
          }
        }
      } else {
        invalid(vp, name + " is neither a string nor a list of strings");
      }
      return out;
    }

    /** The {@code "*"} principal of the statement ({@code "*"}, {@code {"AWS": "*"}}, in a list), or null. */
    Str anyPrincipal(JsonNode st, String p) {
      JsonNode principal = st.get("Principal");
      String pp = Doc.child(p, "Principal");
      if (principal == null) {
        return null;
      }
      if (principal.isTextual()) {
        return principal.asText().trim().equals("*") ? new Str("*", pp, true) : null;
      }
      if (principal.isObject() && !isIntrinsic(principal)) {
        for (Iterator<Map.Entry<String, JsonNode>> it = principal.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          for (Str s : strings(principal, pp, e.getKey())) {
            if (s.value().trim().equals("*")) {
              return s;
            }
          }
        }
      }
      return null;
    }

    static boolean conditional(JsonNode st) {
      JsonNode c = st.get("Condition");
      return c != null && !c.isNull() && !(c.isObject() && c.isEmpty());
    }

    String where(JsonNode st) {
      JsonNode sid = st.get("Sid");
      String s = sid != null && sid.isTextual() && !sid.asText().isBlank() ? "Sid " + sid.asText() : null;
      if (resource == null) {
        return s;
      }
      return s == null ? resource : resource + " " + s;
    }

    static String names(List<Str> actions) {
      List<String> n = actions.stream().map(Str::value).distinct().toList();
      return n.size() <= 3 ? String.join(", ", n) : String.join(", ", n.subList(0, 3)) + ", ...";
    }

    void report(CfnRule rule, Str at, String where, String detail) {
      out.add(rule.at(file, at.keyed() ? loc.keyAt(at.pointer()) : loc.at(at.pointer()), where, detail,
          kind.references(rule.id())));
    }

    void invalid(String pointer, String what) {
      out.add(IamRules.NOT_CHECKED.at(file, loc.at(pointer), resource, what, List.of()));
    }
  }
}
