package dev.brickyard.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.spark.sql.connector.catalog.View;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ViewDefinitionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aViewSurvivesItsTripThroughUnityCatalog() {
    View view =
        new View.Builder()
            .withQueryText("SELECT a, upper(b) AS ub FROM t")
            .withCurrentCatalog("main")
            .withCurrentNamespace(new String[] {"sales"})
            .withSqlConfigs(Map.of("spark.sql.ansi.enabled", "true"))
            .withSchemaMode("COMPENSATION")
            .withQueryColumnNames(new String[] {"a", "ub"})
            .withSchema(new StructType().add("a", DataTypes.IntegerType).add("ub", DataTypes.StringType))
            .withProperties(Map.of("owner_team", "sales", "comment", "upper-cased"))
            .build();
    Map<String, Object> fields = ViewDefinitions.fieldsOf(view);
    assertEquals("upper-cased", fields.get("comment"));
    JsonNode info = JSON.valueToTree(fields);
    ((com.fasterxml.jackson.databind.node.ObjectNode) info).put("table_type", "VIEW");

    View back = ViewDefinitions.fromTableInfo(info);
    assertEquals(view.queryText(), back.queryText());
    assertEquals("main", back.currentCatalog());
    assertArrayEquals(new String[] {"sales"}, back.currentNamespace());
    assertEquals(Map.of("spark.sql.ansi.enabled", "true"), back.sqlConfigs());
    assertEquals("COMPENSATION", back.schemaMode());
    assertArrayEquals(new String[] {"a", "ub"}, back.queryColumnNames());
    assertEquals(view.schema(), back.schema());
    assertEquals("sales", back.properties().get("owner_team"));
  }
}
