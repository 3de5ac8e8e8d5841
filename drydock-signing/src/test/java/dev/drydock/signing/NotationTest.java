package dev.drydock.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notation JWS envelopes: one made by the Notary Project's notation-go (FIXTURES.md), and one the test builds with
 * the {@code openssl} binary (a root CA, a code-signing leaf, ES256) following the Notary Project signature
 * specification, stored as an OCI 1.1 referrer in a layout the test writes.
 */
class NotationTest {
  /** For the notation-go fixture (its certificate is valid 2024 to 2124). */
  private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
  /** For the certificates openssl makes in the test (valid from now). */
  private static final Instant TODAY = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  @TempDir Path tmp;

  private byte[] resource(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private List<X509Certificate> trusted() throws Exception {
    return Notation.trustStore(Files.write(tmp.resolve("trusted.pem"), resource("notation/trusted.pem")));
  }

  @Test
  void aSignatureMadeByNotationVerifiesAgainstItsTrustStore() throws Exception {
    Notation.Envelope e = Notation.verifyEnvelope(resource("notation/signature.jws"), trusted(), NOW);
    assertThat(e.targetDigest()).isEqualTo("sha384:b8ab24dafba5cf7e4c89c562f811cf10493d4203da982d3b1345f366ca863d9c2"
        + "ed323dbd0fb7ff83a80302ceffa5a61");
    assertThat(e.targetSize()).isEqualTo(12);
    assertThat(e.signer()).contains("CN=Notation Example self-signed");
  }

  @Test
  void theNotationSignatureFailsOtherwise() throws Exception {
    byte[] jws = resource("notation/signature.jws");
    assertThatThrownBy(() -> Notation.verifyEnvelope(jws, List.of(), NOW)).isInstanceOf(Notation.NotVerified.class)
        .hasMessageContaining("does not chain to a certificate of the trust store");
    assertThatThrownBy(() -> Notation.verifyEnvelope(jws, trusted(), Instant.parse("2125-01-01T00:00:00Z")))
        .hasMessageContaining("is not valid at");
    // another payload (buildId 102 instead of 101), same signature
    String text = new String(jws, StandardCharsets.UTF_8);
    String payload = text.replaceAll("(?s).*\"payload\":\"([^\"]+)\".*", "$1");
    String changed = Base64.getUrlEncoder().withoutPadding().encodeToString(new String(Base64.getUrlDecoder()
        .decode(payload), StandardCharsets.UTF_8).replace("\"101\"", "\"102\"").getBytes(StandardCharsets.UTF_8));
    byte[] tampered = text.replace(payload, changed).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Notation.verifyEnvelope(tampered, trusted(), NOW))
        .hasMessageContaining("JWS signature does not verify");
  }

  // ---------------------------------------------------------------- an envelope built with openssl

  private void openssl(String... args) throws Exception {
    OpenSslInteropTest.openssl(args);
  }

  /** Root CA and a code-signing leaf it issued; returns the paths {root.pem, leaf.pem, leaf.key}. */
  private Path[] pki() throws Exception {
    Path root = tmp.resolve("root.pem");
    Path rootKey = tmp.resolve("root.key");
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
        rootKey.toString(), "-out", root.toString(), "-days", "3650", "-subj", "/CN=Test Root CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    Path leafKey = tmp.resolve("leaf.key");
    Path csr = tmp.resolve("leaf.csr");
    openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
        leafKey.toString(), "-out", csr.toString(), "-subj", "/CN=Release Signer");
    Path ext = Files.writeString(tmp.resolve("leaf.ext"),
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n");
    Path leaf = tmp.resolve("leaf.pem");
    openssl("x509", "-req", "-in", csr.toString(), "-CA", root.toString(), "-CAkey", rootKey.toString(),
        "-CAcreateserial", "-out", leaf.toString(), "-days", "365", "-extfile", ext.toString());
    return new Path[] {root, leaf, leafKey};
  }

  /** A JWS envelope (flattened JSON) signed by openssl over the spec's signing input, ES256 as raw r||s. */
  private String envelope(String protectedJson, String payloadJson, Path leafKey, List<Path> chain) throws Exception {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String p = url.encodeToString(protectedJson.getBytes(StandardCharsets.UTF_8));
    String b = url.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
    Path input = Files.writeString(tmp.resolve("input"), p + "." + b);
    Path der = tmp.resolve("sig.der");
    openssl("dgst", "-sha256", "-sign", leafKey.toString(), "-out", der.toString(), input.toString());
    byte[] rs = p1363(Files.readAllBytes(der));
    StringBuilder x5c = new StringBuilder();
    for (Path c : chain) {
      Path d = tmp.resolve("c.der");
      openssl("x509", "-in", c.toString(), "-outform", "DER", "-out", d.toString());
      x5c.append(x5c.length() == 0 ? "" : ",").append('"').append(Base64.getEncoder().encodeToString(
          Files.readAllBytes(d))).append('"');
    }
    return "{\"payload\":\"" + b + "\",\"protected\":\"" + p + "\",\"header\":{\"x5c\":[" + x5c
        + "]},\"signature\":\"" + url.encodeToString(rs) + "\"}";
  }

