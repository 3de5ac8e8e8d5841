package dev.drydock.checks.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.doc.Loc;
import dev.drydock.checks.iam.IamRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ingress rules of AWS::EC2::SecurityGroup ({@code SecurityGroupIngress}) and AWS::EC2::SecurityGroupIngress
 * open to the internet ({@code 0.0.0.0/0}, {@code ::/0}) on all ports, administration ports or database
 * ports. A port range counts when it includes the port; ports or protocols computed at deploy time
 * ({@code !Ref}) are unknown and not flagged.
 */
final class SecurityGroups {
  /** SSH and RDP. */
  static final List<Integer> ADMIN_PORTS = List.of(22, 3389);
  /** MySQL, PostgreSQL, SQL Server, MongoDB, Redis. */
  static final List<Integer> DATABASE_PORTS = List.of(3306, 5432, 1433, 27017, 6379);

  private static final Set<String> ANY_V6 = Set.of("::/0", "::0/0", "0::/0", "0:0:0:0:0:0:0:0/0");

  private SecurityGroups() {}

  static void check(Resource r) {
    if (r.type().equals("AWS::EC2::SecurityGroupIngress")) {
      ingress(r, r.properties(), r.prop());
      return;
    }
    if (!r.type().equals("AWS::EC2::SecurityGroup")) {
      return;
    }
    JsonNode rules = r.get("SecurityGroupIngress");
    String p = r.prop("SecurityGroupIngress");
    if (Resource.absent(rules) || Resource.computed(rules)) {
      return;
    }
    if (!rules.isArray()) {
      r.report(IamRules.NOT_CHECKED, r.doc().at(p), "SecurityGroupIngress is not a list", List.of());
      return;
    }
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      if (rule.isObject() && !Resource.computed(rule)) {
        ingress(r, rule, Doc.child(p, i));
      } else if (!Resource.computed(rule)) {
        r.report(IamRules.NOT_CHECKED, r.doc().at(Doc.child(p, i)), "ingress rule is not a mapping", List.of());
      }
    }
  }

  private static void ingress(Resource r, JsonNode rule, String p) {
    Loc open = openToWorld(r, rule, p);
    if (open == null) {
      return;
    }
    String protocol = protocol(rule.path("IpProtocol"));
    if (protocol == null) {
      return;
    }
    if (protocol.equals("all")) {
      r.report(ResourceRules.SG_ALL_PORTS, open, "IpProtocol -1", List.of("cfn_nag W2"));
      return;
    }
    Integer from = port(rule.path("FromPort"));
    Integer to = port(rule.path("ToPort"));
    if (from == null || to == null || from < 0 || to < from) {
      return;
    }
    if (from == 0 && to >= 65535) {
      r.report(ResourceRules.SG_ALL_PORTS, open, protocol + " " + from + "-" + to, List.of("cfn_nag W2"));
      return;
    }
    List<Integer> admin = within(ADMIN_PORTS, from, to);
    if (!admin.isEmpty()) {
      List<String> refs = new ArrayList<>(List.of("cfn_nag W2"));
      if (admin.contains(22)) {
        refs.add("checkov CKV_AWS_24");
      }
      if (admin.contains(3389)) {
        refs.add("checkov CKV_AWS_25");
      }
      r.report(ResourceRules.SG_ADMIN_PORT, open, ports(admin), refs);
    }
    List<Integer> db = within(DATABASE_PORTS, from, to);
    if (!db.isEmpty()) {
      r.report(ResourceRules.SG_DATABASE_PORT, open, ports(db), List.of("cfn_nag W2"));
    }
  }

  /** Where the world-open CIDR key is, or null when the rule is not open to the internet. */
  private static Loc openToWorld(Resource r, JsonNode rule, String p) {
    JsonNode v4 = rule.path("CidrIp");
    if (v4.isTextual() && v4.asText().trim().equals("0.0.0.0/0")) {
      return r.doc().keyAt(Doc.child(p, "CidrIp"));
    }
    JsonNode v6 = rule.path("CidrIpv6");
    if (v6.isTextual() && ANY_V6.contains(v6.asText().trim())) {
      return r.doc().keyAt(Doc.child(p, "CidrIpv6"));
    }
    return null;
  }

  /** "all", "tcp", "udp", or null for other protocols (ICMP) and computed values. */
  private static String protocol(JsonNode v) {
    String t = v.isNumber() ? String.valueOf(v.asInt()) : v.isTextual() ? v.asText().trim().toLowerCase(Locale.ROOT)
        : null;
    if (t == null) {
      return null;
    }
    return switch (t) {
      case "-1", "all" -> "all";
      case "tcp", "6" -> "tcp";
      case "udp", "17" -> "udp";
      default -> null;
    };
  }

  private static Integer port(JsonNode v) {
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      return v.asInt();
    }
    if (v.isTextual()) {
      try {
        return Integer.parseInt(v.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static List<Integer> within(List<Integer> ports, int from, int to) {
    return ports.stream().filter(x -> x >= from && x <= to).toList();
  }

  private static String ports(List<Integer> ports) {
    return (ports.size() == 1 ? "port " : "ports ")
        + String.join(", ", ports.stream().map(String::valueOf).toList());
  }
}
