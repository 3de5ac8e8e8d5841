package dev.drydock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.engine.Drydock;
import dev.drydock.engine.Signing;
import dev.drydock.image.testing.ImageBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admission where the namespace's baseline requires signatures (rule DD-SIG-001): the server runs with
 * {@code --verify-key}, so every scan job verifies its image's cosign signature and stores the outcome; a Pod of the
 * image signed with that key is admitted, a Pod of the unsigned image is denied with the reason, and a Pod of an image
 * signed with another key is denied too. The images are OCI layouts signed by drydock's cosign writer
 * ({@code drydock sign}); that format is checked against an independent openssl-built signature in the CLI's
 * SignVerifyCliTest.
 */
class AdmissionSignatureTest {
  @TempDir static Path tmp;
  static DrydockServer server;
  static Http http;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path trusted = keys(tmp.resolve("release"));
    Path other = keys(tmp.resolve("other"));
    Path signed = image(root.resolve("payments-api"), "payments-api:2.4.1");
    Path unsigned = image(root.resolve("payments-batch"), "payments-batch:2.4.1");
    Path foreign = image(root.resolve("payments-web"), "payments-web:2.4.1");
    try (Drydock engine = Drydock.open(Drydock.Config.of(tmp.resolve("signer-cache")))) {
      engine.sign(new Signing.SignRequest("oci-dir:" + signed, trusted.resolveSibling("release.key"),
          () -> new char[0], List.of(), false, null, null));
      engine.sign(new Signing.SignRequest("oci-dir:" + foreign, other.resolveSibling("other.key"),
          () -> new char[0], List.of(), false, null, null));
    }
    server = DrydockServer.start(ServerConfig.parse(List.of("--listen", "127.0.0.1:0", "--cache-dir",
        tmp.resolve("cache").toString(), "--scan-root", root.toString(), "--advisories",
        Path.of("../examples/advisories").toAbsolutePath().toString(), "--verify-key", trusted.toString()),
        Map.of()), Log.none());
    http = new Http("127.0.0.1:" + server.address().getPort());
    admin = ServerMain.token(server, "admin");
    for (Path layout : List.of(signed, unsigned, foreign)) {
      String id = http.json("POST", "/v1/scans", admin, "{\"target\":\"" + layout + "\"}", 202).get("id").asText();
      JsonNode done = http.await(id, admin, 120);
      assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
    }
    assertThat(http.send("PUT", "/v1/baselines/ns-payments-signed", admin,
        Files.readString(Path.of("src/test/resources/signed-baseline.yaml"))).statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A P-256 key pair as PEM: {@code <name>.key} (PKCS#8) and {@code <name>.pub}; returns the public key file. */
  static Path keys(Path base) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes());
    Files.writeString(base.resolveSibling(base.getFileName() + ".key"), "-----BEGIN PRIVATE KEY-----\n"
        + b64.encodeToString(kp.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    return Files.writeString(base.resolveSibling(base.getFileName() + ".pub"), "-----BEGIN PUBLIC KEY-----\n"
        + b64.encodeToString(kp.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
  }

  static Path image(Path out, String tag) throws Exception {
    return ImageBuilder.ociLayout().repoTag(tag)
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
            .file("app/payments.jar.txt", "payments " + tag + "\n"))
        .write(out);
  }

  @Test
  void theImageSignedWithTheServersKeyIsAdmitted() throws Exception {
    JsonNode r = AdmissionTest.answer(http, admin, "pod-signed.yaml");
    assertThat(r.get("allowed").asBoolean()).as(r.toString()).isTrue();
  }

  @Test
  void theUnsignedImageIsDeniedWithTheReason() throws Exception {
    JsonNode r = AdmissionTest.answer(http, admin, "pod-unsigned.yaml");
    assertThat(r.get("allowed").asBoolean()).as(r.toString()).isFalse();
    assertThat(r.get("status").get("message").asText()).contains("docker.io/library/payments-batch:2.4.1")
        .contains("DD-SIG-001").contains("baseline ns-payments-signed");
  }

  @Test
  void anImageSignedWithAnotherKeyIsDenied() throws Exception {
    String review = AdmissionTest.review("pod-signed.yaml", "uid-foreign")
        .replace("payments-api:2.4.1", "payments-web:2.4.1");
    JsonNode r = http.json("POST", "/admission", admin, review, 200).get("response");
    assertThat(r.get("allowed").asBoolean()).as(r.toString()).isFalse();
    assertThat(r.get("status").get("message").asText()).contains("payments-web:2.4.1").contains("DD-SIG-001");
  }
}
