package dev.drydock.model;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Documented credential formats (the shapes gitleaks' rules match), for the config checks that look at one
 * value at a time: Dockerfile ENV/ARG/RUN text (DD-DF-028) and image config env values (DD-IMG-006). The full
 * secret scanner with its 114 rules is drydock-secrets; these are the few shapes a config value is checked for.
 * None needs backtracking across the text. AWS's documented example keys (ending in {@code EXAMPLE}) are not
 * tokens. A shape that drydock-secrets also matches is a constant here, the one source for both.
 */
public final class TokenShapes {
  private TokenShapes() {}

  /**
   * An AWS access key id, without word boundaries: a four-letter prefix (AKIA long-term, ASIA temporary, ABIA
   * and ACCA as gitleaks lists them) and 16 upper-case letters or digits. The ids AWS issues use base32
   * ({@code A-Z2-7}); any digit is accepted so that a near miss is still reported.
   */
  public static final String AWS_ACCESS_KEY_ID = "(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}";

  /** The prefixes of {@link #AWS_ACCESS_KEY_ID}, lower case, as keywords that select text to search. */
  public static final List<String> AWS_ACCESS_KEY_ID_PREFIXES = List.of("akia", "asia", "abia", "acca");

  private record Shape(String what, Pattern pattern) {}

  private static final List<Shape> SHAPES = List.of(
      new Shape("an AWS access key id", Pattern.compile("\\b" + AWS_ACCESS_KEY_ID + "\\b")),
      new Shape("a GitHub token", Pattern.compile("\\b(?:gh[pousr]_[0-9A-Za-z]{36}|github_pat_\\w{82})\\b")),
      new Shape("a GitLab token", Pattern.compile("\\bglpat-[\\w-]{20}")),
      new Shape("a Slack token", Pattern.compile("\\bxox[abposer]-[0-9A-Za-z-]{10,}")),
      new Shape("a Stripe key", Pattern.compile("\\b[sr]k_(?:live|test|prod)_[0-9A-Za-z]{10,99}\\b")),
      new Shape("a Google API key", Pattern.compile("\\bAIza[\\w-]{35}")),
      new Shape("an npm token", Pattern.compile("\\bnpm_[0-9A-Za-z]{36}\\b")),
      new Shape("an Anthropic API key", Pattern.compile("\\bsk-ant-api03-[\\w-]{80,}")),
      new Shape("a private key", Pattern.compile("-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY")),
      new Shape("a URL with a password",
          Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]{0,20}://[^\\s/:@$]{0,100}:[^\\s/@$*{}]{1,200}@[\\w.-]")));

  /** What the first credential in {@code text} looks like ("a GitHub token"), or null if none. */
  public static String find(String text) {
    for (Shape s : SHAPES) {
      Matcher m = s.pattern().matcher(text);
      while (m.find()) {
        if (!m.group().endsWith("EXAMPLE")) {
          return s.what();
        }
      }
    }
    return null;
  }
}
