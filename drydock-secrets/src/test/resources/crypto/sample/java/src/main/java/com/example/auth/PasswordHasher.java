package com.example.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.commons.codec.digest.DigestUtils;

/** Legacy password hashing kept for old accounts. */
public final class PasswordHasher {
  private final String algorithm;

  public PasswordHasher(String algorithm) {
    this.algorithm = algorithm;
  }

  /** Hashes a password the old way (MessageDigest.getInstance("MD5") in v1 - see the migration notes). */
  public byte[] legacy(String password) throws NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("MD5");
    return md.digest(password.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] configured(String password) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance(algorithm).digest(password.getBytes(StandardCharsets.UTF_8));
  }

  public String fingerprint(byte[] data) {
    return DigestUtils.sha1Hex(data);
  }

  public String etag(byte[] body) {
    return DigestUtils.md5Hex(body); // drydock:allow HTTP ETag, not security
  }

  public byte[] modern(byte[] data) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
