package dev.drydock.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.report.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.util.LicenseResolver;

/**
 * SPDX license expressions (SPDX 2.3 Annex D) for the SBOM formats: validates and canonicalises declared
 * licence strings so that no SBOM carries an invalid expression. The SPDX licence and exception ids come
 * from the SPDX licence list shipped inside cyclonedx-core-java ({@code /licenses/licenses.json} lists the
 * licences, {@code /spdx.schema.json} lists licences and exceptions).
 */
public final class SpdxLicenses {
  private static final Map<String, Optional<String>> RESOLVED = new ConcurrentHashMap<>();

  private SpdxLicenses() {}

  /**
   * {@code text} as a canonical SPDX expression (ids in their official case, operators upper case), or
   * null when it is not a valid expression over known SPDX ids, {@code LicenseRef-}s and exceptions.
   */
  public static String expression(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    List<String> tokens = tokenize(text);
    if (tokens == null) {
      return null;
    }
    Parser parser = new Parser(tokens);
    try {
      String result = parser.or();
      return parser.atEnd() ? result : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Like {@link #expression}, and when {@code text} is not an expression but names a single licence
   * ("Apache License, Version 2.0"), the SPDX id or expression cyclonedx-core-java's LicenseResolver maps
   * it to; null when neither works.
   */
  public static String resolve(String text) {
    String expression = expression(text);
    if (expression != null) {
      return expression;
    }
    if (text == null || text.isBlank()) {
      return null;
    }
    return RESOLVED.computeIfAbsent(text.strip(), SpdxLicenses::resolveName).orElse(null);
  }

  /** True when {@code id} is exactly a licence id of the SPDX licence list (not an exception, not a LicenseRef). */
  public static boolean isLicenseId(String id) {
    return id != null && id.equals(Ids.INSTANCE.licenses.get(id.toLowerCase(Locale.ROOT)));
  }

  /** True when {@code expression} combines several terms (needs parentheses inside another expression). */
  public static boolean isCompound(String expression) {
    return expression.strip().contains(" ");
  }

  /** A {@code LicenseRef-} id for free text: runs of characters outside {@code [A-Za-z0-9.]} become '-'. */
  public static String licenseRef(String text) {
    String id = text.strip().replaceAll("[^A-Za-z0-9.]+", "-").replaceAll("^-+|-+$", "");
    return "LicenseRef-" + (id.isEmpty() ? "unknown" : id);
  }

  private static Optional<String> resolveName(String name) {
    LicenseChoice choice = LicenseResolver.resolve(name, false);
    if (choice == null) {
      return Optional.empty();
    }
    if (choice.getExpression() != null) {
      return Optional.ofNullable(expression(choice.getExpression().getValue()));
    }
    if (choice.getLicenses() != null && choice.getLicenses().size() == 1) {
      return Optional.ofNullable(expression(choice.getLicenses().get(0).getId()));
    }
    return Optional.empty();
  }

  private static List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(' || c == ')' || Character.isWhitespace(c)) {
        if (word.length() > 0) {
          tokens.add(word.toString());
          word.setLength(0);
        }
        if (!Character.isWhitespace(c)) {
          tokens.add(String.valueOf(c));
        }
      } else if (c < 0x21 || c > 0x7e) {
        return null;
      } else {
        word.append(c);
      }
    }
    if (word.length() > 0) {
      tokens.add(word.toString());
    }
    return tokens;
  }

  /** Recursive descent over the tokens; precedence WITH, then AND, then OR. Returns canonical text. */
  private static final class Parser {
    private final List<String> tokens;
    private int pos;

    Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    boolean atEnd() {
      return pos == tokens.size();
    }

    String or() {
      StringBuilder out = new StringBuilder(and());
      while (peekOperator("OR")) {
        pos++;
        out.append(" OR ").append(and());
      }
      return out.toString();
    }

    private String and() {
      StringBuilder out = new StringBuilder(with());
      while (peekOperator("AND")) {
        pos++;
        out.append(" AND ").append(with());
      }
      return out.toString();
    }

