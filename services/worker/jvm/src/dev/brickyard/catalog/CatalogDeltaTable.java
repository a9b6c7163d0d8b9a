package dev.brickyard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogStorageFormat;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.delta.catalog.DeltaTableV2;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.immutable.Map$;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A Unity Catalog table as Delta loaded it by its location, told its name: the table's catalog
 * entry (name, type, location, provider), which Spark asks a table for where it writes through the
 * table's V1 form, as `writeStream.toTable(name)` does. Delta reads the table's schema and
 * properties from its own log, never from this entry.
 */
final class CatalogDeltaTable {
  private CatalogDeltaTable() {}

  static Table named(Table loaded, SecurableName name, JsonNode info) {
    if (!(loaded instanceof DeltaTableV2 table)) return loaded;
    return table.copy(
        table.spark(),
        table.path(),
        Option.apply(entry(name, info)),
        Option.apply(name.fullName()),
        table.timeTravelOpt(),
        table.options());
  }

  private static CatalogTable entry(SecurableName name, JsonNode info) {
    Seq<String> none = CollectionConverters.asScala(java.util.List.<String>of()).toList();
    scala.collection.immutable.Map<String, String> noProperties = Map$.MODULE$.empty();
    CatalogStorageFormat storage =
        new CatalogStorageFormat(
            Option.apply(URI.create(info.path("storage_location").asText())),
            Option.empty(),
            Option.empty(),
            Option.empty(),
            false,
            noProperties,
            Option.empty());
    boolean managed = info.path("table_type").asText("MANAGED").equals("MANAGED");
    return new CatalogTable(
        new TableIdentifier(name.name(), Option.apply(name.schema()), Option.apply(name.catalog())),
        managed ? CatalogTableType.MANAGED() : CatalogTableType.EXTERNAL(),
        storage,
        new StructType(),
        Option.apply("delta"),
        none,
        Option.empty(),
        info.path("owner").asText(""),
        info.path("created_at").asLong(0),
        -1L,
        "",
        noProperties,
        Option.empty(),
        Option.empty(),
        Option.empty(),
        Option.empty(),
        none,
        false,
        true,
        noProperties,
        Option.empty(),
        Option.empty());
  }
}
