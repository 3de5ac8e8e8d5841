package dev.drydock.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cosign key-based signatures (sigstore/cosign {@code specs/SIGNATURE_SPEC.md}), on any {@link SignatureStore}.
 *
 * <p>A signature of the image with manifest digest {@code sha256:<hex>} is a layer of an OCI image manifest:
 * the layer's blob is the {@link SimpleSigning} payload (media type {@value #SIMPLE_SIGNING}) and its annotation
 * {@value #SIGNATURE_ANNOTATION} holds the base64 signature over the payload's bytes (ECDSA P-256 with SHA-256,
 * ASN.1 DER, for cosign's own keys). The manifest is found either under the tag {@code sha256-<hex>.sig} (the
 * tag scheme every registry supports) or as an OCI 1.1 referrer of the image (its {@code subject} is the image,
 * its {@code artifactType} {@value #ARTIFACT_TYPE}). {@link #verify} reads both; {@link #sign} writes either.
 *
 * <p>Nothing here does network I/O, and nothing contacts Rekor or Fulcio: keyless signatures (certificates,
 * transparency log bundles) are not verified.
 */
public final class Cosign {
  public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  public static final String ARTIFACT_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
  /** Signatures read from one image at most (a signature manifest with more layers is cut there). */
  static final int MAX_SIGNATURES = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where {@link #sign} puts the signature manifest. */
  public enum Placement {
    /** under the tag {@code sha256-<hex>.sig} (cosign's default; kept signatures are appended to) */
    TAG,
    /** as an OCI 1.1 referrer of the image (untagged manifest with {@code subject} and {@code artifactType}) */
    REFERRER
  }

  /**
   * What {@link #sign} wrote.
   *
   * @param payload the payload bytes
   * @param signature the base64 signature
   * @param manifest the signature manifest's descriptor (tag in its annotations for {@link Placement#TAG})
   * @param tag the tag ({@code sha256-<hex>.sig}) or null for a referrer
   */
  public record Signed(byte[] payload, String signature, Descriptor manifest, String tag) {}

  private Cosign() {}

  /** The tag cosign keeps an image's signatures under: {@code sha256-<hex>.sig}. */
  public static String signatureTag(String imageDigest) {
    if (!Descriptor.validDigest(imageDigest)) {
      throw new IllegalArgumentException("not a sha256 digest: " + imageDigest);
    }
    return imageDigest.replace(':', '-') + ".sig";
  }

  // ---------------------------------------------------------------- signing

  /**
   * Signs the image {@code image} of {@code store}: writes the payload blob, the signature manifest (and, for
   * {@link Placement#TAG}, its config) and points the tag at it. With the tag placement, signatures already
   * under the tag are kept and this one is appended, as cosign does.
   *
   * @param dockerReference the reference recorded in the payload (cosign records the repository the image was
   *     signed in, e.g. {@code registry.example/app}); may be empty
   */
  public static Signed sign(SignatureStore store, Descriptor image, String dockerReference,
      Map<String, String> annotations, PrivateKey key, Placement placement) {
    byte[] payload = SimpleSigning.payload(dockerReference, image.digest(), annotations);
    String signature = Base64.getEncoder().encodeToString(signBytes(payload, key));
    Descriptor payloadBlob = store.writeBlob(payload, SIMPLE_SIGNING);
    ObjectNode layer = JSON.createObjectNode();
    layer.put("mediaType", SIMPLE_SIGNING);
    layer.put("size", payloadBlob.size());
    layer.put("digest", payloadBlob.digest());
    layer.putObject("annotations").put(SIGNATURE_ANNOTATION, signature);
    List<JsonNode> layers = new ArrayList<>();
    if (placement == Placement.TAG) {
      String tag = signatureTag(image.digest());
      store.resolve(tag).flatMap(d -> store.read(d.digest())).ifPresent(old -> {
        try {
          JsonNode m = JSON.readTree(old);
          for (JsonNode l : m.path("layers")) {
            if (!l.equals(layer)) {
              layers.add(l); // earlier signatures stay
            }
          }
        } catch (IOException e) {
          throw new DrydockException(store.location() + ": the signature manifest under " + tag
              + " is not JSON; remove the tag or sign with --referrer");
        }
      });
      layers.add(layer);
      byte[] config = config(layers);
      Descriptor configBlob = store.writeBlob(config, OCI_CONFIG);
      ObjectNode manifest = manifest(configBlob, layers);
      Descriptor written = store.writeManifest(bytes(manifest), OCI_MANIFEST, null, tag);
      return new Signed(payload, signature, written, tag);
    }
    layers.add(layer);
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    Descriptor emptyBlob = store.writeBlob(empty, OCI_EMPTY);
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", OCI_MANIFEST);
    manifest.put("artifactType", ARTIFACT_TYPE);
    ObjectNode config = manifest.putObject("config");
    config.put("mediaType", OCI_EMPTY);
    config.put("size", emptyBlob.size());
    config.put("digest", emptyBlob.digest());
    config.put("data", Base64.getEncoder().encodeToString(empty));
    manifest.putArray("layers").addAll(layers);
    ObjectNode subject = manifest.putObject("subject");
    subject.put("mediaType", image.mediaType() == null ? OCI_MANIFEST : image.mediaType());
    subject.put("size", image.size());
    subject.put("digest", image.digest());
    Descriptor written = store.writeManifest(bytes(manifest), OCI_MANIFEST, ARTIFACT_TYPE, null);
    return new Signed(payload, signature, written, null);
  }

  /** The signature over {@code payload}: ECDSA with SHA-256 (ASN.1 DER), RSA PKCS#1 v1.5 with SHA-256, or Ed25519. */
  static byte[] signBytes(byte[] payload, PrivateKey key) {
    try {
      Signature s = Signature.getInstance(algorithm(key));
      s.initSign(key);
      s.update(payload);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new DrydockException("cannot sign with this " + key.getAlgorithm() + " key (" + e.getMessage() + ")");
    }
  }

  private static String algorithm(java.security.Key key) {
    return switch (key.getAlgorithm()) {
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new DrydockException("unsupported key algorithm " + key.getAlgorithm()
          + " (expected EC P-256, RSA or Ed25519)");
    };
  }

  /** The config cosign gives a signature image: an empty image config whose diff_ids are the payload digests. */
  private static byte[] config(List<JsonNode> layers) {
    ObjectNode c = JSON.createObjectNode();
    c.put("architecture", "");
    c.put("created", "0001-01-01T00:00:00Z");
    ArrayNode history = c.putArray("history");
    c.put("os", "");
    ObjectNode rootfs = c.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    for (JsonNode l : layers) {
      diffIds.add(l.path("digest").asText());
      history.addObject().put("created", "0001-01-01T00:00:00Z");
    }
    c.putObject("config");
    return bytes(c);
  }

  private static ObjectNode manifest(Descriptor config, List<JsonNode> layers) {
    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", OCI_MANIFEST);
    ObjectNode c = m.putObject("config");
    c.put("mediaType", OCI_CONFIG);
    c.put("size", config.size());
    c.put("digest", config.digest());
    m.putArray("layers").addAll(layers);
    return m;
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException("JSON trees always serialize", e);
    }
  }

  // ---------------------------------------------------------------- verification

  /** One signature layer found for the image, with where it was found. */
  private record Candidate(JsonNode layer, String via) {}

  /**
   * Verifies the signatures of {@code image} in {@code store} against {@code keys}: verified when one signature
   * layer (under the {@code .sig} tag or in a cosign referrer) has a payload blob matching its digest, a
   * signature valid for one of the keys over the payload's bytes, a payload of type {@value SimpleSigning#TYPE}
   * whose {@code docker-manifest-digest} is the image's digest, and every {@code required} annotation in its
   * {@code optional} part. Otherwise the outcome's reason names the check that failed furthest along.
   */
  public static Verification verify(SignatureStore store, Descriptor image, List<Keys.NamedKey> keys,
      Map<String, String> required) {
    List<String> fingerprints = keys.stream().map(Keys.NamedKey::fingerprint).toList();
    String digest = image.digest();
    List<String> problems = new ArrayList<>();
    List<Candidate> candidates = candidates(store, digest, problems);
    if (candidates.isEmpty() && !problems.isEmpty()) {
      return new Verification(false, digest, null, null, problems.get(0), fingerprints, 0);
    }
    if (candidates.isEmpty()) {
      return new Verification(false, digest, null, null, "no signature for " + digest + " (no tag "
          + signatureTag(digest) + " and no cosign referrer in " + store.location() + ")", fingerprints, 0);
    }
    // the reason of the candidate that got furthest: 1 blob, 2 signature, 3 payload, 4 digest, 5 annotations
    int best = problems.isEmpty() ? 0 : 1;
    String reason = problems.isEmpty() ? null : problems.get(0);
    for (Candidate c : candidates) {
      JsonNode layer = c.layer();
      String payloadDigest = layer.path("digest").asText(null);
      String sig = layer.path("annotations").path(SIGNATURE_ANNOTATION).asText(null);
      if (!Descriptor.validDigest(payloadDigest) || sig == null) {
        if (best < 1) {
          best = 1;
          reason = "signature layer in " + c.via() + " has no sha256 digest or no " + SIGNATURE_ANNOTATION
              + " annotation";
        }
        continue;
      }
      Optional<byte[]> payload = store.read(payloadDigest);
      if (payload.isEmpty() || !Sha256.digest(payload.get()).equals(payloadDigest)) {
        if (best < 1) {
          best = 1;
          reason = "payload " + payloadDigest + " in " + c.via() + (payload.isEmpty() ? " is missing"
              : " does not match its digest (the payload was changed after signing)");
        }
        continue;
      }
      byte[] signature;
      try {
        signature = Base64.getDecoder().decode(sig.trim());
      } catch (IllegalArgumentException e) {
        if (best < 1) {
          best = 1;
          reason = "signature in " + c.via() + " is not base64";
        }
        continue;
      }
      Keys.NamedKey signer = null;
      for (Keys.NamedKey k : keys) {
        if (valid(payload.get(), signature, k.key())) {
          signer = k;
          break;
        }
      }
      if (signer == null) {
        if (best < 2) {
          best = 2;
          reason = "signature in " + c.via() + " does not verify with " + (keys.size() == 1 ? "the key "
              + keys.get(0).source() : "any of the " + keys.size() + " keys") + " (signed with another key, or the"
              + " payload was changed after signing)";
        }
        continue;
      }
      SimpleSigning.Payload p = SimpleSigning.parse(payload.get());
      if (p == null || p.manifestDigest() == null) {
        if (best < 3) {
          best = 3;
          reason = "payload in " + c.via() + " is not a cosign simple-signing document (no"
              + " critical.image.docker-manifest-digest)";
        }
        continue;
      }
      if (!SimpleSigning.TYPE.equals(p.type())) {
        if (best < 3) {
          best = 3;
          reason = "payload in " + c.via() + " has type '" + p.type() + "' (expected '" + SimpleSigning.TYPE + "')";
        }
        continue;
      }
      if (!digest.equals(p.manifestDigest())) {
        if (best < 4) {
          best = 4;
          reason = "signature is for another image: its payload names " + p.manifestDigest() + ", the image is "
              + digest;
        }
        continue;
      }
      String missing = null;
      for (Map.Entry<String, String> a : required.entrySet()) {
        if (!a.getValue().equals(p.optional().get(a.getKey()))) {
          missing = a.getKey() + "=" + a.getValue();
          break;
        }
      }
      if (missing != null) {
        if (best < 5) {
          best = 5;
          reason = "annotation " + missing + " is not in the signed payload (it has " + (p.optional().isEmpty()
              ? "no annotations" : p.optional()) + ")";
        }
        continue;
      }
      return new Verification(true, digest, signer.fingerprint(), c.via(), null, fingerprints, candidates.size());
    }
    return new Verification(false, digest, null, null, reason, fingerprints, candidates.size());
  }

  /** Whether {@code signature} over {@code payload} is valid for {@code key}. */
  static boolean valid(byte[] payload, byte[] signature, PublicKey key) {
    try {
      Signature s = Signature.getInstance(algorithm(key));
      s.initVerify(key);
      s.update(payload);
      return s.verify(signature);
    } catch (java.security.SignatureException e) {
      return false; // not a well-formed signature for this key type: it does not verify
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * The signature layers of the image: under the .sig tag first, then in cosign referrers. A signature manifest
   * that is missing, does not match its digest or is not JSON adds no candidate and its problem to
   * {@code problems} (a tampered signature is not verified; it is not bad input).
   */
  private static List<Candidate> candidates(SignatureStore store, String digest, List<String> problems) {
    List<Candidate> out = new ArrayList<>();
    String tag = signatureTag(digest);
    Optional<Descriptor> tagged = store.resolve(tag);
    tagged.ifPresent(d -> layers(store, d, "tag " + tag, out, problems));
    for (Descriptor r : store.referrers(digest)) {
      if (ARTIFACT_TYPE.equals(r.artifactType()) || r.artifactType() == null) {
        layers(store, r, "referrer " + r.digest(), out, problems);
      }
    }
    return out;
  }

  private static void layers(SignatureStore store, Descriptor manifest, String via, List<Candidate> out,
      List<String> problems) {
    Optional<byte[]> bytes = store.read(manifest.digest());
    String problem = null;
    JsonNode m = null;
    if (bytes.isEmpty()) {
      problem = "is missing";
    } else if (!Sha256.digest(bytes.get()).equals(manifest.digest())) {
      problem = "does not match its digest (it was changed after it was written)";
    } else {
      try {
        m = JSON.readTree(bytes.get());
      } catch (IOException e) {
        problem = "is not JSON";
      }
    }
    if (problem != null || m == null) {
      problems.add("the signature manifest " + manifest.digest() + " (" + via + ") " + (problem == null
          ? "is empty" : problem));
      return;
    }
    for (JsonNode l : m.path("layers")) {
      if (SIMPLE_SIGNING.equals(l.path("mediaType").asText()) && out.size() < MAX_SIGNATURES) {
        out.add(new Candidate(l, via));
      }
    }
  }

  /** {@code k=v} strings as an ordered map. */
  public static Map<String, String> annotations(List<String> pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : pairs) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new DrydockException("annotation '" + p + "' (expected KEY=VALUE)");
      }
      out.put(p.substring(0, eq), p.substring(eq + 1));
    }
    return out;
  }
}
