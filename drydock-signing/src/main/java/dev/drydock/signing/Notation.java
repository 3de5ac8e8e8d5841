package dev.drydock.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.DrydockException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Notary Project (Notation) signatures in the JWS envelope, verified against an X.509 trust store: what the
 * Notary Project specification calls the integrity and authenticity checks, with the trust policy fixed to
 * {@code registryScopes: ["*"]}, {@code trustedIdentities: ["*"]} and one {@code ca} trust store, and the expiry
 * and certificate validity enforced. Not done (docs/signing.md says so): revocation (OCSP/CRL, needs the
 * network), RFC 3161 timestamp countersignatures, the {@code notary.x509.signingAuthority} scheme, trust policy
 * documents with scopes and identities, verification plugins, COSE envelopes.
 *
 * <p>A signature is an OCI 1.1 referrer of the image with {@code artifactType} {@value #ARTIFACT_TYPE}; its layer
 * ({@value #JWS}) is a flattened JWS JSON serialization: base64url {@code protected} header and {@code payload},
 * the unprotected {@code header.x5c} certificate chain (leaf first, standard base64 DER), and the base64url
 * {@code signature} over {@code ASCII(protected "." payload)}.
 */
public final class Notation {
  public static final String ARTIFACT_TYPE = "application/vnd.cncf.notary.signature";
  public static final String JWS = "application/jose+json";
  public static final String PAYLOAD_TYPE = "application/vnd.cncf.notary.payload.v1+json";
  static final String SIGNING_SCHEME = "io.cncf.notary.signingScheme";
  static final String SIGNING_TIME = "io.cncf.notary.signingTime";
  static final String EXPIRY = "io.cncf.notary.expiry";
  /** Critical headers drydock understands; any other in {@code crit} fails verification, as the spec requires. */
  static final Set<String> UNDERSTOOD = Set.of(SIGNING_SCHEME, EXPIRY);
  static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
  static final int MAX_CHAIN = 10;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Notation() {}

  /** What one envelope says when it verifies: the signed artifact's digest and the signer's subject. */
  public record Envelope(String targetDigest, long targetSize, String signer) {}

  /** Thrown inside verification: one line saying why the envelope does not verify. */
  static final class NotVerified extends Exception {
    private static final long serialVersionUID = 1L;

    NotVerified(String why) {
      super(why, null, false, false);
    }
  }

  /** The certificates of a PEM file (a trust store); bad input when there are none. */
  public static List<X509Certificate> trustStore(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> out = new ArrayList<>();
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new DrydockException(file + ": no certificate (expected PEM -----BEGIN CERTIFICATE----- blocks)");
      }
      return out;
    } catch (IOException | CertificateException e) {
      throw new DrydockException(file + ": cannot read certificates (" + Keys.firstLine(e) + ")");
    }
  }

  /**
   * Verifies one JWS envelope against {@code trusted} at {@code now}.
   *
   * @return what it signed
   * @throws NotVerified with one line saying why not
   */
  static Envelope verifyEnvelope(byte[] envelope, List<X509Certificate> trusted, Instant now) throws NotVerified {
    JsonNode root;
    try {
      root = JSON.readTree(envelope);
    } catch (IOException e) {
      throw new NotVerified("the envelope is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new NotVerified("the envelope is not a JWS JSON object");
    }
    String protectedB64 = root.path("protected").asText(null);
    String payloadB64 = root.path("payload").asText(null);
    String signatureB64 = root.path("signature").asText(null);
    if (protectedB64 == null || payloadB64 == null || signatureB64 == null) {
      throw new NotVerified("the envelope lacks protected, payload or signature");
    }
    JsonNode header = json(base64url(protectedB64, "protected header"), "protected header");
    String alg = header.path("alg").asText("");
    if (!PAYLOAD_TYPE.equals(header.path("cty").asText(null))) {
      throw new NotVerified("protected header cty is '" + header.path("cty").asText("") + "' (expected "
          + PAYLOAD_TYPE + ")");
    }
    JsonNode crit = header.path("crit");
    if (!crit.isArray()) {
      throw new NotVerified("protected header has no crit list");
    }
    boolean schemeCritical = false;
    for (JsonNode c : crit) {
      String name = c.asText();
      if (!UNDERSTOOD.contains(name)) {
        throw new NotVerified("critical header " + name + " is not understood (a verification plugin or an extension"
            + " drydock does not implement)");
      }
      if (!header.has(name)) {
        throw new NotVerified("critical header " + name + " is listed in crit but absent");
      }
      schemeCritical |= name.equals(SIGNING_SCHEME);
    }
    String scheme = header.path(SIGNING_SCHEME).asText(null);
    if (!schemeCritical || !"notary.x509".equals(scheme)) {
      throw new NotVerified("signing scheme " + scheme + " is not supported (expected critical notary.x509;"
          + " notary.x509.signingAuthority needs timestamping, not implemented)");
    }
    Instant signingTime = time(header, SIGNING_TIME);
    if (signingTime == null) {
      throw new NotVerified("protected header has no " + SIGNING_TIME);
    }
    Instant expiry = time(header, EXPIRY);
    if (expiry != null && now.isAfter(expiry)) {
      throw new NotVerified("the signature expired at " + expiry);
    }

    // the chain: leaf first, each certificate signed by the next, the last one self-signed
    List<X509Certificate> chain = chain(root.path("header").path("x5c"));
    X509Certificate leaf = chain.get(0);
    byte[] signingInput = (protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII);
    if (!validSignature(alg, leaf.getPublicKey(), signingInput, base64url(signatureB64, "signature"))) {
      throw new NotVerified("the JWS signature does not verify with the signing certificate's key (the payload or"
          + " header was changed after signing)");
    }
    checkChain(chain, now);
    boolean trustedChain = false;
    for (X509Certificate c : chain) {
      trustedChain |= trusted.stream().anyMatch(t -> t.equals(c));
    }
    if (!trustedChain) {
      throw new NotVerified("the signing certificate " + leaf.getSubjectX500Principal().getName()
          + " does not chain to a certificate of the trust store");
    }

    JsonNode target = json(base64url(payloadB64, "payload"), "payload").path("targetArtifact");
    String digest = target.path("digest").asText(null);
    if (digest == null) {
      throw new NotVerified("the payload has no targetArtifact.digest");
    }
    return new Envelope(digest, target.path("size").asLong(-1), leaf.getSubjectX500Principal().getName());
  }

  /**
   * Verifies the Notation signatures of {@code image} in {@code store}: verified when one referrer of type
   * {@value #ARTIFACT_TYPE} holds a JWS envelope that verifies against the trust store and whose
   * {@code targetArtifact} digest (and size, when known) is the image's. The outcome's {@code signedBy} is the
   * signing certificate's subject.
   */
  public static Verification verify(SignatureStore store, Descriptor image, List<X509Certificate> trusted,
      Instant now) {
    String digest = image.digest();
    List<String> anchors = trusted.stream().map(c -> c.getSubjectX500Principal().getName()).toList();
    String reason = null;
    int seen = 0;
    for (Descriptor r : store.referrers(digest)) {
      if (!ARTIFACT_TYPE.equals(r.artifactType())) {
        continue;
      }
      Optional<byte[]> manifest = store.read(r.digest());
      if (manifest.isEmpty() || !Sha256.digest(manifest.get()).equals(r.digest())) {
        reason = "the Notation signature manifest " + r.digest() + " is missing or does not match its digest";
        continue;
      }
      JsonNode m;
      try {
        m = JSON.readTree(manifest.get());
      } catch (IOException e) {
        reason = "the Notation signature manifest " + r.digest() + " is not JSON";
        continue;
      }
      for (JsonNode layer : m.path("layers")) {
        if (!JWS.equals(layer.path("mediaType").asText())) {
          continue;
        }
        seen++;
        String blob = layer.path("digest").asText(null);
        Optional<byte[]> envelope = Descriptor.validDigest(blob) ? store.read(blob) : Optional.empty();
        if (envelope.isEmpty() || !Sha256.digest(envelope.get()).equals(blob)) {
          reason = "the JWS envelope " + blob + " is missing or does not match its digest";
          continue;
        }
        try {
          Envelope e = verifyEnvelope(envelope.get(), trusted, now);
          if (!digest.equals(e.targetDigest()) || image.size() > 0 && e.targetSize() >= 0
              && e.targetSize() != image.size()) {
            reason = "signature is for another artifact: its payload names " + e.targetDigest() + ", the image is "
                + digest;
            continue;
          }
          return new Verification(true, digest, e.signer(), "notation referrer " + r.digest(), null, anchors, seen);
        } catch (NotVerified n) {
          reason = "Notation signature in referrer " + r.digest() + ": " + n.getMessage();
        }
      }
    }
    if (reason == null) {
      reason = "no Notation signature for " + digest + " (no referrer of type " + ARTIFACT_TYPE + " in "
          + store.location() + ")";
    }
    return new Verification(false, digest, null, null, reason, anchors, seen);
  }

  private static List<X509Certificate> chain(JsonNode x5c) throws NotVerified {
    if (!x5c.isArray() || x5c.isEmpty()) {
      throw new NotVerified("the envelope has no x5c certificate chain");
    }
    if (x5c.size() > MAX_CHAIN) {
      throw new NotVerified("the x5c chain has more than " + MAX_CHAIN + " certificates");
    }
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      for (JsonNode c : x5c) {
        chain.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(
            Base64.getDecoder().decode(c.asText()))));
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw new NotVerified("an x5c certificate is malformed (" + Keys.firstLine(e) + ")");
    }
    return chain;
  }

  /** The Notary Project certificate profile, checked at {@code now} (no revocation: docs/signing.md). */
  private static void checkChain(List<X509Certificate> chain, Instant now) throws NotVerified {
    Date at = Date.from(now);
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate c = chain.get(i);
      String name = c.getSubjectX500Principal().getName();
      try {
        c.checkValidity(at);
      } catch (CertificateException e) {
        throw new NotVerified("certificate " + name + " is not valid at " + now + " (valid " + c.getNotBefore()
            .toInstant() + " to " + c.getNotAfter().toInstant() + ")");
      }
      X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : c;
      if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
        throw new NotVerified("certificate " + name + " is not issued by the next one of the chain");
      }
      try {
        c.verify(issuer.getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new NotVerified("certificate " + name + " is not signed by " + (issuer == c ? "itself (the chain does"
            + " not end in a root)" : issuer.getSubjectX500Principal().getName()));
      }
      boolean[] usage = c.getKeyUsage();
      if (i == 0) {
        if (usage == null || !usage[0]) {
          throw new NotVerified("the signing certificate " + name + " lacks the digitalSignature key usage");
        }
        try {
          List<String> eku = c.getExtendedKeyUsage();
          if (eku != null && !eku.contains(CODE_SIGNING)) {
            throw new NotVerified("the signing certificate " + name + " is not for code signing (extended key usage)");
          }
        } catch (java.security.cert.CertificateParsingException e) {
          throw new NotVerified("the signing certificate's extended key usage is malformed");
        }
        if (chain.size() > 1 && c.getBasicConstraints() >= 0) {
          throw new NotVerified("the signing certificate " + name + " is a CA certificate");
        }
      } else {
        if (c.getBasicConstraints() < 0 || usage == null || !usage[5]) {
          throw new NotVerified("certificate " + name + " of the chain is not a CA (basicConstraints, keyCertSign)");
        }
      }
    }
  }

  /** The JWS algorithms the Notary Project allows, matched to the key: PS256/384/512, ES256/384/512. */
  static boolean validSignature(String alg, PublicKey key, byte[] input, byte[] signature) throws NotVerified {
    try {
      Signature s;
      switch (alg) {
        case "PS256", "PS384", "PS512" -> {
          if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < 2048) {
            throw new NotVerified("alg " + alg + " needs an RSA key of at least 2048 bits");
          }
          String hash = "SHA-" + alg.substring(2);
          int salt = Integer.parseInt(alg.substring(2)) / 8;
          s = Signature.getInstance("RSASSA-PSS");
          s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), salt, 1));
        }
        case "ES256", "ES384", "ES512" -> {
          int bits = key instanceof ECPublicKey ec ? ec.getParams().getCurve().getField().getFieldSize() : -1;
          int expected = switch (alg) {
            case "ES256" -> 256;
            case "ES384" -> 384;
            default -> 521;
          };
          if (bits != expected) {
            throw new NotVerified("alg " + alg + " needs an EC key on the " + expected + "-bit curve");
          }
          s = Signature.getInstance("SHA" + alg.substring(2) + "withECDSAinP1363Format");
        }
        default -> throw new NotVerified("alg '" + alg + "' is not allowed (expected PS256/384/512 or ES256/384/512)");
      }
      s.initVerify(key);
      s.update(input);
      return s.verify(signature);
    } catch (java.security.SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new NotVerified("cannot check alg " + alg + " (" + Keys.firstLine(e) + ")");
    }
  }

  private static byte[] base64url(String s, String what) throws NotVerified {
    try {
      return Base64.getUrlDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new NotVerified("the " + what + " is not base64url");
    }
  }

  private static JsonNode json(byte[] bytes, String what) throws NotVerified {
    try {
      JsonNode n = JSON.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw new NotVerified("the " + what + " is not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new NotVerified("the " + what + " is not JSON");
    }
  }

  private static Instant time(JsonNode header, String name) throws NotVerified {
    if (!header.has(name)) {
      return null;
    }
    try {
      return OffsetDateTime.parse(header.get(name).asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw new NotVerified(name + " is not an RFC 3339 time");
    }
  }
}
