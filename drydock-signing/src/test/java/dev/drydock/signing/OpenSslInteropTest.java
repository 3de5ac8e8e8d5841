package dev.drydock.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with the {@code openssl} binary, which shares no code with drydock: a signature written by
 * the test by hand following cosign's SIGNATURE_SPEC (payload typed here, signed by {@code openssl dgst -sha256
 * -sign}, the manifest written as text) verifies with drydock, and drydock's signature verifies with
 * {@code openssl dgst -verify}. Keys come from {@code openssl} in the forms people have (PKCS#8, SEC 1).
 */
class OpenSslInteropTest {
  @TempDir Path tmp;
  Path layout;
  Path keys;
  String digest;

  @BeforeEach
  void setUp() throws Exception {
    layout = tmp.resolve("oci");
    keys = Files.createDirectories(tmp.resolve("keys"));
    digest = TestLayouts.image(layout, "latest", "openssl");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", keys.resolve("sec1.pem").toString());
    openssl("pkcs8", "-topk8", "-nocrypt", "-in", keys.resolve("sec1.pem").toString(), "-out",
        keys.resolve("pkcs8.pem").toString());
    openssl("ec", "-in", keys.resolve("sec1.pem").toString(), "-pubout", "-out", keys.resolve("cosign.pub").toString());
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", keys.resolve("other.pem").toString());
    openssl("ec", "-in", keys.resolve("other.pem").toString(), "-pubout", "-out", keys.resolve("other.pub").toString());
  }

  /** Writes the .sig manifest for {@code payload} signed by openssl with {@code key}, as cosign lays it out. */
  private void opensslSignature(String payload, String imageDigest, Path key) throws Exception {
    opensslSignature(payload, payload, imageDigest, key);
  }

  /** The same, but the signature is made over {@code signed} while {@code stored} is what the layout holds. */
  private void opensslSignature(String stored, String signed, String imageDigest, Path key) throws Exception {
    Path p = tmp.resolve("payload.json");
    Files.writeString(p, signed);
    Path sig = tmp.resolve("payload.sig");
    openssl("dgst", "-sha256", "-sign", key.toString(), "-out", sig.toString(), p.toString());
    String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(sig));
    String payloadDigest = TestLayouts.blob(layout, stored);
    String config = "{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":"
        + "\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + payloadDigest
        + "\"]},\"config\":{}}";
    String configDigest = TestLayouts.blob(layout, config);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length()
        + ",\"digest\":\"" + configDigest + "\"},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.dev.cosign.simplesigning.v1+json\",\"size\":" + stored.length() + ",\"digest\":\""
        + payloadDigest + "\",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"" + b64 + "\"}}]}";
    String manifestDigest = TestLayouts.blob(layout, manifest);
    String tag = "sha256-" + imageDigest.substring("sha256:".length()) + ".sig";
    Path index = layout.resolve("index.json");
    Files.writeString(index, Files.readString(index).replaceFirst("\"manifests\":\\[",
        "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest
            + "\",\"size\":" + manifest.length() + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag
            + "\"}},"));
  }

  private static String payload(String imageDigest, String optional) {
    return "{\"critical\":{\"identity\":{\"docker-reference\":\"registry.example/app\"},\"image\":"
        + "{\"docker-manifest-digest\":\"" + imageDigest + "\"},\"type\":\"cosign container image signature\"},"
        + "\"optional\":" + optional + "}";
  }

  private Verification verify(Path pub, Map<String, String> annotations) {
    OciLayoutStore store = OciLayoutStore.open(layout);
    return Cosign.verify(store, store.image("latest"), Keys.publicKeys(pub), annotations);
  }

  @Test
  void anOpensslSignatureWrittenByHandVerifies() throws Exception {
    opensslSignature(payload(digest, "{\"git\":\"abc123\"}"), digest, keys.resolve("sec1.pem"));
    Verification v = verify(keys.resolve("cosign.pub"), Map.of("git", "abc123"));
    assertThat(v.verified()).as(v.reason()).isTrue();
    assertThat(v.signedBy()).isEqualTo(Keys.publicKeys(keys.resolve("cosign.pub")).get(0).fingerprint());
  }

  @Test
  void anOpensslSignatureByAnotherKeyIsNotVerified() throws Exception {
    opensslSignature(payload(digest, "null"), digest, keys.resolve("other.pem"));
    Verification v = verify(keys.resolve("cosign.pub"), Map.of());
    assertThat(v.verified()).isFalse();
    assertThat(v.reason()).contains("does not verify with the key " + keys.resolve("cosign.pub"));
  }

  @Test
  void aPayloadOtherThanTheSignedOneIsNotVerified() throws Exception {
    // signed over one payload, stored with another (digests consistent): the signature no longer matches
    opensslSignature(payload(digest, "{\"approved\":\"yes\"}"), payload(digest, "null"), digest,
        keys.resolve("sec1.pem"));
    Verification v = verify(keys.resolve("cosign.pub"), Map.of("approved", "yes"));
    assertThat(v.verified()).isFalse();
    assertThat(v.reason()).contains("does not verify").contains("payload was changed after signing");
  }

  @Test
  void aValidSignatureOverAnotherImagesDigestIsNotVerified() throws Exception {
    String elsewhere = "sha256:" + "ab".repeat(32);
    opensslSignature(payload(elsewhere, "null"), digest, keys.resolve("sec1.pem"));
    Verification v = verify(keys.resolve("cosign.pub"), Map.of());
    assertThat(v.verified()).isFalse();
    assertThat(v.reason()).isEqualTo("signature is for another image: its payload names " + elsewhere
        + ", the image is " + digest);
  }

  @Test
  void drydocksSignatureVerifiesWithOpenssl() throws Exception {
    PrivateKey pkcs8 = Keys.privateKey(keys.resolve("pkcs8.pem"), () -> null);
    OciLayoutStore store = OciLayoutStore.open(layout);
    Cosign.Signed signed = Cosign.sign(store, store.image("latest"), "registry.example/app", Map.of(), pkcs8,
        Cosign.Placement.TAG);
    Path p = Files.write(tmp.resolve("p"), signed.payload());
    Path s = Files.write(tmp.resolve("s"), Base64.getDecoder().decode(signed.signature()));
    String out = openssl("dgst", "-sha256", "-verify", keys.resolve("cosign.pub").toString(), "-signature",
        s.toString(), p.toString());
    assertThat(out).contains("Verified OK");
    // and a SEC 1 key signs as well
    PrivateKey sec1 = Keys.privateKey(keys.resolve("sec1.pem"), () -> null);
    assertThat(sec1.getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void anOpensslEncryptedPkcs8KeyNeedsItsPassword() throws Exception {
    Path enc = keys.resolve("enc.pem");
    openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "pass:s3cret", "-in", keys.resolve("sec1.pem")
        .toString(), "-out", enc.toString());
    assertThat(Keys.privateKey(enc, "s3cret"::toCharArray).getAlgorithm()).isIn("EC", "ECDSA");
    assertThatThrownBy(() -> Keys.privateKey(enc, "wrong"::toCharArray)).isInstanceOf(DrydockException.class)
        .hasMessageContaining(enc.toString()).hasMessageContaining("password");
  }

  @Test
  void malformedKeysAreBadInputNamingTheFile() throws Exception {
    Path notPem = Files.writeString(tmp.resolve("not.pem"), "hello");
    assertThatThrownBy(() -> Keys.publicKeys(notPem)).isInstanceOf(DrydockException.class)
        .hasMessage(notPem + ": not PEM (no -----BEGIN line)");
    Path broken = Files.writeString(tmp.resolve("broken.pub"),
        "-----BEGIN PUBLIC KEY-----\nnot base64 at all!\n-----END PUBLIC KEY-----\n");
    assertThatThrownBy(() -> Keys.publicKeys(broken)).isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(broken + ": malformed PEM");
    assertThatThrownBy(() -> Keys.publicKeys(tmp.resolve("absent.pub"))).isInstanceOf(DrydockException.class)
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> Keys.privateKey(keys.resolve("cosign.pub"), () -> null))
        .isInstanceOf(DrydockException.class).hasMessageContaining("'PUBLIC KEY' PEM block is not a private key");
  }

  static String openssl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
    return out;
  }
}
