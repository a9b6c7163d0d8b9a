package dev.brickyard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hadoop.fs.Path;
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

  /**
   * Whether a name is Delta's table by path (`delta.`dbfs:/data/events``), which Spark resolves in
   * the current catalog like any two-part name: Delta, not Unity Catalog, knows those.
   */
  static boolean isPathIdentifier(Identifier identifier) {
    String[] namespace = identifier.namespace();
    return namespace.length == 1
        && namespace[0].equalsIgnoreCase("delta")
        && new Path(identifier.name()).isAbsolute();
  }
}
