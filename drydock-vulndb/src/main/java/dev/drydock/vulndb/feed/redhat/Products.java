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
      String[] m = outer.reference().split(":");
      String module = m.length >= 2 ? m[0] + ":" + m[1] : outer.reference();
      return new Component(r.reference(), cpes.get(outer.relatesTo()), module);
    }
    String ref = r.reference();
    String module = null;
    int pair = ref.indexOf("::");
    if (pair > 0 && ref.indexOf(':', pair + 2) > 0) {
      // the newer spelling of an unfixed module component: nginx::nginx:1.24 (package::module:stream)
      return new Component(ref.substring(0, pair), cpes.get(r.relatesTo()), ref.substring(pair + 2));
    }
    int slash = ref.indexOf('/');
    if (slash > 0 && ref.substring(0, slash).contains(":")) {
      // an unfixed module component as Red Hat names it: nodejs:18/nodejs
      module = ref.substring(0, slash);
      ref = ref.substring(slash + 1);
    }
    return new Component(ref, cpes.get(r.relatesTo()), module);
  }
}
