package dev.brickyard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Databricks' INFORMATION_SCHEMA views over the metastore: `<catalog>.information_schema.<view>`
 * describes that catalog, `system.information_schema.<view>` every catalog. Rows are read from the
 * API when a query runs, so they are never stale; tools such as dbt list relations this way.
 */
final class InformationSchema {
  static final String SCHEMA = "information_schema";
  /** The catalog whose information schema spans every catalog. */
  static final String ALL_CATALOGS = "system";

  /** One view: its columns, and how a row is made from a (catalog, schema, table, column) walk. */
  private record ViewDefinition(Level level, List<ViewColumn> columns) {}

  private record ViewColumn(String name, DataType type, Function<Walk, Object> value) {}

  /** How deep a view walks the metastore: one row per catalog, schema, table or column. */
  enum Level {
    /** Views of what Brickyard's metastore does not keep (tags, masks, constraints): always empty. */
    NONE,
    CATALOG,
    SCHEMA,
    TABLE,
    COLUMN
  }

  /** Where a row is in the walk; the deeper parts are null above their level. */
  record Walk(JsonNode catalog, JsonNode schema, JsonNode table, JsonNode column) {}

  private static final Map<String, ViewDefinition> VIEWS =
      Map.ofEntries(
          unkept("table_tags", "catalog_name", "schema_name", "table_name", "tag_name", "tag_value"),
          unkept(
              "column_tags",
              "catalog_name", "schema_name", "table_name", "column_name", "tag_name", "tag_value"),
          unkept(
              "column_masks",
              "table_catalog", "table_schema", "table_name", "column_name",
              "mask_catalog", "mask_schema", "mask_name", "using_columns"),
          unkept(
              "table_constraints",
              "constraint_catalog", "constraint_schema", "constraint_name", "table_catalog",
              "table_schema", "table_name", "constraint_type", "is_deferrable", "initially_deferred",
              "enforced"),
          unkept(
              "key_column_usage",
              "constraint_catalog", "constraint_schema", "constraint_name", "table_catalog",
              "table_schema", "table_name", "column_name", "ordinal_position",
              "position_in_unique_constraint"),
          unkept(
              "referential_constraints",
              "constraint_catalog", "constraint_schema", "constraint_name", "unique_constraint_catalog",
              "unique_constraint_schema", "unique_constraint_name", "match_option", "update_rule",
              "delete_rule"),
          Map.entry(
              "catalogs",
              new ViewDefinition(
                  Level.CATALOG,
                  List.of(
                      text("catalog_name", walk -> walk.catalog().path("name")),
                      text("catalog_owner", walk -> walk.catalog().path("owner")),
                      text("comment", walk -> walk.catalog().path("comment")),
                      time("created", walk -> walk.catalog().path("created_at")),
                      text("created_by", walk -> walk.catalog().path("created_by")),
                      time("last_altered", walk -> walk.catalog().path("updated_at")),
                      text("last_altered_by", walk -> walk.catalog().path("updated_by"))))),
          Map.entry(
              "schemata",
              new ViewDefinition(
                  Level.SCHEMA,
                  List.of(
                      text("catalog_name", walk -> walk.catalog().path("name")),
                      text("schema_name", walk -> walk.schema().path("name")),
                      text("schema_owner", walk -> walk.schema().path("owner")),
                      text("comment", walk -> walk.schema().path("comment")),
                      time("created", walk -> walk.schema().path("created_at")),
                      text("created_by", walk -> walk.schema().path("created_by")),
                      time("last_altered", walk -> walk.schema().path("updated_at")),
                      text("last_altered_by", walk -> walk.schema().path("updated_by"))))),
          Map.entry(
              "tables",
              new ViewDefinition(
                  Level.TABLE,
                  List.of(
                      text("table_catalog", walk -> walk.catalog().path("name")),
                      text("table_schema", walk -> walk.schema().path("name")),
                      text("table_name", walk -> walk.table().path("name")),
                      text("table_type", walk -> walk.table().path("table_type")),
                      new ViewColumn(
                          "is_insertable_into",
                          DataTypes.StringType,
                          walk -> UnityViews.isView(walk.table()) ? "NO" : "YES"),
                      text("table_owner", walk -> walk.table().path("owner")),
                      text("comment", walk -> walk.table().path("comment")),
                      time("created", walk -> walk.table().path("created_at")),
                      text("created_by", walk -> walk.table().path("created_by")),
                      time("last_altered", walk -> walk.table().path("updated_at")),
                      text("last_altered_by", walk -> walk.table().path("updated_by")),
                      text("data_source_format", walk -> walk.table().path("data_source_format")),
                      text("storage_path", walk -> walk.table().path("storage_location"))))),
          Map.entry(
              "views",
              new ViewDefinition(
                  Level.TABLE,
                  List.of(
                      text("table_catalog", walk -> walk.catalog().path("name")),
                      text("table_schema", walk -> walk.schema().path("name")),
                      text("table_name", walk -> walk.table().path("name")),
                      text("view_definition", walk -> walk.table().path("view_definition")),
                      new ViewColumn("check_option", DataTypes.StringType, walk -> "NONE"),
                      new ViewColumn("is_updatable", DataTypes.StringType, walk -> "NO"),
                      new ViewColumn("is_insertable_into", DataTypes.StringType, walk -> "NO")))),
          Map.entry(
              "columns",
              new ViewDefinition(
                  Level.COLUMN,
                  List.of(
                      text("table_catalog", walk -> walk.catalog().path("name")),
                      text("table_schema", walk -> walk.schema().path("name")),
                      text("table_name", walk -> walk.table().path("name")),
                      text("column_name", walk -> walk.column().path("name")),
                      new ViewColumn(
                          "ordinal_position",
                          DataTypes.IntegerType,
                          walk -> walk.column().path("position").asInt()),
                      new ViewColumn(
                          "is_nullable",
                          DataTypes.StringType,
                          walk -> walk.column().path("nullable").asBoolean(true) ? "YES" : "NO"),
                      text("full_data_type", walk -> walk.column().path("type_text")),
                      text("data_type", walk -> walk.column().path("type_name")),
                      number("numeric_precision", walk -> walk.column().path("type_precision")),
                      number("numeric_scale", walk -> walk.column().path("type_scale")),
                      number("partition_index", walk -> walk.column().path("partition_index")),
                      text("comment", walk -> walk.column().path("comment"))))));

