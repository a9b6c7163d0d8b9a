package dev.brickyard.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class InformationSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void tablesAndViewsGetARowEachAndViewsOnlyInViews() throws Exception {
    JsonNode catalog = json("{\"name\":\"main\"}");
    JsonNode schema = json("{\"name\":\"sales\"}");
    JsonNode table =
        json("{\"name\":\"orders\",\"table_type\":\"MANAGED\",\"data_source_format\":\"DELTA\",\"updated_at\":2}");
    JsonNode view = json("{\"name\":\"totals\",\"table_type\":\"VIEW\",\"view_definition\":\"SELECT 1\"}");
    List<InformationSchema.Walk> walks =
        List.of(
            new InformationSchema.Walk(catalog, schema, table, null),
            new InformationSchema.Walk(catalog, schema, view, null));

    List<Object[]> tables = InformationSchema.rowsOf("tables", walks);
    assertEquals(2, tables.size());
    String[] names = InformationSchema.schemaOf("tables").fieldNames();
    int type = List.of(names).indexOf("table_type");
    int altered = List.of(names).indexOf("last_altered");
    assertEquals("MANAGED", tables.get(0)[type]);
    assertEquals(2000L, tables.get(0)[altered]);
    assertEquals("VIEW", tables.get(1)[type]);

    List<Object[]> views = InformationSchema.rowsOf("views", walks);
    assertEquals(1, views.size());
    assertArrayEquals(new Object[] {"main", "sales", "totals", "SELECT 1", "NONE", "NO", "NO"}, views.get(0));
  }

  @Test
  void whatIsNotKeptHasColumnsButNoRows() {
    assertEquals(InformationSchema.Level.NONE, InformationSchema.levelOf("table_tags"));
    assertEquals(
        List.of("catalog_name", "schema_name", "table_name", "tag_name", "tag_value"),
        List.of(InformationSchema.schemaOf("table_tags").fieldNames()));
  }
}
