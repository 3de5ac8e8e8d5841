package dev.drydock.vulndb.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY and mirror credentials (netrc, or the feed configuration),
 * against a real loopback proxy ({@link TestProxy}) and a real loopback server. The environment is injected
 * ({@link NetworkEnv}); host names under {@code .test} never resolve, so a request for one can only succeed
 * through the proxy.
 */
class ProxyAndCredentialsTest {
  private static final byte[] BODY = "{\"vulnerabilities\": []}\n".getBytes(StandardCharsets.UTF_8);
  private static final Downloader.Settings FAST =
      Downloader.Settings.defaults().withBackoffBase(Duration.ofMillis(5)).withMaxAttempts(2);

  @TempDir Path dir;
  TestProxy proxy;
  LoopbackServer server;

  @BeforeEach
  void start() throws Exception {
    proxy = new TestProxy();
    server = new LoopbackServer();
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    server.close();
  }

  private static NetworkEnv env(Map<String, String> vars, Path home) {
    return new NetworkEnv(vars::get, home);
  }

  private Downloader downloader(Map<String, String> vars) {
    return new Downloader(FAST, env(vars, dir), List.of());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void httpProxyCarriesPlainHttpRequests() throws Exception {
    proxy.serve("http://feeds.example.test/kev.json", BODY);
    Downloader d = downloader(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port()));
    Downloader.Result r = d.download(Downloader.Request.of(URI.create("http://feeds.example.test/kev.json"),
        dir.resolve("kev.json")));
    assertThat(Files.readAllBytes(r.path())).isEqualTo(BODY);
    assertThat(proxy.requests).singleElement().satisfies(req -> {
      assertThat(req.method()).isEqualTo("GET");
      assertThat(req.target()).isEqualTo("http://feeds.example.test/kev.json");
      assertThat(req.headers()).doesNotContainKey("proxy-authorization");
    });
  }

  /** An authenticating proxy: 407 to the first request, the credentials of http_proxy (lower case wins) next. */
  @Test
  void lowerCaseWinsAndProxyCredentialsAnswerTheChallenge() throws Exception {
    proxy.serve("http://feeds.example.test/kev.json", BODY);
    proxy.requireAuth = true;
    Downloader d = downloader(Map.of("http_proxy", "http://ci:p%40ss+word@127.0.0.1:" + proxy.port(),
        "HTTP_PROXY", "http://127.0.0.1:1"));
    d.download(Downloader.Request.of(URI.create("http://feeds.example.test/kev.json"), dir.resolve("kev.json")));
    assertThat(proxy.requests).extracting(r -> r.headers().get("proxy-authorization"))
        .containsExactly(null, basic("ci", "p@ss+word"));
    assertThat(Files.readAllBytes(dir.resolve("kev.json"))).isEqualTo(BODY);
  }

  @Test
  void httpsProxyTunnelsHttpsRequests() {
    Downloader d = downloader(Map.of("HTTPS_PROXY", "127.0.0.1:" + proxy.port()));
    // the test proxy refuses the tunnel (it cannot serve TLS), so the download fails, after the CONNECT
    assertThatThrownBy(() -> d.download(Downloader.Request.of(URI.create("https://feeds.example.test/kev.json"),
        dir.resolve("kev.json")))).isInstanceOf(DrydockException.class);
    assertThat(proxy.requests).isNotEmpty().allSatisfy(req -> {
      assertThat(req.method()).isEqualTo("CONNECT");
      assertThat(req.target()).isEqualTo("feeds.example.test:443");
    });
    assertThat(dir.resolve("kev.json")).doesNotExist();
  }

  /** An authenticating proxy for https: 407 to the first CONNECT, Basic credentials from HTTPS_PROXY on the next. */
  @Test
  void httpsProxyCredentialsAnswerTheTunnelsChallenge() throws Exception {
    proxy.requireAuth = true;
    String cp = System.getProperty("surefire.test.class.path");
    cp = cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
        ProxyTunnelMain.class.getName(), Integer.toString(proxy.port()), dir.resolve("kev.json").toString())
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(proxy.requests).as(output).extracting(TestProxy.Request::method, r -> r.headers().get("proxy-authorization"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("CONNECT", null),
            org.assertj.core.groups.Tuple.tuple("CONNECT", basic("ci", "pw")));
  }

