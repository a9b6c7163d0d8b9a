package dev.brickyard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.CharType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.sql.types.VarcharType;

/**
 * `DESCRIBE TABLE EXTENDED ... AS JSON` in Databricks' format (the json_metadata document), which
 * Spark writes for its session catalog's tables only. Tools such as dbt read a table's columns
 * from it.
 */
final class DescribeJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DescribeJson() {}

  /** The document for a relation: its names, its type (MANAGED, EXTERNAL, VIEW) and its columns. */
  static String of(SecurableName name, JsonNode tableInfo, StructType schema) {
    ObjectNode document = JSON.createObjectNode();
    document.put("table_name", name.name());
    document.put("catalog_name", name.catalog());
    document.put("schema_name", name.schema());
    document.putArray("namespace").add(name.schema());
    document.put("type", tableInfo.path("table_type").asText());
    document.set("columns", fields(schema));
    if (tableInfo.path("comment").isTextual()) document.put("comment", tableInfo.path("comment").asText());
    if (tableInfo.path("owner").isTextual()) document.put("owner", tableInfo.path("owner").asText());
    if (tableInfo.path("data_source_format").isTextual()) {
      document.put("provider", tableInfo.path("data_source_format").asText().toLowerCase(java.util.Locale.ROOT));
    }
    if (tableInfo.path("storage_location").isTextual()) {
      document.put("location", tableInfo.path("storage_location").asText());
    }
    if (tableInfo.path("view_definition").isTextual()) {
      document.put("view_text", tableInfo.path("view_definition").asText());
    }
    return document.toString();
  }

  private static ArrayNode fields(StructType struct) {
    ArrayNode fields = JSON.createArrayNode();
    for (StructField field : struct.fields()) {
      ObjectNode column = fields.addObject();
      column.put("name", field.name());
      column.set("type", typeOf(field.dataType()));
      if (field.getComment().isDefined()) column.put("comment", field.getComment().get());
      column.put("nullable", field.nullable());
    }
    return fields;
  }

  /** A type as Databricks describes it: {"name": ...} plus what the type is made of. */
  static ObjectNode typeOf(DataType type) {
    ObjectNode node = JSON.createObjectNode();
    if (type instanceof StructType struct) {
      node.put("name", "struct");
      node.set("fields", fields(struct));
    } else if (type instanceof ArrayType array) {
      node.put("name", "array");
      node.set("element_type", typeOf(array.elementType()));
      node.put("element_nullable", array.containsNull());
    } else if (type instanceof MapType map) {
      node.put("name", "map");
      node.set("key_type", typeOf(map.keyType()));
      node.set("value_type", typeOf(map.valueType()));
      node.put("value_nullable", map.valueContainsNull());
    } else if (type instanceof DecimalType decimal) {
      node.put("name", "decimal");
      node.put("precision", decimal.precision());
      node.put("scale", decimal.scale());
    } else if (type instanceof VarcharType varchar) {
      node.put("name", "varchar");
      node.put("length", varchar.length());
    } else if (type instanceof CharType fixed) {
      node.put("name", "char");
      node.put("length", fixed.length());
    } else if (type instanceof TimestampType) {
      node.put("name", "timestamp_ltz");
    } else if (type instanceof TimestampNTZType) {
      node.put("name", "timestamp_ntz");
    } else {
      node.put("name", type.simpleString());
    }
    return node;
  }
}
