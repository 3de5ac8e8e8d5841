package dev.drydock.vulndb.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.vulndb.fetch.FeedConfig;
import org.junit.jupiter.api.Test;

class FeedImportersTest {
  @Test
  void everyConfiguredFormatsImporterIsOneThatDirectoryImportTries() {
    for (FeedConfig.Format format : FeedConfig.Format.values()) {
      assertThat(FeedImporters.all()).as(format.id()).containsOnlyOnce(FeedImporters.of(format));
    }
  }

  @Test
  void aZipIsSniffedAsTheOsvZipFormat() {
    byte[] zipHead = {'P', 'K', 3, 4, 0, 0};
    assertThat(FeedImporters.sniff("x.zip", zipHead)).contains(FeedImporters.of(FeedConfig.Format.OSV_ZIP));
  }
}