  @Test
  void noProxyHostsAreReachedDirectly() throws Exception {
    proxy.serve("http://feeds.example.test/kev.json", BODY);
    Downloader d = downloader(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port(),
        "NO_PROXY", "localhost, .mirror.internal.test"));
    // direct: the name does not resolve, and the proxy never hears of it
    assertThatThrownBy(() -> d.download(Downloader.Request.of(
        URI.create("http://artifacts.mirror.internal.test/kev.json"), dir.resolve("a.json"))))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining("cannot resolve host artifacts.mirror.internal.test");
    assertThat(proxy.requests).isEmpty();
    // not listed: through the proxy
    d.download(Downloader.Request.of(URI.create("http://feeds.example.test/kev.json"), dir.resolve("b.json")));
    assertThat(proxy.requests).extracting(TestProxy.Request::target).containsExactly("http://feeds.example.test/kev.json");
  }

  @Test
  void loopbackIsNeverProxied() throws Exception {
    server.route("/kev.json", (ex, hit) -> LoopbackServer.send(ex, 200, BODY));
    Downloader d = downloader(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port()));
    d.download(Downloader.Request.of(server.uri("/kev.json"), dir.resolve("kev.json")));
    assertThat(server.hits("/kev.json")).isEqualTo(1);
    assertThat(proxy.requests).isEmpty();
  }

  @Test
  void aProxyVariableThatIsNotAnHttpProxyIsBadInput() {
    assertThatThrownBy(() -> downloader(Map.of("HTTPS_PROXY", "socks5://127.0.0.1:1080")))
        .isInstanceOf(DrydockException.class)
        .hasMessage("HTTPS_PROXY 'socks5://127.0.0.1:1080': only http:// proxies are supported, not socks5://");
  }

  /** A mirror that wants credentials: 401 without the right Authorization header. */
  private void protectedRoute(String path, String authorization) {
    server.route(path, (ex, hit) -> {
      if (authorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        LoopbackServer.send(ex, 200, BODY);
      } else {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"mirror\"");
        LoopbackServer.send(ex, 401, new byte[0]);
      }
    });
  }

  @Test
  void netrcCredentialsGoToTheirHost() throws Exception {
    protectedRoute("/kev.json", basic("mirror-user", "s3cret"));
    Path netrc = Files.writeString(dir.resolve("my-netrc"), """
        machine other.example.test login nobody password nothing
        machine 127.0.0.1
          login mirror-user
          password s3cret
        """);
    // without credentials: the 401 fails the download at once
    assertThatThrownBy(() -> downloader(Map.of()).download(Downloader.Request.of(server.uri("/kev.json"),
        dir.resolve("kev.json")))).isInstanceOf(DrydockException.class).hasMessageContaining("HTTP 401");
    downloader(Map.of("NETRC", netrc.toString())).download(Downloader.Request.of(server.uri("/kev.json"),
        dir.resolve("kev.json")));
    assertThat(server.seen).extracting(LoopbackServer.Seen::authorization)
        .containsExactly(null, basic("mirror-user", "s3cret"));
    assertThat(Files.readAllBytes(dir.resolve("kev.json"))).isEqualTo(BODY);
  }

  @Test
  void homeNetrcDefaultEntryIsUsed() throws Exception {
    protectedRoute("/kev.json", basic("anyone", "pw"));
    Files.writeString(dir.resolve(".netrc"), "default login anyone password pw\n");
    downloader(Map.of()).download(Downloader.Request.of(server.uri("/kev.json"), dir.resolve("kev.json")));
    assertThat(server.seen).extracting(LoopbackServer.Seen::authorization).containsExactly(basic("anyone", "pw"));
  }

  @Test
  void configCredentialsReadThePasswordFromTheEnvironmentAndStayOnTheirHost() throws Exception {
    protectedRoute("/kev.json", basic("drydock-ci", "from-env"));
    // the protected mirror redirects the sidecar to another host (localhost, not 127.0.0.1)
    String otherHost = "http://localhost:" + server.port();
    server.route("/kev.json.sha256", (ex, hit) -> {
      ex.getResponseHeaders().set("Location", otherHost + "/elsewhere/kev.json.sha256");
      LoopbackServer.send(ex, 302, new byte[0]);
    });
    String digest = Downloader.sha256Of(Files.write(dir.resolve("body"), BODY));
    server.route("/elsewhere/kev.json.sha256", (ex, hit) -> LoopbackServer.send(ex, 200,
        (digest + "  kev.json\n").getBytes(StandardCharsets.UTF_8)));
    Path yaml = Files.writeString(dir.resolve("feeds.yaml"), String.join("\n",
        "credentials:",
        "  - host: 127.0.0.1",
        "    username: drydock-ci",
        "    password-env: MIRROR_PASSWORD",
        "feeds:",
        "  - name: kev",
        "    format: kev-json",
        "    url: " + server.uri("/kev.json"),
        "    sha256-url: " + server.uri("/kev.json.sha256"),
        ""));
    FeedConfig cfg = FeedConfig.load(yaml);
    FeedConfig.Feed feed = cfg.feeds().get(0);
    Downloader d = new Downloader(FAST, env(Map.of("MIRROR_PASSWORD", "from-env"), dir), cfg.credentials());
    d.download(Downloader.Request.of(feed.url(), dir.resolve("kev.json")).verified(null, feed.sha256Url()));
    assertThat(server.seen).extracting(LoopbackServer.Seen::path, LoopbackServer.Seen::authorization)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("/kev.json", basic("drydock-ci", "from-env")),
            org.assertj.core.groups.Tuple.tuple("/kev.json.sha256", basic("drydock-ci", "from-env")),
            org.assertj.core.groups.Tuple.tuple("/elsewhere/kev.json.sha256", null));

    // the variable unset: the feed fails naming it
    Downloader unset = new Downloader(FAST, env(Map.of(), dir), cfg.credentials());
    assertThatThrownBy(() -> unset.download(Downloader.Request.of(feed.url(), dir.resolve("kev2.json"))))
        .isInstanceOf(DrydockException.class)
        .hasMessage("credentials for 127.0.0.1: environment variable MIRROR_PASSWORD is not set");
  }

  @Test
  void badCredentialsEntryNamesFileAndLine() throws Exception {
    Path yaml = Files.writeString(dir.resolve("feeds.yaml"), "credentials:\n  - host: mirror.example\n"
        + "    username: ci\n    password-env: not a name\n");
    assertThatThrownBy(() -> FeedConfig.load(yaml)).isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(yaml + ":")
        .hasMessageContaining("password-env 'not a name' is not an environment variable name");
  }
}
