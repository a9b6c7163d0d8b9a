package dev.brickyard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.View;
import org.apache.spark.sql.connector.expressions.Transform;

/**
 * A Spark view as a Unity Catalog VIEW and back. The query is the table's view_definition and the
 * columns its ColumnInfos; what Spark needs to expand the query as it was written (the catalog
 * and namespace then current, the SQL settings, the query's own column names, the schema mode)
 * goes into properties under the keys Spark's session catalog uses for the same purpose.
 */
final class ViewDefinitions {
  static final String TABLE_TYPE = "VIEW";
  private static final String NAMESPACE_PARTS = "view.catalogAndNamespace.numParts";
  private static final String NAMESPACE_PART = "view.catalogAndNamespace.part.";
  private static final String SQL_CONFIG = "view.sqlConfig.";
  private static final String COLUMN_COUNT = "view.query.out.numCols";
  private static final String COLUMN = "view.query.out.col.";
  private static final String SCHEMA_MODE = "view.schemaMode";

  private ViewDefinitions() {}

  /** The fields of a tables/create (or update) body that describe the view. */
  static Map<String, Object> fieldsOf(View view) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("view_definition", view.queryText());
    fields.put("columns", ColumnInfos.of(view.columns(), new Transform[0]));
    Map<String, String> properties = new LinkedHashMap<>(view.properties());
    String comment = properties.remove(TableCatalog.PROP_COMMENT);
    properties.remove(TableCatalog.PROP_OWNER);
    properties.remove(TableCatalog.PROP_TABLE_TYPE);
    properties.putAll(contextOf(view));
    fields.put("properties", properties);
    if (comment != null) fields.put("comment", comment);
    return fields;
  }

  /** The view a VIEW table info describes. */
  static View fromTableInfo(JsonNode info) {
    Map<String, String> properties = new LinkedHashMap<>();
    info.path("properties")
        .properties()
        .forEach(property -> properties.put(property.getKey(), property.getValue().asText()));
    List<String> catalogAndNamespace = numbered(properties, NAMESPACE_PARTS, NAMESPACE_PART);
    List<String> queryColumns = numbered(properties, COLUMN_COUNT, COLUMN);
    Map<String, String> sqlConfigs = new LinkedHashMap<>();
    Map<String, String> userProperties = new LinkedHashMap<>();
    properties.forEach(
        (key, value) -> {
          if (key.startsWith(SQL_CONFIG)) sqlConfigs.put(key.substring(SQL_CONFIG.length()), value);
          else if (!key.startsWith("view.")) userProperties.put(key, value);
        });
    View.Builder builder =
        new View.Builder()
            .withQueryText(info.path("view_definition").asText())
            .withSqlConfigs(sqlConfigs)
            .withQueryColumnNames(queryColumns.toArray(String[]::new))
            .withSchema(ColumnInfos.schemaOf(info.path("columns")))
            .withProperties(userProperties)
            .withTableType(TABLE_TYPE);
    if (!catalogAndNamespace.isEmpty()) {
      builder
          .withCurrentCatalog(catalogAndNamespace.get(0))
          .withCurrentNamespace(
              catalogAndNamespace.subList(1, catalogAndNamespace.size()).toArray(String[]::new));
    }
    String schemaMode = properties.get(SCHEMA_MODE);
    if (schemaMode != null) builder.withSchemaMode(schemaMode);
    JsonNode comment = info.path("comment");
    if (comment.isTextual()) builder.withComment(comment.asText());
    JsonNode owner = info.path("owner");
    if (owner.isTextual()) builder.withOwner(owner.asText());
    return builder.build();
  }

  private static Map<String, String> contextOf(View view) {
    Map<String, String> context = new LinkedHashMap<>();
    List<String> catalogAndNamespace = new ArrayList<>();
    if (view.currentCatalog() != null) {
      catalogAndNamespace.add(view.currentCatalog());
      if (view.currentNamespace() != null) catalogAndNamespace.addAll(List.of(view.currentNamespace()));
    }
    putNumbered(context, NAMESPACE_PARTS, NAMESPACE_PART, catalogAndNamespace);
    String[] queryColumns = view.queryColumnNames();
    putNumbered(context, COLUMN_COUNT, COLUMN, queryColumns == null ? List.of() : List.of(queryColumns));
    if (view.sqlConfigs() != null) view.sqlConfigs().forEach((key, value) -> context.put(SQL_CONFIG + key, value));
    if (view.schemaMode() != null) context.put(SCHEMA_MODE, view.schemaMode());
    return context;
  }

  private static void putNumbered(Map<String, String> into, String countKey, String partKey, List<String> parts) {
    if (parts.isEmpty()) return;
    into.put(countKey, String.valueOf(parts.size()));
    for (int index = 0; index < parts.size(); index++) into.put(partKey + index, parts.get(index));
  }

  private static List<String> numbered(Map<String, String> properties, String countKey, String partKey) {
    int count = Integer.parseInt(properties.getOrDefault(countKey, "0"));
    List<String> parts = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      String part = properties.get(partKey + index);
      if (part == null) throw new IllegalStateException("View property " + partKey + index + " is missing");
      parts.add(part);
    }
    return parts;
  }
}
