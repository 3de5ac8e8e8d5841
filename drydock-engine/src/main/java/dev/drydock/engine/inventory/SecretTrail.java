package dev.drydock.engine.inventory;

import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Fact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Follows secrets through the layers. Unlike packages, a secret does not vanish when an upper layer deletes
 * (whiteout, opaque directory) or replaces (a new file, a link) its file: it is still in the layer anyone can
 * pull, so it is kept and marked {@code deleted}.
 */
final class SecretTrail {
  private record Held(int layer, String diffId, List<ExposedSecret> secrets) {}

  private final TreeMap<String, Held> live = new TreeMap<>();
  private final List<Held> gone = new ArrayList<>();

  /** A whiteout of {@code path} (a file, or a directory and everything below it). */
  void delete(String path) {
    retire(live.remove(path));
    under(path + "/");
  }

  /** An opaque directory: everything lower layers put below {@code dir} is hidden. */
  void hideBelow(String dir) {
    under(dir.isEmpty() ? "" : dir + "/");
  }

  /** The layer writes {@code path} again (a file, whether or not it has secrets, or a link). */
  void replace(String path) {
    retire(live.remove(path));
  }

  /** What the secrets analyzer read in layer {@code index}: {@code paths} replace lower files. */
  void layer(int index, String diffId, List<String> paths, List<Fact> facts) {
    for (String p : paths) {
      replace(p);
    }
    Map<String, List<ExposedSecret>> byPath = new TreeMap<>();
    for (Fact f : facts) {
      if (f instanceof Fact.SecretFound s) {
        replace(s.path());
        byPath.computeIfAbsent(s.path(), k -> new ArrayList<>()).add(s.secret());
      }
    }
    byPath.forEach((p, list) -> live.put(p, new Held(index, diffId, list)));
  }

  /** Every secret with its layer, deleted ones included; ordered by layer, path, line, column. */
  List<ExposedSecret> secrets() {
    record Placed(int layer, ExposedSecret secret) {}
    List<Placed> all = new ArrayList<>();
    for (Held h : gone) {
      h.secrets().forEach(s -> all.add(new Placed(h.layer(), s.inLayer(h.diffId(), true))));
    }
    for (Held h : live.values()) {
      h.secrets().forEach(s -> all.add(new Placed(h.layer(), s.inLayer(h.diffId(), false))));
    }
    all.sort(Comparator.comparingInt(Placed::layer).thenComparing(p -> p.secret().path())
        .thenComparingInt(p -> p.secret().line()).thenComparingInt(p -> p.secret().column())
        .thenComparing(p -> p.secret().ruleId()));
    return all.stream().map(Placed::secret).toList();
  }

  private void under(String prefix) {
    var sub = prefix.isEmpty() ? live : live.subMap(prefix, true, prefix + Character.MAX_VALUE, true);
    sub.values().forEach(this::retire);
    sub.clear();
  }

  private void retire(Held h) {
    if (h != null) {
      gone.add(h);
    }
  }
}
