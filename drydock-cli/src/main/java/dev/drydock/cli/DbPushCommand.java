package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock db push REGISTRY/REPO[:TAG]}: publish the vulnerability store as an OCI artifact. */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = "Publish the vulnerability store to a registry as an OCI artifact (drydock's own media types; the"
        + " tag defaults to the store's schema version), for 'db update --from' on air-gapped machines.")
final class DbPushCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin RegistryCliOptions registry;

  @Parameters(index = "0", paramLabel = "REGISTRY/REPO[:TAG]", description = "Where to push, e.g."
      + " registry.internal:5000/security/drydock-db.")
  String reference;

  @Override
  public Integer call() {
    try (Drydock drydock = common.engine()) {
      Drydock.DbPushed p = drydock.dbPush(reference, registry.access(common.debug, spec.commandLine().getErr()));
      spec.commandLine().getOut().println(p.reference() + "@" + p.digest());
      if (!common.quiet) {
        spec.commandLine().getErr().println("drydock: pushed the vulnerability store (" + p.size() + " bytes) to "
            + p.reference() + "@" + p.digest());
      }
      return ExitCodes.OK;
    }
  }
}
