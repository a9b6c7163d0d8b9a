package dev.brickyard.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class DescribeJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void typesAreDescribedAsDatabricksDoes() throws Exception {
    assertEquals("{\"name\":\"int\"}", DescribeJson.typeOf(DataTypes.IntegerType).toString());
    assertEquals("{\"name\":\"bigint\"}", DescribeJson.typeOf(DataTypes.LongType).toString());
    assertEquals("{\"name\":\"timestamp_ltz\"}", DescribeJson.typeOf(DataTypes.TimestampType).toString());
    assertEquals(
        "{\"name\":\"decimal\",\"precision\":10,\"scale\":2}",
        DescribeJson.typeOf(DataTypes.createDecimalType(10, 2)).toString());
    assertEquals(
        "{\"name\":\"array\",\"element_type\":{\"name\":\"string\"},\"element_nullable\":true}",
        DescribeJson.typeOf(DataTypes.createArrayType(DataTypes.StringType)).toString());
    assertEquals(
        "{\"name\":\"map\",\"key_type\":{\"name\":\"string\"},\"value_type\":{\"name\":\"double\"},"
            + "\"value_nullable\":false}",
        DescribeJson.typeOf(DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false)).toString());
  }

  @Test
  void theDocumentNamesTheTableAndListsItsColumns() throws Exception {
    StructType schema = new StructType().add("id", DataTypes.LongType, false).add("s", DataTypes.StringType);
    String document =
        DescribeJson.of(
            new SecurableName("main", "sales", "orders"),
            JSON.readTree("{\"table_type\":\"MANAGED\",\"data_source_format\":\"DELTA\"}"),
            schema);
    assertEquals(
        JSON.readTree(
            "{\"table_name\":\"orders\",\"catalog_name\":\"main\",\"schema_name\":\"sales\","
                + "\"namespace\":[\"sales\"],\"type\":\"MANAGED\",\"columns\":["
                + "{\"name\":\"id\",\"type\":{\"name\":\"bigint\"},\"nullable\":false},"
                + "{\"name\":\"s\",\"type\":{\"name\":\"string\"},\"nullable\":true}],"
                + "\"provider\":\"delta\"}"),
        JSON.readTree(document));
  }
}
