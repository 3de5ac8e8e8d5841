package dev.drydock.gate.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.GateFindings;
import dev.drydock.gate.eval.Decision;
import dev.drydock.gate.eval.Gate;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import dev.drydock.model.SignatureCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline rule DD-SIG-001, "image must be signed by one of these keys" (docs/signing.md). */
class SignatureRuleTest {
  @TempDir Path dir;

  private static String fingerprint(PublicKey k) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(k.getEncoded()));
  }

  @Test
  void keysAreFingerprintsOrPemFilesBesideTheBaseline() throws Exception {
    PublicKey k = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
    Files.writeString(dir.resolve("release.pub"), "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(k.getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    String other = "sha256:" + "ab".repeat(32);
    Path f = Files.writeString(dir.resolve("b.yaml"), "version: 1\nrules:\n  - id: DD-SIG-001\n    level: must-pass\n"
        + "    keys: [release.pub, " + other + "]\n");
    Rule rule = BaselineLoader.load(f).rules().get(0);
    assertThat(rule.keys()).containsExactly(fingerprint(k), other);
  }

  @Test
  void badKeyEntriesNameFileAndLine() throws Exception {
    Path f = Files.writeString(dir.resolve("b.yaml"), "version: 1\nrules:\n  - id: DD-SIG-001\n    level: must-pass\n"
        + "    keys:\n      - missing.pub\n");
    assertThatThrownBy(() -> BaselineLoader.load(f)).isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(f + ":6: cannot read key missing.pub");
    Path g = Files.writeString(dir.resolve("c.yaml"), "version: 1\nrules:\n  - id: DD-CFG-001\n    level: must-pass\n"
        + "    keys: [sha256:00]\n");
    assertThatThrownBy(() -> BaselineLoader.load(g)).isInstanceOf(DrydockException.class)
        .hasMessageContaining("keys on rule DD-CFG-001 (expected keys only on id: DD-SIG-001)");
  }

  @Test
  void theRuleFailsClosedAndChecksWhoSigned() {
    String trusted = "sha256:" + "11".repeat(32);
    String stranger = "sha256:" + "22".repeat(32);
    Baseline baseline = BaselineLoader.parse("b.yaml", "version: 1\nrules:\n  - id: DD-SIG-001\n    level: must-pass\n"
        + "    keys: [" + trusted + "]\n");
    List<String> keys = baseline.rules().get(0).keys();
    ScanResult none = ScanResult.builder().build();
    ScanResult unsigned = ScanResult.builder().signature(new SignatureCheck(false, "sha256:" + "33".repeat(32), null,
        null, "no signature for it", List.of(trusted))).build();
    ScanResult byStranger = ScanResult.builder().signature(new SignatureCheck(true, "sha256:" + "33".repeat(32),
        stranger, "tag x.sig", null, List.of(stranger))).build();
    ScanResult byTrusted = ScanResult.builder().signature(new SignatureCheck(true, "sha256:" + "33".repeat(32),
        trusted, "tag x.sig", null, List.of(trusted))).build();

    assertThat(GateFindings.signature(none, keys).title()).contains("scanned without --verify-key");
    assertThat(GateFindings.signature(unsigned, keys).title()).contains("no signature for it");
    assertThat(GateFindings.signature(byStranger, keys).title()).contains("not one of the baseline's keys");
    assertThat(GateFindings.signature(byTrusted, keys)).isNull();
    assertThat(GateFindings.signature(byStranger, List.of())).as("no keys listed: any verified key").isNull();

    GateFinding failing = GateFindings.signature(unsigned, keys);
    assertThat(Gate.evaluate(baseline, null, null, List.of(failing), List.of(), LocalDate.of(2026, 12, 7)).decision())
        .isEqualTo(Decision.FAIL);
    assertThat(Gate.evaluate(baseline, null, null, List.of(), List.of(), LocalDate.of(2026, 12, 7)).decision())
        .isEqualTo(Decision.PASS);
  }
}
