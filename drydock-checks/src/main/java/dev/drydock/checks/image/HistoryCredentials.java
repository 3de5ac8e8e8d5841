package dev.drydock.checks.image;

import java.util.List;
import java.util.regex.Pattern;

/** Credentials on build command lines as the image history keeps them ({@code created_by}). */
final class HistoryCredentials {
  private HistoryCredentials() {}

  private record Form(String what, Pattern pattern) {}

  private static final String VALUE = "(?![\"']?\\$)[^\\s;&|]+";

  private static final List<Form> FORMS = List.of(
      new Form("a --password option", Pattern.compile("(?i)--(http-|ftp-|proxy-)?(password|passwd|pass)(=|\\s+)"
          + VALUE)),
      new Form("a MySQL -p<password>", Pattern.compile("(?i)\\b(mysql|mysqladmin|mysqldump|mariadb)\\b[^;&|\\n]*\\s"
          + "-p(?![\\s\"'$])\\S+")),
      new Form("user:password for curl/wget", Pattern.compile("(?i)\\b(curl|wget)\\b[^;&|\\n]*\\s(-u|--user)(=|\\s*)"
          + "(?![\"']?\\$)[^\\s:]+:(?![\"']?\\$)[^\\s@]+")),
      new Form("sshpass -p", Pattern.compile("\\bsshpass\\s+-p\\s*" + VALUE)),
      new Form("a URL with user:password", Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@$]+:(?!\\$)[^/\\s@]+@")),
      new Form("a secret build argument", Pattern.compile(
          "\\b[A-Za-z_]*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY)[A-Za-z_]*=(?![\"']?\\$)[^\\s\"'$;&|]+")));

  /** What kind of credential the command holds, or null. ENV entries are left to the environment rules. */
  static String find(String createdBy) {
    if (createdBy == null) {
      return null;
    }
    String c = createdBy.strip();
    if (c.startsWith("/bin/sh -c #(nop)")) {
      c = c.substring("/bin/sh -c #(nop)".length()).strip();
    }
    if (c.startsWith("ENV ")) {
      return null;
    }
    for (Form f : FORMS) {
      if (f.pattern().matcher(c).find()) {
        return f.what();
      }
    }
    return null;
  }
}
