package dev.drydock.vulndb.feed.redhat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** The {@code product_tree} of a CSAF document: product CPEs and the relationships that make components. */
final class Products {

  /**
   * What a product id in {@code product_status} names.
   *
   * @param reference the component: a source or binary NEVRA for fixed products, a package name otherwise
   * @param cpe the CPE of the product it is a component of (null when the product has none)
   * @param module {@code name:stream} when it is a component of a module, else null
   */
  record Component(String reference, String cpe, String module) {}

  private record Relationship(String reference, String relatesTo) {}

  private final Map<String, String> cpes = new HashMap<>();
  /** Product id to the package URL of its {@code product_identification_helper}. */
  private final Map<String, String> purls = new HashMap<>();
  private final Map<String, Relationship> relationships = new HashMap<>();

  static Products of(JsonNode tree) {
    Products p = new Products();
    p.walk(tree.path("branches"), 0);
    for (JsonNode r : tree.path("relationships")) {
      String id = r.path("full_product_name").path("product_id").asText(null);
      String ref = r.path("product_reference").asText(null);
      String to = r.path("relates_to_product_reference").asText(null);
      if (id != null && ref != null && to != null) {
        p.relationships.put(id, new Relationship(ref, to));
      }
    }
    return p;
  }

  private void walk(JsonNode branches, int depth) {
    if (depth > 32) {
      return;
    }
    for (JsonNode b : branches) {
      JsonNode product = b.path("product");
      String cpe = product.path("product_identification_helper").path("cpe").asText(null);
      String id = product.path("product_id").asText(null);
      if (id != null && cpe != null) {
        cpes.put(id, cpe);
      }
      String purl = product.path("product_identification_helper").path("purl").asText(null);
      if (id != null && purl != null) {
        purls.put(id, purl);
      }
      walk(b.path("branches"), depth + 1);
    }
  }

  /** The component a product id names, null when the id is not in the tree's relationships. */
  Component component(String id) {
    Relationship r = relationships.get(id);
    if (r == null) {
      return null;
    }
    Relationship outer = relationships.get(r.relatesTo());
    if (outer != null) {
      // a component of a module that is itself a component of a product: module id name:stream:version:context
      return new Component(r.reference(), cpes.get(outer.relatesTo()), nameStream(outer.reference()));
    }
    String ref = r.reference();
    String cpe = cpes.get(r.relatesTo());
    Purl purl = Purl.parse(purls.get(ref));
    if (purl != null && "rpm".equals(purl.type()) && purl.qualifiers().containsKey("rpmmod")) {
      // the newest spelling: product nodejs.src-nodejs:22 whose purl is pkg:rpm/redhat/nodejs?arch=src&rpmmod=nodejs:22
      String module = nameStream(purl.qualifiers().get("rpmmod"));
      return new Component(purl.version() == null ? purl.name() : ref, cpe, module);
    }
    int pair = ref.indexOf("::");
    if (pair > 0 && ref.indexOf(':', pair + 2) > 0) {
      // the newer spelling of an unfixed module component: nginx::nginx:1.24 (package::module:stream)
      return new Component(ref.substring(0, pair), cpe, ref.substring(pair + 2));
    }
    int slash = ref.indexOf('/');
    if (slash > 0 && ref.substring(0, slash).contains(":")) {
      // an unfixed module component as Red Hat names it: nodejs:18/nodejs
      return new Component(ref.substring(slash + 1), cpe, ref.substring(0, slash));
    }
    return new Component(ref, cpe, null);
  }

  /** {@code name:stream} of a module id {@code name:stream[:version:context]}. */
  private static String nameStream(String moduleId) {
    String[] m = moduleId.split(":");
    return m.length >= 2 ? m[0] + ":" + m[1] : moduleId;
  }

  /**
   * The parts of a package URL (https://github.com/package-url/purl-spec) this importer reads.
   *
   * @param type {@code rpm}, {@code generic}, ...
   * @param name the last path segment, percent-decoded
   * @param version the version after {@code @}, null if none
   * @param qualifiers the qualifiers after {@code ?}, percent-decoded
   */
  record Purl(String type, String name, String version, Map<String, String> qualifiers) {

    /** The parts of {@code purl}, null when it is null or not {@code pkg:type/.../name}. */
    static Purl parse(String purl) {
      if (purl == null || !purl.startsWith("pkg:")) {
        return null;
      }
      String rest = purl.substring(4);
      int hash = rest.indexOf('#');
      if (hash >= 0) {
        rest = rest.substring(0, hash);
      }
      Map<String, String> qualifiers = new HashMap<>();
      int q = rest.indexOf('?');
      if (q >= 0) {
        for (String kv : rest.substring(q + 1).split("&")) {
          int eq = kv.indexOf('=');
          if (eq > 0) {
            qualifiers.put(decode(kv.substring(0, eq)), decode(kv.substring(eq + 1)));
          }
        }
        rest = rest.substring(0, q);
      }
      String version = null;
      int at = rest.lastIndexOf('@');
      if (at >= 0) {
        version = decode(rest.substring(at + 1));
        rest = rest.substring(0, at);
      }
      int slash = rest.indexOf('/');
      int last = rest.lastIndexOf('/');
      if (slash <= 0 || last == rest.length() - 1) {
        return null;
      }
      return new Purl(rest.substring(0, slash), decode(rest.substring(last + 1)), version, qualifiers);
    }

    private static String decode(String s) {
      try {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return s;
      }
    }
  }
}
