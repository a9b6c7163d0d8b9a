package dev.brickyard.catalog;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Databricks SQL statements about catalogs and volumes that Spark's grammar lacks (and DESCRIBE
 * ... AS JSON, which Spark has for its session catalog only), rewritten as
 * calls of the procedures of {@link CatalogProcedures} that do the same
 * (`CALL main.brickyard.create_volume(...)`).
 */
final class CatalogStatements {
  /** The catalog and namespace whose procedures the rewritten statements call. */
  static final String PROCEDURES = "main.brickyard";

  private static final String NAME = "((?:`[^`]+`|[A-Za-z0-9_]+)(?:\\.(?:`[^`]+`|[A-Za-z0-9_]+)){0,2})";
  private static final String STRING = "'((?:[^'\\\\]|\\\\.)*)'";
  private static final String END = "\\s*;?\\s*$";
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;

  private static final Pattern LEADING_COMMENTS =
      Pattern.compile("^(?:\\s*(?:/\\*.*?\\*/|--[^\\n]*(?:\\n|$)))+", Pattern.DOTALL);
  private static final Pattern USE_CATALOG = Pattern.compile("^\\s*USE\\s+CATALOG\\s+" + NAME + END, FLAGS);
  private static final Pattern CREATE_CATALOG =
      Pattern.compile(
          "^\\s*CREATE\\s+CATALOG\\s+(IF\\s+NOT\\s+EXISTS\\s+)?"
              + NAME
              + "(?:\\s+COMMENT\\s+"
              + STRING
              + ")?"
              + END,
          FLAGS);
  private static final Pattern DROP_CATALOG =
      Pattern.compile(
          "^\\s*DROP\\s+CATALOG\\s+(IF\\s+EXISTS\\s+)?" + NAME + "(?:\\s+(CASCADE|RESTRICT))?" + END,
          FLAGS);
  private static final Pattern CREATE_VOLUME =
      Pattern.compile(
          "^\\s*CREATE\\s+(EXTERNAL\\s+)?VOLUME\\s+(IF\\s+NOT\\s+EXISTS\\s+)?"
              + NAME
              + "(?:\\s+LOCATION\\s+"
              + STRING
              + ")?(?:\\s+COMMENT\\s+"
              + STRING
              + ")?"
              + END,
          FLAGS);
  private static final Pattern DROP_VOLUME =
      Pattern.compile("^\\s*DROP\\s+VOLUME\\s+(IF\\s+EXISTS\\s+)?" + NAME + END, FLAGS);

  private static final Pattern SHOW_CATALOGS =
      Pattern.compile("^\\s*SHOW\\s+CATALOGS(?:\\s+(?:LIKE\\s+)?" + STRING + ")?" + END, FLAGS);
  private static final Pattern DESCRIBE_AS_JSON =
      Pattern.compile(
          "^\\s*DESC(?:RIBE)?\\s+(?:TABLE\\s+)?(?:EXTENDED\\s+)?" + NAME + "\\s+AS\\s+JSON" + END, FLAGS);

  private CatalogStatements() {}

  /** The Spark statement for `sql`, or empty when Spark's own grammar is the one to parse it. */
  static Optional<String> rewrite(String written) {
    // Tools put comments first (dbt: /* {"app": "dbt", ...} */); they do not change the statement.
    String sql = LEADING_COMMENTS.matcher(written).replaceFirst("");
    Matcher m = USE_CATALOG.matcher(sql);
    if (m.matches()) return Optional.of(call(SessionCatalogs.USE, "name => " + literal(unquote(m.group(1)))));
    m = SHOW_CATALOGS.matcher(sql);
    if (m.matches()) return Optional.of(call(SessionCatalogs.SHOW, "pattern => " + optionalLiteral(m.group(1))));
    m = CREATE_CATALOG.matcher(sql);
    if (m.matches()) {
      return Optional.of(
          call(
              "create_catalog",
              "name => " + literal(unquote(m.group(2))),
              "if_not_exists => " + (m.group(1) != null),
              "comment => " + optionalLiteral(m.group(3))));
    }
    m = DROP_CATALOG.matcher(sql);
    if (m.matches()) {
      return Optional.of(
          call(
              "drop_catalog",
              "name => " + literal(unquote(m.group(2))),
              "if_exists => " + (m.group(1) != null),
              "cascade => " + "CASCADE".equalsIgnoreCase(m.group(3))));
    }
    m = CREATE_VOLUME.matcher(sql);
    if (m.matches()) {
      return Optional.of(
          call(
              "create_volume",
              "name => " + literal(unquote(m.group(3))),
              "if_not_exists => " + (m.group(2) != null),
              "location => " + optionalLiteral(m.group(4)),
              "comment => " + optionalLiteral(m.group(5))));
    }
    m = DESCRIBE_AS_JSON.matcher(sql);
    if (m.matches()) return Optional.of(call(DescribeJsonProcedure.NAME, "name => " + literal(unquote(m.group(1)))));
    m = DROP_VOLUME.matcher(sql);
    if (m.matches()) {
      return Optional.of(
          call(
              "drop_volume",
              "name => " + literal(unquote(m.group(2))),
              "if_exists => " + (m.group(1) != null)));
    }
    return Optional.empty();
  }

  private static String call(String procedure, String... arguments) {
    return "CALL " + PROCEDURES + "." + procedure + "(" + String.join(", ", arguments) + ")";
  }

  /** A dotted name without its backquotes: `a`.b → a.b (names with dots inside are not kept apart). */
  private static String unquote(String name) {
    return name.replace("`", "");
  }

  private static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** A string literal as the statement wrote it (escapes included), or NULL. */
  private static String optionalLiteral(String escaped) {
    return escaped == null ? "CAST(NULL AS STRING)" : "'" + escaped + "'";
  }
}
