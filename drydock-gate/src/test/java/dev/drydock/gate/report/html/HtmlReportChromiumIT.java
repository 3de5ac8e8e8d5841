package dev.drydock.gate.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.gate.GateReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the demo gate report and loads it in Debian's chromium, headless: a screenshot, the rendered DOM
 * and the browser's log. Fails (does not skip) when {@code /usr/bin/chromium} is missing.
 */
class HtmlReportChromiumIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir
  Path tmp;

  record Run(int exit, String stdout, String stderr) {}

  private Run chromium(String mode, Path page) throws IOException, InterruptedException {
    assertThat(Files.isExecutable(CHROMIUM)).as("chromium must be installed at " + CHROMIUM
        + " (apt-get install -y chromium)").isTrue();
    Path profile = Files.createDirectory(tmp.resolve("profile-" + mode.replaceAll("[^a-z]", "")));
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr",
        "--v=0", "--window-size=1280,2000"));
    cmd.add(mode);
    cmd.add(page.toUri().toString());
    Path out = tmp.resolve("stdout-" + profile.getFileName());
    Path err = tmp.resolve("stderr-" + profile.getFileName());
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium " + mode + " did not finish in 180 s");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static void assertNoConsoleErrors(Run run) {
    assertThat(run.stderr().lines().filter(l -> l.contains("Uncaught") || l.contains("ERROR:CONSOLE")))
        .as("console errors in chromium's log").isEmpty();
  }

  @Test
  void chromiumRendersTheReport() throws Exception {
    GateReport report = DemoReport.report();
    Path dir = Files.createDirectories(Path.of("target", "html-report-it"));
    Path page = dir.resolve("gate-report.html").toAbsolutePath();
    try (OutputStream out = Files.newOutputStream(page)) {
      HtmlReport.render(report, out);
    }

    Path png = dir.resolve("gate-report.png").toAbsolutePath();
    Files.deleteIfExists(png);
    Run shot = chromium("--screenshot=" + png, page);
    assertThat(shot.exit()).as("chromium --screenshot exit; stderr:\n" + shot.stderr()).isZero();
    assertThat(png).exists();
    assertThat(Files.size(png)).isGreaterThan(10 * 1024);
    byte[] head = Arrays.copyOf(Files.readAllBytes(png), PNG_MAGIC.length);
    assertThat(head).isEqualTo(PNG_MAGIC);
    assertNoConsoleErrors(shot);

    Run dom = chromium("--dump-dom", page);
    assertThat(dom.exit()).as("chromium --dump-dom exit; stderr:\n" + dom.stderr()).isZero();
    assertNoConsoleErrors(dom);
    Document doc = Jsoup.parse(dom.stdout());
    assertThat(doc.selectFirst("#decision")).isNotNull();
    assertThat(doc.selectFirst("#decision").text()).isEqualTo("FAIL");
    assertThat(doc.selectFirst("#score").text()).isEqualTo(Integer.toString(report.result().score().value()));
    assertThat(doc.select("svg rect.severity-bar")).hasSize(6);
    // severities counted with python3 from demo-app-scan.json (fixtures/gate/FIXTURES.md)
    assertThat(doc.selectFirst(".severity-bar[data-severity=CRITICAL]").attr("data-count")).isEqualTo("15");
    assertThat(doc.selectFirst(".severity-bar[data-severity=HIGH]").attr("data-count")).isEqualTo("42");
    assertThat(doc.selectFirst(".severity-bar[data-severity=MEDIUM]").attr("data-count")).isEqualTo("5");
    assertThat(doc.select("#rules-table tbody tr")).hasSize(report.result().rules().size());
    // the rendered page states one failing count: the counts table, the chart and the findings table agree
    assertThat(doc.selectFirst("#counts-table tr[data-total=failing] td").text()).isEqualTo("62");
    assertThat(doc.select("#findings-table tbody tr")).hasSize(62);
    assertThat(doc.selectFirst("#score-total").text()).isEqualTo(Integer.toString(report.result().score().value()));
  }
}
