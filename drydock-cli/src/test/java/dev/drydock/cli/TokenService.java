package dev.drydock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token service for docker-registry's {@code auth.token}, on the JDK's HttpServer: it checks HTTP Basic
 * credentials and issues RS256 JWTs for the scopes asked, signed with a key whose certificate is the registry's
 * {@code rootcertbundle}; the JWT's {@code kid} is the libtrust key id of that key (what distribution 2.8 looks
 * tokens' keys up by). Written from the distribution token specification.
 */
final class TokenService implements AutoCloseable {
  static final String SERVICE = "drydock-test-registry";
  static final String ISSUER = "drydock-test-issuer";
  private static final ObjectMapper JSON = new ObjectMapper();

  final HttpServer server;
  final AtomicInteger issued = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();
  private final PrivateKey key;
  private final String kid;
  private final String user;
  private final String password;

  TokenService(Path keyPem, Path certPem, String user, String password) throws Exception {
    this.user = user;
    this.password = password;
    String pem = Files.readString(keyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    PublicKey pub;
    try (var in = Files.newInputStream(certPem)) {
      pub = CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey();
    }
    this.kid = libtrustKeyId(pub);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", this::token);
    server.start();
  }

  String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** libtrust: sha256 of the PKIX DER public key, first 240 bits, base32, in groups of four joined by ':'. */
  static String libtrustKeyId(PublicKey pub) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(pub.getEncoded());
    String b32 = base32(java.util.Arrays.copyOf(hash, 30));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < b32.length(); i += 4) {
      out.append(i == 0 ? "" : ":").append(b32, i, i + 4);
    }
    return out.toString();
  }

  private static String base32(byte[] data) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }

  private void token(HttpExchange ex) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(auth)) {
      refused.incrementAndGet();
      ex.sendResponseHeaders(401, -1);
      ex.close();
      return;
    }
    try {
      ObjectNode claims = JSON.createObjectNode();
      long now = System.currentTimeMillis() / 1000;
      claims.put("iss", ISSUER).put("sub", user).put("aud", SERVICE).put("exp", now + 300).put("nbf", now - 10)
          .put("iat", now).put("jti", "t" + issued.get());
      ArrayNode access = claims.putArray("access");
      String query = ex.getRequestURI().getRawQuery();
      for (String kv : query == null ? new String[0] : query.split("&")) {
        if (kv.startsWith("scope=")) {
          String scope = URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8); // repository:NAME:ACTIONS
          String[] parts = scope.split(":");
          if (parts.length == 3) {
            ObjectNode a = access.addObject();
            a.put("type", parts[0]).put("name", parts[1]);
            ArrayNode actions = a.putArray("actions");
            for (String action : parts[2].split(",")) {
              actions.add(action);
            }
          }
        }
      }
      ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256").put("kid", kid);
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      String signingInput = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
          + b64.encodeToString(JSON.writeValueAsBytes(claims));
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      String jwt = signingInput + "." + b64.encodeToString(s.sign());
      byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("token", jwt).put("expires_in", 300));
      issued.incrementAndGet();
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    } catch (Exception e) {
      ex.sendResponseHeaders(500, -1);
      ex.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
