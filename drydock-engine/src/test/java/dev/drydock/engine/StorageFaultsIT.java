package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.drydock.engine.cache.LayerCache;
import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk and a read-only cache, for real (issue 18, as bench/faults.py makes them): the cache directory is a
 * small tmpfs, filled to the last byte or remounted read-only. Runs in the {@code integration} profile as root
 * (what .ci/run does); it fails, and does not skip, when it cannot mount a tmpfs.
 */
class StorageFaultsIT {
  @TempDir Path tmp;
  private Path mounted;

  private Path tmpfs(String options) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cache"));
    run(List.of("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()));
    mounted = dir;
    return dir;
  }

  private static void run(List<String> command) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      fail("this integration test needs root and mount(8) to make a small tmpfs: " + e.getMessage());
      return;
    }
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    if (p.exitValue() != 0) {
      fail("this integration test needs root and mount(8) to make a small tmpfs: " + command + ": " + out);
    }
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      run(List.of("umount", mounted.toString()));
    }
  }

  @Test
  void aFullDiskSaysSo() throws Exception {
    // SQLite's native library is loaded (once per JVM) from outside the tmpfs, which could not be unmounted else
    LayerCache.open(tmp.resolve("elsewhere")).close();
    Path cache = tmpfs("size=1m");
    try (OutputStream fill = Files.newOutputStream(cache.resolve("fill"))) {
      byte[] block = new byte[4096];
      while (true) {
        fill.write(block);
      }
    } catch (IOException full) {
      assertThat(full.getMessage()).contains("No space left on device");
    }
    assertThatThrownBy(() -> LayerCache.open(cache))
        .isInstanceOf(DrydockException.class)
        .hasMessage("no space left on device writing " + cache.resolve(LayerCache.FILE_NAME));
  }

  @Test
  void aReadOnlyCacheNamesThePathOnce() throws Exception {
    LayerCache.open(tmp.resolve("elsewhere")).close();
    Path cache = tmpfs("size=4m");
    run(List.of("mount", "-o", "remount,ro", cache.toString()));
    assertThatThrownBy(() -> Scratch.open(cache))
        .isInstanceOf(DrydockException.class)
        .hasMessage("cannot create cache directory " + cache.resolve("tmp") + ": Read-only file system");
  }
}
