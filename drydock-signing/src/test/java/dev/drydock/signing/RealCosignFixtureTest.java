package dev.drydock.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures and keys made by cosign itself (FIXTURES.md): drydock reads what cosign wrote. */
class RealCosignFixtureTest {
  private static final String IMAGE = "sha256:623621b56649b5e0c2c7cf3ffd987932f8f9a5a01036e00d6f3ae9480087621c";

  @TempDir Path tmp;

  private Path resource(String name) throws Exception {
    Path out = tmp.resolve(name.replace('/', '_'));
    try (InputStream in = getClass().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      Files.copy(in, out);
    }
    return out;
  }

  /** The real signature, laid out under its .sig tag in a layout (the image itself is not needed: only its digest). */
  private OciLayoutStore layoutWithRealSignature(byte[] payload) throws Exception {
    Path dir = tmp.resolve("oci");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
    String sig = Files.readString(resource("ratify/signature.b64")).trim();
    String payloadDigest = TestLayouts.blob(dir, payload);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":2,\"digest\":\""
        + TestLayouts.blob(dir, "{}") + "\"},\"layers\":[{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\","
        + "\"size\":" + payload.length + ",\"digest\":\"" + payloadDigest + "\",\"annotations\":"
        + "{\"dev.cosignproject.cosign/signature\":\"" + sig + "\"}}]}";
    OciLayoutStore store = OciLayoutStore.open(dir);
    store.writeManifest(manifest.getBytes(StandardCharsets.UTF_8), Cosign.OCI_MANIFEST, null, Cosign.signatureTag(IMAGE));
    return OciLayoutStore.open(dir);
  }

  @Test
  void aSignatureMadeByCosignVerifiesWithItsSigningKey() throws Exception {
    byte[] payload = Files.readAllBytes(resource("ratify/payload.json"));
    assertThat(TestLayouts.sha256(payload)).as("the layer digest cosign recorded")
        .isEqualTo("d1226e36bc8502978324cb2cb2116c6aa48edb2ea8f15b1c6f6f256ed43388f6");
    List<Keys.NamedKey> key = Keys.publicKeys(resource("ratify/certificate.pem"));
    Descriptor image = new Descriptor(Cosign.OCI_MANIFEST, IMAGE, 0, null, Map.of());
    Verification v = Cosign.verify(layoutWithRealSignature(payload), image, key, Map.of());
    assertThat(v.verified()).as(v.reason()).isTrue();
  }

  @Test
  void theRealSignatureFailsForAnyOtherPayloadByte() throws Exception {
    byte[] payload = Files.readAllBytes(resource("ratify/payload.json"));
    byte[] changed = new String(payload, StandardCharsets.UTF_8).replace("cosign-image", "cosign-imagf")
        .getBytes(StandardCharsets.UTF_8);
    List<Keys.NamedKey> key = Keys.publicKeys(resource("ratify/certificate.pem"));
    Verification v = Cosign.verify(layoutWithRealSignature(changed),
        new Descriptor(Cosign.OCI_MANIFEST, IMAGE, 0, null, Map.of()), key, Map.of());
    assertThat(v.verified()).isFalse();
    assertThat(v.reason()).contains("does not verify");
  }

  @Test
  void cosignsEncryptedKeyOpensWithItsPassword() throws Exception {
    Path key = resource("conforma/cosign.key");
    PrivateKey k = Keys.privateKey(key, () -> new char[0]);
    assertThat(k).isInstanceOf(ECPrivateKey.class);
    assertThat(Keys.isP256(k)).isTrue();
    assertThatThrownBy(() -> Keys.privateKey(key, "not-the-password"::toCharArray))
        .isInstanceOf(DrydockException.class).hasMessageContaining("wrong password");
    assertThatThrownBy(() -> Keys.privateKey(key, () -> null)).isInstanceOf(DrydockException.class)
        .hasMessageContaining("COSIGN_PASSWORD");
  }

  @Test
  void aSecretboxSealedHereOpensAndATamperedOneDoesNot() {
    byte[] key = new byte[32];
    byte[] nonce = new byte[24];
    for (int i = 0; i < 32; i++) {
      key[i] = (byte) i;
    }
    byte[] box = EncryptedCosignKey.seal("hello".getBytes(StandardCharsets.UTF_8), nonce, key);
    assertThat(new String(EncryptedCosignKey.open(box, nonce, key), StandardCharsets.UTF_8)).isEqualTo("hello");
    box[box.length - 1] ^= 1;
    assertThat(EncryptedCosignKey.open(box, nonce, key)).isNull();
  }

  @Test
  void outOfBoundsScryptParametersAreRefusedBeforeAnyWork() {
    String json = "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":1073741824,\"r\":8,\"p\":1},\"salt\":\"AA==\"},"
        + "\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"AA==\"},\"ciphertext\":\"AA==\"}";
    assertThatThrownBy(() -> EncryptedCosignKey.decrypt(json.getBytes(StandardCharsets.UTF_8), new char[0], "k"))
        .isInstanceOf(DrydockException.class).hasMessageContaining("out of bounds");
  }
}
