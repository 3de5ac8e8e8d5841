package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.drydock.model.DrydockException;
import dev.drydock.model.SignatureCheck;
import dev.drydock.model.targets.ImageReference;
import dev.drydock.model.targets.ScanTarget;
import dev.drydock.registry.RegistryClient;
import dev.drydock.signing.Cosign;
import dev.drydock.signing.Descriptor;
import dev.drydock.signing.Keys;
import dev.drydock.signing.Verification;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RegistrySignatureStore} against a small registry on loopback (JDK HttpServer) for the answers Debian's
 * docker-registry 2.8 cannot give (RegistrySignatureIT in drydock-cli proves the main path against it): a registry
 * with the OCI 1.1 referrers API (it answers a manifest PUT with {@code OCI-Subject} and serves
 * {@code /referrers/<digest>}), and a registry that serves a signature payload whose bytes do not match its digest
 * (fail closed: an error, never a signature).
 */
class RegistrySignatureStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  @TempDir Path tmp;
  private HttpServer server;
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  private final Map<String, String> types = new ConcurrentHashMap<>();
  private final Map<String, String> tags = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile boolean referrersApi;
  /** Digests served with other bytes (a registry or proxy that changed them). */
  private final Map<String, byte[]> lies = new ConcurrentHashMap<>();
  private String host;
  private KeyPair keys;
  private String imageDigest;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v2/", this::handle);
    server.start();
    host = "127.0.0.1:" + server.getAddress().getPort();
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    keys = g.generateKeyPair();
    // an image: a config blob and a manifest tagged 1.0
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes(StandardCharsets.UTF_8);
    blobs.put(sha256(config), config);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + sha256(config) + "\",\"size\":"
        + config.length + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    imageDigest = sha256(manifest);
    manifests.put(imageDigest, manifest);
    types.put(imageDigest, OCI_MANIFEST);
    tags.put("1.0", imageDigest);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static String sha256(byte[] b) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private void handle(HttpExchange x) throws IOException {
    String method = x.getRequestMethod();
    String path = x.getRequestURI().getPath();
    requests.add(method + " " + path);
    byte[] body;
    try (InputStream in = x.getRequestBody()) {
      body = in.readAllBytes();
    }
    try {
      String prefix = "/v2/app/";
      if (!path.startsWith(prefix)) {
        reply(x, 404, null, null);
        return;
      }
      String rest = path.substring(prefix.length());
      if (rest.startsWith("blobs/uploads/")) {
        if (method.equals("POST")) {
          x.getResponseHeaders().add("Location", prefix + "blobs/uploads/one");
          reply(x, 202, null, null);
        } else {
          String digest = x.getRequestURI().getQuery().replaceFirst(".*digest=", "").replace("%3A", ":");
          assertThat(sha256(body)).isEqualTo(digest);
          blobs.put(digest, body);
          reply(x, 201, null, null);
        }
      } else if (rest.startsWith("blobs/")) {
        String digest = rest.substring("blobs/".length());
        byte[] b = lies.getOrDefault(digest, blobs.get(digest));
        reply(x, b == null ? 404 : 200, method.equals("HEAD") ? null : b, "application/octet-stream");
      } else if (rest.startsWith("manifests/")) {
        String ref = rest.substring("manifests/".length());
        if (method.equals("PUT")) {
          String digest = sha256(body);
          manifests.put(digest, body);
          types.put(digest, x.getRequestHeaders().getFirst("Content-Type"));
          if (!ref.startsWith("sha256:")) {
            tags.put(ref, digest);
          }
          String subject = JSON.readTree(body).path("subject").path("digest").asText(null);
          if (referrersApi && subject != null) {
            x.getResponseHeaders().add("OCI-Subject", subject);
          }
          x.getResponseHeaders().add("Docker-Content-Digest", digest);
          reply(x, 201, null, null);
          return;
        }
        String digest = ref.startsWith("sha256:") ? ref : tags.get(ref);
        byte[] m = digest == null ? null : manifests.get(digest);
        if (m == null) {
          reply(x, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8),
              "application/json");
          return;
        }
        x.getResponseHeaders().add("Docker-Content-Digest", digest);
        reply(x, 200, method.equals("HEAD") ? null : m, types.get(digest));
      } else if (rest.startsWith("referrers/") && referrersApi) {
        String subject = rest.substring("referrers/".length());
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2)
            .put("mediaType", RegistryClient.OCI_INDEX);
        ArrayNode list = index.putArray("manifests");
        for (Map.Entry<String, byte[]> e : manifests.entrySet()) {
          JsonNode m = JSON.readTree(e.getValue());
          if (subject.equals(m.path("subject").path("digest").asText())) {
            ObjectNode d = list.addObject().put("mediaType", types.get(e.getKey())).put("digest", e.getKey())
                .put("size", e.getValue().length);
            if (m.has("artifactType")) {
              d.put("artifactType", m.get("artifactType").asText());
            }
          }
        }
        reply(x, 200, JSON.writeValueAsBytes(index), RegistryClient.OCI_INDEX);
      } else {
        reply(x, 404, null, null);
      }
    } catch (Exception | AssertionError e) {
      reply(x, 500, String.valueOf(e).getBytes(StandardCharsets.UTF_8), "text/plain");
    }
  }

  private static void reply(HttpExchange x, int status, byte[] body, String type) throws IOException {
    if (type != null) {
      x.getResponseHeaders().add("Content-Type", type);
    }
    x.sendResponseHeaders(status, body == null ? -1 : body.length);
    if (body != null) {
      x.getResponseBody().write(body);
    }
    x.close();
  }

  private RegistryAccess access() {
    return new RegistryAccess(null, null, null, List.of(), List.of(host), List.of(), 0, null);
  }

  private RegistrySignatureStore store() {
    return new RegistrySignatureStore(new RegistryClient(access().options()), host, "app");
  }

  private List<Keys.NamedKey> publicKeys() throws IOException {
    return Keys.publicKeys(publicKeyFile());
  }

  private Path publicKeyFile() throws IOException {
    Path pem = tmp.resolve("cosign.pub");
    Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic()
        .getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    return pem;
  }

  @Test
  void aRegistryWithTheReferrersApiKeepsTheReferrerAndNoReferrersTagIsWritten() throws Exception {
    referrersApi = true;
    RegistrySignatureStore store = store();
    Descriptor image = store.image("1.0");
    assertThat(image.digest()).isEqualTo(imageDigest);
    Cosign.Signed s = Cosign.sign(store, image, host + "/app", Map.of(), keys.getPrivate(), Cosign.Placement.REFERRER);
    assertThat(tags).doesNotContainKey(imageDigest.replace(':', '-'));

    Verification v = Cosign.verify(store(), store().image("1.0"), publicKeys(), Map.of());
    assertThat(v.verified()).as(String.valueOf(v.reason())).isTrue();
    assertThat(v.via()).isEqualTo("referrer " + s.manifest().digest());
    assertThat(requests).contains("GET /v2/app/referrers/" + imageDigest)
        .doesNotContain("GET /v2/app/manifests/" + imageDigest.replace(':', '-'));
  }

  @Test
  void withoutTheApiTheReferrerIsListedInTheReferrersTag() throws Exception {
    RegistrySignatureStore store = store();
    Cosign.Signed s = Cosign.sign(store, store.image("1.0"), "", Map.of(), keys.getPrivate(),
        Cosign.Placement.REFERRER);
    JsonNode index = JSON.readTree(manifests.get(tags.get(imageDigest.replace(':', '-'))));
    assertThat(index.at("/manifests/0/digest").asText()).isEqualTo(s.manifest().digest());
    assertThat(index.at("/manifests/0/artifactType").asText()).isEqualTo(Cosign.ARTIFACT_TYPE);

    Verification v = Cosign.verify(store(), store().image("1.0"), publicKeys(), Map.of());
    assertThat(v.verified()).as(String.valueOf(v.reason())).isTrue();
    assertThat(v.via()).isEqualTo("referrer " + s.manifest().digest());
  }

  @Test
  void aPayloadWhoseBytesDoNotMatchItsDigestIsAnErrorAndTheScanRecordsNotVerified() throws Exception {
    RegistrySignatureStore store = store();
    Cosign.Signed s = Cosign.sign(store, store.image("1.0"), "", Map.of(), keys.getPrivate(), Cosign.Placement.TAG);
    String payloadDigest = sha256(s.payload());
    lies.put(payloadDigest, new String(s.payload(), StandardCharsets.UTF_8).replace("cosign", "cosigN")
        .getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> Cosign.verify(store(), store().image("1.0"), publicKeys(), Map.of()))
        .isInstanceOf(DrydockException.class).hasMessageContaining("digest mismatch")
        .hasMessageContaining(payloadDigest);
    SignatureCheck check = Signing.verifyScanned(new ScanTarget.RegistryImage(ImageReference.parse(host + "/app:1.0")),
        access(), List.of(publicKeyFile()), List.of());
    assertThat(check.verified()).isFalse();
    assertThat(check.reason()).startsWith("cannot read the signatures of " + host + "/app:1.0: ")
        .contains("digest mismatch");

    lies.clear();
    SignatureCheck ok = Signing.verifyScanned(new ScanTarget.RegistryImage(ImageReference.parse(host + "/app:1.0")),
        access(), List.of(publicKeyFile()), List.of());
    assertThat(ok.verified()).as(String.valueOf(ok.reason())).isTrue();
    assertThat(ok.imageDigest()).isEqualTo(imageDigest);
  }

  @Test
  void aTagThatMovedBetweenTheScanAndTheCheckIsNotVerified() throws Exception {
    RegistrySignatureStore store = store();
    Cosign.sign(store, store.image("1.0"), "", Map.of(), keys.getPrivate(), Cosign.Placement.TAG);
    ScanTarget target = new ScanTarget.RegistryImage(ImageReference.parse(host + "/app:1.0"));
    String scanned = "sha256:" + "b".repeat(64);
    SignatureCheck moved = Signing.verifyScanned(target, access(), List.of(publicKeyFile()), List.of(), scanned);
    assertThat(moved.verified()).isFalse();
    assertThat(moved.reason()).contains("now names " + imageDigest).contains("not the image scanned (" + scanned);
    assertThat(Signing.verifyScanned(target, access(), List.of(publicKeyFile()), List.of(), imageDigest).verified())
        .isTrue();
  }
}
