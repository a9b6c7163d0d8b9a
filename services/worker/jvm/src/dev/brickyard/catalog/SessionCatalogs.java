package dev.brickyard.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The workspace's catalogs in a Spark session. Spark knows a catalog once its plugin is configured
 * (`spark.sql.catalog.<name>`) and lists only those it has loaded; Unity Catalog is the list here,
 * so SHOW CATALOGS asks the API and USE CATALOG configures a catalog made after the session began.
 */
final class SessionCatalogs {
  static final String SHOW = "show_catalogs";
  static final String USE = "use_catalog";

  private SessionCatalogs() {}

  /** Configures `name` as a catalog of this plugin in the active session, unless it is one. */
  static void register(String name) {
    RuntimeConfig conf = SparkSession.active().conf();
    String key = "spark.sql.catalog." + name;
    if (!conf.contains(key)) conf.set(key, UnityCatalog.class.getName());
  }

  /** show_catalogs(pattern): the catalogs, sorted, matching SHOW CATALOGS' LIKE pattern if any. */
  static RowsProcedure show(UnityCatalogClient api) {
    return new RowsProcedure(SHOW, List.of("pattern"), new StructType().add("catalog", DataTypes.StringType, false)) {
      @Override
      List<InternalRow> rows(InternalRow input) {
        Pattern pattern = input.isNullAt(0) ? null : likePattern(input.getUTF8String(0).toString());
        return api.list("/catalogs", Map.of(), "catalogs").stream()
            .map(catalog -> catalog.path("name").asText())
            .filter(name -> pattern == null || pattern.matcher(name).matches())
            .sorted()
            .map(name -> (InternalRow) new GenericInternalRow(new Object[] {UTF8String.fromString(name)}))
            .toList();
      }
    };
  }

  /** use_catalog(name): the catalog, which must exist, becomes the session's current one. */
  static RowsProcedure use(UnityCatalogClient api) {
    return new RowsProcedure(USE, List.of("name"), new StructType()) {
      @Override
      List<InternalRow> rows(InternalRow input) {
        String name = input.getUTF8String(0).toString().toLowerCase(Locale.ROOT);
        try {
          api.get("/catalogs/" + UnityCatalogClient.segment(name), Map.of());
        } catch (ApiException e) {
          if (e.isNotFound()) {
            throw new IllegalArgumentException(
                "[NO_SUCH_CATALOG_EXCEPTION] The catalog '" + name + "' was not found. SQLSTATE: 42704", e);
          }
          throw e;
        }
        register(name);
        SparkSession.active().catalog().setCurrentCatalog(name);
        return List.of();
      }
    };
  }

  /** Spark's SHOW ... LIKE pattern: `*` any characters, `|` alternatives, case-insensitive. */
  static Pattern likePattern(String like) {
    StringBuilder regex = new StringBuilder();
    for (String alternative : like.split("\\|", -1)) {
      if (regex.length() > 0) regex.append('|');
      regex.append("(?:");
      for (String literal : alternative.trim().split("\\*", -1)) regex.append(Pattern.quote(literal)).append(".*");
      regex.setLength(regex.length() - 2);
      regex.append(')');
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }
}
