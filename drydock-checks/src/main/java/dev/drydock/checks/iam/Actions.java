package dev.drydock.checks.iam;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an IAM action string grants. Matching is case-insensitive, as IAM's is. An action is read-only when
 * the part after the service prefix starts with one of {@link #READ_VERBS} ({@code s3:GetObject},
 * {@code ec2:Describe*}, {@code dynamodb:Query}); everything else, including wildcards that could expand
 * to a write ({@code s3:*Object}, {@code s3:G*}), counts as write or permissions management. This is a
 * verb heuristic, not AWS's access-level table: see docs/cloudformation-checks.md.
 */
public final class Actions {
  /** Verb prefixes of read-only actions (lower case). */
  public static final List<String> READ_VERBS = List.of("get", "list", "describe", "batchget", "batchcheck", "query",
      "scan", "search", "select", "lookup", "view", "head", "filter", "read");

  private static final Pattern SERVICE_WIDE = Pattern.compile("[a-z0-9-]+:\\*+");

  private Actions() {}

  /** {@code *} or {@code *:*}: every action of every service. */
  public static boolean isEverything(String action) {
    String a = action.trim();
    return a.equals("*") || a.equals("*:*");
  }

  /** {@code service:*}: every action of one service. */
  public static boolean isServiceWide(String action) {
    return SERVICE_WIDE.matcher(action.trim().toLowerCase(Locale.ROOT)).matches();
  }

  /** Whether the action (possibly with {@code *} and {@code ?} wildcards) is read-only. */
  public static boolean isReadOnly(String action) {
    String a = action.trim().toLowerCase(Locale.ROOT);
    int colon = a.indexOf(':');
    if (colon <= 0) {
      return false;
    }
    String verb = a.substring(colon + 1);
    for (String r : READ_VERBS) {
      if (verb.startsWith(r)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the action pattern (with IAM wildcards) covers the concrete action {@code target}. */
  public static boolean covers(String pattern, String target) {
    return glob(pattern.trim().toLowerCase(Locale.ROOT), 0, target.toLowerCase(Locale.ROOT), 0);
  }

  private static boolean glob(String p, int i, String t, int j) {
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '*') {
        for (int k = j; k <= t.length(); k++) {
          if (glob(p, i + 1, t, k)) {
            return true;
          }
        }
        return false;
      }
      if (j >= t.length() || (c != '?' && c != t.charAt(j))) {
        return false;
      }
      i++;
      j++;
    }
    return j == t.length();
  }
}
