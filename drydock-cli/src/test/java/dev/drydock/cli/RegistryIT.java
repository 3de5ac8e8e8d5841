package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans by reference from Debian's docker-registry on loopback (plain http, TLS with a CA the test makes,
 * htpasswd basic auth, bearer tokens from {@link TokenService}), the images pushed with skopeo (docker-archive and
 * OCI, single and multi-platform), and the bad-input cases of issue 12 (registry down, 404, 429 with Retry-After,
 * a blob whose content does not match its digest, an index without the platform, a wrong password): one clear line
 * each, exit 2, nothing left in the cache, no credential printed (with --debug too). Every process started here
 * is stopped by its PID.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEMO = DemoImageCliTest.DEMO;
  private static final String USER = "scanner";
  private static final String PASSWORD = "s3cret-Pa55-do-not-print";

  @TempDir static Path tmp;
  private LocalRegistry plain;
  private Path layout;
  private Path multi;

  @BeforeAll
  void start() throws Exception {
    for (String tool : List.of("docker-registry", "skopeo", "htpasswd", "openssl")) {
      assertThat(Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool))))
          .as(tool + " is installed (.ci/run installs docker-registry skopeo apache2-utils)").isTrue();
    }
    plain = LocalRegistry.start(tmp.resolve("plain"), "", null);
    push(plain, "docker-archive:" + DEMO.toAbsolutePath(), "demo/app:1.0");
    layout = tmp.resolve("oci-layout");
    LocalRegistry.run(tmp, "skopeo", "--insecure-policy", "copy", "--quiet", "docker-archive:" + DEMO.toAbsolutePath(),
        "oci:" + layout + ":1.0");
    push(plain, "oci:" + layout + ":1.0", "demo/oci:1.0");
    multi = multiPlatformLayout(layout, tmp.resolve("multi-layout"));
    LocalRegistry.run(tmp, "skopeo", "--insecure-policy", "copy", "--quiet", "--all", "oci:" + multi + ":multi",
        "docker://" + plain.host() + "/demo/multi:1.0", "--dest-tls-verify=false");
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (plain != null) {
      plain.close();
    }
  }

  private static void push(LocalRegistry r, String from, String to, String... extra) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "--quiet",
        "--dest-tls-verify=false"));
    cmd.addAll(List.of(extra));
    cmd.add(from);
    cmd.add("docker://" + r.host() + "/" + to);
    LocalRegistry.run(Path.of("."), cmd.toArray(new String[0]));
  }

  private String cache(String name) {
    return tmp.resolve("cache-" + name).toString();
  }

  private static JsonNode packages(Cli.Run r) throws IOException {
    assertThat(r.exit()).as(r.toString()).isZero();
    return JSON.readTree(r.stdout()).get("packages");
  }

  /** An OCI layout with an index of two platforms (linux/amd64 and linux/arm64/v8) over the same layers. */
  private static Path multiPlatformLayout(Path single, Path out) throws Exception {
    LocalRegistry.run(Path.of("."), "cp", "-r", single.toString(), out.toString());
    JsonNode index = JSON.readTree(out.resolve("index.json").toFile());
    JsonNode desc = index.get("manifests").get(0);
    ObjectNode manifest = (ObjectNode) JSON.readTree(blob(out, desc.get("digest").asText()));
    ObjectNode config = (ObjectNode) JSON.readTree(blob(out, manifest.get("config").get("digest").asText()));
    config.put("architecture", "arm64").put("variant", "v8");
    byte[] armConfig = JSON.writeValueAsBytes(config);
    ObjectNode armManifest = manifest.deepCopy();
    ((ObjectNode) armManifest.get("config")).put("digest", write(out, armConfig)).put("size", armConfig.length);
    byte[] armManifestBytes = JSON.writeValueAsBytes(armManifest);
    String armDigest = write(out, armManifestBytes);
    ObjectNode nested = JSON.createObjectNode().put("schemaVersion", 2)
        .put("mediaType", "application/vnd.oci.image.index.v1+json");
    ArrayNode list = nested.putArray("manifests");
    ObjectNode amd = list.addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
        .put("digest", desc.get("digest").asText()).put("size", desc.get("size").asLong());
    amd.putObject("platform").put("os", "linux").put("architecture", "amd64");
    ObjectNode arm = list.addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
        .put("digest", armDigest).put("size", armManifestBytes.length);
    arm.putObject("platform").put("os", "linux").put("architecture", "arm64").put("variant", "v8");
    byte[] nestedBytes = JSON.writeValueAsBytes(nested);
    ObjectNode top = JSON.createObjectNode().put("schemaVersion", 2);
    ObjectNode entry = top.putArray("manifests").addObject()
        .put("mediaType", "application/vnd.oci.image.index.v1+json")
        .put("digest", write(out, nestedBytes)).put("size", nestedBytes.length);
    entry.putObject("annotations").put("org.opencontainers.image.ref.name", "multi");
    Files.write(out.resolve("index.json"), JSON.writeValueAsBytes(top));
    return out;
  }

  private static byte[] blob(Path layout, String digest) throws IOException {
    return Files.readAllBytes(layout.resolve("blobs/sha256/" + digest.substring(7)));
  }

  private static String write(Path layout, byte[] bytes) throws Exception {
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    Files.write(layout.resolve("blobs/sha256/" + hex), bytes);
    return "sha256:" + hex;
  }

  private static void assertOneLineExit2(Cli.Run r, String contains) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).as(r.toString()).hasSize(1);
    assertThat(r.err()).as(r.toString()).contains(contains).doesNotContain("Exception").doesNotContain("\tat ");
  }

  /** A message line of drydock's (not a --debug line or a --debug stack trace). */
  private static boolean message(String line) {
    return line.startsWith("drydock: ") && !line.startsWith("drydock: debug:");
  }

  private static void assertNoCredential(Cli.Run r) {
    String all = r.out() + r.stdout() + r.err();
    String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertThat(all).doesNotContain(PASSWORD).doesNotContain(basic).doesNotContain("Bearer ey");
  }

  /** Nothing of a failed scan is kept: no stored inventory (rescan finds none) and no scratch files. */
  private void assertNothingKept(String cache, String ref, String... registryOptions) {
    List<String> args = new java.util.ArrayList<>(List.of("rescan", "--cache-dir", cache, "--scanners", "secret"));
    args.addAll(List.of(registryOptions));
    args.add(ref);
    Cli.Run rescan = Cli.run(args.toArray(new String[0]));
    assertThat(rescan.exit()).as(rescan.toString()).isEqualTo(2);
    assertThat(rescan.err()).as(rescan.toString()).contains("no stored inventory");
    assertThat(Cli.tree(Path.of(cache, "tmp"), null).stream().filter(p -> p.contains("/"))).as("scratch files")
        .isEmpty();
  }

  // ------------------------------------------------------------------------------------------------- plain http

  @Test
  void scanByReferenceGivesTheArchivesInventoryAndASecondScanDownloadsNoLayer() throws Exception {
    JsonNode archive = packages(Cli.run("sbom", "-q", "--cache-dir", cache("archive"), "-f", "json", DEMO.toString()));
    String ref = plain.host() + "/demo/app:1.0";
    String cache = cache("ref");
    int before = plain.blobGets().size();
    Cli.Run first = Cli.run("sbom", "-q", "--cache-dir", cache, "-f", "json", "--insecure-registry", plain.host(), ref);
    assertThat(packages(first)).isEqualTo(archive);
    JsonNode target = JSON.readTree(first.stdout()).get("target");
    assertThat(target.get("kind").asText()).isEqualTo("registry");
    assertThat(target.get("name").asText()).isEqualTo(ref);
    List<String> firstGets = plain.blobGets().subList(before, plain.blobGets().size());
    assertThat(firstGets).as("config and six layers").hasSize(7);

    int mid = plain.blobGets().size();
    Cli.Run second = Cli.run("sbom", "-q", "--cache-dir", cache, "-f", "json", "--insecure-registry", plain.host(),
        "registry:" + ref);
    assertThat(packages(second)).isEqualTo(archive);
    String configDigest = JSON.readTree(second.stdout()).get("target").get("configDigest").asText();
    assertThat(configDigest).startsWith("sha256:");
    assertThat(plain.blobGets().subList(mid, plain.blobGets().size())).as("the second scan downloads no blob (the"
        + " config is kept by digest, the layers are known)").isEmpty();

    // rescan by reference: manifest and config only, the stored inventory
    int beforeRescan = plain.blobGets().size();
    Cli.Run rescan = Cli.run("rescan", "--cache-dir", cache, "--advisories", "../examples/advisories", "-f", "json",
        "--insecure-registry", plain.host(), ref);
    assertThat(rescan.exit()).as(rescan.toString()).isIn(0, 1);
    assertThat(JSON.readTree(rescan.stdout()).get("packages")).isEqualTo(archive);
    assertThat(plain.blobGets().subList(beforeRescan, plain.blobGets().size())).isEmpty();
    assertThat(plain.accessLog()).contains("\"GET /v2/demo/app/manifests/1.0 HTTP/1.1\" 200");
  }

  @Test
  void ociManifestsAndMultiPlatformIndexes() throws Exception {
    JsonNode archive = packages(Cli.run("sbom", "-q", "--cache-dir", cache("archive2"), "-f", "json", DEMO.toString()));
    Cli.Run oci = Cli.run("sbom", "-q", "--cache-dir", cache("oci"), "-f", "json", "--insecure-registry", plain.host(),
        plain.host() + "/demo/oci:1.0");
    assertThat(packages(oci)).isEqualTo(archive);

    String ref = plain.host() + "/demo/multi:1.0";
    Cli.Run arm = Cli.run("sbom", "-q", "--cache-dir", cache("multi"), "-f", "json", "--insecure-registry",
        plain.host(), "--platform", "linux/arm64", ref);
    assertThat(packages(arm)).isEqualTo(archive);
    assertThat(JSON.readTree(arm.stdout()).get("target").get("platform").asText()).isEqualTo("linux/arm64/v8");
    Cli.Run amd = Cli.run("sbom", "-q", "--cache-dir", cache("multi"), "-f", "json", "--insecure-registry",
        plain.host(), ref);
    assertThat(JSON.readTree(amd.stdout()).get("target").get("platform").asText()).isEqualTo("linux/amd64");

    Cli.Run rescanArm = Cli.run("rescan", "--cache-dir", cache("multi"), "-f", "json", "--scanners", "secret",
        "--insecure-registry", plain.host(), "--platform", "linux/arm64/v8", ref);
    assertThat(rescanArm.exit()).as(rescanArm.toString()).isZero();
    assertThat(JSON.readTree(rescanArm.stdout()).get("target").get("platform").asText()).isEqualTo("linux/arm64/v8");

    Cli.Run missing = Cli.run("sbom", "-q", "--cache-dir", cache("multi-missing"), "--insecure-registry", plain.host(),
        "--platform", "linux/s390x", ref);
    assertOneLineExit2(missing, "no image for platform linux/s390x; available: linux/amd64, linux/arm64/v8");
    assertNothingKept(cache("multi-missing"), ref, "--insecure-registry", plain.host(), "--platform", "linux/s390x");
  }

  @Test
  void aMirrorServesTheImageWhenTheRegistryItMirrorsIsDown() throws Exception {
    int dead = LocalRegistry.freePort();
    String upstream = "127.0.0.1:" + dead;
    int before = plain.blobGets().size();
    Cli.Run r = Cli.run("sbom", "-q", "--cache-dir", cache("mirror"), "-f", "json", "--insecure-registry", upstream,
        "--insecure-registry", plain.host(), "--registry-mirror", upstream + "=" + plain.host(),
        upstream + "/demo/app:1.0");
    assertThat(packages(r)).isEqualTo(packages(Cli.run("sbom", "-q", "--cache-dir", cache("mirror-archive"), "-f",
        "json", DEMO.toString())));
    assertThat(JSON.readTree(r.stdout()).get("target").get("name").asText()).isEqualTo(upstream + "/demo/app:1.0");
    assertThat(plain.blobGets().size() - before).as("config and layers from the mirror").isEqualTo(7);
  }

  @Test
  void anUnknownTagIsNotFound() {
    String ref = plain.host() + "/demo/app:no-such-tag";
    Cli.Run r = Cli.run("scan", "--cache-dir", cache("404"), "--insecure-registry", plain.host(), ref);
    assertOneLineExit2(r, "HTTP 404 not found (MANIFEST_UNKNOWN)");
    assertThat(r.err()).contains(plain.host());
  }

  @Test
  void aRegistryThatIsDownIsOneLine() throws Exception {
    int port = LocalRegistry.freePort();
    Cli.Run r = Cli.run("scan", "--cache-dir", cache("down"), "--insecure-registry", "127.0.0.1:" + port,
        "127.0.0.1:" + port + "/demo/app:1.0");
    assertOneLineExit2(r, "cannot reach registry 127.0.0.1:" + port);
  }

  @Test
  void withoutInsecureRegistryAPlainHttpRegistryIsNotTalkedToOverHttp() {
    Cli.Run r = Cli.run("scan", "--cache-dir", cache("notinsecure"), plain.host() + "/demo/app:1.0");
    assertOneLineExit2(r, "registry " + plain.host() + ": TLS failure: it does not speak TLS (name it with --insecure-registry");
  }

  // ------------------------------------------------------------------------------------------------- faults

  @Test
  void tooManyRequestsIsRetriedAfterRetryAfterThenGivesUpWithOneLine() throws Exception {
    try (FaultProxy proxy = new FaultProxy(plain.host())) {
      proxy.tooMany = 2; // two 429s with Retry-After: 1, then the registry's answers
      String ref = proxy.host() + "/demo/app:1.0";
      long start = System.nanoTime();
      Cli.Run ok = Cli.run("sbom", "-q", "--cache-dir", cache("429ok"), "-f", "json", "--insecure-registry",
          proxy.host(), ref);
      assertThat(ok.exit()).as(ok.toString()).isZero();
      assertThat(System.nanoTime() - start).as("waited the two Retry-After seconds").isGreaterThan(2_000_000_000L);

      proxy.requests.set(0);
      proxy.tooMany = Integer.MAX_VALUE;
      Cli.Run r = Cli.run("sbom", "--cache-dir", cache("429"), "--insecure-registry", proxy.host(), ref);
      assertOneLineExit2(r, "HTTP 429 too many requests (rate limited), retry after 1 s (gave up after 5 attempts)");
      assertThat(proxy.requests.get()).isEqualTo(5);
    }
  }

  @Test
  void aBlobWhoseContentDoesNotMatchItsDigestFailsAndKeepsNothing() throws Exception {
    JsonNode manifest = JSON.readTree(LocalRegistry.run(Path.of("."), "skopeo", "inspect", "--raw", "--tls-verify=false",
        "docker://" + plain.host() + "/demo/app:1.0"));
    JsonNode layers = manifest.get("layers");
    JsonNode big = layers.get(0);
    JsonNode small = layers.get(0);
    for (JsonNode l : layers) {
      big = l.get("size").asLong() > big.get("size").asLong() ? l : big;
      small = l.get("size").asLong() < small.get("size").asLong() ? l : small;
    }
    try (FaultProxy proxy = new FaultProxy(plain.host())) {
      proxy.corruptBlob = big.get("digest").asText();
      proxy.servedInstead = small.get("digest").asText();
      String ref = proxy.host() + "/demo/app:1.0";
      String cache = cache("corrupt");
      Cli.Run r = Cli.run("scan", "--cache-dir", cache, "--insecure-registry", proxy.host(), ref);
      assertOneLineExit2(r, "digest mismatch: expected " + big.get("digest").asText());
      assertNothingKept(cache, ref, "--insecure-registry", proxy.host());
      // the layers that were fine may be cached; the bad one was not: through the real registry it is analysed
      Cli.Run clean = Cli.run("sbom", "--cache-dir", cache, "-f", "json", "--insecure-registry", plain.host(),
          plain.host() + "/demo/app:1.0");
      assertThat(clean.exit()).as(clean.toString()).isZero();
      assertThat(clean.err()).doesNotContain("0 analysed");
    }
  }

  @Test
  void aManifestWhoseBytesDoNotMatchItsDigestIsRefused() throws Exception {
    try (FaultProxy proxy = new FaultProxy(plain.host())) {
      proxy.alterManifests = true;
      String cache = cache("manifest");
      Cli.Run byTag = Cli.run("scan", "--cache-dir", cache, "--insecure-registry", proxy.host(),
          proxy.host() + "/demo/app:1.0");
      assertOneLineExit2(byTag, "manifest " + proxy.host() + "/demo/app:1.0: digest mismatch: expected sha256:");
      String digest = JSON.readTree(LocalRegistry.run(Path.of("."), "skopeo", "inspect", "--tls-verify=false",
          "docker://" + plain.host() + "/demo/app:1.0")).get("Digest").asText();
      proxy.alterManifests = false;
      Cli.Run pinned = Cli.run("sbom", "-q", "--cache-dir", cache, "-f", "json", "--insecure-registry", proxy.host(),
          proxy.host() + "/demo/app@" + digest);
      assertThat(pinned.exit()).as(pinned.toString()).isZero();
      assertThat(JSON.readTree(pinned.stdout()).get("target").get("manifestDigest").asText()).isEqualTo(digest);
    }
  }

  @Test
  void anImageLargerThanMaxImageSizeIsRefusedBeforeAnyLayer() throws Exception {
    int before = plain.blobGets().size();
    Cli.Run r = Cli.run("sbom", "--cache-dir", cache("max"), "--insecure-registry", plain.host(), "--max-image-size",
        "1000", plain.host() + "/demo/app:1.0");
    assertOneLineExit2(r, "more than --max-image-size 1000");
    assertThat(plain.blobGets().size()).isEqualTo(before);
  }

  // ------------------------------------------------------------------------------------------------- TLS, auth

  private Path[] certificates() throws Exception {
    return LocalRegistry.certificates(tmp.resolve("pki"));
  }

  @Test
  void tlsWithTheRegistrysCaAndHtpasswdBasicAuth() throws Exception {
    Path[] pki = certificates();
    Path htpasswd = tmp.resolve("htpasswd");
    Files.writeString(htpasswd, LocalRegistry.run(tmp, "htpasswd", "-Bbn", USER, PASSWORD));
    String auth = "auth:\n  htpasswd:\n    realm: drydock-test\n    path: " + htpasswd + "\n";
    try (LocalRegistry tls = LocalRegistry.start(tmp.resolve("tls"), auth, new Path[] {pki[1], pki[2]})) {
      push(tls, "docker-archive:" + DEMO.toAbsolutePath(), "demo/app:1.0", "--dest-creds", USER + ":" + PASSWORD);
      String ref = tls.host() + "/demo/app:1.0";
      Path good = authFile("good.json", tls.host(), USER, PASSWORD);
      Path bad = authFile("bad.json", tls.host(), USER, "wrong-" + PASSWORD);

      Cli.Run noCa = Cli.run("sbom", "--cache-dir", cache("tls0"), "--authfile", good.toString(), ref);
      assertOneLineExit2(noCa, "registry " + tls.host() + ": TLS failure: its certificate is not signed by a trusted CA");
      assertOneLineExit2(noCa, "--registry-ca");

      Cli.Run wrong = Cli.run("sbom", "--debug", "--cache-dir", cache("tls1"), "--registry-ca", pki[0].toString(),
          "--authfile", bad.toString(), ref);
      assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(2);
      assertThat(wrong.errLines().stream().filter(RegistryIT::message))
          .singleElement().asString().contains("authentication failed").contains("refused the user " + USER);
      assertNoCredential(wrong);
      Cli.Run wrongQuiet = Cli.run("sbom", "--cache-dir", cache("tls1"), "--registry-ca", pki[0].toString(),
          "--authfile", bad.toString(), ref);
      assertOneLineExit2(wrongQuiet, "authentication failed");
      assertNoCredential(wrongQuiet);

      Cli.Run anonymous = Cli.run("sbom", "--cache-dir", cache("tls2"), "--registry-ca", pki[0].toString(),
          "--authfile", tmp.resolve("absent.json").toString(), ref);
      assertOneLineExit2(anonymous, "needs a login");

      Cli.Run ok = Cli.run("sbom", "-q", "--debug", "--cache-dir", cache("tls3"), "-f", "json", "--registry-ca",
          pki[0].toString(), "--authfile", good.toString(), ref);
      assertThat(ok.exit()).as(ok.toString()).isZero();
      assertThat(ok.err()).contains("credentials for " + tls.host() + ": user " + USER + " from " + good);
      assertNoCredential(ok);
    }
  }

  private Path authFile(String name, String host, String user, String password) throws IOException {
    String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    Path f = tmp.resolve(name);
    Files.writeString(f, "{\"auths\":{\"" + host + "\":{\"auth\":\"" + auth + "\"}}}");
    return f;
  }

  @Test
  void bearerTokensFromATokenServiceAreAskedOnceAndReused() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("token-pki"));
    LocalRegistry.run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "token.key",
        "-out", "token.crt", "-days", "2", "-subj", "/CN=drydock test token signer");
    try (TokenService tokens = new TokenService(dir.resolve("token.key"), dir.resolve("token.crt"), USER, PASSWORD)) {
      String auth = "auth:\n  token:\n    realm: " + tokens.realm() + "\n    service: " + TokenService.SERVICE
          + "\n    issuer: " + TokenService.ISSUER + "\n    rootcertbundle: " + dir.resolve("token.crt") + "\n";
      try (LocalRegistry reg = LocalRegistry.start(tmp.resolve("token"), auth, null)) {
        push(reg, "docker-archive:" + DEMO.toAbsolutePath(), "demo/app:1.0", "--dest-creds", USER + ":" + PASSWORD);
        String ref = reg.host() + "/demo/app:1.0";
        Path good = authFile("token-good.json", reg.host(), USER, PASSWORD);
        Path bad = authFile("token-bad.json", reg.host(), USER, "nope");

        int issued = tokens.issued.get();
        Cli.Run ok = Cli.run("sbom", "-q", "--cache-dir", cache("token"), "-f", "json", "--insecure-registry",
            reg.host(), "--authfile", good.toString(), ref);
        assertThat(packages(ok)).isEqualTo(packages(Cli.run("sbom", "-q", "--cache-dir", cache("token-archive"),
            "-f", "json", DEMO.toString())));
        assertThat(tokens.issued.get() - issued).as("one token for the manifest, config and six layers").isEqualTo(1);

        Cli.Run wrong = Cli.run("sbom", "--debug", "--cache-dir", cache("token-bad"), "--insecure-registry",
            reg.host(), "--authfile", bad.toString(), ref);
        assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(2);
        assertThat(wrong.errLines().stream().filter(RegistryIT::message)).singleElement().asString()
            .contains("authentication failed").contains("token service");
        assertNoCredential(wrong);
      }
    }
  }

  // ------------------------------------------------------------------------------------------------- db push/update

  /** A P-256 key pair: {@code <name>.key} (PKCS#8 PEM) and {@code <name>.pub} in {@code dir}; returns the .pub. */
  private static Path keyPair(Path dir, String name) throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    java.security.KeyPair kp = g.generateKeyPair();
    java.util.Base64.Encoder b64 = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'});
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".key"), "-----BEGIN PRIVATE KEY-----\n"
        + b64.encodeToString(kp.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    return Files.writeString(dir.resolve(name + ".pub"), "-----BEGIN PUBLIC KEY-----\n"
        + b64.encodeToString(kp.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void dbPushThenDbUpdateFromGivesTheIdenticalStoreWithFallbacks() throws Exception {
    String source = cache("db-source");
    Cli.Run imported = Cli.run("db", "import", "--cache-dir", source, "../examples/advisories");
    assertThat(imported.exit()).as(imported.toString()).isZero();
    Cli.Run pushed = Cli.run("db", "push", "--cache-dir", source, "--insecure-registry", plain.host(),
        plain.host() + "/security/drydock-db");
    assertThat(pushed.exit()).as(pushed.toString()).isZero();
    // the artifact is tagged with the store's schema number, as `db status` prints it
    Cli.Run sourceStatus = Cli.run("db", "status", "--cache-dir", source);
    java.util.regex.Matcher schema = java.util.regex.Pattern.compile("Schema:\\s+(\\d+)")
        .matcher(sourceStatus.out() + sourceStatus.stdout());
    assertThat(schema.find()).as(sourceStatus.toString()).isTrue();
    assertThat(pushed.out().strip()).startsWith(plain.host() + "/security/drydock-db:" + schema.group(1) + "@sha256:");
    String digest = pushed.out().strip().substring(pushed.out().strip().indexOf('@') + 1);

    int dead = LocalRegistry.freePort();
    String clean = cache("db-clean");
    Cli.Run pulled = Cli.run("db", "update", "--cache-dir", clean, "--insecure-registry", plain.host(),
        "--insecure-registry", "127.0.0.1:" + dead, "--from", "127.0.0.1:" + dead + "/security/drydock-db,"
            + plain.host() + "/security/drydock-db@" + digest);
    assertThat(pulled.exit()).as(pulled.toString()).isZero();
    assertThat(pulled.err()).contains("skipped: cannot reach registry 127.0.0.1:" + dead)
        .contains("installed the vulnerability store");
    assertThat(sha256(Path.of(clean, "vulndb.sqlite"))).isEqualTo(sha256(Path.of(source, "vulndb.sqlite")));
    Cli.Run status = Cli.run("db", "status", "--cache-dir", clean);
    assertThat(status.exit()).as(status.toString()).isIn(0, 1);

    // signed with drydock sign: --verify-key accepts it with the signer's key and refuses it with another one
    Path signer = keyPair(Path.of(cache("db-keys")), "release");
    Path stranger = keyPair(Path.of(cache("db-keys")), "stranger");
    String artifact = plain.host() + "/security/drydock-db:" + schema.group(1);
    Cli.Run signed = Cli.run("sign", "registry:" + artifact, "--key", signer.resolveSibling("release.key").toString(),
        "--insecure-registry", plain.host());
    assertThat(signed.exit()).as(signed.toString()).isZero();
    String verified = cache("db-verified");
    Cli.Run good = Cli.run("db", "update", "--cache-dir", verified, "--insecure-registry", plain.host(), "--from",
        artifact, "--verify-key", signer.toString());
    assertThat(good.exit()).as(good.toString()).isZero();
    assertThat(sha256(Path.of(verified, "vulndb.sqlite"))).isEqualTo(sha256(Path.of(source, "vulndb.sqlite")));
    String refused = cache("db-refused");
    Cli.Run bad = Cli.run("db", "update", "--cache-dir", refused, "--insecure-registry", plain.host(), "--from",
        artifact, "--verify-key", stranger.toString());
    assertOneLineExit2(bad, "signature not verified");
    assertThat(Path.of(refused, "vulndb.sqlite")).doesNotExist();

    // an image is not a store; every source failing leaves no store behind
    String none = cache("db-none");
    Cli.Run wrong = Cli.run("db", "update", "--cache-dir", none, "--insecure-registry", plain.host(), "--from",
        plain.host() + "/demo/app:1.0");
    assertOneLineExit2(wrong, "not a drydock vulnerability store");
    assertThat(Path.of(none, "vulndb.sqlite")).doesNotExist();
  }
}
