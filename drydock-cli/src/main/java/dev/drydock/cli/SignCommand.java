package dev.drydock.cli;

import dev.drydock.engine.Signing;
import java.io.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock sign IMAGE --key cosign.key}: writes a cosign-compatible signature next to the image. */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = "Sign an image with a private key, as cosign does (simple-signing payload, ECDSA P-256/SHA-256),"
        + " writing the signature beside the image (registry or OCI layout) under the sha256-<digest>.sig tag (or as an"
        + " OCI 1.1 referrer; on a registry without the referrers API, listed in the sha256-<digest> index)."
        + " docs/signing.md")
final class SignCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin RegistryCliOptions registry;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "registry:REF or an image reference"
      + " (host:5000/team/app:1.0, ...@sha256:...), oci-dir:DIR[:TAG], or an OCI layout directory.")
  String image;

  @Option(names = {"-k", "--key"}, paramLabel = "FILE", required = true, description = "Private key: cosign's"
      + " encrypted cosign.key (password from $COSIGN_PASSWORD, else asked on the terminal), PKCS#8 or EC PEM.")
  Path key;

  @Option(names = {"-a", "--annotation"}, paramLabel = "K=V",
      description = "Record this annotation in the signed payload (repeatable).")
  List<String> annotations = new ArrayList<>();

  @Option(names = "--referrer", description = "Write an OCI 1.1 referrer (subject + artifactType) instead of the"
      + " sha256-<digest>.sig tag.")
  boolean referrer;

  @Option(names = "--reference", paramLabel = "REF", description = "The docker-reference recorded in the payload"
      + " (cosign records the repository, e.g. registry.example/team/app; default: empty).")
  String reference;

  @Override
  public Integer call() {
    Signing.Signed s;
    try (var drydock = common.engine()) {
      s = drydock.sign(new Signing.SignRequest(image, key, password(), annotations, referrer, reference,
          registry.access(common.debug, common.err())));
    }
    spec.commandLine().getOut().println("signed: " + s.image() + " (" + s.location() + ", manifest "
        + s.manifestDigest() + ")");
    return ExitCodes.OK;
  }

  /** $COSIGN_PASSWORD (may be empty), else the terminal; null when neither is there. */
  private static Supplier<char[]> password() {
    return () -> {
      String env = System.getenv("COSIGN_PASSWORD");
      if (env != null) {
        return env.toCharArray();
      }
      Console console = System.console();
      return console == null ? null : console.readPassword("Enter password for private key: ");
    };
  }
}
