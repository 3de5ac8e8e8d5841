package dev.drydock.engine;

import dev.drydock.model.ExposedSecret;
import dev.drydock.model.ImageConfig;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.LayerInfo;
import dev.drydock.model.ScanResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the secrets found in the image config out of the report: the env entries and history commands
 * that hold one are redacted wherever the result repeats them (the config, each layer's and each package's
 * {@code createdBy}). An env entry keeps its name ({@code NAME=abcd****}); a history command keeps what comes
 * before the first finding, then the redacted secret (a multi-line command is replaced whole).
 */
final class ConfigRedaction {
  static final String ENV = "image-config:env";
  static final String HISTORY = "image-config:history";

  private ConfigRedaction() {}

  static ScanResult apply(ScanResult r) {
    ImageConfig c = r.config();
    if (c == null) {
      return r;
    }
    Map<Integer, ExposedSecret> envHits = firstPerLine(r.secrets(), ENV);
    Map<Integer, ExposedSecret> historyHits = firstPerLine(r.secrets(), HISTORY);
    if (envHits.isEmpty() && historyHits.isEmpty()) {
      return r;
    }
    List<String> env = new ArrayList<>(c.env());
    envHits.forEach((line, s) -> {
      if (line >= 1 && line <= env.size()) {
        String e = env.get(line - 1);
        int eq = e.indexOf('=');
        env.set(line - 1, e.substring(0, eq + 1) + s.redacted());
      }
    });
    Map<String, String> commands = new HashMap<>();
    List<ImageConfig.HistoryEntry> history = new ArrayList<>(c.history());
    historyHits.forEach((line, s) -> {
      if (line >= 1 && line <= history.size()) {
        ImageConfig.HistoryEntry h = history.get(line - 1);
        String redacted = redactCommand(h.createdBy(), s);
        commands.put(h.createdBy(), redacted);
        // layers and packages carry the command cut to Layer.MAX_CREATED_BY: redact that form too
        commands.put(dev.drydock.image.Layer.boundedCommand(h.createdBy()), redacted);
        history.set(line - 1, new ImageConfig.HistoryEntry(h.created(), redacted, h.comment(), h.emptyLayer()));
      }
    });
    ImageConfig config = new ImageConfig(c.os(), c.architecture(), c.variant(), c.user(), env, c.exposedPorts(),
        c.entrypoint(), c.cmd(), c.workingDir(), c.labels(), c.healthcheck(), history);
    List<LayerInfo> layers = r.layers().stream().map(l -> new LayerInfo(l.index(), l.diffId(), l.digest(),
        l.mediaType(), l.size(), commands.getOrDefault(l.createdBy(), l.createdBy()), l.cached(), l.analyzers()))
        .toList();
    List<InstalledPackage> packages = commands.isEmpty() ? r.packages() : r.packages().stream()
        .map(p -> new InstalledPackage(p.purl(), p.pkg(), p.layerIndex(), p.layerDiffId(),
            p.createdBy() == null ? null : commands.getOrDefault(p.createdBy(), p.createdBy()), p.locations()))
        .toList();
    return r.toBuilder().config(config).layers(layers).packages(packages).build();
  }

  /** Per line, the finding with the smallest column. */
  private static Map<Integer, ExposedSecret> firstPerLine(List<ExposedSecret> secrets, String path) {
    Map<Integer, ExposedSecret> out = new HashMap<>();
    secrets.stream().filter(s -> s.path().equals(path)).sorted(Comparator.comparingInt(ExposedSecret::column))
        .forEach(s -> out.putIfAbsent(s.line(), s));
    return out;
  }

  private static String redactCommand(String command, ExposedSecret first) {
    int at = first.column() - 1;
    if (command.indexOf('\n') >= 0 || at < 0 || at > command.length()) {
      return "**** (redacted by drydock: " + first.ruleId() + ")";
    }
    return command.substring(0, at) + first.redacted();
  }
}
