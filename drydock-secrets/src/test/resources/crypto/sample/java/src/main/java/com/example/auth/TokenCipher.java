package com.example.auth;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

final class TokenCipher {
  private static final SecureRandom RANDOM = new SecureRandom();

  byte[] sealLegacy(SecretKey key, byte[] token) throws Exception {
    Cipher cipher = Cipher.getInstance("AES");
    cipher.init(Cipher.ENCRYPT_MODE, key);
    return cipher.doFinal(token);
  }

  byte[] sealOld(SecretKey key, byte[] token) throws Exception {
    Cipher cipher = Cipher.getInstance("DESede/CBC/PKCS5Padding");
    cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec("12345678".getBytes(StandardCharsets.UTF_8)));
    return cipher.doFinal(token);
  }

  byte[] seal(SecretKey key, byte[] token) throws Exception {
    byte[] iv = new byte[12];
    RANDOM.nextBytes(iv);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
    return cipher.doFinal(token);
  }

  KeyPair signingKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    return generator.generateKeyPair();
  }

  Connection audit() throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://audit-db/audit", "auditor", "not-a-real-password");
  }

  Connection reports() throws Exception {
    return DriverManager.getConnection(System.getenv("REPORTS_URL"), "reports", System.getenv("REPORTS_PASSWORD"));
  }
}
