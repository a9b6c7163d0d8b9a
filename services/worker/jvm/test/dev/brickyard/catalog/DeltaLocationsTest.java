package dev.brickyard.catalog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.connector.catalog.Identifier;
import org.junit.jupiter.api.Test;

class DeltaLocationsTest {
  @Test
  void deltaTablesByPathAreDeltas() {
    assertTrue(DeltaLocations.isPathIdentifier(Identifier.of(new String[] {"delta"}, "dbfs:/data/events")));
    assertTrue(DeltaLocations.isPathIdentifier(Identifier.of(new String[] {"DELTA"}, "s3://bucket/t")));
    assertTrue(DeltaLocations.isPathIdentifier(Identifier.of(new String[] {"delta"}, "/tmp/t")));
  }

  @Test
  void aSchemaNamedDeltaHoldsCatalogTables() {
    assertFalse(DeltaLocations.isPathIdentifier(Identifier.of(new String[] {"delta"}, "events")));
    assertFalse(DeltaLocations.isPathIdentifier(Identifier.of(new String[] {"sales"}, "/tmp/t")));
    assertFalse(DeltaLocations.isPathIdentifier(Identifier.of(new String[] {"main", "delta"}, "/tmp/t")));
  }
}
