package dev.drydock.vulndb.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db update}'s way to Amazon Linux's updateinfo: mirror.list → repodata/repomd.xml → the updateinfo file, with
 * the real repomd.xml of match/amazon-alas/ (FIXTURES.md there) and file: URLs; each broken step fails the feed with
 * one line naming the URL.
 */
class YumRepositoryTest {
  @TempDir Path tmp;

  static Path fixture(String name) {
    try {
      return Path.of(YumRepositoryTest.class.getResource("/match/amazon-alas/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private FeedSync.Outcome sync(String mirrorList) throws IOException {
    Path list = tmp.resolve("mirror.list");
    Files.writeString(list, mirrorList);
    FeedConfig cfg = new FeedConfig(List.of(new FeedConfig.Feed("amazon-linux-2", FeedConfig.Format.AMAZON_UPDATEINFO,
        list.toUri(), null, null)), 7);
    return new FeedSync(cfg, tmp.resolve("feeds")).sync();
  }

  /** The real repomd.xml with the checksum of the updateinfo written here (the real file is not in the fixtures). */
  private Path repo() throws Exception {
    Path repodata = Files.createDirectories(tmp.resolve("repo/repodata"));
    byte[] updateinfo = {0x1f, (byte) 0x8b, 1, 2, 3};
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(updateinfo));
    Files.writeString(repodata.resolve("repomd.xml"), Files.readString(fixture("repomd.xml"))
        .replace("e6f569f8ed2246a6b06c0fef7cfd71560df02781327e31c38396ed358d591d48", sha));
    Files.write(repodata.resolve("updateinfo.xml.gz"), updateinfo);
    return tmp.resolve("repo");
  }

  @Test
  void anUpdateinfoThatDoesNotMatchTheChecksumOfItsRepomdFails() throws Exception {
    Path repo = repo();
    Files.write(repo.resolve("repodata/updateinfo.xml.gz"), new byte[] {0x1f, (byte) 0x8b, 9, 9, 9});
    assertThat(sync(repo.toUri() + "\n").failures()).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("checksum mismatch").doesNotContain("\n"));
    assertThat(YumRepository.updateinfoLocation(Files.newInputStream(fixture("repomd.xml"))))
        .containsExactly("repodata/updateinfo.xml.gz",
            "e6f569f8ed2246a6b06c0fef7cfd71560df02781327e31c38396ed358d591d48");
  }

  @Test
  void theFirstRepositoryOfTheListAndTheUpdateinfoItsRepomdNames() throws Exception {
    Path repo = repo();
    FeedSync.Outcome o = sync("# comment\n\n" + repo.toUri() + "\nhttps://second.example/ignored/\n");
    assertThat(o.failures()).isEmpty();
    assertThat(o.files()).singleElement().satisfies(f -> {
      assertThat(f.path().getFileName().toString()).isEqualTo("amazon-linux-2.xml.gz");
      assertThat(Files.readAllBytes(f.path())).containsExactly(0x1f, 0x8b, 1, 2, 3);
    });
    assertThat(YumRepository.updateinfoHref(Files.newInputStream(fixture("repomd.xml"))))
        .isEqualTo("repodata/updateinfo.xml.gz");
  }

  @Test
  void anEmptyMirrorListARepomdWithoutUpdateinfoAndBrokenXmlAreOneLineEach() throws Exception {
    assertThat(sync("\n# nothing\n").failures()).singleElement()
        .satisfies(f -> assertThat(f.message()).startsWith("feed amazon-linux-2: file:").endsWith("names no repository URL"));

    Path repo = repo();
    Files.writeString(repo.resolve("repodata/repomd.xml"), Files.readString(fixture("repomd.xml"))
        .replace("type=\"updateinfo\"", "type=\"modules\""));
    assertThat(sync(repo.toUri() + "\n").failures()).singleElement()
        .satisfies(f -> assertThat(f.message()).endsWith("repodata/repomd.xml names no updateinfo file"));

    Files.writeString(repo.resolve("repodata/repomd.xml"), Files.readString(fixture("repomd.xml")).substring(0, 500));
    assertThat(sync(repo.toUri() + "\n").failures()).singleElement().satisfies(f -> {
      assertThat(f.message()).contains("repodata/repomd.xml is not valid XML").doesNotContain("\n");
    });

    Files.delete(repo.resolve("repodata/repomd.xml"));
    assertThat(sync(repo.toUri() + "\n").failures()).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("repomd.xml").doesNotContain("\n"));
  }
}