  private InformationSchema() {}

  static boolean isView(String name) {
    return VIEWS.containsKey(name);
  }

  static StructType schemaOf(String view) {
    return new StructType(
        definition(view).columns().stream()
            .map(column -> new StructField(column.name(), column.type(), true, Metadata.empty()))
            .toArray(StructField[]::new));
  }

  static Level levelOf(String view) {
    return definition(view).level();
  }

  /** The view's rows, one per walk position, as Java values in the schema's order. */
  static List<Object[]> rowsOf(String view, List<Walk> walks) {
    List<ViewColumn> columns = definition(view).columns();
    List<Object[]> rows = new ArrayList<>();
    for (Walk walk : walks) {
      if (view.equals("views") && !UnityViews.isView(walk.table())) continue;
      rows.add(columns.stream().map(column -> column.value().apply(walk)).toArray());
    }
    return rows;
  }

  private static ViewDefinition definition(String view) {
    ViewDefinition definition = VIEWS.get(view);
    if (definition == null) throw new IllegalArgumentException("No information_schema view " + view);
    return definition;
  }

  private static Map.Entry<String, ViewDefinition> unkept(String view, String... columns) {
    List<ViewColumn> empty = new ArrayList<>();
    for (String column : columns) {
      // Positions are numbers in Databricks' views; everything else there is text.
      DataType type = column.contains("position") ? DataTypes.IntegerType : DataTypes.StringType;
      empty.add(new ViewColumn(column, type, walk -> null));
    }
    return Map.entry(view, new ViewDefinition(Level.NONE, empty));
  }

  private static ViewColumn text(String name, Function<Walk, JsonNode> field) {
    return new ViewColumn(name, DataTypes.StringType, walk -> textOf(field.apply(walk)));
  }

  private static ViewColumn number(String name, Function<Walk, JsonNode> field) {
    return new ViewColumn(
        name, DataTypes.IntegerType, walk -> field.apply(walk).isNumber() ? field.apply(walk).asInt() : null);
  }

  /** Epoch milliseconds as Spark's timestamp, in microseconds. */
  private static ViewColumn time(String name, Function<Walk, JsonNode> field) {
    return new ViewColumn(
        name,
        DataTypes.TimestampType,
        walk -> field.apply(walk).isNumber() ? field.apply(walk).asLong() * 1000L : null);
  }

  private static String textOf(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }
}
