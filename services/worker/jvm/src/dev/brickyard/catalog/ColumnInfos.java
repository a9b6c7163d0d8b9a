package dev.brickyard.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.sql.types.VariantType;

/** A table's columns as Unity Catalog's ColumnInfo: the names and types the SDK and the UI show. */
final class ColumnInfos {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ColumnInfos() {}

  static List<Map<String, Object>> of(Table table) {
    return of(table.columns(), table.partitioning());
  }

  static List<Map<String, Object>> of(Column[] tableColumns, Transform[] partitioning) {
    Set<String> partitionColumns = new HashSet<>();
    List<String> partitionOrder = new ArrayList<>();
    for (Transform transform : partitioning) {
      for (NamedReference reference : transform.references()) {
        String column = String.join(".", reference.fieldNames());
        if (partitionColumns.add(column)) partitionOrder.add(column);
      }
    }
    List<Map<String, Object>> columns = new ArrayList<>();
    for (int position = 0; position < tableColumns.length; position++) {
      Column column = tableColumns[position];
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("name", column.name());
      info.put("type_name", typeName(column.dataType()));
      info.put("type_text", column.dataType().simpleString());
      info.put("type_json", typeJson(column));
      info.put("position", position);
      info.put("nullable", column.nullable());
      if (column.comment() != null) info.put("comment", column.comment());
      if (column.dataType() instanceof DecimalType decimal) {
        info.put("type_precision", decimal.precision());
        info.put("type_scale", decimal.scale());
      }
      int partitionIndex = partitionOrder.indexOf(column.name());
      if (partitionIndex >= 0) info.put("partition_index", partitionIndex);
      columns.add(info);
    }
    return columns;
  }

  /** The column as a field of Spark's JSON schema, as Databricks shows it in type_json. */
  static String typeJson(Column column) {
    ObjectNode field = JSON.createObjectNode();
    field.put("name", column.name());
    try {
      field.set("type", JSON.readTree(column.dataType().json()));
      field.put("nullable", column.nullable());
      field.set("metadata", JSON.readTree(column.metadataInJSON() == null ? "{}" : column.metadataInJSON()));
      return JSON.writeValueAsString(field);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Spark wrote a type it cannot read back: " + column.dataType(), e);
    }
  }

  /** Columns back as Spark's schema, from the type_json each ColumnInfo carries. */
  static StructType schemaOf(JsonNode columns) {
    ArrayNode fields = JSON.createArrayNode();
    for (JsonNode column : columns) {
      String typeJson = column.path("type_json").asText("");
      if (typeJson.isEmpty()) {
        throw new IllegalStateException("Column " + column.path("name").asText() + " has no type_json");
      }
      try {
        fields.add(JSON.readTree(typeJson));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Column " + column.path("name").asText() + " has a broken type_json", e);
      }
    }
    ObjectNode struct = JSON.createObjectNode();
    struct.put("type", "struct");
    struct.set("fields", fields);
    return (StructType) DataType.fromJson(struct.toString());
  }

  /** Unity Catalog's ColumnTypeName of a Spark type. */
  static String typeName(DataType type) {
    if (type instanceof StringType) return "STRING";
    if (type instanceof LongType) return "LONG";
    if (type instanceof IntegerType) return "INT";
    if (type instanceof ShortType) return "SHORT";
    if (type instanceof ByteType) return "BYTE";
    if (type instanceof DoubleType) return "DOUBLE";
    if (type instanceof FloatType) return "FLOAT";
    if (type instanceof DecimalType) return "DECIMAL";
    if (type instanceof BooleanType) return "BOOLEAN";
    if (type instanceof DateType) return "DATE";
    if (type instanceof TimestampNTZType) return "TIMESTAMP_NTZ";
    if (type instanceof TimestampType) return "TIMESTAMP";
    if (type instanceof BinaryType) return "BINARY";
    if (type instanceof ArrayType) return "ARRAY";
    if (type instanceof MapType) return "MAP";
    if (type instanceof StructType) return "STRUCT";
    if (type instanceof VariantType) return "VARIANT";
    if (type instanceof NullType) return "NULL";
    return "USER_DEFINED_TYPE";
  }
}