  /** ECDSA-Sig-Value DER (SEQUENCE of two INTEGERs) to the 64-byte r||s JWS uses (RFC 7518 3.4). */
  private static byte[] p1363(byte[] der) {
    int i = 2;
    if ((der[1] & 0x80) != 0) {
      i = 2 + (der[1] & 0x7f);
    }
    byte[] out = new byte[64];
    for (int k = 0; k < 2; k++) {
      int len = der[i + 1];
      BigInteger v = new BigInteger(1, Arrays.copyOfRange(der, i + 2, i + 2 + len));
      byte[] bytes = v.toByteArray();
      int skip = bytes.length > 32 ? bytes.length - 32 : 0;
      System.arraycopy(bytes, skip, out, k * 32 + 32 - (bytes.length - skip), bytes.length - skip);
      i += 2 + len;
    }
    return out;
  }

  private static String header(String crit) {
    return "{\"alg\":\"ES256\",\"crit\":[" + crit + "],\"cty\":\"application/vnd.cncf.notary.payload.v1+json\","
        + "\"io.cncf.notary.signingScheme\":\"notary.x509\",\"io.cncf.notary.signingTime\":\"" + TODAY + "\","
        + "\"io.cncf.notary.expiry\":\"" + TODAY.plus(java.time.Duration.ofDays(30)) + "\"}";
  }

  /** Stores {@code envelope} as a Notation referrer of the layout's image, written by hand. */
  private void referrer(Path layout, String imageDigest, long imageSize, String envelope) throws Exception {
    String blob = TestLayouts.blob(layout, envelope);
    String empty = TestLayouts.blob(layout, "{}");
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"artifactType\":\"application/vnd.cncf.notary.signature\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + empty + "\",\"size\":2},\"layers\":[{\"mediaType\":"
        + "\"application/jose+json\",\"digest\":\"" + blob + "\",\"size\":" + envelope.length() + "}],\"subject\":{"
        + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + imageDigest + "\",\"size\":"
        + imageSize + "}}";
    String digest = TestLayouts.blob(layout, manifest);
    Path index = layout.resolve("index.json");
    Files.writeString(index, Files.readString(index).replaceFirst("\"manifests\":\\[",
        "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + digest
            + "\",\"size\":" + manifest.length() + ",\"artifactType\":\"application/vnd.cncf.notary.signature\"},"));
  }

  @Test
  void anOpensslBuiltNotationReferrerVerifiesAgainstTheRootAndFailsOtherwise() throws Exception {
    Path[] pki = pki();
    Instant at = Instant.now().plus(java.time.Duration.ofHours(1)); // the certificates are valid from now
    Path layout = tmp.resolve("oci");
    String digest = TestLayouts.image(layout, "1.0", "n");
    OciLayoutStore store = OciLayoutStore.open(layout);
    Descriptor image = store.image("1.0");
    String payload = "{\"targetArtifact\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
        + digest + "\",\"size\":" + image.size() + "}}";
    List<X509Certificate> root = Notation.trustStore(pki[0]);

    assertThat(Notation.verify(store, image, root, at).reason()).startsWith("no Notation signature for " + digest);

    referrer(layout, digest, image.size(), envelope(header("\"io.cncf.notary.signingScheme\""), payload, pki[2],
        List.of(pki[1], pki[0])));
    Verification v = Notation.verify(OciLayoutStore.open(layout), image, root, at);
    assertThat(v.verified()).as(v.reason()).isTrue();
    assertThat(v.signedBy()).isEqualTo("CN=Release Signer");

    // a trust store without this root (the Notation example's certificate)
    Verification untrusted = Notation.verify(OciLayoutStore.open(layout), image, trusted(), at);
    assertThat(untrusted.verified()).isFalse();
    assertThat(untrusted.reason()).contains("does not chain to a certificate of the trust store");

    // after its expiry header, and with an unknown critical header
    assertThat(Notation.verify(OciLayoutStore.open(layout), image, root, TODAY.plus(java.time.Duration.ofDays(60)))
        .reason()).contains("expired");
    Path second = tmp.resolve("oci2");
    String digest2 = TestLayouts.image(second, "1.0", "m");
    Descriptor image2 = OciLayoutStore.open(second).image("1.0");
    String payload2 = payload.replace(digest, digest2).replace("\"size\":" + image.size(), "\"size\":" + image2.size());
    String withPlugin = header("\"io.cncf.notary.signingScheme\",\"io.cncf.notary.verificationPlugin\"")
        .replace("}", ",\"io.cncf.notary.verificationPlugin\":\"x\"}");
    referrer(second, digest2, image2.size(), envelope(withPlugin, payload2, pki[2], List.of(pki[1], pki[0])));
    assertThat(Notation.verify(OciLayoutStore.open(second), image2, root, at).reason())
        .contains("critical header io.cncf.notary.verificationPlugin is not understood");
    // a valid envelope for another image, moved under this one
    Path third = tmp.resolve("oci3");
    String digest3 = TestLayouts.image(third, "1.0", "o");
    Descriptor image3 = OciLayoutStore.open(third).image("1.0");
    referrer(third, digest3, image3.size(), envelope(header("\"io.cncf.notary.signingScheme\""), payload, pki[2],
        List.of(pki[1], pki[0])));
    assertThat(Notation.verify(OciLayoutStore.open(third), image3, root, at).reason())
        .contains("signature is for another artifact");
  }
}
