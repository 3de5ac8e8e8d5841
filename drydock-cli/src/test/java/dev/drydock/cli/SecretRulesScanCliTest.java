package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.testing.ImageBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drydock scan --secret-rules FILE}: custom rules in layers and the image config; a bad file is exit 2. */
class SecretRulesScanCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "acme_live_Zq8Xv2Lm9Pw4Rt6Yb1Nc";
  @TempDir Path tmp;

  private Path image() throws IOException {
    return ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"))
        .history("ADD rootfs /")
        .layer(l -> l.file("app/settings.ini", "[api]\nkey = " + TOKEN + "\n"))
        .history("COPY settings.ini /app/")
        .write(tmp.resolve("img.tar"));
  }

  private static List<String> secrets(Cli.Run r) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode s : JSON.readTree(r.stdout()).path("secrets")) {
      out.add(s.path("ruleId").asText() + " " + s.path("path").asText());
    }
    return out;
  }

  @Test
  void customRulesFindACustomToken() throws IOException {
    Path image = image();
    Path rules = Files.writeString(tmp.resolve("rules.toml"), "[[rules]]\nid = \"acme-token\"\n"
        + "regex = '''acme_live_[A-Za-z0-9]{20}'''\nkeywords = [\"acme_live_\"]\n");
    String cache = tmp.resolve("cache").toString();
    Cli.Run plain = Cli.run("scan", "--scanners", "secret", "-f", "json", "--cache-dir", cache, image.toString());
    assertThat(plain.exit()).as(plain.toString()).isZero();
    assertThat(secrets(plain)).doesNotContain("acme-token app/settings.ini");
    Cli.Run custom = Cli.run("scan", "--scanners", "secret", "--secret-rules", rules.toString(), "-f", "json",
        "--cache-dir", cache, image.toString());
    assertThat(custom.exit()).as(custom.toString()).isZero();
    assertThat(secrets(custom)).contains("acme-token app/settings.ini");
    assertThat(custom.stdout()).doesNotContain(TOKEN);
  }

  @Test
  void aBadRuleFileIsOneLineAndExit2() throws IOException {
    Path image = image();
    Path bad = Files.writeString(tmp.resolve("bad.toml"), "[[rules]]\nid = \"broken\"\nregex = '''(abc'''\n");
    Cli.Run r = Cli.run("scan", "--secret-rules", bad.toString(), "--cache-dir", tmp.resolve("cache").toString(),
        image.toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().startsWith("drydock: " + bad).contains("broken");
    assertThat(r.stdout()).isEmpty();
    assertThat(tmp.resolve("cache/cache.sqlite")).doesNotExist();
  }
}
