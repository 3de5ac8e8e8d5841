package dev.drydock.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The validating admission webhook with AdmissionReviews built from Pod and Deployment manifests
 * (test resources admission/): the scanned demo image passes where the namespace's stored baseline accepts it, is
 * denied with the gate's reason where the built-in baseline judges, an image never scanned is denied (fail closed)
 * or admitted with a warning (fail open).
 */
class AdmissionTest {
  @TempDir static Path tmp;
  static DrydockServer server;
  static DrydockServer failOpen;
  static Http http;
  static Http openHttp;
  static String token;
  static String openToken;

  @BeforeAll
  static void start() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path image = Files.copy(Path.of("../examples/demo-app.tar"), root.resolve("demo-app.tar"));
    server = DrydockServer.start(ServerConfig.parse(List.of("--listen", "127.0.0.1:0", "--cache-dir",
        tmp.resolve("cache").toString(), "--scan-root", root.toString(), "--advisories",
        Path.of("../examples/advisories").toAbsolutePath().toString()), Map.of()), Log.none());
    http = new Http("127.0.0.1:" + server.address().getPort());
    token = ServerMain.token(server, "admin");
    String id = http.json("POST", "/v1/scans", token, "{\"target\":\"" + image + "\"}", 202).get("id").asText();
    assertThat(http.await(id, token, 120).get("status").asText()).isEqualTo("done");
    assertThat(http.send("PUT", "/v1/baselines/ns-team-ok", token, ServerApiTest.lenientBaseline()).statusCode())
        .isEqualTo(200);
    failOpen = DrydockServer.start(ServerConfig.parse(List.of("--listen", "127.0.0.1:0", "--cache-dir",
        tmp.resolve("cache-open").toString(), "--admission-fail-open", "true"), Map.of()), Log.none());
    openHttp = new Http("127.0.0.1:" + failOpen.address().getPort());
    openToken = ServerMain.token(failOpen, "read");
  }

  @AfterAll
  static void stop() {
    for (DrydockServer s : new DrydockServer[] {server, failOpen}) {
      if (s != null) {
        s.close();
      }
    }
  }

  /** An AdmissionReview for creating the object in {@code manifest}. */
  static String review(String manifest, String uid) throws Exception {
    Object doc = new Load(LoadSettings.builder().build()).loadFromString(
        Files.readString(Path.of("src/test/resources/admission", manifest)));
    JsonNode object = Http.JSON.valueToTree(doc);
    ObjectNode r = Http.JSON.createObjectNode();
    r.put("apiVersion", "admission.k8s.io/v1");
    r.put("kind", "AdmissionReview");
    ObjectNode req = r.putObject("request");
    req.put("uid", uid);
    String kind = object.get("kind").asText();
    req.putObject("kind").put("group", kind.equals("Pod") ? "" : "apps").put("version", "v1").put("kind", kind);
    req.put("operation", "CREATE");
    req.put("namespace", object.get("metadata").get("namespace").asText());
    req.put("name", object.get("metadata").get("name").asText());
    req.set("object", object);
    return r.toString();
  }

  static JsonNode answer(Http h, String t, String manifest) throws Exception {
    String uid = UUID.randomUUID().toString();
    JsonNode out = h.json("POST", "/admission", t, review(manifest, uid), 200);
    assertThat(out.get("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(out.get("kind").asText()).isEqualTo("AdmissionReview");
    assertThat(out.get("response").get("uid").asText()).isEqualTo(uid);
    return out.get("response");
  }

  @Test
  void aNamespaceWhoseBaselineAcceptsTheImageAdmitsThePod() throws Exception {
    JsonNode r = answer(http, token, "pod-team-ok.yaml");
    assertThat(r.get("allowed").asBoolean()).as(r.toString()).isTrue();
    assertThat(r.has("status")).isFalse();
  }

  @Test
  void theBuiltInBaselineDeniesThePodWithTheGatesReason() throws Exception {
    JsonNode r = answer(http, token, "pod-payments.yaml");
    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(r.get("status").get("code").asInt()).isEqualTo(403);
    assertThat(r.get("status").get("message").asText()).contains("drydock/demo-app:1.0").contains("FAIL")
        .contains("baseline built-in");
    // the same answer again, from the cache
    assertThat(answer(http, token, "pod-payments.yaml").get("status").get("message").asText())
        .isEqualTo(r.get("status").get("message").asText());
  }

  @Test
  void anUnscannedImageIsDeniedFailClosedAndWarnedFailOpen() throws Exception {
    JsonNode closed = answer(http, token, "deployment-unscanned.yaml");
    assertThat(closed.get("allowed").asBoolean()).isFalse();
    assertThat(closed.get("status").get("message").asText())
        .contains("registry.example.com/web/frontend:2.3.1: no drydock result");
    JsonNode open = answer(openHttp, openToken, "deployment-unscanned.yaml");
    assertThat(open.get("allowed").asBoolean()).isTrue();
    assertThat(open.get("warnings").toString()).contains("registry.example.com/web/frontend:2.3.1")
        .contains("drydock/demo-app:1.0");
  }

  @Test
  void workloadTemplatesAndAllContainerKindsAreRead() throws Exception {
    JsonNode pod = Http.JSON.valueToTree(new Load(LoadSettings.builder().build()).loadFromString(
        Files.readString(Path.of("src/test/resources/admission/pod-payments.yaml"))));
    assertThat(Admission.images("Pod", pod)).containsExactly("drydock/demo-app:1.0");
    JsonNode deployment = Http.JSON.valueToTree(new Load(LoadSettings.builder().build()).loadFromString(
        Files.readString(Path.of("src/test/resources/admission/deployment-unscanned.yaml"))));
    assertThat(Admission.images("Deployment", deployment)).containsExactly("registry.example.com/web/frontend:2.3.1",
        "drydock/demo-app:1.0");
    assertThat(http.send("POST", "/admission", token, "{\"kind\":\"AdmissionReview\"}").statusCode()).isEqualTo(400);
    assertThat(http.send("POST", "/admission", null, review("pod-team-ok.yaml", "x")).statusCode()).isEqualTo(401);
  }
}
