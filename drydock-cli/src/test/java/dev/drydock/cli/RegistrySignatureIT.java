package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.report.Reports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures on images in Debian's docker-registry (distribution 2.8, which has no OCI 1.1 referrers API) on
 * loopback: {@code drydock sign} pushes a cosign signature (the {@code sha256-<hex>.sig} tag, or a referrer listed
 * in the referrers tag {@code sha256-<hex>}), then {@code drydock verify} and {@code scan --verify-key} read it back
 * from the registry. A valid signature passes; another key, a payload changed after signing, a signature of another
 * image moved under this image's tag, and no signature at all each fail the gate (exit 1) with the reason in every
 * report format. Keys come from the {@code openssl} binary; tampering is done by the test over the registry's HTTP
 * API, not by drydock. Also Docker's certs.d convention for a TLS registry (htpasswd login) whose CA the test
 * makes, with signing and verifying there. Every process
 * started here is stopped by its PID.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrySignatureIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEMO = DemoImageCliTest.DEMO;
  private static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  @TempDir static Path tmp;
  private LocalRegistry registry;
  private final HttpClient http = HttpClient.newHttpClient();
  private Path key;
  private Path pub;
  private Path otherPub;

  @BeforeAll
  void start() throws Exception {
    for (String tool : List.of("docker-registry", "skopeo", "openssl", "htpasswd")) {
      assertThat(Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool))))
          .as(tool + " is installed (.ci/run installs docker-registry skopeo)").isTrue();
    }
    registry = LocalRegistry.start(tmp.resolve("registry"), "", null);
    for (String repo : List.of("signed", "tampered", "moved", "unsigned", "referrer", "notation")) {
      push("docker-archive:" + DEMO.toAbsolutePath(), repo + ":1.0");
    }
    // another image (OCI manifest of the same layers: another digest) whose signature is moved onto "moved"
    push("docker-archive:" + DEMO.toAbsolutePath(), "elsewhere:1.0", "--format", "oci");
    Path sec1 = tmp.resolve("sec1.pem");
    LocalRegistry.run(tmp, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", sec1.toString());
    key = tmp.resolve("cosign.key");
    LocalRegistry.run(tmp, "openssl", "pkcs8", "-topk8", "-nocrypt", "-in", sec1.toString(), "-out", key.toString());
    pub = tmp.resolve("cosign.pub");
    LocalRegistry.run(tmp, "openssl", "ec", "-in", sec1.toString(), "-pubout", "-out", pub.toString());
    Path other = tmp.resolve("other.pem");
    LocalRegistry.run(tmp, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", other.toString());
    otherPub = tmp.resolve("other.pub");
    LocalRegistry.run(tmp, "openssl", "ec", "-in", other.toString(), "-pubout", "-out", otherPub.toString());
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (registry != null) {
      registry.close();
    }
  }

  private void push(String from, String to, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "--quiet",
        "--dest-tls-verify=false"));
    cmd.addAll(List.of(extra));
    cmd.add(from);
    cmd.add("docker://" + registry.host() + "/" + to);
    LocalRegistry.run(Path.of("."), cmd.toArray(new String[0]));
  }

  private String ref(String repo) {
    return registry.host() + "/" + repo + ":1.0";
  }

  private Cli.Run drydock(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add(1, "--cache-dir");
    all.add(2, tmp.resolve("cache").toString());
    all.add(3, "--insecure-registry");
    all.add(4, registry.host());
    return Cli.run(all.toArray(String[]::new));
  }

  // ------------------------------------------------------------------------------------------------ registry API

  private String url(String path) {
    return "http://" + registry.host() + "/v2/" + path;
  }

  private HttpResponse<byte[]> get(String path, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", accept).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The manifest a tag names, and its digest. */
  private byte[] manifest(String repo, String tag) throws Exception {
    HttpResponse<byte[]> r = get(repo + "/manifests/" + tag, OCI_MANIFEST + ", application/vnd.oci.image.index.v1+json,"
        + " application/vnd.docker.distribution.manifest.v2+json");
    assertThat(r.statusCode()).as(repo + ":" + tag).isEqualTo(200);
    return r.body();
  }

  private String digestOf(String repo) throws Exception {
    return sha256(manifest(repo, "1.0"));
  }

  private byte[] blob(String repo, String digest) throws Exception {
    HttpResponse<byte[]> r = get(repo + "/blobs/" + digest, "*/*");
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  /** Monolithic upload: POST, then PUT with the digest. */
  private String putBlob(String repo, byte[] bytes) throws Exception {
    HttpResponse<Void> start = http.send(HttpRequest.newBuilder(URI.create(url(repo + "/blobs/uploads/")))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(start.statusCode()).isEqualTo(202);
    String location = start.headers().firstValue("Location").orElseThrow();
    URI upload = URI.create(url(repo + "/blobs/uploads/")).resolve(location);
    String digest = sha256(bytes);
    URI put = URI.create(upload + (upload.getRawQuery() == null ? "?" : "&") + "digest=" + digest);
    HttpResponse<Void> done = http.send(HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(done.statusCode()).isEqualTo(201);
    return digest;
  }

  private void putManifest(String repo, String tag, byte[] bytes) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(repo + "/manifests/" + tag)))
        .header("Content-Type", OCI_MANIFEST).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static String sigTag(String digest) {
    return digest.replace(':', '-') + ".sig";
  }

  // ------------------------------------------------------------------------------------------------ assertions

  private void sign(String repo, String... extra) {
    List<String> args = new ArrayList<>(List.of("sign", "registry:" + ref(repo), "--key", key.toString()));
    args.addAll(List.of(extra));
    Cli.Run r = drydock(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("signed: " + registry.host() + "/" + repo + "@sha256:");
  }

  /** {@code drydock verify} exits 1 with one line giving {@code reason}. */
  private void assertNotVerified(String repo, Path publicKey, String reason) {
    Cli.Run r = drydock("verify", ref(repo), "--key", publicKey.toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.errLines()).as(r.toString()).hasSize(1);
    assertThat(r.err()).startsWith("drydock: not verified: " + ref(repo) + ": ").contains(reason)
        .doesNotContain("Exception");
  }

  /**
   * {@code scan --verify-key} on the registry image fails (exit 1) in every report format, the report saying the
   * signature was not verified and why; with {@code --gate} the gate fails too.
   */
  private void assertScanFailsInEveryFormat(String repo, Path publicKey, String reason) throws Exception {
    for (String format : Reports.names()) {
      Path out = tmp.resolve(repo + "-" + format + ".out");
      Cli.Run r = drydock("scan", "--scanners", "secret", "--format", format, "--output", out.toString(),
          "--verify-key", publicKey.toString(), "registry:" + ref(repo));
      assertThat(r.exit()).as(format + ": " + r).isEqualTo(1);
      assertThat(r.err()).as(format).contains("drydock: not verified: registry:" + ref(repo) + ": ").contains(reason);
      String report = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(report).as(format + " report says so").contains("signature not verified").contains(reason);
    }
    Path json = tmp.resolve(repo + "-gate.json");
    Cli.Run gated = drydock("scan", "--scanners", "secret", "--baseline", baseline().toString(), "--format", "json",
        "--output", json.toString(), "--verify-key", publicKey.toString(), "registry:" + ref(repo));
    assertThat(gated.exit()).as(gated.toString()).isEqualTo(1);
    JsonNode result = JSON.readTree(json.toFile());
    assertThat(result.at("/signature/verified").asBoolean(true)).isFalse();
    assertThat(result.at("/signature/reason").asText()).contains(reason);
  }

  /** A baseline whose one rule is DD-SIG-001 (must pass, signed by cosign.pub). */
  private static Path baseline() throws Exception {
    return Files.writeString(tmp.resolve("baseline.yaml"), "version: 1\nrules:\n"
        + "  - id: DD-SIG-001\n    level: must-pass\n    keys: [cosign.pub]\n");
  }

  // ------------------------------------------------------------------------------------------------ tests

  @Test
  void aSignaturePushedByDrydockSignVerifiesFromTheRegistry() throws Exception {
    sign("signed", "-a", "build=42");
    String digest = digestOf("signed");
    // the signature is where cosign keeps it: a manifest under sha256-<hex>.sig with one simple-signing layer
    JsonNode sig = JSON.readTree(manifest("signed", sigTag(digest)));
    assertThat(sig.at("/layers/0/mediaType").asText()).isEqualTo(SIMPLE_SIGNING);
    assertThat(sig.at("/layers/0/annotations").has("dev.cosignproject.cosign/signature")).isTrue();
    JsonNode payload = JSON.readTree(blob("signed", sig.at("/layers/0/digest").asText()));
    assertThat(payload.at("/critical/image/docker-manifest-digest").asText()).isEqualTo(digest);
    assertThat(payload.at("/critical/identity/docker-reference").asText()).isEqualTo(registry.host() + "/signed");

    Cli.Run verify = drydock("verify", ref("signed"), "--key", pub.toString(), "-a", "build=42");
    assertThat(verify.exit()).as(verify.toString()).isZero();
    assertThat(verify.out()).startsWith("verified: " + ref("signed") + " (" + digest + ") is signed by sha256:")
        .contains("tag " + sigTag(digest));

    Path json = tmp.resolve("signed.json");
    Cli.Run scan = drydock("scan", "--scanners", "secret", "--baseline", baseline().toString(), "--format", "json",
        "--output", json.toString(), "--verify-key", pub.toString(), "registry:" + ref("signed"));
    assertThat(scan.exit()).as(scan.toString()).isZero();
    JsonNode result = JSON.readTree(json.toFile());
    assertThat(result.at("/signature/verified").asBoolean()).isTrue();
    assertThat(result.at("/signature/imageDigest").asText()).isEqualTo(digest);
    // --verify-annotation: the signed payload must carry it
    Cli.Run annotated = drydock("scan", "--scanners", "secret", "--format", "json", "--output", json.toString(),
        "--verify-key", pub.toString(), "--verify-annotation", "build=42", "registry:" + ref("signed"));
    assertThat(annotated.exit()).as(annotated.toString()).isZero();
    Cli.Run otherBuild = drydock("scan", "--scanners", "secret", "--format", "json", "--output", json.toString(),
        "--verify-key", pub.toString(), "--verify-annotation", "build=43", "registry:" + ref("signed"));
    assertThat(otherBuild.exit()).as(otherBuild.toString()).isEqualTo(1);
    assertThat(otherBuild.err()).contains("annotation build=43 is not in the signed payload");
    // another key: not verified, in every format
    assertNotVerified("signed", otherPub, "does not verify with the key " + otherPub);
    assertScanFailsInEveryFormat("signed", otherPub, "does not verify with the key " + otherPub);
  }

  @Test
  void aPayloadChangedAfterSigningFails() throws Exception {
    sign("tampered");
    String digest = digestOf("tampered");
    ObjectNode sig = (ObjectNode) JSON.readTree(manifest("tampered", sigTag(digest)));
    ObjectNode layer = (ObjectNode) sig.at("/layers/0");
    String payload = new String(blob("tampered", layer.get("digest").asText()), StandardCharsets.UTF_8);
    byte[] changed = payload.replace("\"optional\":null", "\"optional\":{\"approved\":\"yes\"}")
        .replace("\"optional\":{}", "\"optional\":{\"approved\":\"yes\"}").getBytes(StandardCharsets.UTF_8);
    assertThat(changed).isNotEqualTo(payload.getBytes(StandardCharsets.UTF_8));
    // the changed payload is stored under its own digest (the registry checks that), the signature kept
    layer.put("digest", putBlob("tampered", changed)).put("size", changed.length);
    putManifest("tampered", sigTag(digest), JSON.writeValueAsBytes(sig));

    assertNotVerified("tampered", pub, "does not verify with the key " + pub);
    assertScanFailsInEveryFormat("tampered", pub, "the payload was changed after signing");
  }

  @Test
  void aSignatureOfAnotherImageMovedUnderThisImagesTagFails() throws Exception {
    sign("elsewhere");
    String elsewhere = sha256(manifest("elsewhere", "1.0"));
    String moved = digestOf("moved");
    assertThat(elsewhere).isNotEqualTo(moved);
    JsonNode sig = JSON.readTree(manifest("elsewhere", sigTag(elsewhere)));
    // its blobs copied into the other repository, its manifest put under this image's .sig tag
    putBlob("moved", blob("elsewhere", sig.at("/config/digest").asText()));
    putBlob("moved", blob("elsewhere", sig.at("/layers/0/digest").asText()));
    putManifest("moved", sigTag(moved), JSON.writeValueAsBytes(sig));

    String reason = "signature is for another image: its payload names " + elsewhere + ", the image is " + moved;
    assertNotVerified("moved", pub, reason);
    assertScanFailsInEveryFormat("moved", pub, reason);
  }

  @Test
  void anUnsignedImageFails() throws Exception {
    String digest = digestOf("unsigned");
    String reason = "no signature for " + digest + " (no tag " + sigTag(digest) + " and no cosign referrer in "
        + registry.host() + "/unsigned)";
    assertNotVerified("unsigned", pub, reason);
    assertScanFailsInEveryFormat("unsigned", pub, "no signature for " + digest);
  }

  @Test
  void aReferrerIsListedInTheReferrersTagOfARegistryWithoutTheApiAndVerifies() throws Exception {
    String digest = digestOf("referrer");
    // distribution 2.8 has no referrers API: drydock falls back to the referrers tag schema
    assertThat(get("referrer/referrers/" + digest, "application/vnd.oci.image.index.v1+json").statusCode())
        .isEqualTo(404);
    sign("referrer", "--referrer");
    sign("referrer", "--referrer", "-a", "second=yes");
    JsonNode index = JSON.readTree(manifest("referrer", digest.replace(':', '-')));
    assertThat(index.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
    ArrayNode listed = (ArrayNode) index.path("manifests");
    assertThat(listed).hasSize(2);
    for (JsonNode d : listed) {
      assertThat(d.path("artifactType").asText()).isEqualTo("application/vnd.dev.cosign.artifact.sig.v1+json");
      JsonNode referrer = JSON.readTree(manifest("referrer", d.path("digest").asText()));
      assertThat(referrer.at("/subject/digest").asText()).isEqualTo(digest);
    }
    // no .sig tag was written
    assertThat(get("referrer/manifests/" + sigTag(digest), OCI_MANIFEST).statusCode()).isEqualTo(404);

    Cli.Run verify = drydock("verify", "registry:" + ref("referrer"), "--key", pub.toString(), "-a", "second=yes");
    assertThat(verify.exit()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains("(referrer sha256:");
    assertNotVerified("referrer", otherPub, "does not verify with the key " + otherPub);
  }

  @Test
  void aTlsRegistrysCaIsTrustedFromItsCertsDDirectoryAndSigningThereNeedsTheLogin() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("pki"));
    LocalRegistry.run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
        "-out", "ca.pem", "-days", "2", "-subj", "/CN=drydock certs.d test CA");
    LocalRegistry.run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out",
        "server.csr", "-subj", "/CN=127.0.0.1");
    Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1\n");
    LocalRegistry.run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "ext.cnf");
    Path htpasswd = tmp.resolve("htpasswd");
    Files.writeString(htpasswd, LocalRegistry.run(tmp, "htpasswd", "-Bbn", "signer", "s1gner-Pa55"));
    String auth = "auth:\n  htpasswd:\n    realm: drydock-test\n    path: " + htpasswd + "\n";
    Path login = Files.writeString(tmp.resolve("auth.json"), "{\"auths\":{\"" + "127.0.0.1:PORT" + "\":{\"auth\":\""
        + Base64.getEncoder().encodeToString("signer:s1gner-Pa55".getBytes(StandardCharsets.UTF_8)) + "\"}}}");
    try (LocalRegistry tls = LocalRegistry.start(tmp.resolve("tls"), auth,
        new Path[] {dir.resolve("server.crt"), dir.resolve("server.key")})) {
      Files.writeString(login, Files.readString(login).replace("127.0.0.1:PORT", tls.host()));
      LocalRegistry.run(Path.of("."), "skopeo", "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false",
          "--dest-creds", "signer:s1gner-Pa55", "docker-archive:" + DEMO.toAbsolutePath(),
          "docker://" + tls.host() + "/demo/app:1.0");
      String ref = "registry:" + tls.host() + "/demo/app:1.0";
      Path certsD = tmp.resolve("certs.d");
      Path otherHost = Files.createDirectories(certsD.resolve("127.0.0.1:1"));
      Files.copy(dir.resolve("ca.pem"), otherHost.resolve("ca.crt"));
      // the CA is only in another host's directory: not trusted for this one
      Cli.Run untrusted = Cli.run("scan", "--cache-dir", tmp.resolve("cache-tls").toString(), "--scanners", "secret",
          "--registry-certs-dir", certsD.toString(), "--authfile", login.toString(), ref);
      assertThat(untrusted.exit()).as(untrusted.toString()).isEqualTo(2);
      assertThat(untrusted.errLines()).as(untrusted.toString()).hasSize(1);
      assertThat(untrusted.err()).contains("TLS failure: its certificate is not signed by a trusted CA")
          .contains("certs.d/" + tls.host() + "/ca.crt");

      Path hostDir = Files.createDirectories(certsD.resolve(tls.host()));
      Files.copy(dir.resolve("ca.pem"), hostDir.resolve("ca.crt"));
      Files.writeString(hostDir.resolve("README"), "not a certificate: only *.crt files are read\n");
      Path json = tmp.resolve("tls.json");
      Cli.Run ok = Cli.run("scan", "--cache-dir", tmp.resolve("cache-tls").toString(), "--scanners", "secret",
          "--registry-certs-dir", certsD.toString(), "--authfile", login.toString(), "--format", "json", "--output",
          json.toString(), ref);
      assertThat(ok.exit()).as(ok.toString()).isZero();
      assertThat(JSON.readTree(json.toFile()).at("/target/kind").asText()).isEqualTo("registry");

      // signing pushes over the same TLS (CA from certs.d) with the login; without one it is one line, exit 2
      String cache = tmp.resolve("cache-tls").toString();
      Cli.Run anonymous = Cli.run("sign", "--cache-dir", cache, "--registry-certs-dir", certsD.toString(), ref,
          "--key", key.toString());
      assertThat(anonymous.exit()).as(anonymous.toString()).isEqualTo(2);
      assertThat(anonymous.errLines()).as(anonymous.toString()).hasSize(1);
      assertThat(anonymous.err()).contains("registry " + tls.host()).contains("login");
      Cli.Run sign = Cli.run("sign", "--cache-dir", cache, "--registry-certs-dir", certsD.toString(), "--authfile",
          login.toString(), ref, "--key", key.toString());
      assertThat(sign.exit()).as(sign.toString()).isZero();
      Cli.Run verify = Cli.run("verify", "--cache-dir", cache, "--registry-certs-dir", certsD.toString(), "--authfile",
          login.toString(), ref, "--key", pub.toString());
      assertThat(verify.exit()).as(verify.toString()).isZero();
      assertThat(verify.out()).startsWith("verified: " + ref);
      Path signedJson = tmp.resolve("tls-signed.json");
      Cli.Run scan = Cli.run("scan", "--cache-dir", cache, "--scanners", "secret", "--registry-certs-dir",
          certsD.toString(), "--authfile", login.toString(), "--verify-key", pub.toString(), "--format", "json",
          "--output", signedJson.toString(), ref);
      assertThat(scan.exit()).as(scan.toString()).isZero();
      assertThat(JSON.readTree(signedJson.toFile()).at("/signature/verified").asBoolean()).isTrue();
    }
  }

  // ------------------------------------------------------------------------------------------------ Notation

  /** Root CA and a code-signing leaf it issued (openssl); returns {root.pem, leaf.pem, leaf.key}. */
  private static Path[] notationPki(Path dir) throws Exception {
    Files.createDirectories(dir);
    LocalRegistry.run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-keyout", "root.key", "-out", "root.pem", "-days", "2", "-subj", "/CN=Test Root CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    LocalRegistry.run(dir, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=Release Signer");
    Files.writeString(dir.resolve("leaf.ext"),
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n");
    LocalRegistry.run(dir, "openssl", "x509", "-req", "-in", "leaf.csr", "-CA", "root.pem", "-CAkey", "root.key",
        "-CAcreateserial", "-out", "leaf.pem", "-days", "1", "-extfile", "leaf.ext");
    return new Path[] {dir.resolve("root.pem"), dir.resolve("leaf.pem"), dir.resolve("leaf.key")};
  }

  /**
   * A Notary Project JWS envelope (flattened JSON, notary.x509 scheme, ES256 as raw r||s) over {@code payload},
   * signed by the openssl binary, following the Notary Project signature specification.
   */
  private static String envelope(Path dir, String payload, Path[] pki) throws Exception {
    java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String header = "{\"alg\":\"ES256\",\"crit\":[\"io.cncf.notary.signingScheme\"],\"cty\":"
        + "\"application/vnd.cncf.notary.payload.v1+json\",\"io.cncf.notary.signingScheme\":\"notary.x509\","
        + "\"io.cncf.notary.signingTime\":\"" + now + "\"}";
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String p = url.encodeToString(header.getBytes(StandardCharsets.UTF_8));
    String b = url.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    Files.writeString(dir.resolve("input"), p + "." + b);
    LocalRegistry.run(dir, "openssl", "dgst", "-sha256", "-sign", pki[2].toString(), "-out", "sig.der", "input");
    byte[] rs = p1363(Files.readAllBytes(dir.resolve("sig.der")));
    StringBuilder x5c = new StringBuilder();
    for (Path c : List.of(pki[1], pki[0])) {
      LocalRegistry.run(dir, "openssl", "x509", "-in", c.toString(), "-outform", "DER", "-out", "c.der");
      x5c.append(x5c.length() == 0 ? "" : ",").append('"')
          .append(Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("c.der")))).append('"');
    }
    return "{\"payload\":\"" + b + "\",\"protected\":\"" + p + "\",\"header\":{\"x5c\":[" + x5c
        + "]},\"signature\":\"" + url.encodeToString(rs) + "\"}";
  }

  /** ECDSA-Sig-Value DER (SEQUENCE of two INTEGERs) to the 64-byte r||s of JWS (RFC 7518 3.4). */
  private static byte[] p1363(byte[] der) {
    int i = (der[1] & 0x80) != 0 ? 2 + (der[1] & 0x7f) : 2;
    byte[] out = new byte[64];
    for (int k = 0; k < 2; k++) {
      int len = der[i + 1];
      byte[] bytes = new BigInteger(1, Arrays.copyOfRange(der, i + 2, i + 2 + len)).toByteArray();
      int skip = bytes.length > 32 ? bytes.length - 32 : 0;
      System.arraycopy(bytes, skip, out, k * 32 + 32 - (bytes.length - skip), bytes.length - skip);
      i += 2 + len;
    }
    return out;
  }

  @Test
  void aNotationSignatureListedInTheReferrersTagVerifiesAgainstTheTrustStore() throws Exception {
    Path dir = tmp.resolve("notary");
    Path[] pki = notationPki(dir);
    byte[] image = manifest("notation", "1.0");
    String digest = sha256(image);
    String mediaType = JSON.readTree(image).path("mediaType").asText();
    String payload = "{\"targetArtifact\":{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest
        + "\",\"size\":" + image.length + "}}";
    byte[] envelope = envelope(dir, payload, pki).getBytes(StandardCharsets.UTF_8);
    // pushed over the registry API by the test, as notation does on a registry without the referrers API
    String blob = putBlob("notation", envelope);
    String empty = putBlob("notation", "{}".getBytes(StandardCharsets.UTF_8));
    byte[] signature = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":"
        + "\"application/vnd.cncf.notary.signature\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\","
        + "\"digest\":\"" + empty + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/jose+json\",\"digest\":\""
        + blob + "\",\"size\":" + envelope.length + "}],\"subject\":{\"mediaType\":\"" + mediaType + "\",\"digest\":\""
        + digest + "\",\"size\":" + image.length + "}}").getBytes(StandardCharsets.UTF_8);
    putManifest("notation", sha256(signature), signature);
    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
        + "\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + sha256(signature) + "\",\"size\":"
        + signature.length + ",\"artifactType\":\"application/vnd.cncf.notary.signature\"}]}")
        .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url("notation/manifests/"
        + digest.replace(':', '-')))).header("Content-Type", "application/vnd.oci.image.index.v1+json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(index)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    Thread.sleep(1100); // the certificates are valid from the second openssl made them

    Cli.Run ok = drydock("verify", "registry:" + ref("notation"), "--trust-store", pki[0].toString());
    assertThat(ok.exit()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("is signed by CN=Release Signer");
    // a trust store without that root (another CA): not verified
    LocalRegistry.run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-keyout", "other.key", "-out", "other-root.pem", "-days", "2", "-subj", "/CN=Other Root CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    Cli.Run other = drydock("verify", "registry:" + ref("notation"), "--trust-store",
        dir.resolve("other-root.pem").toString());
    assertThat(other.exit()).as(other.toString()).isEqualTo(1);
    assertThat(other.errLines()).hasSize(1);
    assertThat(other.err()).contains("not verified").contains("does not chain to a certificate of the trust store")
        .doesNotContain("Exception");
  }
}
