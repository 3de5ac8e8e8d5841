package dev.drydock.engine;

import dev.drydock.model.DrydockException;
import dev.drydock.model.SignatureCheck;
import dev.drydock.signing.Cosign;
import dev.drydock.signing.Descriptor;
import dev.drydock.signing.Keys;
import dev.drydock.signing.OciLayoutStore;
import dev.drydock.signing.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The signing jobs ({@code drydock sign}, {@code drydock verify}, {@code scan --verify-key}) over drydock-signing:
 * the engine resolves the target to a {@link dev.drydock.signing.SignatureStore} and an image; front ends see only
 * the records here. Targets: {@code oci-dir:DIR[:TAG]} or an OCI layout directory. Registry images come with the
 * registry client (its store implements the same {@code SignatureStore}).
 */
public final class Signing {
  private Signing() {}

  /**
   * {@code drydock sign}.
   *
   * @param target {@code oci-dir:DIR[:TAG]} or a layout directory
   * @param key the private key file (PKCS#8, SEC 1, encrypted PKCS#8, or cosign's encrypted key)
   * @param password asked only when the key is encrypted; may return null (then an encrypted key is refused)
   * @param annotations {@code k=v} pairs recorded in the payload's {@code optional}
   * @param referrer write an OCI 1.1 referrer instead of the {@code sha256-<hex>.sig} tag
   * @param dockerReference the reference recorded as {@code critical.identity.docker-reference} (may be null)
   */
  public record SignRequest(String target, Path key, Supplier<char[]> password, List<String> annotations,
      boolean referrer, String dockerReference) {
    public SignRequest {
      annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }
  }

  /** What {@code drydock sign} wrote: the image's digest, and where its signature now is. */
  public record Signed(String image, String imageDigest, String location, String manifestDigest, String signature) {}

  /**
   * {@code drydock verify}.
   *
   * @param keys public key files (PEM); one of them must have signed
   * @param annotations {@code k=v} pairs every accepted signature's payload must carry
   */
  public record VerifyRequest(String target, List<Path> keys, List<String> annotations, List<Path> trustStores) {
    public VerifyRequest {
      keys = keys == null ? List.of() : List.copyOf(keys);
      annotations = annotations == null ? List.of() : List.copyOf(annotations);
      trustStores = trustStores == null ? List.of() : List.copyOf(trustStores);
    }

    /** cosign keys only. */
    public VerifyRequest(String target, List<Path> keys, List<String> annotations) {
      this(target, keys, annotations, List.of());
    }
  }

  /** An image located in a layout: its store and descriptor, and how to name it in messages. */
  private record Located(OciLayoutStore store, Descriptor image, String name) {}

  static Signed sign(SignRequest r) {
    Map<String, String> annotations = Cosign.annotations(r.annotations());
    PrivateKey key = Keys.privateKey(r.key(), r.password());
    Located l = locate(r.target());
    Cosign.Signed s = Cosign.sign(l.store(), l.image(), r.dockerReference() == null ? "" : r.dockerReference(),
        annotations, key, r.referrer() ? Cosign.Placement.REFERRER : Cosign.Placement.TAG);
    String where = s.tag() != null ? "tag " + s.tag() : "referrer " + s.manifest().digest();
    return new Signed(l.name(), l.image().digest(), where, s.manifest().digest(), s.signature());
  }

  /**
   * cosign signatures against {@code keys} and/or Notation signatures against {@code trustStores}: verified when
   * either verifies; otherwise the reasons of both.
   */
  static SignatureCheck verify(VerifyRequest r) {
    if (r.keys().isEmpty() && r.trustStores().isEmpty()) {
      throw new DrydockException("no key to verify with (give --key FILE, or --trust-store FILE for Notation)");
    }
    Map<String, String> annotations = Cosign.annotations(r.annotations());
    List<Keys.NamedKey> keys = new ArrayList<>();
    r.keys().forEach(k -> keys.addAll(Keys.publicKeys(k)));
    List<java.security.cert.X509Certificate> trusted = new ArrayList<>();
    r.trustStores().forEach(t -> trusted.addAll(dev.drydock.signing.Notation.trustStore(t)));
    Located l = locate(r.target());
    Verification cosign = keys.isEmpty() ? null : Cosign.verify(l.store(), l.image(), keys, annotations);
    if (cosign != null && cosign.verified() || trusted.isEmpty()) {
      return check(cosign);
    }
    if (!annotations.isEmpty()) {
      throw new DrydockException("--annotation applies to cosign signatures only (Notation payload annotations are"
          + " not checked)");
    }
    Verification notation = dev.drydock.signing.Notation.verify(l.store(), l.image(), trusted, java.time.Instant.now());
    if (notation.verified() || cosign == null) {
      return check(notation);
    }
    return new SignatureCheck(false, cosign.imageDigest(), null, null, "cosign: " + cosign.reason() + "; notation: "
        + notation.reason(), cosign.keys());
  }

