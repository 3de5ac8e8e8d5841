package dev.drydock.server;

import dev.drydock.model.DrydockException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * API bearer tokens. A token is 32 random bytes ({@code ddk_} + base64url), shown once when created; the store keeps
 * only its SHA-256 (a fast hash is enough for 256-bit random secrets: there is nothing to guess from a dictionary).
 * Scopes are ordered: {@code read} lists and fetches, {@code scan} also submits scans, {@code admin} also manages
 * baselines.
 */
final class Tokens {
  enum Scope {
    READ, SCAN, ADMIN;

    static Scope parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new DrydockException("unknown token scope '" + s + "' (expected read, scan or admin)");
      }
    }

    boolean allows(Scope needed) {
      return compareTo(needed) >= 0;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  record Caller(String tokenId, String name, Scope scope) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Database db;

  Tokens(Database db) {
    this.db = db;
  }

  /** Creates a token and returns it in plain text (the only time it exists so). */
  String create(Scope scope, String name) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = "ddk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO tokens(id, hash, scope, name, created_at) VALUES (?,?,?,?,?)")) {
      ps.setString(1, UUID.randomUUID().toString());
      ps.setString(2, hash(token));
      ps.setString(3, scope.label());
      ps.setString(4, name == null ? "" : name);
      ps.setLong(5, System.currentTimeMillis());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw db.failure("store a token", e);
    }
    return token;
  }

  /** The caller a bearer token belongs to, if it is one of ours. */
  Optional<Caller> check(String token) {
    if (token == null || !token.startsWith("ddk_") || token.length() > 200) {
      return Optional.empty();
    }
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT id, name, scope FROM tokens WHERE hash=?")) {
      ps.setString(1, hash(token));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Caller(rs.getString(1), rs.getString(2), Scope.parse(rs.getString(3))))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw db.failure("read tokens", e);
    }
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
