package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.testing.ImageBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock sign} / {@code drydock verify} / {@code scan --verify-key} as a user runs them, on OCI layouts
 * written by the test, with keys from the {@code openssl} binary. The cosign-format signature of
 * {@link #anOpensslSignatureWrittenByHandFromTheSpecVerifies} is built from cosign's SIGNATURE_SPEC by the test
 * (payload typed here, {@code openssl dgst -sha256 -sign}, manifest written as text), not by drydock's code.
 */
class SignVerifyCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Path layout;
  Path key;
  Path pub;
  Path otherKey;
  Path otherPub;
  Path cache;

  @BeforeEach
  void setUp() throws Exception {
    layout = tmp.resolve("app-oci");
    ImageBuilder.ociLayout().platform("linux/arm64/v8")
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"))
        .history("ADD rootfs.tar /").write(layout);
    cache = tmp.resolve("cache");
    Path sec1 = tmp.resolve("sec1.pem");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", sec1.toString());
    key = tmp.resolve("cosign.key");
    openssl("pkcs8", "-topk8", "-nocrypt", "-in", sec1.toString(), "-out", key.toString());
    pub = tmp.resolve("cosign.pub");
    openssl("ec", "-in", sec1.toString(), "-pubout", "-out", pub.toString());
    otherKey = tmp.resolve("other.key");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", otherKey.toString());
    otherPub = tmp.resolve("other.pub");
    openssl("ec", "-in", otherKey.toString(), "-pubout", "-out", otherPub.toString());
  }

  private Cli.Run drydock(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add(1, "--cache-dir");
    all.add(2, cache.toString());
    return Cli.run(all.toArray(String[]::new));
  }

  private String imageDigest() throws IOException {
    return JSON.readTree(layout.resolve("index.json").toFile()).path("manifests").get(0).path("digest").asText();
  }

  @Test
  void aSignatureMadeByDrydockSignVerifiesWithDrydockVerify() throws Exception {
    Cli.Run sign = drydock("sign", "oci-dir:" + layout, "--key", key.toString(), "-a", "git=abc123");
    assertThat(sign.exit()).as(sign.toString()).isZero();
    assertThat(sign.out()).contains("signed: " + layout).contains("tag sha256-");
    Cli.Run verify = drydock("verify", "oci-dir:" + layout, "--key", pub.toString(), "--annotation", "git=abc123");
    assertThat(verify.exit()).as(verify.toString()).isZero();
    assertThat(verify.out()).startsWith("verified: oci-dir:" + layout + " (" + imageDigest() + ") is signed by sha256:");

    Cli.Run wrongAnnotation = drydock("verify", "oci-dir:" + layout, "--key", pub.toString(), "-a", "git=zzz");
    assertThat(wrongAnnotation.exit()).isEqualTo(1);
    assertThat(wrongAnnotation.errLines()).containsExactly("drydock: not verified: oci-dir:" + layout
        + ": annotation git=zzz is not in the signed payload (it has {git=abc123})");

    Cli.Run other = drydock("verify", "oci-dir:" + layout, "--key", otherPub.toString());
    assertThat(other.exit()).isEqualTo(1);
    assertThat(other.errLines()).hasSize(1);
    assertThat(other.err()).contains("does not verify with the key " + otherPub);
  }

  @Test
  void aReferrerSignatureVerifiesAndTheSignedLayoutStillScans() throws Exception {
    assertThat(drydock("sign", layout.toString(), "--key", key.toString(), "--referrer").exit()).isZero();
    assertThat(drydock("sign", layout.toString(), "--key", key.toString()).exit()).isZero();
    Cli.Run verify = drydock("verify", layout.toString(), "--key", pub.toString());
    assertThat(verify.exit()).as(verify.toString()).isZero();
    // the .sig tag and the referrer are not images: the arm64 image is still the one scanned
    Path json = tmp.resolve("r.json");
    Cli.Run scan = drydock("scan", "--scanners", "secret", "--format", "json", "--output", json.toString(),
        "--verify-key", pub.toString(), layout.toString());
    assertThat(scan.exit()).as(scan.toString()).isZero();
    JsonNode result = JSON.readTree(json.toFile());
    assertThat(result.at("/target/platform").asText()).isEqualTo("linux/arm64/v8");
    assertThat(result.at("/signature/verified").asBoolean()).isTrue();
    assertThat(result.at("/signature/imageDigest").asText()).isEqualTo(imageDigest());
    assertThat(scan.err()).contains("verified: " + layout);
  }

  @Test
  void scanWithVerifyKeyFailsForAnUnsignedImageAndRecordsWhy() throws Exception {
    Path json = tmp.resolve("r.json");
    Cli.Run scan = drydock("scan", "--scanners", "secret", "--format", "json", "--output", json.toString(),
        "--verify-key", pub.toString(), layout.toString());
    assertThat(scan.exit()).as(scan.toString()).isEqualTo(1);
    assertThat(scan.err()).contains("drydock: not verified: " + layout + ": no signature for " + imageDigest());
    JsonNode result = JSON.readTree(json.toFile());
    assertThat(result.at("/signature/verified").asBoolean(true)).isFalse();
    assertThat(result.at("/signature/reason").asText()).startsWith("no signature for ");
    assertThat(result.path("warnings").toString()).contains("image signature not verified: no signature for ");
    // without --verify-key nothing is recorded and the scan passes
    Cli.Run plain = drydock("scan", "--scanners", "secret", "--format", "json", "--output", json.toString(),
        layout.toString());
    assertThat(plain.exit()).as(plain.toString()).isZero();
    assertThat(JSON.readTree(json.toFile()).has("signature")).isFalse();
  }

  /** The baseline rule "image must be signed by one of these keys", judged by drydock gate from saved results. */
  @Test
  void theGateFailsAnImageNotSignedByOneOfTheBaselinesKeysAndFailsClosed() throws Exception {
    Path baseline = Files.writeString(tmp.resolve("baseline.yaml"), "version: 1\nrules:\n"
        + "  - id: DD-SIG-001\n    level: must-pass\n    keys: [cosign.pub]\n");
    Path otherBaseline = Files.writeString(tmp.resolve("other-baseline.yaml"), "version: 1\nrules:\n"
        + "  - id: DD-SIG-001\n    level: must-pass\n    keys: [other.pub]\n");
    Path unverified = tmp.resolve("unverified.json");
    Path unsigned = tmp.resolve("unsigned.json");
    Path signed = tmp.resolve("signed.json");
    assertThat(drydock("scan", "--scanners", "secret", "-f", "json", "-o", unverified.toString(), layout.toString())
        .exit()).isZero();
    assertThat(drydock("scan", "--scanners", "secret", "-f", "json", "-o", unsigned.toString(), "--verify-key",
        pub.toString(), layout.toString()).exit()).isEqualTo(1);
    assertThat(drydock("sign", layout.toString(), "--key", key.toString()).exit()).isZero();
    assertThat(drydock("scan", "--scanners", "secret", "-f", "json", "-o", signed.toString(), "--verify-key",
        pub.toString(), "--verify-key", otherPub.toString(), layout.toString()).exit()).isZero();

    Cli.Run pass = drydock("gate", "--baseline", baseline.toString(), signed.toString());
    assertThat(pass.exit()).as(pass.toString()).isZero();
    Cli.Run notSigned = drydock("gate", "-f", "json", "--baseline", baseline.toString(), unsigned.toString());
    assertThat(notSigned.exit()).as(notSigned.toString()).isEqualTo(1);
    assertThat(notSigned.stdout() + notSigned.out()).contains("DD-SIG-001").contains("no signature for");
    Cli.Run neverChecked = drydock("gate", "-f", "json", "--baseline", baseline.toString(), unverified.toString());
    assertThat(neverChecked.exit()).as("fail closed: no signature check recorded").isEqualTo(1);
    assertThat(neverChecked.stdout() + neverChecked.out()).contains("scanned without --verify-key");
    Cli.Run wrongKey = drydock("gate", "-f", "json", "--baseline", otherBaseline.toString(), signed.toString());
    assertThat(wrongKey.exit()).as(wrongKey.toString()).isEqualTo(1);
    assertThat(wrongKey.stdout() + wrongKey.out()).contains("which is not one of the baseline's keys");

    // scan --baseline in one step: the baseline's rule judges the recorded check
    Cli.Run oneStep = drydock("scan", "--scanners", "secret", "-f", "json", "-o", tmp.resolve("x.json").toString(),
        "--baseline", otherBaseline.toString(), "--verify-key", pub.toString(), layout.toString());
    assertThat(oneStep.exit()).as(oneStep.toString()).isEqualTo(1);
  }

  @Test
  void notationVerificationNeedsATrustStoreAndSaysWhenThereIsNoNotationSignature() throws Exception {
    Path root = tmp.resolve("root.pem");
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
        tmp.resolve("root.key").toString(), "-out", root.toString(), "-days", "30", "-subj", "/CN=Root");
    Cli.Run none = drydock("verify", "oci-dir:" + layout, "--trust-store", root.toString());
    assertThat(none.exit()).as(none.toString()).isEqualTo(1);
    assertThat(none.errLines()).containsExactly("drydock: not verified: oci-dir:" + layout
        + ": no Notation signature for " + imageDigest() + " (no referrer of type application/vnd.cncf.notary.signature"
        + " in " + layout + ")");
    Cli.Run bad = drydock("verify", "oci-dir:" + layout, "--trust-store", pub.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith("drydock: " + pub + ": ");
    Cli.Run nothing = drydock("verify", "oci-dir:" + layout);
    assertThat(nothing.exit()).isEqualTo(2);
    assertThat(nothing.err()).contains("no key to verify with");
  }

  /** Writes a cosign .sig manifest for {@code payload} signed by openssl with {@code signer}, from the spec. */
  private void opensslSignature(String stored, String signed, Path signer) throws Exception {
    Path p = Files.writeString(tmp.resolve("payload.json"), signed);
    Path sig = tmp.resolve("payload.sig");
    openssl("dgst", "-sha256", "-sign", signer.toString(), "-out", sig.toString(), p.toString());
    String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(sig));
    String payloadDigest = blob(stored);
    String config = "{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":"
        + "\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + payloadDigest
        + "\"]},\"config\":{}}";
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length()
        + ",\"digest\":\"" + blob(config) + "\"},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.dev.cosign.simplesigning.v1+json\",\"size\":" + stored.length() + ",\"digest\":\""
        + payloadDigest + "\",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"" + b64 + "\"}}]}";
    String manifestDigest = blob(manifest);
    String tag = imageDigest().replace(':', '-') + ".sig";
    Path index = layout.resolve("index.json");
    String text = Files.readString(index);
    int at = text.lastIndexOf(']');
    Files.writeString(index, text.substring(0, at) + ",{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"digest\":\"" + manifestDigest + "\",\"size\":" + manifest.length() + ",\"annotations\":"
        + "{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}" + text.substring(at));
  }

  private String payload(String digest) {
    return "{\"critical\":{\"identity\":{\"docker-reference\":\"registry.example/app\"},\"image\":"
        + "{\"docker-manifest-digest\":\"" + digest + "\"},\"type\":\"cosign container image signature\"},"
        + "\"optional\":null}";
  }

  @Test
  void anOpensslSignatureWrittenByHandFromTheSpecVerifies() throws Exception {
    opensslSignature(payload(imageDigest()), payload(imageDigest()), key);
    Cli.Run verify = drydock("verify", "oci-dir:" + layout, "--key", pub.toString());
    assertThat(verify.exit()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains("(tag " + imageDigest().replace(':', '-') + ".sig)");
  }

  @Test
  void aTamperedPayloadFailsWithExit1AndOneLine() throws Exception {
    String signed = payload(imageDigest());
    opensslSignature(signed.replace("registry.example/app", "evil.example/app"), signed, key);
    Cli.Run verify = drydock("verify", "oci-dir:" + layout, "--key", pub.toString());
    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.errLines()).hasSize(1);
    assertThat(verify.err()).contains("does not verify").contains("payload was changed after signing");
  }

  @Test
  void anotherImagesDigestFailsWithExit1AndOneLine() throws Exception {
    String elsewhere = "sha256:" + "0123456789abcdef".repeat(4);
    opensslSignature(payload(elsewhere), payload(elsewhere), key);
    Cli.Run verify = drydock("verify", "oci-dir:" + layout, "--key", pub.toString());
    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.errLines()).containsExactly("drydock: not verified: oci-dir:" + layout
        + ": signature is for another image: its payload names " + elsewhere + ", the image is " + imageDigest());
  }

  @Test
  void noSignatureFailsWithExit1() {
    Cli.Run verify = drydock("verify", "oci-dir:" + layout, "--key", pub.toString());
    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.err()).contains("no signature for sha256:");
  }

  @Test
  void badInputIsExit2WithOneLineAndWritesNothing() throws Exception {
    Path notPem = Files.writeString(tmp.resolve("garbage.pub"), "-----BEGIN PUBLIC KEY-----\n!!\n-----END PUBLIC KEY-----\n");
    Cli.Run malformed = drydock("verify", "oci-dir:" + layout, "--key", notPem.toString());
    assertThat(malformed.exit()).isEqualTo(2);
    assertThat(malformed.errLines()).hasSize(1);
    assertThat(malformed.err()).startsWith("drydock: " + notPem + ": malformed PEM");

    Cli.Run absent = drydock("verify", "oci-dir:" + layout, "--key", tmp.resolve("absent.pub").toString());
    assertThat(absent.exit()).isEqualTo(2);
    assertThat(absent.err()).contains("absent.pub: no such file");

    List<String> before = files(layout);
    Cli.Run pubAsPrivate = drydock("sign", "oci-dir:" + layout, "--key", pub.toString());
    assertThat(pubAsPrivate.exit()).isEqualTo(2);
    assertThat(pubAsPrivate.err()).contains("is not a private key");
    Cli.Run encrypted = drydock("sign", "oci-dir:" + layout, "--key", encryptedCosignKey().toString());
    assertThat(encrypted.exit()).isEqualTo(2);
    assertThat(encrypted.errLines()).hasSize(1);
    assertThat(encrypted.err()).contains("set COSIGN_PASSWORD");
    assertThat(files(layout)).as("nothing written on bad input").isEqualTo(before);

    Cli.Run badTag = drydock("verify", "oci-dir:" + layout + ":nope", "--key", pub.toString());
    assertThat(badTag.exit()).isEqualTo(2);
    assertThat(badTag.err()).contains("no image tagged 'nope'");

    Files.delete(layout.resolve("oci-layout"));
    Cli.Run broken = drydock("verify", "oci-dir:" + layout, "--key", pub.toString());
    assertThat(broken.exit()).isEqualTo(2);
    assertThat(broken.errLines()).containsExactly("drydock: " + layout + ": not an OCI image layout (no oci-layout file)");

    Cli.Run daemon = drydock("verify", "docker:registry.example/app:1.0", "--key", pub.toString());
    assertThat(daemon.exit()).isEqualTo(2);
    assertThat(daemon.err()).contains("signatures live in registries and OCI layouts");

    // a registry image is read from its registry (loopback port 1: nothing listens there)
    Cli.Run down = drydock("verify", "127.0.0.1:1/app:1.0", "--key", pub.toString());
    assertThat(down.exit()).as(down.toString()).isEqualTo(2);
    assertThat(down.errLines()).as(down.toString()).hasSize(1);
    assertThat(down.err()).contains("cannot reach registry 127.0.0.1:1");
  }

  /** A cosign-encrypted key header with a body that is never reached: the password is asked first. */
  private Path encryptedCosignKey() throws IOException {
    String body = Base64.getEncoder().encodeToString(("{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":16,\"r\":8,"
        + "\"p\":1},\"salt\":\"AAAA\"},\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"AAAA\"},"
        + "\"ciphertext\":\"AAAA\"}").getBytes(StandardCharsets.UTF_8));
    return Files.writeString(tmp.resolve("enc.key"), "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n" + body
        + "\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  private String blob(String content) throws Exception {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    Files.createDirectories(layout.resolve("blobs/sha256"));
    Files.write(layout.resolve("blobs/sha256/" + hex), bytes);
    return "sha256:" + hex;
  }

  private static void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
