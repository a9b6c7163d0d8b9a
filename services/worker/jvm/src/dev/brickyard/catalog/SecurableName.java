package dev.brickyard.catalog;

import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.connector.catalog.Identifier;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Where a Spark name points in Unity Catalog. Every catalog is a Spark catalog of this plugin, but
 * Spark knows only the catalogs configured when the session began: a name whose first part is a
 * catalog created later reaches the current catalog with that catalog's name as the first of two
 * namespace parts, and is routed to it here.
 */
record SecurableName(String catalog, String schema, String name) {
  /** The schema a namespace of `ownCatalog` names: [schema] or [catalog, schema]. */
  static SecurableName schemaOf(String ownCatalog, String[] namespace) {
    return switch (namespace.length) {
      case 1 -> new SecurableName(lower(ownCatalog), lower(namespace[0]), null);
      case 2 -> new SecurableName(lower(namespace[0]), lower(namespace[1]), null);
      default ->
          throw new IllegalArgumentException(
              "Unity Catalog names have three parts (catalog.schema.name); got namespace "
                  + Arrays.toString(namespace));
    };
  }

  static SecurableName tableOf(String ownCatalog, Identifier identifier) {
    SecurableName schema = schemaOf(ownCatalog, identifier.namespace());
    return new SecurableName(schema.catalog, schema.schema, lower(identifier.name()));
  }

  /** Unity Catalog identifiers are case-insensitive and stored in lower case. */
  private static String lower(String part) {
    return part.toLowerCase(Locale.ROOT);
  }

  String schemaFullName() {
    return catalog + "." + schema;
  }

  String fullName() {
    return name == null ? schemaFullName() : schemaFullName() + "." + name;
  }

  String[] parts() {
    return name == null ? new String[] {catalog, schema} : new String[] {catalog, schema, name};
  }

  /** The parts as the Scala sequence Spark's "not found" and "already exists" errors quote. */
  Seq<String> quoted() {
    return CollectionConverters.asScala(Arrays.asList(parts())).toSeq();
  }
}
