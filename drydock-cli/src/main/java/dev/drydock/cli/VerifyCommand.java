package dev.drydock.cli;

import dev.drydock.engine.Signing;
import dev.drydock.model.SignatureCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock verify IMAGE --key cosign.pub}: is the image signed by one of these keys? */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Verify an image's cosign signatures (the sha256-<digest>.sig tag and OCI 1.1 referrers) against"
        + " public keys. Exit 0 verified, 1 not verified (one line says why), 2 bad input. Key-based only: no"
        + " Rekor/Fulcio (keyless) checks. docs/signing.md")
final class VerifyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin RegistryCliOptions registry;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "registry:REF or an image reference"
      + " (host:5000/team/app:1.0, ...@sha256:...), oci-dir:DIR[:TAG], or an OCI layout directory.")
  String image;

  @Option(names = {"-k", "--key"}, paramLabel = "FILE",
      description = "Public key (PEM, cosign.pub); repeat for several: one of them must have signed.")
  List<Path> keys = new ArrayList<>();

  @Option(names = "--trust-store", paramLabel = "FILE", description = "Notation (Notary Project) signatures:"
      + " CA certificates (PEM) the signing certificate must chain to; repeatable. Revocation and timestamps are"
      + " not checked (docs/signing.md).")
  List<Path> trustStores = new ArrayList<>();

  @Option(names = {"-a", "--annotation"}, paramLabel = "K=V",
      description = "The signed payload must carry this annotation in its optional part (repeatable).")
  List<String> annotations = new ArrayList<>();

  @Override
  public Integer call() {
    SignatureCheck check;
    try (var drydock = common.engine()) {
      check = drydock.verify(new Signing.VerifyRequest(image, keys, annotations, trustStores,
          registry.access(common.debug, common.err())));
    }
    if (check.verified()) {
      spec.commandLine().getOut().println(line(check, image));
      return ExitCodes.OK;
    }
    spec.commandLine().getErr().println(line(check, image));
    return ExitCodes.FINDINGS;
  }

  /** The one line that says the outcome: who signed, or why not. */
  static String line(SignatureCheck c, String image) {
    return c.verified()
        ? "verified: " + image + " (" + c.imageDigest() + ") is signed by " + c.signedBy() + " (" + c.via() + ")"
        : "drydock: not verified: " + image + ": " + c.reason();
  }
}
