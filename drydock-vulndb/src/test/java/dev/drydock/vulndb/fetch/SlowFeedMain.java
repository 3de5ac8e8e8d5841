package dev.drydock.vulndb.fetch;

import java.nio.file.Path;
import java.util.List;

/**
 * Subprocess entry point for {@link KillDuringDownloadTest}: syncs one feed ({@code args[0]} = URL) into
 * {@code args[1]}, as {@code drydock db update} would, then prints what changed.
 */
public final class SlowFeedMain {
  private SlowFeedMain() {}

  public static void main(String[] args) {
    FeedConfig config = new FeedConfig(List.of(FeedConfig.Feed.of("big", FeedConfig.Format.OSV_ZIP, args[0])), 7);
    FeedSync.Outcome out = new FeedSync(config, Path.of(args[1])).sync();
    System.out.println("changed=" + out.changed().size() + " failures=" + out.failures());
  }
}
