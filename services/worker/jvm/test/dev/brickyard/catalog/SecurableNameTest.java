package dev.brickyard.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.sql.connector.catalog.Identifier;
import org.junit.jupiter.api.Test;

class SecurableNameTest {
  @Test
  void aSchemaOfTheCatalogItself() {
    assertEquals("main.sales.orders", SecurableName.tableOf("main", Identifier.of(new String[] {"Sales"}, "Orders")).fullName());
  }

  @Test
  void aCatalogSparkWasNotConfiguredWithArrivesAsTheFirstNamespacePart() {
    SecurableName name = SecurableName.tableOf("main", Identifier.of(new String[] {"late", "raw"}, "events"));
    assertEquals("late.raw.events", name.fullName());
    assertEquals("late", name.catalog());
  }

  @Test
  void deeperNamespacesAreNoUnityCatalogNames() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SecurableName.schemaOf("main", new String[] {"a", "b", "c"}));
  }
}
