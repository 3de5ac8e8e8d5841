package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.Analyzers;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.image.Limits;
import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.Fact;
import dev.drydock.model.LayerInfo;
import dev.drydock.model.ScanResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-layer progress and warnings through the listener; a cancelled scan keeps the layer cache consistent. */
class ScanProgressAndCancelTest {
  @TempDir Path tmp;

  private static ImageBuilder image() {
    return ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
            .file("var/lib/dpkg/status", "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\n"
                + "Version: 2.36-9+deb12u4\n"))
        .history("ADD rootfs /")
        .layer(l -> l.file("app/node_modules/lodash/package.json", "{\"name\":\"lodash\",\"version\":\"4.17.15\"}")
            .file("app/.env", "GH=ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8" + "\n"))
        .history("COPY app /app")
        .layer(l -> l.file("app/node_modules/minimist/package.json", "{\"name\":\"minimist\",\"version\":\"1.2.0\"}")
            .file("app/unreadable.dat", "x"))
        .history("COPY more /app");
  }

  /** Records what the scan told it; cancels the scan when the first layer is done, if asked to. */
  private static final class Recorder implements Listener {
    final List<String> progress = Collections.synchronizedList(new ArrayList<>());
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    final Cancellation cancel = new Cancellation();
    final boolean cancelAfterFirst;

    Recorder(boolean cancelAfterFirst) {
      this.cancelAfterFirst = cancelAfterFirst;
    }

    @Override
    public void progress(String task, long done, long total) {
      progress.add(task + " " + done + "/" + total);
      if (cancelAfterFirst && done == 1) {
        cancel.cancel("test");
      }
    }

    @Override
    public void warning(String message) {
      warnings.add(message);
    }
  }

  /** An analyzer that cannot read the one file it wants: the scan goes on with a warning. */
  private static final class Unreadable implements Analyzer {
    @Override
    public String name() {
      return "unreadable";
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public Set<TargetKind> targets() {
      return Set.of(TargetKind.IMAGE);
    }

    @Override
    public boolean wants(String path, long size, int mode) {
      return path.equals("app/unreadable.dat");
    }

    @Override
    public List<Fact> analyze(FileInput file) throws IOException {
      throw new IOException("bad header");
    }
  }

  private ScanResult scan(Path image, Path cache, Recorder r) {
    List<Analyzer> analyzers = new ArrayList<>(Analyzers.forTarget(TargetKind.IMAGE));
    analyzers.add(new Unreadable());
    return new Scanner(analyzers, List.of()).scan(image, new ScanOptions(cache, null, Limits.DEFAULT, 1).withListener(r)
        .withCancellation(r.cancel));
  }

  @Test
  void progressCountsLayersAndWarningsGoToTheListenerAndTheResult() throws IOException {
    Path image = image().write(tmp.resolve("img.tar"));
    Recorder r = new Recorder(false);
    ScanResult cold = scan(image, tmp.resolve("cache"), r);
    assertThat(r.progress).containsExactly("layers 0/3", "layers 1/3", "layers 2/3", "layers 3/3");
    assertThat(cold.warnings()).singleElement().asString().contains("app/unreadable.dat", "bad header");
    assertThat(r.warnings).containsExactlyElementsOf(cold.warnings());

    Recorder warm = new Recorder(false);
    ScanResult again = scan(image, tmp.resolve("cache"), warm);
    assertThat(again.stats().layersFromCache()).isEqualTo(3);
    assertThat(warm.progress).last().isEqualTo("layers 3/3");
    assertThat(warm.warnings).containsExactlyElementsOf(again.warnings());
  }

  @Test
  void aScanCancelledAfterItsFirstLayerKeepsThatLayerAndNothingElse() throws IOException {
    Path image = image().write(tmp.resolve("img.tar"));
    Path cache = tmp.resolve("cache");
    Recorder cancelling = new Recorder(true);
    assertThatThrownBy(() -> scan(image, cache, cancelling))
        .isInstanceOf(Cancellation.Cancelled.class)
        .hasMessage("cancelled: test");
    assertThat(cancelling.progress).containsExactly("layers 0/3", "layers 1/3");

    ScanResult resumed = scan(image, cache, new Recorder(false));
    assertThat(resumed.layers()).extracting(LayerInfo::cached).containsExactly(true, false, false);
    assertThat(resumed.layers().get(0).analyzers().values()).containsOnly("cache");
    assertThat(resumed.layers().get(1).analyzers().values()).containsOnly("analysed");

    ScanResult clean = scan(image, tmp.resolve("clean-cache"), new Recorder(false));
    assertThat(resumed.packages()).isEqualTo(clean.packages());
    assertThat(resumed.secrets()).isEqualTo(clean.secrets());
    assertThat(resumed.notableFiles()).isEqualTo(clean.notableFiles());
    assertThat(resumed.os()).isEqualTo(clean.os());
    assertThat(resumed.warnings()).isEqualTo(clean.warnings());
    assertThat(resumed.checksRun()).isEqualTo(clean.checksRun());
    assertThat(resumed.packages()).isNotEmpty();
    assertThat(resumed.secrets()).isNotEmpty();

    // and the squashed inventory stored by the resumed scan is the clean one's too
    ScanResult warm = scan(image, cache, new Recorder(false));
    assertThat(warm.packages()).isEqualTo(clean.packages());
    assertThat(warm.secrets()).isEqualTo(clean.secrets());
  }

  @Test
  void aScanCancelledBeforeItStartsReadsNothing() throws IOException {
    Path image = image().write(tmp.resolve("img.tar"));
    Recorder r = new Recorder(false);
    r.cancel.cancel("before");
    assertThatThrownBy(() -> scan(image, tmp.resolve("cache"), r)).isInstanceOf(Cancellation.Cancelled.class);
    assertThat(r.progress).isEmpty();
    ScanResult after = scan(image, tmp.resolve("cache"), new Recorder(false));
    assertThat(after.stats().layersFromCache()).isZero();
  }
}
