package dev.drydock.secrets.crypto;

import static dev.drydock.secrets.crypto.Detector.on;
import static dev.drydock.secrets.crypto.Language.CSHARP;
import static dev.drydock.secrets.crypto.Language.GO;
import static dev.drydock.secrets.crypto.Language.JAVA;
import static dev.drydock.secrets.crypto.Language.JAVASCRIPT;
import static dev.drydock.secrets.crypto.Language.KOTLIN;
import static dev.drydock.secrets.crypto.Language.PYTHON;
import static dev.drydock.secrets.crypto.Rules.rule;

import dev.drydock.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DD-CRY-009: a password written into the source and passed to a database connection API. The password is a
 * secret: findings carry only the rule and the call's position, never the value.
 */
final class CredentialRules {
  /** {@code password=secret} in a key-value DSN or connection string; the value is not a placeholder. */
  private static final Pattern KV_PASSWORD =
      Pattern.compile("(?i)(?:^|[;\\s?&])(?:password|passwd|pwd)\\s*=\\s*(?![;&\\s]|$)[^;&\\s{}$%<]");
  /** {@code scheme://user:secret@host} or the Go MySQL form {@code user:secret@tcp(host)}. */
  private static final Pattern URL_PASSWORD = Pattern.compile(
      "^(?:[A-Za-z][\\w+.:-]*://[^:/@\\s]*:[^@\\s{}$%<]+@|[^:/@\\s=;]+:[^@\\s{}$%<]+@(?:tcp|unix)?[(/])");
  /** A keyword argument or object property naming a password, set to a non-empty string literal. */
  private static final Pattern PASSWORD_ARG = Pattern.compile(
      "(?i)(?:^|[{,\\s])['\"]?(?:password|passwd|pwd)['\"]?\\s*[:=]\\s*"
          + "(?:'[^'\\n{$]+'|\"[^\"\\n{$]+\"|`[^`\\n$]+`)\\s*(?:[,}]|$)");

  private CredentialRules() {}

  static List<Rule> rules() {
    return List.of(
        rule("DD-CRY-009", Severity.HIGH, "Hardcoded password passed to a database connection API",
            "Read the password at run time from the environment, a secrets manager or a mounted secret file, "
                + "and rotate the exposed one",
            Map.of(
                JAVA, "DriverManager.getConnection(url, user, System.getenv(\"DB_PASSWORD\"))",
                KOTLIN, "DriverManager.getConnection(url, user, System.getenv(\"DB_PASSWORD\"))",
                PYTHON, "psycopg2.connect(..., password=os.environ[\"DB_PASSWORD\"])",
                JAVASCRIPT, "mysql.createConnection({ ..., password: process.env.DB_PASSWORD })",
                GO, "build the DSN from os.Getenv(\"DB_PASSWORD\")",
                CSHARP, "read the connection string from configuration (user secrets, Key Vault, environment)"),
            List.of("CWE-798", "CWE-259"),
            on(JAVA, KOTLIN).key("DriverManager").refs("FindSecBugs HARD_CODE_PASSWORD")
                .check(CredentialRules::jdbc).regex("\\bDriverManager\\s*\\.\\s*getConnection\\s*\\("),
            on(PYTHON).key("connect", "create_pool", "redis").refs("bandit B106").check(CredentialRules::anyPassword)
                .regex("\\b(?:psycopg2?|psycopg|pymysql|MySQLdb|mysql\\s*\\.\\s*connector|pymssql|pyodbc|cx_Oracle"
                    + "|oracledb|asyncpg|aiomysql|aiopg|pg8000)\\s*\\.\\s*(?:connect|create_pool)\\s*\\("
                    + "|\\bredis\\s*\\.\\s*(?:Strict)?Redis\\s*\\("),
            on(PYTHON).key("create_engine").check(CredentialRules::anyPassword)
                .regex("\\bcreate_(?:async_)?engine\\s*\\("),
            on(JAVASCRIPT).key("createConnection", "Pool", "Client", "Sequelize", "connect")
                .check(CredentialRules::anyPassword)
                .regex("\\b(?:create(?:Connection|Pool|Client)|new\\s+(?:Pool|Client|Sequelize|MongoClient)"
                    + "|(?:mongoose|MongoClient)\\s*\\.\\s*connect)\\s*\\("),
            on(JAVASCRIPT).key("Sequelize").check(CredentialRules::thirdArgLiteral)
                .regex("\\bnew\\s+Sequelize\\s*\\("),
            on(GO).key("Open", "Connect", "New").anchor("sql", "postgres", "pgx", "redis")
                .check(CredentialRules::anyPassword)
                .regex("\\b(?:(?:sql|sqlx)\\s*\\.\\s*(?:Open|Connect|MustConnect|MustOpen)"
                    + "|(?:mysql|postgres|sqlserver|pgxpool|pgx|redis)\\s*\\.\\s*(?:Open|Connect|New|NewClient))"
                    + "\\s*\\("),
            on(CSHARP).key("Connection", "UseSqlServer", "UseNpgsql", "UseMySql", "UseOracle")
                .check(CredentialRules::anyPassword)
                .regex("\\bnew\\s+(?:Sql|Npgsql|MySql|Oracle|Sqlite|Odbc|OleDb)Connection\\s*\\("
                    + "|\\.\\s*Use(?:SqlServer|Npgsql|MySql|Oracle)\\s*\\(")));
  }

  /** {@code getConnection(url, user, "pw")} or a JDBC URL literal with {@code password=...}. */
  static boolean jdbc(Source source, Matcher m) {
    List<String> args = Calls.args(source.text(), m.end() - 1);
    if (args == null || args.isEmpty()) {
      return false;
    }
    return args.size() == 3 && Calls.nonEmptyLiteral(args.get(2)) || dsnWithPassword(args.get(0));
  }

  /** Any argument that is a password keyword/property with a literal, or a DSN literal with a password. */
  static boolean anyPassword(Source source, Matcher m) {
    List<String> args = Calls.args(source.text(), m.end() - 1);
    if (args == null) {
      return false;
    }
    for (String a : args) {
      if (PASSWORD_ARG.matcher(a).find() || dsnWithPassword(a)) {
        return true;
      }
    }
    return false;
  }

  /** {@code new Sequelize(db, user, "pw", ...)}. */
  static boolean thirdArgLiteral(Source source, Matcher m) {
    List<String> args = Calls.args(source.text(), m.end() - 1);
    return args != null && args.size() >= 3 && Calls.nonEmptyLiteral(args.get(2));
  }

  static boolean dsnWithPassword(String arg) {
    String value = Calls.literal(arg);
    return value != null && (KV_PASSWORD.matcher(value).find() || URL_PASSWORD.matcher(value).find());
  }
}
