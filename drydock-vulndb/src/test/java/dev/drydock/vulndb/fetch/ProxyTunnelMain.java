package dev.drydock.vulndb.fetch;

import dev.drydock.model.DrydockException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in its own JVM by {@link ProxyAndCredentialsTest}, as {@code drydock db update} runs: the JDK decides once
 * per JVM whether Basic proxy authentication may be used for tunnels. Args: proxy port, destination file.
 */
public final class ProxyTunnelMain {
  private ProxyTunnelMain() {}

  public static void main(String[] args) {
    System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
    Map<String, String> env = Map.of("HTTPS_PROXY", "http://ci:pw@127.0.0.1:" + args[0]);
    Downloader d = new Downloader(Downloader.Settings.defaults().withMaxAttempts(1), new NetworkEnv(env::get, null),
        List.of());
    try {
      d.download(Downloader.Request.of(URI.create("https://feeds.example.test/kev.json"), Path.of(args[1])));
    } catch (DrydockException e) {
      System.out.println(e.getMessage()); // the test proxy refuses the tunnel once authenticated
    }
  }
}