    private String with() {
      if (peek("(")) {
        pos++;
        String inner = or();
        expect(")");
        return "(" + inner + ")";
      }
      String license = license(next());
      if (peekOperator("WITH")) {
        pos++;
        String exception = Ids.INSTANCE.exceptions.get(next().toLowerCase(Locale.ROOT));
        if (exception == null) {
          throw new IllegalArgumentException("unknown exception");
        }
        return license + " WITH " + exception;
      }
      return license;
    }

    private static String license(String token) {
      if (isOperator(token) || token.equals("(") || token.equals(")")) {
        throw new IllegalArgumentException("license expected");
      }
      if (token.matches("LicenseRef-[A-Za-z0-9.-]+")
          || token.matches("DocumentRef-[A-Za-z0-9.-]+:LicenseRef-[A-Za-z0-9.-]+")) {
        return token;
      }
      boolean orLater = token.endsWith("+") && !Ids.INSTANCE.licenses.containsKey(token.toLowerCase(Locale.ROOT));
      String id = Ids.INSTANCE.licenses.get(
          (orLater ? token.substring(0, token.length() - 1) : token).toLowerCase(Locale.ROOT));
      if (id != null) {
        return Ids.INSTANCE.current(id, orLater);
      }
      throw new IllegalArgumentException("unknown license id");
    }

    private static boolean isOperator(String token) {
      return token.equalsIgnoreCase("AND") || token.equalsIgnoreCase("OR") || token.equalsIgnoreCase("WITH");
    }

    private boolean peek(String token) {
      return pos < tokens.size() && tokens.get(pos).equals(token);
    }

    private boolean peekOperator(String operator) {
      return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(operator);
    }

    private String next() {
      if (pos >= tokens.size()) {
        throw new IllegalArgumentException("unexpected end");
      }
      return tokens.get(pos++);
    }

    private void expect(String token) {
      if (!token.equals(next())) {
        throw new IllegalArgumentException(token + " expected");
      }
    }
  }

  /** Lower-cased id to official id, loaded once. */
  private static final class Ids {
    static final Ids INSTANCE = new Ids();

    final Map<String, String> licenses = new HashMap<>();
    final Map<String, String> exceptions = new HashMap<>();
    final java.util.Set<String> deprecated = new java.util.HashSet<>();

    /**
     * The GNU licences' deprecated ids ({@code GPL-2.0}, {@code LGPL-2.1+}, {@code GPL-2.0+}) as their
     * current {@code -only} / {@code -or-later} ids, so that validators do not flag them; other ids as is
     * (with {@code +} when {@code orLater}).
     */
    String current(String id, boolean orLater) {
      if (deprecated.contains(id)) {
        boolean plus = orLater || id.endsWith("+");
        String base = id.endsWith("+") ? id.substring(0, id.length() - 1) : id;
        String replacement = licenses.get((base + (plus ? "-or-later" : "-only")).toLowerCase(Locale.ROOT));
        if (replacement != null) {
          return replacement;
        }
      }
      return orLater ? id + "+" : id;
    }

    private Ids() {
      for (JsonNode license : load("/licenses/licenses.json").path("licenses")) {
        String id = license.path("licenseId").asText();
        licenses.put(id.toLowerCase(Locale.ROOT), id);
        if (license.path("isDeprecatedLicenseId").asBoolean()) {
          deprecated.add(id);
        }
      }
      for (JsonNode id : load("/spdx.schema.json").path("enum")) {
        String key = id.asText().toLowerCase(Locale.ROOT);
        if (!licenses.containsKey(key)) {
          exceptions.put(key, id.asText());
        }
      }
      if (licenses.isEmpty() || exceptions.isEmpty()) {
        throw new IllegalStateException("SPDX licence list missing from cyclonedx-core-java");
      }
    }

    private static JsonNode load(String resource) {
      try (InputStream in = SpdxLicenses.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("resource " + resource + " missing (cyclonedx-core-java not on the classpath?)");
        }
        return Json.mapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
