package dev.drydock.vulndb.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groups advisories that name each other (by id or alias, transitively). */
final class AliasGroups {
  private AliasGroups() {}

  static List<List<Partial>> group(List<Partial> partials) {
    int[] parent = new int[partials.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    Map<String, Integer> owner = new HashMap<>();
    for (int i = 0; i < partials.size(); i++) {
      List<String> ids = new ArrayList<>(partials.get(i).record().aliases());
      ids.add(partials.get(i).record().id());
      for (String id : ids) {
        Integer j = owner.putIfAbsent(id, i);
        if (j != null) {
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    Map<Integer, List<Partial>> groups = new LinkedHashMap<>();
    for (int i = 0; i < partials.size(); i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(partials.get(i));
    }
    return new ArrayList<>(groups.values());
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
