package dev.drydock.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing and verifying on an OCI layout the test writes by hand, with keys the JDK generates. */
class CosignTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  KeyPair key;
  KeyPair other;
  String digest;

  @BeforeEach
  void setUp() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    key = g.generateKeyPair();
    other = g.generateKeyPair();
    digest = TestLayouts.image(dir, "1.0", "a");
  }

  private static List<Keys.NamedKey> named(KeyPair... pairs) {
    return java.util.Arrays.stream(pairs).map(p -> new Keys.NamedKey(p.getPublic(), "test.pub",
        Keys.fingerprint(p.getPublic()))).toList();
  }

  @Test
  void aTagSignatureVerifiesWithItsKeyAndHasCosignsShape() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(dir);
    Descriptor image = store.image("1.0");
    assertThat(image.digest()).isEqualTo(digest);
    Cosign.Signed signed = Cosign.sign(store, image, "registry.example/app", Map.of("ci", "build-42"),
        key.getPrivate(), Cosign.Placement.TAG);
    assertThat(signed.tag()).isEqualTo("sha256-" + digest.substring(7) + ".sig");

    // cosign's shape, read back from the files on disk
    JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
    JsonNode sigEntry = null;
    for (JsonNode m : index.path("manifests")) {
      if (signed.tag().equals(m.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
        sigEntry = m;
      }
    }
    assertThat(sigEntry).as("index.json names the .sig tag").isNotNull();
    JsonNode manifest = JSON.readTree(dir.resolve("blobs/sha256/" + sigEntry.path("digest").asText().substring(7))
        .toFile());
    JsonNode layer = manifest.path("layers").get(0);
    assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.dev.cosign.simplesigning.v1+json");
    byte[] payload = Files.readAllBytes(dir.resolve("blobs/sha256/" + layer.path("digest").asText().substring(7)));
    JsonNode p = JSON.readTree(payload);
    assertThat(p.at("/critical/image/docker-manifest-digest").asText()).isEqualTo(digest);
    assertThat(p.at("/critical/identity/docker-reference").asText()).isEqualTo("registry.example/app");
    assertThat(p.at("/critical/type").asText()).isEqualTo("cosign container image signature");
    assertThat(p.at("/optional/ci").asText()).isEqualTo("build-42");
    assertThat(layer.at("/annotations/dev.cosignproject.cosign~1signature").asText()).isEqualTo(signed.signature());
    JsonNode config = JSON.readTree(dir.resolve("blobs/sha256/" + manifest.at("/config/digest").asText().substring(7))
        .toFile());
    assertThat(config.at("/rootfs/diff_ids/0").asText()).isEqualTo(layer.path("digest").asText());

    Verification v = Cosign.verify(OciLayoutStore.open(dir), image, named(key), Map.of("ci", "build-42"));
    assertThat(v.verified()).as(v.reason()).isTrue();
    assertThat(v.signedBy()).isEqualTo(Keys.fingerprint(key.getPublic()));
    assertThat(v.via()).isEqualTo("tag " + signed.tag());
  }

  @Test
  void aReferrerSignatureVerifiesAndHasTheOci11Shape() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(dir);
    Descriptor image = store.image(null);
    Cosign.Signed signed = Cosign.sign(store, image, "", Map.of(), key.getPrivate(), Cosign.Placement.REFERRER);
    assertThat(signed.tag()).isNull();
    JsonNode manifest = JSON.readTree(dir.resolve("blobs/sha256/" + signed.manifest().digest().substring(7)).toFile());
    assertThat(manifest.path("artifactType").asText()).isEqualTo(Cosign.ARTIFACT_TYPE);
    assertThat(manifest.at("/subject/digest").asText()).isEqualTo(digest);
    assertThat(manifest.at("/config/mediaType").asText()).isEqualTo("application/vnd.oci.empty.v1+json");
    assertThat(store.resolve(Cosign.signatureTag(digest))).isEmpty();
    // the image is still the one image of the layout: the referrer is not an image
    assertThat(OciLayoutStore.open(dir).image(null).digest()).isEqualTo(digest);

    Verification v = Cosign.verify(OciLayoutStore.open(dir), image, named(other, key), Map.of());
    assertThat(v.verified()).as(v.reason()).isTrue();
    assertThat(v.via()).startsWith("referrer sha256:");
  }

  @Test
  void signingTwiceKeepsTheFirstSignature() {
    OciLayoutStore store = OciLayoutStore.open(dir);
    Descriptor image = store.image("1.0");
    Cosign.sign(store, image, "", Map.of(), other.getPrivate(), Cosign.Placement.TAG);
    Cosign.sign(store, image, "", Map.of(), key.getPrivate(), Cosign.Placement.TAG);
    assertThat(Cosign.verify(store, image, named(other), Map.of()).verified()).isTrue();
    Verification v = Cosign.verify(store, image, named(key), Map.of());
    assertThat(v.verified()).isTrue();
    assertThat(v.signatures()).isEqualTo(2);
  }

  @Test
  void anotherKeyDoesNotVerify() {
    OciLayoutStore store = OciLayoutStore.open(dir);
    Descriptor image = store.image("1.0");
    Cosign.sign(store, image, "", Map.of(), key.getPrivate(), Cosign.Placement.TAG);
    Verification v = Cosign.verify(store, image, named(other), Map.of());
    assertThat(v.verified()).isFalse();
    assertThat(v.reason()).contains("does not verify with the key test.pub");
  }

  @Test
  void noSignatureIsNotVerified() {
    OciLayoutStore store = OciLayoutStore.open(dir);
    Verification v = Cosign.verify(store, store.image("1.0"), named(key), Map.of());
    assertThat(v.verified()).isFalse();
    assertThat(v.reason()).startsWith("no signature for " + digest);
  }

  @Test
  void aMissingAnnotationIsNamed() {
    OciLayoutStore store = OciLayoutStore.open(dir);
    Descriptor image = store.image("1.0");
    Cosign.sign(store, image, "", Map.of("env", "prod"), key.getPrivate(), Cosign.Placement.TAG);
    Verification v = Cosign.verify(store, image, named(key), Map.of("env", "staging"));
    assertThat(v.verified()).isFalse();
    assertThat(v.reason()).contains("annotation env=staging is not in the signed payload");
  }

  @Test
  void aSignatureOfAnotherImageMovedUnderThisImagesTagIsForAnotherImage() throws Exception {
    String second = TestLayouts.image(dir, "2.0", "b");
    OciLayoutStore store = OciLayoutStore.open(dir);
    Descriptor first = store.image("1.0");
    Cosign.Signed signed = Cosign.sign(store, first, "", Map.of(), key.getPrivate(), Cosign.Placement.TAG);
    // the attacker re-tags image 1.0's (valid) signature manifest as the signature of image 2.0
    store.writeManifest(store.read(signed.manifest().digest()).orElseThrow(), Cosign.OCI_MANIFEST, null,
        Cosign.signatureTag(second));
    Verification v = Cosign.verify(OciLayoutStore.open(dir), OciLayoutStore.open(dir).image("2.0"), named(key),
        Map.of());
    assertThat(v.verified()).isFalse();
    assertThat(v.reason()).isEqualTo("signature is for another image: its payload names " + digest
        + ", the image is " + second);
  }

  @Test
  void aPayloadChangedInPlaceNoLongerMatchesItsDigest() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(dir);
    Descriptor image = store.image("1.0");
    Cosign.Signed signed = Cosign.sign(store, image, "", Map.of(), key.getPrivate(), Cosign.Placement.TAG);
    Path payload = dir.resolve("blobs/sha256/" + TestLayouts.sha256(signed.payload()));
    Files.writeString(payload, new String(signed.payload(), StandardCharsets.UTF_8).replace("\"optional\":null",
        "\"optional\":{\"approved\":\"yes\"}"));
    Verification v = Cosign.verify(OciLayoutStore.open(dir), image, named(key), Map.of());
    assertThat(v.verified()).isFalse();
    assertThat(v.reason()).contains("does not match its digest");
  }

  @Test
  void aPayloadRewrittenWithConsistentDigestsFailsTheSignature() throws Exception {
    OciLayoutStore store = OciLayoutStore.open(dir);
    Descriptor image = store.image("1.0");
    Cosign.Signed signed = Cosign.sign(store, image, "", Map.of(), key.getPrivate(), Cosign.Placement.TAG);
    // the attacker writes a new payload and a manifest naming it, keeping the old signature annotation
    byte[] forged = new String(signed.payload(), StandardCharsets.UTF_8).replace("\"optional\":null",
        "\"optional\":{\"approved\":\"yes\"}").getBytes(StandardCharsets.UTF_8);
    String forgedDigest = TestLayouts.blob(dir, forged);
    ObjectNode manifest = (ObjectNode) JSON.readTree(store.read(signed.manifest().digest()).orElseThrow());
    ObjectNode layer = (ObjectNode) manifest.path("layers").get(0);
    layer.put("digest", forgedDigest);
    layer.put("size", forged.length);
    store.writeManifest(JSON.writeValueAsBytes(manifest), Cosign.OCI_MANIFEST, null, signed.tag());
    Verification v = Cosign.verify(OciLayoutStore.open(dir), image, named(key), Map.of("approved", "yes"));
    assertThat(v.verified()).isFalse();
    assertThat(v.reason()).contains("does not verify").contains("payload was changed after signing");
  }
}
