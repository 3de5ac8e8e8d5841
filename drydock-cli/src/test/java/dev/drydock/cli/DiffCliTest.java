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

/**
 * {@code drydock diff} of two real-looking releases: a Debian 12 service image, then the same image with a
 * JDK layer added, port 8080 opened, running as root, and a setuid binary.
 */
class DiffCliTest {
  @TempDir Path tmp;

  private static final String OS_RELEASE = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n"
      + "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n";

  private static String stanza(String name, String version, String arch) {
    return "Package: " + name + "\nStatus: install ok installed\nArchitecture: " + arch + "\nVersion: " + version
        + "\nDescription: " + name + "\n";
  }

  private static final String BASE_STATUS = String.join("\n", stanza("libc6", "2.36-9+deb12u13", "amd64"),
      stanza("libssl3", "3.0.17-1~deb12u2", "amd64"), stanza("ca-certificates", "20230311+deb12u1", "all"));

  private static ImageBuilder base() {
    return ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", OS_RELEASE).file("var/lib/dpkg/status", BASE_STATUS))
        .history("ADD rootfs.tar.xz /")
        .user("app")
        .cmd("/srv/run");
  }

  @Test
  void reportsExactlyTheJdkLayerThePortTheRootUserAndTheSetuidFile() throws IOException {
    Path oldImage = base().write(tmp.resolve("v1.tar"));
    ImageBuilder newImage = base()
        .layer(l -> l.file("var/lib/dpkg/status", String.join("\n", BASE_STATUS,
                stanza("openjdk-17-jre-headless", "17.0.16+8-1~deb12u1", "amd64"),
                stanza("java-common", "0.74", "all")))
            .file("usr/bin/newgrp", "placeholder for the setuid newgrp binary\n".getBytes(), 04755))
        .history("RUN apt-get install -y openjdk-17-jre-headless")
        .user("root")
        .exposedPort("8080/tcp")
        .cmd("/srv/run");
    Path newTar = newImage.write(tmp.resolve("v2.tar"));
    Path out = tmp.resolve("drift.json");
    Cli.Run r = Cli.run("diff", oldImage.toString(), newTar.toString(), "-f", "json", "-o", out.toString(),
        "--cache-dir", tmp.resolve("cache").toString());
    assertThat(r.exit()).as(r.toString()).isZero();

    JsonNode d = new ObjectMapper().readTree(out.toFile());
    assertThat(names(d.get("packagesAdded"))).containsExactly("java-common", "openjdk-17-jre-headless");
    assertThat(d.get("packagesRemoved")).isEmpty();
    assertThat(d.get("packagesUpgraded")).isEmpty();
    assertThat(d.get("packagesDowngraded")).isEmpty();
    JsonNode config = d.get("config");
    assertThat(config.get("user").get("oldUser").asText()).isEqualTo("app");
    assertThat(config.get("user").get("newUser").asText()).isEqualTo("root");
    assertThat(config.get("user").get("becameRoot").asBoolean()).isTrue();
    assertThat(texts(config.get("portsAdded"))).containsExactly("8080/tcp");
    assertThat(config.get("cmdChanged").asBoolean()).isFalse();
    assertThat(texts(d.get("setuidAdded"), "path")).containsExactly("usr/bin/newgrp");

    Cli.Run md = Cli.run("diff", oldImage.toString(), newTar.toString(), "-f", "markdown", "--cache-dir",
        tmp.resolve("cache").toString());
    assertThat(md.exit()).as(md.toString()).isZero();
    assertThat(md.stdout()).contains("openjdk-17-jre-headless", "8080/tcp", "usr/bin/newgrp");
  }

  @Test
  void identicalReleasesHaveNoDrift() throws IOException {
    Path a = base().write(tmp.resolve("a.tar"));
    Path b = Files.copy(a, tmp.resolve("b.tar"));
    Cli.Run r = Cli.run("diff", a.toString(), b.toString(), "--cache-dir", tmp.resolve("cache").toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.stdout()).contains("No drift.");
  }

  private static List<String> names(JsonNode array) {
    return texts(array, "name");
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
