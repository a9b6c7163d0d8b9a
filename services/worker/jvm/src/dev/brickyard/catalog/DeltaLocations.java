package dev.brickyard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.connector.catalog.Identifier;

/** How Delta's catalog names a table by its location: the identifier `delta.`<location>``. */
final class DeltaLocations {
  private DeltaLocations() {}

  static Identifier identifier(String location) {
    return Identifier.of(new String[] {"delta"}, location);
  }

  static Identifier identifier(JsonNode tableInfo) {
    return identifier(tableInfo.path("storage_location").asText());
  }
}
