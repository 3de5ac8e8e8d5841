package dev.drydock.engine;

import dev.drydock.model.DrydockException;
import dev.drydock.model.SignatureCheck;
import dev.drydock.model.targets.ImageReference;
import dev.drydock.model.targets.ScanTarget;
import dev.drydock.registry.RegistryClient;
import dev.drydock.signing.Cosign;
import dev.drydock.signing.Descriptor;
import dev.drydock.signing.Keys;
import dev.drydock.signing.OciLayoutStore;
import dev.drydock.signing.SignatureStore;
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
 * the records here. Targets: {@code oci-dir:DIR[:TAG]} or an OCI layout directory ({@link OciLayoutStore}), and
 * {@code registry:REF} or a bare image reference ({@link RegistrySignatureStore}: cosign's {@code .sig} tag and
 * OCI 1.1 referrers, with the referrers tag for registries without the API).
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
   * @param dockerReference the reference recorded as {@code critical.identity.docker-reference} (may be null: the
   *     repository of a registry image, as cosign records it; empty for a layout)
   * @param registry how to reach the registry of a registry image (null: defaults)
   */
  public record SignRequest(String target, Path key, Supplier<char[]> password, List<String> annotations,
      boolean referrer, String dockerReference, RegistryAccess registry) {
    public SignRequest {
      annotations = annotations == null ? List.of() : List.copyOf(annotations);
      registry = registry == null ? RegistryAccess.defaults() : registry;
    }

    /** With the default registry access. */
    public SignRequest(String target, Path key, Supplier<char[]> password, List<String> annotations,
        boolean referrer, String dockerReference) {
      this(target, key, password, annotations, referrer, dockerReference, null);
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
  public record VerifyRequest(String target, List<Path> keys, List<String> annotations, List<Path> trustStores,
      RegistryAccess registry) {
    public VerifyRequest {
      keys = keys == null ? List.of() : List.copyOf(keys);
      annotations = annotations == null ? List.of() : List.copyOf(annotations);
      trustStores = trustStores == null ? List.of() : List.copyOf(trustStores);
      registry = registry == null ? RegistryAccess.defaults() : registry;
    }

    /** With the default registry access. */
    public VerifyRequest(String target, List<Path> keys, List<String> annotations, List<Path> trustStores) {
      this(target, keys, annotations, trustStores, null);
    }

    /** cosign keys only. */
    public VerifyRequest(String target, List<Path> keys, List<String> annotations) {
      this(target, keys, annotations, List.of());
    }
  }

  /**
   * An image located in a layout or a registry: its store and descriptor, how to name it in messages, and the
   * docker-reference cosign would record for it.
   */
  private record Located(SignatureStore store, Descriptor image, String name, String dockerReference) {}

  static Signed sign(SignRequest r) {
    Map<String, String> annotations = Cosign.annotations(r.annotations());
    PrivateKey key = Keys.privateKey(r.key(), r.password());
    Located l = locate(r.target(), r.registry());
    Cosign.Signed s = Cosign.sign(l.store(), l.image(), r.dockerReference() == null ? l.dockerReference()
        : r.dockerReference(),
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
    Located l = locate(r.target(), r.registry());
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
   * The signature check of a scanned target ({@code scan --verify-key}): an OCI layout (its tag, or its one image)
   * and a registry image (the manifest or index its reference names, as cosign verifies it) are verified; any
   * other target cannot carry a cosign signature and is recorded as not verified (fail closed), as is a layout
   * whose image cannot be told, or a registry whose signature could not be read (a signature manifest or payload
   * that does not match its digest, a registry that fails): the reason says which. Bad keys are bad input.
   */
  static SignatureCheck verifyScanned(ScanTarget typed, RegistryAccess registry, List<Path> keyFiles,
      List<String> annotations) {
    return verifyScanned(typed, registry, keyFiles, annotations, null);
  }

  /**
   * @param scanned the manifest digest the scan read (its result's {@code target.manifestDigest}), or null: a
   *     registry image whose reference now names another image (a tag moved between the scan and the check) is
   *     recorded as not verified, since the signature checked would not be that of the image scanned
   */
  static SignatureCheck verifyScanned(ScanTarget typed, RegistryAccess registry, List<Path> keyFiles,
      List<String> annotations, String scanned) {
    List<Keys.NamedKey> keys = new ArrayList<>();
    keyFiles.forEach(k -> keys.addAll(Keys.publicKeys(k)));
    List<String> fingerprints = keys.stream().map(Keys.NamedKey::fingerprint).toList();
    Map<String, String> required = Cosign.annotations(annotations);
    SignatureStore store;
    Descriptor image;
    if (typed instanceof ScanTarget.RegistryImage ri) {
      try {
        RegistrySignatureStore rs = registryStore(ri.reference(), registry);
        store = rs;
        image = rs.image(reference(ri.reference()));
        if (scanned != null && !rs.covers(image, scanned)) {
          return new SignatureCheck(false, image.digest(), null, null, ri.reference() + " now names " + image.digest()
              + ", which is not the image scanned (" + scanned + "): the tag moved during the scan; scan again, or"
              + " scan by digest", fingerprints);
        }
        Verification v = Cosign.verify(store, image, keys, required);
        return new SignatureCheck(v.verified(), v.imageDigest(), v.signedBy(), v.via(), v.reason(), v.keys());
      } catch (DrydockException e) {
        return new SignatureCheck(false, null, null, null, "cannot read the signatures of " + ri.reference() + ": "
            + e.getMessage(), fingerprints);
      }
    }
    Path target = typed instanceof ScanTarget.OciLayout o ? o.dir() : Path.of(typed.display());
    String tag = typed instanceof ScanTarget.OciLayout o ? o.tag() : null;
    if (!isLayout(target)) {
      return new SignatureCheck(false, null, null, null, target + " is not an OCI image layout or a registry image:"
          + " it cannot carry a cosign signature (sign and scan the image as oci-dir:DIR or registry:REF)",
          fingerprints);
    }
    store = OciLayoutStore.open(target);
    try {
      image = ((OciLayoutStore) store).image(tag);
    } catch (DrydockException e) {
      return new SignatureCheck(false, null, null, null, "cannot tell which image to verify: " + e.getMessage(),
          fingerprints);
    }
    Verification v = Cosign.verify(store, image, keys, required);
    return new SignatureCheck(v.verified(), v.imageDigest(), v.signedBy(), v.via(), v.reason(), v.keys());
  }

  /**
   * The cosign signature check of the manifest {@code digest} in {@code host/repository} ({@code db update --from
   * --verify-key}: the published store), through {@code client}; keys that cannot be read are bad input.
   */
  static Verification verifyDigest(RegistryClient client, String host, String repository, String digest,
      List<Path> keyFiles) {
    List<Keys.NamedKey> keys = new ArrayList<>();
    keyFiles.forEach(k -> keys.addAll(Keys.publicKeys(k)));
    RegistrySignatureStore store = new RegistrySignatureStore(client, host, repository);
    return Cosign.verify(store, store.image(digest), keys, Map.of());
  }

  private static RegistrySignatureStore registryStore(ImageReference ref, RegistryAccess registry) {
    RegistryClient client = new RegistryClient((registry == null ? RegistryAccess.defaults() : registry).options());
    return new RegistrySignatureStore(client, ref.registry(), ref.repository());
  }

  /** The tag or digest a reference names (a digest wins: it is what the user pinned). */
  private static String reference(ImageReference ref) {
    return ref.digest() != null ? ref.digest().toString() : ref.tag() != null ? ref.tag() : "latest";
  }

  private static boolean isLayout(Path dir) {
    return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("oci-layout"));
  }

  /**
   * {@code registry:REF} or a bare image reference (an image in a registry), or {@code oci-dir:DIR[:TAG]} or a
   * layout directory, opened, with its image.
   */
  private static Located locate(String target, RegistryAccess registry) {
    if (target == null || target.isBlank()) {
      throw new DrydockException("no image given (expected registry:REF, an image reference or oci-dir:DIR[:TAG])");
    }
    String rest;
    if (target.startsWith("registry:")) {
      return locateInRegistry(target, target.substring("registry:".length()), registry);
    } else if (target.startsWith("oci-dir:")) {
      rest = target.substring("oci-dir:".length());
    } else if (Files.isDirectory(Path.of(target))) {
      rest = target;
    } else if (!Targets.looksLikePath(target) && !Files.exists(Path.of(target))) {
      int colon = target.indexOf(':');
      String scheme = colon > 0 ? target.substring(0, colon) : "";
      if (List.of("docker", "podman", "containerd", "docker-archive", "oci-archive", "dir").contains(scheme)) {
        throw new DrydockException("cannot sign or verify " + target + ": signatures live in registries and OCI"
            + " layouts (push the image and name it registry:REF, or copy it with 'skopeo copy ... oci:DIR:TAG' and"
            + " name it oci-dir:DIR:TAG)");
      }
      return locateInRegistry(target, target, registry);
    } else {
      throw new DrydockException(target + ": no such directory (expected oci-dir:DIR[:TAG] or registry:REF)");
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
    return new Located(store, image, dir + (tag == null ? "" : ":" + tag) + "@" + image.digest(), "");
  }

  private static Located locateInRegistry(String target, String reference, RegistryAccess registry) {
    if (reference.isEmpty()) {
      throw new DrydockException(target + ": no image reference after the scheme");
    }
    ImageReference ref = ImageReference.parse(reference);
    RegistrySignatureStore store = registryStore(ref, registry);
    Descriptor image = store.image(reference(ref));
    return new Located(store, image, ref.name() + "@" + image.digest(), ref.name());
  }
}
