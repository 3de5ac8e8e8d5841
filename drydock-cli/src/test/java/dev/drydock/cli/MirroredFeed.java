package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code drydock db update} of one feed served from a file mirror, laid out as {@code FeedConfig} rewrites URLs
 * ({@code <mirror>/<host>/<path>}): what the distribution tests use to show a default feed's name, format and URL
 * work end to end without the network.
 */
final class MirroredFeed {
  private MirroredFeed() {}

  /**
   * Puts {@code content} where the mirror serves {@code url}, writes a feed configuration naming the feed, runs
   * {@code db update} into {@code work/<name>-updated} (it must succeed) and returns that cache directory.
   */
  static String update(Path work, String name, String format, String url, byte[] content) throws IOException {
    Path mirror = work.resolve(name + "-mirror");
    URI u = URI.create(url);
    Path file = mirror.resolve(u.getHost() + u.getPath());
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    Path cfg = Files.writeString(work.resolve(name + "-feeds.yaml"), "mirror: " + mirror.toUri() + "\nfeeds:\n"
        + "  - name: " + name + "\n    format: " + format + "\n    url: " + url + "\n");
    String cache = work.resolve(name + "-updated").toString();
    Cli.Run update = Cli.run("db", "update", "--config", cfg.toString(), "--cache-dir", cache);
    assertThat(update.exit()).as(update.toString()).isZero();
    return cache;
  }
}
