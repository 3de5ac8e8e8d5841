package dev.drydock.analyzers.lang.java;

import java.util.Map;

/**
 * Maven group ids of well-known projects whose jars often lack pom.properties (Spring Framework's
 * Gradle-built jars, OSGi bundles), keyed by Java package, OSGi symbolic name or module name prefix.
 * The longest prefix that ends at a '.' boundary wins, so {@code org.apache.commons.collections4} and
 * {@code org.apache.commons.collections} map to different groups.
 */
final class WellKnownGroups {
  private WellKnownGroups() {}

  private static final Map<String, String> PREFIXES = Map.ofEntries(
      Map.entry("org.springframework", "org.springframework"),
      Map.entry("org.springframework.boot", "org.springframework.boot"),
      Map.entry("org.springframework.security", "org.springframework.security"),
      Map.entry("org.springframework.data", "org.springframework.data"),
      Map.entry("org.springframework.cloud", "org.springframework.cloud"),
      Map.entry("org.springframework.batch", "org.springframework.batch"),
      Map.entry("org.springframework.integration", "org.springframework.integration"),
      Map.entry("org.springframework.kafka", "org.springframework.kafka"),
      Map.entry("org.springframework.amqp", "org.springframework.amqp"),
      Map.entry("org.springframework.session", "org.springframework.session"),
      Map.entry("org.springframework.retry", "org.springframework.retry"),
      Map.entry("org.springframework.hateoas", "org.springframework.hateoas"),
      Map.entry("org.springframework.ldap", "org.springframework.ldap"),
      Map.entry("org.springframework.ws", "org.springframework.ws"),
      Map.entry("com.fasterxml.jackson.core", "com.fasterxml.jackson.core"),
      Map.entry("com.fasterxml.jackson.databind", "com.fasterxml.jackson.core"),
      Map.entry("com.fasterxml.jackson.annotation", "com.fasterxml.jackson.core"),
      Map.entry("com.fasterxml.jackson.dataformat", "com.fasterxml.jackson.dataformat"),
      Map.entry("com.fasterxml.jackson.datatype", "com.fasterxml.jackson.datatype"),
      Map.entry("com.fasterxml.jackson.module", "com.fasterxml.jackson.module"),
      Map.entry("com.fasterxml.jackson.jaxrs", "com.fasterxml.jackson.jaxrs"),
      Map.entry("org.objectweb.asm", "org.ow2.asm"),
      Map.entry("org.apache.logging.log4j", "org.apache.logging.log4j"),
      Map.entry("org.apache.log4j", "log4j"),
      Map.entry("org.apache.commons", "org.apache.commons"),
      Map.entry("org.apache.commons.io", "commons-io"),
      Map.entry("org.apache.commons.codec", "commons-codec"),
      Map.entry("org.apache.commons.logging", "commons-logging"),
      Map.entry("org.apache.commons.beanutils", "commons-beanutils"),
      Map.entry("org.apache.commons.collections", "commons-collections"),
      Map.entry("org.apache.commons.lang", "commons-lang"),
      Map.entry("org.apache.commons.fileupload", "commons-fileupload"),
      Map.entry("org.apache.commons.cli", "commons-cli"),
      Map.entry("org.apache.commons.net", "commons-net"),
      Map.entry("org.apache.commons.dbcp", "commons-dbcp"),
      Map.entry("org.apache.commons.pool", "commons-pool"),
      Map.entry("org.apache.commons.digester", "commons-digester"),
      Map.entry("org.apache.commons.httpclient", "commons-httpclient"),
      Map.entry("org.yaml.snakeyaml", "org.yaml"),
      Map.entry("com.google.common", "com.google.guava"),
      Map.entry("com.google.gson", "com.google.code.gson"),
      Map.entry("com.google.protobuf", "com.google.protobuf"),
      Map.entry("io.netty", "io.netty"),
      Map.entry("org.slf4j", "org.slf4j"),
      Map.entry("ch.qos.logback", "ch.qos.logback"),
      Map.entry("org.eclipse.jetty", "org.eclipse.jetty"),
      Map.entry("io.undertow", "io.undertow"),
      Map.entry("org.apache.struts2", "org.apache.struts"),
      Map.entry("org.apache.http", "org.apache.httpcomponents"),
      Map.entry("com.thoughtworks.xstream", "com.thoughtworks.xstream"),
      Map.entry("org.bouncycastle", "org.bouncycastle"),
      Map.entry("org.h2", "com.h2database"),
      Map.entry("org.postgresql", "org.postgresql"),
      Map.entry("org.apache.shiro", "org.apache.shiro"));

  /**
   * The group for a dotted name, or null. Java module names of Spring projects ({@code spring.core},
   * {@code spring.boot.autoconfigure}) are read as {@code org.springframework.*}.
   */
  static String lookup(String dottedName) {
    if (dottedName == null || dottedName.isBlank()) {
      return null;
    }
    String name = dottedName.trim();
    if (name.startsWith("spring.")) {
      name = "org.springframework." + name.substring("spring.".length());
    }
    String candidate = name;
    while (true) {
      String group = PREFIXES.get(candidate);
      if (group != null) {
        return group;
      }
      int dot = candidate.lastIndexOf('.');
      if (dot < 0) {
        return null;
      }
      candidate = candidate.substring(0, dot);
    }
  }
}