  private static SignatureCheck check(Verification v) {
    return new SignatureCheck(v.verified(), v.imageDigest(), v.signedBy(), v.via(), v.reason(), v.keys());
  }

  /**
   * The signature check of a scanned target ({@code scan --verify-key}): an OCI layout is verified; any other
   * target cannot carry a cosign signature and is recorded as not verified (fail closed), as is a layout whose
   * image cannot be told (several images and no tag). Bad keys are bad input.
   */
  static SignatureCheck verifyScanned(Path target, List<Path> keyFiles, List<String> annotations) {
    List<Keys.NamedKey> keys = new ArrayList<>();
    keyFiles.forEach(k -> keys.addAll(Keys.publicKeys(k)));
    List<String> fingerprints = keys.stream().map(Keys.NamedKey::fingerprint).toList();
    Map<String, String> required = Cosign.annotations(annotations);
    if (!isLayout(target)) {
      return new SignatureCheck(false, null, null, null, target + " is not an OCI image layout: it cannot carry a"
          + " cosign signature (sign and scan the image as oci-dir:DIR)", fingerprints);
    }
    OciLayoutStore store = OciLayoutStore.open(target);
    Descriptor image;
    try {
      image = store.image(null);
    } catch (DrydockException e) {
      return new SignatureCheck(false, null, null, null, "cannot tell which image to verify: " + e.getMessage(),
          fingerprints);
    }
    Verification v = Cosign.verify(store, image, keys, required);
    return new SignatureCheck(v.verified(), v.imageDigest(), v.signedBy(), v.via(), v.reason(), v.keys());
  }

  private static boolean isLayout(Path dir) {
    return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("oci-layout"));
  }

  /** {@code oci-dir:DIR[:TAG]} or a layout directory, opened, with its image. */
  private static Located locate(String target) {
    if (target == null || target.isBlank()) {
      throw new DrydockException("no image given (expected oci-dir:DIR[:TAG])");
    }
    String rest;
    if (target.startsWith("oci-dir:")) {
      rest = target.substring("oci-dir:".length());
    } else if (Files.isDirectory(Path.of(target))) {
      rest = target;
    } else if (!target.startsWith("/") && !target.startsWith(".") && !Files.exists(Path.of(target))) {
      // an image reference (nginx:1.25, host/repo@sha256:...) or another scheme (registry:, docker-archive:, ...)
      throw new DrydockException("cannot sign or verify " + target + " yet: only OCI image layouts are supported"
          + " (copy the image with 'skopeo copy docker://REF oci:DIR:TAG' and name it oci-dir:DIR:TAG)");
    } else {
      throw new DrydockException(target + ": no such directory (expected oci-dir:DIR[:TAG])");
    }
    Path dir = Path.of(rest);
    String tag = null;
    if (!Files.isDirectory(dir)) {
      int colon = rest.lastIndexOf(':');
      if (colon > 0 && !rest.substring(colon + 1).contains("/")) {
        dir = Path.of(rest.substring(0, colon));
        tag = rest.substring(colon + 1);
      }
    }
    if (!Files.isDirectory(dir)) {
      throw new DrydockException(dir + ": no such directory (expected an OCI image layout)");
    }
    OciLayoutStore store = OciLayoutStore.open(dir);
    Descriptor image = store.image(tag);
    return new Located(store, image, dir + (tag == null ? "" : ":" + tag) + "@" + image.digest());
  }
}
