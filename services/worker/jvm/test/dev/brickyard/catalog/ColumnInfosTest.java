package dev.brickyard.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class ColumnInfosTest {
  @Test
  void typeNamesAreUnityCatalogs() {
    assertEquals("LONG", ColumnInfos.typeName(DataTypes.LongType));
    assertEquals("INT", ColumnInfos.typeName(DataTypes.IntegerType));
    assertEquals("DECIMAL", ColumnInfos.typeName(DataTypes.createDecimalType(10, 2)));
    assertEquals("TIMESTAMP_NTZ", ColumnInfos.typeName(DataTypes.TimestampNTZType));
    assertEquals("ARRAY", ColumnInfos.typeName(DataTypes.createArrayType(DataTypes.StringType)));
  }

  @Test
  void typeJsonIsTheFieldOfSparksJsonSchema() {
    Column column = Column.create("amount", DataTypes.createDecimalType(10, 2), false);
    assertEquals(
        "{\"name\":\"amount\",\"type\":\"decimal(10,2)\",\"nullable\":false,\"metadata\":{}}",
        ColumnInfos.typeJson(column));
  }
}
